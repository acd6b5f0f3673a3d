// Normalisation and tokenizing seen through the public scorer, plus language id.
#include <cmath>
#include <thread>
#include <vector>

#include "tests/sentiment/scorer_fixture.hpp"

namespace pantau::sentiment::test {
namespace {

TEST(Normalise, UrlsAndMentionsCarryNoSentiment) {
  EXPECT_DOUBLE_EQ(score("@bestbrand https://example.com/great-awesome-love"), 0.0);
  EXPECT_EQ(label("@terriblebank thanks, it works now"), Label::positive);
}

// A URL is found wherever it starts: inside a 64-byte chunk of the
// tokenizer's index or running into the next one. Its words never count.
TEST(Normalise, UrlsAreSkippedWhereverTheyStart) {
  const double alone = score("mantap");
  for (const std::string url : {"https://a.id/awful/terrible", "HTTP://a.id/awful/terrible", "www.awful.id/terrible"}) {
    for (size_t k = 0; k <= 80; ++k) {
      const std::string text = std::string(k, ' ') + "mantap " + url;
      EXPECT_DOUBLE_EQ(score(text), alone) << k << " blanks before: " << url;
    }
  }
}

TEST(Normalise, UnicodeFoldingAndFancyLetters) {
  EXPECT_EQ(label("Café was délicieux and the staff were GREAT"), Label::positive);
  EXPECT_EQ(label("ｇｏｏｄ service"), Label::positive);    // fullwidth
  EXPECT_EQ(label("𝐁𝐀𝐃 service"), Label::negative);        // mathematical bold
  EXPECT_EQ(label("it’s not good"), Label::negative);       // curly apostrophe
}

TEST(Normalise, EmojiGluedToWordsAndWithModifiers) {
  EXPECT_EQ(label("mantap👍🏽"), Label::positive);
  EXPECT_EQ(label("kecewa😡😡"), Label::negative);
  EXPECT_EQ(label("❤"), Label::positive);
  EXPECT_EQ(label("❤️"), Label::positive);  // with variation selector
  EXPECT_EQ(label("paketnya gak sampai sampai 😡"), Label::negative);  // emoji are never negated
}

TEST(Normalise, EmptyAndOddInputNeverFail) {
  EXPECT_DOUBLE_EQ(score(""), 0.0);
  EXPECT_EQ(lang(""), Lang::other);
  EXPECT_DOUBLE_EQ(score("\xff\xfe\x80 \xc3"), 0.0);  // invalid UTF-8
  std::string long_text(100000, 'a');
  EXPECT_DOUBLE_EQ(score(long_text), 0.0);
  std::string many;
  for (int i = 0; i < 5000; ++i) many += "bagus ";
  EXPECT_GT(score(many), 0.99);
}

// The compound is not clamped (scorer.cpp, finish): however large the sum,
// it stays within [-1, 1], and the shares add up to one.
TEST(Normalise, CompoundStaysWithinOneHoweverLargeTheSum) {
  std::string praise, abuse;
  for (int i = 0; i < 20000; ++i) {
    praise += "AMAZING LOVE mantap 😍 ";
    abuse += "TERRIBLE HATE anjir 😡 ";
  }
  for (const std::string& text : {praise + "!!!!", abuse + "!!!!"}) {
    const Score s = scorer().score(text);
    EXPECT_LE(s.compound, 1.0);
    EXPECT_GE(s.compound, -1.0);
    EXPECT_GT(std::abs(s.compound), 0.999);
    EXPECT_NEAR(s.pos + s.neu + s.neg, 1.0, 1e-9);
  }
}

// Words are scanned eight bytes at a time; elongation, case and word ends must
// come out the same wherever they fall relative to those eight-byte steps.
TEST(Normalise, LongWordsAndElongationAcrossEightByteSteps) {
  EXPECT_EQ(rule_of("this is goooooooooooood", "goo"), "lexicon+elongation");  // squeezed to "good"
  EXPECT_EQ(rule_of("abcdefgh goooood", "goo"), "lexicon+elongation");
  EXPECT_EQ(rule_of("mantuuuuuuuuuuuuuuuuuul", "man"), "lexicon+squeeze(mantul)+elongation");
  EXPECT_NE(rule_of("disappointinggggggggg", "dis").find("squeeze(disap"), std::string::npos);
  EXPECT_EQ(label("disappointinggggggggg"), Label::negative);
  EXPECT_EQ(rule_of("kecewaaaaaaaaaaaa", "kec"), "lexicon+squeeze(kecewa)+elongation");
  EXPECT_GT(score("service was WONDERFUL"), score("service was wonderful"));  // caps on a 9-letter word
  EXPECT_EQ(score("wonderful!"), score("wonderful !"));
  // Digit runs are never squeezed: this number keeps its 12 digits and is a phone.
  EXPECT_TRUE(scorer().score("promo murah hubungi 081222223333 sekarang").spam);
  EXPECT_FALSE(scorer().score("promo murah hubungi 0812 sekarang").spam);
  EXPECT_EQ(score("the pelayanannya ramah"), score("the pelayanannya ramah "));
}

// The tokenizer reads the text in 16- and 64-byte blocks: a word or a mark
// must mean the same wherever the blocks fall. Blanks before or after a text
// change nothing, so shifting a text by 0..70 blanks on either side moves
// every byte across every block edge (and the text's end through 64 and 128)
// and must leave the whole result alone.
TEST(Normalise, ResultDoesNotDependOnBlockEdges) {
  const std::vector<std::string> texts = {
      "Just finished the series. Love that they've pulled back on the sci-fi a little. Great story lines?",
      "@kopisenja kopinya ENAAAK bgt!!! tapi antrinya lamaaa, gak sesuai ekspektasi 😤 http://t.co/abc #KopiSenjaLemot",
      "Pelayanannya ramah, baik-baik semua :) tapi harganya mahal-mahal... apakah ada promo? www.promo.id",
      "s1ot g4cor maxwin hari ini, depo 10rb WA 0812-3456-7890 https://wa.me/6281234567890",
      "Sego pecele enak tenan, ning ora murah; sing dodol ramah pol \u2019 café naïve ｓｌｏｔ",
      "I don't think it's bad at all, it's actually really good!! #NotBad #bestcoffeeever",
  };
  auto snapshot = [](const std::string& text) {
    Score s = scorer().score(text, true);
    std::string out = std::to_string(s.compound) + " " + to_string(s.label) + " " + to_string(s.lang) + " " +
                      std::to_string(s.pos) + " " + std::to_string(s.neg) + " " + std::string(s.spam_reason);
    for (const auto& c : s.explanation) out += " [" + c.span + " " + std::to_string(c.valence) + " " + c.rule + "]";
    return out;
  };
  for (const std::string& text : texts) {
    const std::string expected = snapshot(text);
    for (size_t k = 1; k <= 70; ++k) {
      EXPECT_EQ(snapshot(std::string(k, ' ') + text), expected) << k << " blanks before: " << text;
      EXPECT_EQ(snapshot(text + std::string(k, ' ')), expected) << k << " blanks after: " << text;
    }
  }
}

TEST(LanguageId, EachLanguageAndOther) {
  EXPECT_EQ(lang("Saya sudah menunggu pesanan ini selama tiga hari"), Lang::id);
  EXPECT_EQ(lang("Aku wis ngenteni pesenan iki telung dina"), Lang::jv);
  EXPECT_EQ(lang("I have been waiting for this order for three days"), Lang::en);
  EXPECT_EQ(lang("Привет, как дела"), Lang::other);
  EXPECT_EQ(lang("😀😀"), Lang::other);
}

TEST(LanguageId, CodeMixedTextIsScoredNotDropped) {
  Score s = scorer().score("Sumpah customer service-nya slow response banget, disappointed");
  EXPECT_EQ(s.label, Label::negative);
  EXPECT_NE(s.lang, Lang::other);
}

TEST(Determinism, SameTextSameScoreAcrossThreads) {
  const std::string text = "Tempatnya nyaman tapi pelayanannya lama banget!!! 😤";
  const double expected = score(text);
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i)
        if (scorer().score(text).compound != expected) ++mismatches[t];
    });
  for (auto& th : threads) th.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

TEST(Determinism, ScoreIntoReusesTheResult) {
  Score s;
  scorer().score_into("bagus sekali", s, true);
  EXPECT_FALSE(s.explanation.empty());
  scorer().score_into("biasa", s, false);
  EXPECT_TRUE(s.explanation.empty());
}

}  // namespace
}  // namespace pantau::sentiment::test
