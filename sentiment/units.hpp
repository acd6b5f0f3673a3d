// The rules engine's working records: one Unit per word or phrase of a text,
// the bits of the per-term Seed they start from, and what a pass tallies of
// them. Shared by scorer.cpp (the passes) and explain.cpp (explanations).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "sentiment/lexicon.hpp"

namespace pantau::sentiment::detail {

// Bits of Unit::flags above the lexicon's TermFlag bits (which keep the low 16).
enum UnitBit : uint32_t {
  kUnitSentiment = 1u << 16,    // carries a valence (nonzero, not kNoValence)
  kUnitSelfNegated = 1u << 18,  // a phrase that opens with its own negator ("tidak sopan")
  kUnitTransparent = 1u << 19,  // a negation reaches across it without using up its window
  kUnitHabitual = 1u << 20,     // makes a negation habitual ("never", "gak pernah")
  kUnitPhrase = 1u << 21,       // a matched phrase: first_tok and last_tok are set
};
constexpr uint32_t kTermFlagBits = 0xFFFFu;  // a term's TermFlag bits
constexpr uint32_t kModifierFlags = kNegator | kBoosterPre | kBoosterPost;

// One word or phrase of the text, in text order; consumed phrase words are removed.
// Only what the rules read is written for every token: term, flags and tflags.
// The rest is written where it can be read: valence and rules for sentiment
// units, modifier for phrases (a word's is read from its full record when
// it acts), booster/negator/contrast with
// their rule bits, and the token span (first_tok, last_tok, which only
// explanations read) for phrases when matched, for the other units when
// phrases are removed or an explanation is asked for.
struct Unit {
  int32_t term = -1;           // a phrase's first word; -1 unknown, -2 consumed by a phrase
  uint32_t flags = 0;          // TermFlag bits of the term or phrase for the text's language, plus UnitBit
  uint16_t tflags = 0;         // the first token's flags, plus kTokQuestionEnd of the last token
  float valence = kNoValence;  // lexicon value, then the final contribution
  float modifier = 0;          // a phrase's negation scalar or booster increment
  uint32_t first_tok = 0, last_tok = 0;
  uint32_t rules = 0;
  int32_t booster = -1, negator = -1, contrast = -1;  // unit positions, for explanations
};

// A Seed (lexicon.hpp) is what a unit takes from a known term under one
// language, worked out once per scorer: one eight-byte load per token instead
// of reading and testing the HotTerm fields one by one. Its flags are
// Unit::flags as the term alone gives them, plus these bits:
constexpr uint32_t kSeedVacant = 1u << 24;       // nothing at all for that language (Lexicon::vacant)
constexpr uint32_t kSeedSlang = 1u << 25;        // its canonical form is another term
constexpr uint32_t kSeedPhraseStart = 1u << 26;  // may open a phrase
constexpr uint32_t kSeedSpam = 1u << 27;         // carries spam points
constexpr uint32_t kSeedPhraseSecond = 1u << 28; // is (by canonical id) the second word of a phrase
constexpr uint32_t kSeedRuleOnly = 1u << 29;     // rule_only(): counted apart from neutral words
constexpr uint32_t kSeedBits = kSeedVacant | kSeedSlang | kSeedPhraseStart | kSeedSpam | kSeedPhraseSecond | kSeedRuleOnly;

// A unit with a rule but no valence (a negator, booster...), from its
// Unit::flags: neither a sentiment word nor a neutral one. Without a branch.
constexpr bool rule_only(uint32_t unit_flags) {
  return ((unit_flags & kTermFlagBits) != 0) & ((unit_flags & kUnitSentiment) == 0);
}

// What the rules and the spam check need to know of a text's units as a whole.
struct Tally {
  uint32_t any_rflags = 0;   // every flag of the units (a superset of their rule flags)
  uint32_t rule_only = 0;    // units with a rule but no valence (neither sentiment nor neutral words)
  uint32_t n_sentiment = 0;  // entries of the sentiment positions
  uint32_t n_starts = 0;     // entries of the phrase-start positions (see seed_units)
  float spam_points[kSpamReasonCount] = {0, 0, 0, 0, 0};
  bool spam_obfuscated = false;
};

// Unit positions, in storage sized once per text (at most one per token), so
// appending in the per-token loop is a plain store.
struct Positions {
  std::vector<uint32_t> buf;
  uint32_t* reset(size_t max) {
    if (buf.size() < max) buf.resize(max);
    return buf.data();
  }
};

}  // namespace pantau::sentiment::detail
