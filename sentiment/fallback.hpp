// Second-chance look-ups for words the lexicon does not know as written:
// elongation squeeze, reduplication, de-obfuscation, Indonesian/Javanese affixes
// and English inflections. Used only when the surface form is unknown, so the
// lexicon can always override a guess by listing the form itself.
#pragma once

#include <cstddef>
#include <cstdint>

#include "sentiment/lexicon.hpp"
#include "sentiment/tokenizer.hpp"

namespace pantau::sentiment::detail {

// Which rules shaped a unit's value; turned into words only for explanations.
enum RuleBit : uint32_t {
  kRulePhrase = 1u << 0,
  kRuleSlang = 1u << 1,
  kRuleSqueeze = 1u << 2,
  kRuleReduplication = 1u << 3,
  kRuleAffix = 1u << 4,
  kRuleDeobfuscated = 1u << 5,
  kRuleEnglishStem = 1u << 6,
  kRuleBooster = 1u << 7,
  kRuleDampener = 1u << 8,
  kRuleNegation = 1u << 9,
  kRuleCaps = 1u << 10,
  kRuleElongation = 1u << 11,
  kRuleBeforeContrast = 1u << 12,
  kRuleAfterContrast = 1u << 13,
  kRuleConcession = 1u << 14,
  kRuleQuestion = 1u << 15,
};

// Returns the term found for the word `w` (normalised bytes, `n` long, token
// flags `tflags`) under the text language `lang`, or -1; sets `rule`.
// `proper_noun`: the word is capitalised in mid-sentence, so no affix or
// inflection is stripped from it.
int32_t fallback_lookup(const Lexicon& lex, const char* w, size_t n, uint16_t tflags, int lang, uint32_t& rule,
                        bool proper_noun = false);

// Token flags that send a word through the form rules (squeeze, reduplication,
// digits), which fallback_lookup tries even on a proper noun.
constexpr uint16_t kFallbackFormFlags = kTokElongated | kTokHyphen | kTokDigit;
constexpr size_t kFallbackMinWord = 3, kFallbackMaxWord = 48;

// False when fallback_lookup is sure to return -1 for this word under `lang`,
// whatever the lexicon holds and whatever `proper_noun`: too short or too
// long, or English with no form flag and no ending an English suffix rule
// strips. Lets the caller skip the look-up and its memo (most unknown English
// words). Must follow fallback_lookup's own early exits and english()'s list.
// Branch-free (the answer is a coin toss on real text): `w` must have at
// least three readable bytes even when `n` < 3 (the tokenizer's normalised
// buffer keeps 64 spare bytes), which are read but cannot change the answer.
inline bool fallback_may_find(const char* w, size_t n, uint16_t tflags, int lang) {
  const bool len_ok = n - kFallbackMinWord <= kFallbackMaxWord - kFallbackMinWord;  // (unsigned)
  const char* e = w + (len_ok ? n : kFallbackMinWord);  // the last three bytes, read whatever n
  const auto c1 = static_cast<unsigned char>(e[-1]), c2 = static_cast<unsigned char>(e[-2]),
             c3 = static_cast<unsigned char>(e[-3]);
  const uint32_t two = c2 << 8 | c1, three = c3 << 16 | two;
  // 's, iness, ness, ies, es, s; ily, ly; ied, ed; er; ing; est
  const bool ending = (c1 == 's') | (two == ('l' << 8 | 'y')) | (two == ('e' << 8 | 'd')) |
                      (two == ('e' << 8 | 'r')) | (three == ('i' << 16 | 'n' << 8 | 'g')) |
                      (three == ('e' << 16 | 's' << 8 | 't'));
  return len_ok & ((lang != 2) | ((tflags & kFallbackFormFlags) != 0) | ending);
}

}  // namespace pantau::sentiment::detail
