// English rules, with sentences written for these tests.
#include "tests/sentiment/scorer_fixture.hpp"

namespace pantau::sentiment::test {
namespace {

TEST(EnglishRules, PlainPositiveAndNegative) {
  EXPECT_EQ(label("The support team was helpful and friendly."), Label::positive);
  EXPECT_EQ(label("The app is slow and keeps crashing."), Label::negative);
  EXPECT_EQ(lang("The support team was helpful and friendly."), Lang::en);
}

TEST(EnglishRules, NegationScope) {
  EXPECT_EQ(label("The food was not good."), Label::negative);
  EXPECT_EQ(label("I never liked their coffee."), Label::negative);
  EXPECT_EQ(label("Not the worst hotel I've stayed in."), Label::positive);
  EXPECT_EQ(label("NOT happy with this order"), Label::negative);  // capitalised negator
}

TEST(EnglishRules, NoProblemIsNotNegative) {
  EXPECT_GE(score("No problem, thanks for the quick reply"), 0.05);
  EXPECT_GE(score("no complaints about the delivery"), 0.0);
}

TEST(EnglishRules, BoostersAndDampeners) {
  EXPECT_GT(score("The room was very clean"), score("The room was clean"));
  EXPECT_LT(score("The room was slightly dirty"), 0.0);
  EXPECT_GT(score("The room was slightly dirty"), score("The room was dirty"));
  EXPECT_GT(score("kinda bad"), score("bad"));
}

TEST(EnglishRules, ContrastAndConcession) {
  EXPECT_EQ(label("The screen is nice but the battery is terrible"), Label::negative);
  EXPECT_EQ(label("Although the queue was long, the staff were wonderful"), Label::positive);
  EXPECT_EQ(label("Great location. However, the room was filthy and noisy."), Label::negative);
}

TEST(EnglishRules, CapsExclamationsAndElongation) {
  EXPECT_GT(score("This is GREAT"), score("This is great"));
  EXPECT_GT(score("This is great!!!"), score("This is great"));
  EXPECT_GT(score("this is sooooo good"), score("this is good"));
  EXPECT_GT(score("THE FRIES ARE GREAT"), score("the fries are great"));  // a shouted text
  EXPECT_LT(score("THE FRIES ARE AWFUL"), score("the fries are awful"));
  EXPECT_EQ(score("THE MEETING IS AT NINE"), 0.0);  // capitals alone carry no feeling
}

TEST(EnglishRules, SlangEmojiAndEmoticons) {
  EXPECT_EQ(label("new update is mid ngl"), Label::negative);
  EXPECT_EQ(label("that concert was lit"), Label::positive);
  EXPECT_EQ(label("delivered on time 👍"), Label::positive);
  EXPECT_EQ(label("my package is lost :("), Label::negative);
  EXPECT_EQ(label("❤️❤️❤️"), Label::positive);
}

TEST(EnglishRules, HashtagsAreSplitIntoWords) {
  EXPECT_EQ(label("Third time this week #KopiSenjaLemot"), Label::negative);
  EXPECT_EQ(label("morning flight #WorstAirlineEver"), Label::negative);
}

TEST(EnglishRules, ExplanationNamesEveryMovingToken) {
  Score s = scorer().score("The pizza was not very tasty, but the staff were amazing!", true);
  ASSERT_EQ(s.explanation.size(), 3u);
  EXPECT_EQ(s.explanation[0].span, "tasty");
  EXPECT_NE(s.explanation[0].rule.find("negation(not)"), std::string::npos);
  EXPECT_NE(s.explanation[0].rule.find("booster(very)"), std::string::npos);
  EXPECT_LT(s.explanation[0].valence, 0.0);
  EXPECT_EQ(s.explanation[1].span, "amazing");
  EXPECT_GT(s.explanation[1].valence, 0.0);
  EXPECT_EQ(s.explanation[2].rule, "emphasis(punctuation)");  // the "!"
  Score quiet = scorer().score("The pizza was not very tasty, but the staff were amazing!", false);
  EXPECT_TRUE(quiet.explanation.empty());
  EXPECT_DOUBLE_EQ(quiet.compound, s.compound);
}

TEST(EnglishRules, SharesAndLabelThresholds) {
  Score s = scorer().score("The staff were lovely but the wait was awful");
  EXPECT_NEAR(s.pos + s.neu + s.neg, 1.0, 1e-9);
  EXPECT_GT(s.pos, 0.0);
  EXPECT_GT(s.neg, 0.0);
  Score n = scorer().score("The meeting is at nine");
  EXPECT_EQ(n.label, Label::neutral);
  EXPECT_DOUBLE_EQ(n.compound, 0.0);
  EXPECT_DOUBLE_EQ(n.neu, 1.0);
}

TEST(EnglishRules, NeverOnceIsPraiseButNeverSoIsEmphasis) {
  EXPECT_EQ(label("Never once disappointed by this shop"), Label::positive);
  EXPECT_EQ(label("It never really disappoints"), Label::positive);
  EXPECT_EQ(label("I have never been so disappointed"), Label::negative);
  EXPECT_GE(score("The coffee is not very good"), score("The coffee is not good"));
}

TEST(EnglishRules, GradedEverydayWords) {
  // Strong words outweigh mild ones; ordinary nouns stay mild.
  EXPECT_LT(score("The service was horrible"), score("The service was slow"));
  EXPECT_GT(score("The cake was superb"), score("The cake was decent"));
  EXPECT_GT(score("See you at the dentist on Monday"), -0.45);
  EXPECT_GT(score("See you at the dentist on Monday"), score("The dentist was awful"));
  EXPECT_LT(score("My cat looks so lonely today"), -0.05);
  EXPECT_GT(score("Hurrah, the parcel came early"), 0.05);
  EXPECT_LT(score("I dislike waking up before the alarm"), -0.05);
  EXPECT_LT(score("Today was the saddest day of the month"), -0.05);
  EXPECT_GT(score("She amazes everyone at the office"), 0.05);
}

TEST(EnglishRules, LikeAfterIIsTheVerb) {
  EXPECT_GT(score("I like that you called back"), 0.05);
  EXPECT_LT(score("I don't like that colour on the walls"), -0.05);
  EXPECT_EQ(label("It looks like that old bridge"), Label::neutral);
  EXPECT_LT(score("I would like to change my delivery address"), score("I like the new delivery boxes"));
}

TEST(EnglishRules, SwearWordPhrases) {
  EXPECT_LT(score("oh fuck off"), score("oh no"));
  EXPECT_GT(score("hell yeah, pizza night"), 0.3);
}

TEST(EnglishRules, HeadlineWithLinkIsNearerNeutral) {
  double plain = score("Great win for the local team tonight");
  double linked = score("Great win for the local team tonight http://example.com/match");
  EXPECT_GT(linked, 0.05);
  EXPECT_LT(linked, plain);
  EXPECT_NE(rule_of("Great win for the local team tonight http://example.com/match", "(link)").find("link("),
            std::string::npos);
}

TEST(EnglishRules, ExplanationNamesCapitalsAndPunctuationApart) {
  Score s = scorer().score("THIS PHONE IS GREAT", true);
  bool capitals = false, punctuation = false;
  for (const auto& c : s.explanation) {
    capitals |= c.rule == "emphasis(capitals)";
    punctuation |= c.rule == "emphasis(punctuation)";
  }
  EXPECT_TRUE(capitals);
  EXPECT_FALSE(punctuation);  // no "!" in the text
}

TEST(EnglishRules, PraiseBuiltOnANegator) {
  EXPECT_GT(score("I can't recommend this enough"), 0.3);
  EXPECT_GT(score("Honestly, the blender couldn't be easier to clean"), 0.05);
  EXPECT_GT(score("These boots will not let you down"), 0.05);
  EXPECT_LT(score("The new charger lets you down after a week"), -0.05);
  EXPECT_LT(score("Well, thanks for nothing"), -0.05);
}

TEST(EnglishRules, MoreBoostersAndDampeners) {
  EXPECT_GT(score("the noodles were insanely good"), score("the noodles were good"));
  EXPECT_GT(score("the noodles were crazy good"), score("the noodles were good"));
  EXPECT_LT(score("the bus was seriously late and awful"), score("the bus was late and awful"));
  EXPECT_GT(score("the soup was a tad bland"), score("the soup was bland"));
  EXPECT_LT(score("the soup was a tad bland"), 0.0);
}

TEST(EnglishRules, InflectionsDoNotInventWords) {
  EXPECT_EQ(label("Hanging out with the dudes tonight"), Label::neutral);
  EXPECT_EQ(label("It looks like a phone from 2010"), Label::neutral);
}

}  // namespace
}  // namespace pantau::sentiment::test
