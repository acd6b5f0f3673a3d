// Lexicon loading: built-in hygiene, overlays and their error messages.
#include <cstdio>
#include <fstream>
#include <stdexcept>

#include "sentiment/lexicon.hpp"
#include "tests/sentiment/scorer_fixture.hpp"

namespace pantau::sentiment::test {
namespace {

std::string write_temp(const std::string& name, const std::string& content) {
  std::string path = testing::TempDir() + name;
  std::ofstream(path) << content;
  return path;
}

TEST(Lexicon, BuiltInsHaveNoConflictingDuplicates) {
  std::vector<std::string> dups;
  detail::Lexicon lex = detail::load_lexicon({}, &dups);
  EXPECT_TRUE(dups.empty()) << dups.size() << " conflicts, first: " << (dups.empty() ? "" : dups[0]);
  EXPECT_GT(lex.term_count(), 5000u);
  EXPECT_GT(lex.phrase_count(), 500u);
}

TEST(Lexicon, OverlayAddsAndOverridesTerms) {
  std::string path = write_temp("ac_brand.tsv",
                                "# an air-conditioner brand: cold is praise\n"
                                "dingin\t2.5\tcold air is what we sell\n"
                                "freon bocor\t-3\tleaking refrigerant\n");
  auto overlay = make_scorer(ScorerOptions{{path}});
  EXPECT_EQ(overlay->score("AC-nya dingin").label, Label::positive);
  EXPECT_EQ(overlay->score("freon bocor lagi").label, Label::negative);
  EXPECT_NE(scorer().score("AC-nya dingin").label, Label::positive);  // built-in unchanged
}

// Second-chance look-ups and hashtag splits are memoised per thread; two
// scorers used in turn on one thread must never see each other's results.
TEST(Lexicon, MemoisedLookupsStayWithTheirScorer) {
  std::string path = write_temp("sweet_brand.tsv",
                                "manis\t-3\ttoo sweet is our customers' top complaint\n"
                                "kopimanis\t-3\ta hashtag we watch\n");
  auto overlay = make_scorer(ScorerOptions{{path}});
  for (int round = 0; round < 3; ++round) {
    // "termanis" reaches "manis" only through the affix fallback.
    EXPECT_EQ(scorer().score("kopinya termanis").label, Label::positive) << round;
    EXPECT_EQ(overlay->score("kopinya termanis").label, Label::negative) << round;
    EXPECT_EQ(overlay->score("#kopimanis").label, Label::negative) << round;
    EXPECT_NE(scorer().score("#kopimanis").label, Label::negative) << round;
  }
}

// Spellings of one phrase share a key; the standard spelling's value wins,
// whatever order a hash map lists them in, and an overlay beats both.
TEST(Lexicon, PhraseSpellingsResolveDeterministically) {
  EXPECT_EQ(score("gk bisa dipakai"), score("tidak bisa dipakai"));
  EXPECT_EQ(score("tak bisa dipakai"), score("tidak bisa dipakai"));
  std::string path = write_temp("phrase_overlay.tsv", "gk bisa\t1.5\tour app's 'can't wait' campaign\n");
  auto overlay = make_scorer(ScorerOptions{{path}});
  EXPECT_EQ(overlay->score("tidak bisa").label, Label::positive);
  EXPECT_EQ(overlay->score("gak bisa").label, Label::positive);
}

// A phrase is looked for only where the next word, in the same clause, is
// some phrase's second word by its standard spelling: a slang spelling of
// that word ("bener" for "benar") still completes the phrase; a comma between
// the two words stops it.
TEST(Lexicon, PhraseSecondWordMatchesBySlangSpellingWithinAClause) {
  auto overlay = make_scorer(ScorerOptions{{write_temp("second_word.tsv", "kopi benar\t-3\ta test phrase\n")}});
  auto phrase_rule = [&](const std::string& text) {
    for (const auto& c : overlay->score(text, true).explanation)
      if (c.span.find("kopi") != std::string::npos) return c.rule;
    return std::string();
  };
  EXPECT_EQ(phrase_rule("kopi benar"), "phrase");
  EXPECT_EQ(phrase_rule("kopi bener"), "phrase");
  EXPECT_EQ(overlay->score("kopi bener").label, Label::negative);
  EXPECT_EQ(phrase_rule("kopi, benar"), "");
  EXPECT_EQ(phrase_rule("benar kopi"), "");
}

// Within one file, the standard spelling of a phrase beats a slang one
// whichever comes first (the built-ins above could agree by luck).
TEST(Lexicon, StandardPhraseSpellingWinsWithinAFile) {
  for (const std::string tsv : {"gk bisa\t2\tslang spelling\ntidak bisa\t-2\tstandard spelling\n",
                                "tidak bisa\t-2\tstandard spelling\ngk bisa\t2\tslang spelling\n"}) {
    auto overlay = make_scorer(ScorerOptions{{write_temp("spellings.tsv", tsv)}});
    EXPECT_EQ(overlay->score("gk bisa").label, Label::negative) << tsv;
    EXPECT_EQ(overlay->score("tidak bisa").label, Label::negative) << tsv;
  }
}

// A large overlay fills some hash buckets past their seven entries; every
// term must still be found (through the overflow list), and nothing else.
TEST(Lexicon, TermsInOverflowingBucketsAreFound) {
  std::string tsv;
  std::vector<std::string> words;
  for (int i = 0; i < 30000; ++i) {
    std::string w = "zq";
    for (int v = i; v > 0; v /= 26) w += static_cast<char>('a' + v % 26);
    if (i % 3 == 0) w += "panjangsekalikata";  // longer than a HotTerm holds
    words.push_back(w);
    tsv += w + "\t1\tgenerated\n";
  }
  detail::Lexicon lex = detail::load_lexicon({write_temp("many.tsv", tsv)});
  EXPECT_GT(lex.overflow_count(), 0u) << "the test no longer reaches the overflow list";
  for (const std::string& w : words) {
    const int32_t id = lex.find(w);
    ASSERT_GE(id, 0) << w;
    EXPECT_EQ(lex.text(id), w);
    EXPECT_LT(lex.find(w + "9"), 0) << w;  // no generated word has a digit
  }
}

TEST(Lexicon, OverlaysApplyInOrder) {
  std::string a = write_temp("first.tsv", "mantap\t-2\t\n");
  std::string b = write_temp("second.tsv", "mantap\t3\t\n");
  EXPECT_EQ(make_scorer(ScorerOptions{{a, b}})->score("mantap").label, Label::positive);
  EXPECT_EQ(make_scorer(ScorerOptions{{b, a}})->score("mantap").label, Label::negative);
}

TEST(Lexicon, BadOverlayNamesFileAndLine) {
  std::string path = write_temp("bad.tsv", "ok\t1\n\nbroken\tnot-a-number\n");
  try {
    make_scorer(ScorerOptions{{path}});
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    std::string msg = e.what();
    EXPECT_NE(msg.find("bad.tsv:3"), std::string::npos) << msg;
  }
  EXPECT_THROW(make_scorer(ScorerOptions{{write_temp("range.tsv", "x\t7\n")}}), std::runtime_error);
  EXPECT_THROW(make_scorer(ScorerOptions{{"/nonexistent/overlay.tsv"}}), std::runtime_error);
}

TEST(Lexicon, ToStringNames) {
  EXPECT_STREQ(to_string(Lang::id), "id");
  EXPECT_STREQ(to_string(Lang::jv), "jv");
  EXPECT_STREQ(to_string(Lang::en), "en");
  EXPECT_STREQ(to_string(Lang::other), "other");
}

}  // namespace
}  // namespace pantau::sentiment::test
