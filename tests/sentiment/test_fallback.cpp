// fallback_may_find (fallback.hpp) is a filter in front of fallback_lookup:
// the scorer skips the look-up, and its memo, for every word the filter turns
// away. The filter restates the look-up's early exits and english()'s
// suffix list; this checks that it never turns away a word the look-up finds,
// so that a suffix rule added to one list and not the other fails here.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sentiment/fallback.hpp"
#include "sentiment/lexicon.hpp"

namespace pantau::sentiment::test {
namespace {

using namespace detail;

constexpr int kEnglish = 2;

// The word in a buffer with the spare bytes the tokenizer's buffer has.
bool may_find(const std::string& w, uint16_t tflags, int lang) {
  std::string padded = w + std::string(64, '\0');
  return fallback_may_find(padded.data(), w.size(), tflags, lang);
}

int32_t lookup(const Lexicon& lex, const std::string& w, uint16_t tflags, int lang) {
  uint32_t rule = 0;
  return fallback_lookup(lex, w.data(), w.size(), tflags, lang, rule);
}

// Inflected forms of an English base word, one for each suffix rule of
// english() (with the spelling changes it undoes: y -> i, a dropped e, a
// doubled last letter).
std::vector<std::string> inflections(const std::string& b) {
  const char last = b.back();
  const std::string cut = b.substr(0, b.size() - 1);
  std::vector<std::string> out = {b + "'s", b + "ness", b + "es", b + "s",  b + "ly",   b + "d",
                                  b + "ed", b + "ing", b + "er", b + "est", b + last + "ed", b + last + "ing"};
  if (last == 'y') for (const char* s : {"iness", "ies", "ily", "ied"}) out.push_back(cut + s);
  if (last == 'e') out.push_back(cut + "ing");
  return out;
}

TEST(Fallback, FilterNeverTurnsAwayAnEnglishWordTheLookUpFinds) {
  const Lexicon lex = load_lexicon({});
  size_t found = 0;
  for (int32_t i = 0; i < static_cast<int32_t>(lex.term_count()); ++i) {
    const std::string base(lex.text(i));
    bool letters = base.size() >= 2;
    for (char c : base) letters &= c >= 'a' && c <= 'z';
    if (!letters) continue;
    for (const std::string& w : inflections(base)) {
      if (lex.find(w) >= 0 || lookup(lex, w, kTokAlpha, kEnglish) < 0) continue;
      ++found;
      ASSERT_TRUE(may_find(w, kTokAlpha, kEnglish)) << "'" << w << "' (from '" << base << "') is found by "
                                                       "fallback_lookup but turned away by fallback_may_find";
    }
  }
  EXPECT_GT(found, 5000u);  // the check ran on a real share of the lexicon
}

TEST(Fallback, FilterAndLookUpAgreeOnWordsTooShortOrTooLong) {
  const Lexicon lex = load_lexicon({});
  for (int lang = 0; lang < kLangs; ++lang) {
    for (const std::string& w : {std::string("ok"), std::string(kFallbackMaxWord + 1, 'a')}) {
      EXPECT_FALSE(may_find(w, kTokAlpha | kTokElongated, lang)) << w.size() << " bytes, language " << lang;
      EXPECT_LT(lookup(lex, w, kTokAlpha | kTokElongated, lang), 0) << w.size() << " bytes, language " << lang;
    }
    // Within the bounds the filter lets every non-English word through.
    EXPECT_TRUE(may_find("abc", kTokAlpha, lang) || lang == kEnglish);
  }
}

}  // namespace
}  // namespace pantau::sentiment::test
