// Javanese rules, ngoko and krama, with sentences written for these tests.
#include "tests/sentiment/scorer_fixture.hpp"

namespace pantau::sentiment::test {
namespace {

TEST(JavaneseRules, NgokoPositiveAndNegative) {
  EXPECT_EQ(label("Panganane enak tenan, regane murah"), Label::positive);
  EXPECT_EQ(label("Warunge reget lan mambu, aku kapok"), Label::negative);
  EXPECT_EQ(lang("Aku ora seneng karo pelayanane sing suwe"), Lang::jv);
}

TEST(JavaneseRules, NegationWithOraAndDudu) {
  EXPECT_EQ(label("Sotone ora enak, kuahe anyep"), Label::negative);
  EXPECT_EQ(label("Iki dudu barang sing apik"), Label::negative);
  EXPECT_EQ(label("Kurire durung teka wis telung dina"), Label::negative);
}

TEST(JavaneseRules, KramaSentence) {
  EXPECT_EQ(label("Pelayananipun sae sanget, kula remen sanget"), Label::positive);
  EXPECT_EQ(label("Dhaharanipun mboten eco, kula kuciwa"), Label::negative);
  EXPECT_EQ(lang("Pelayananipun sae sanget, kula remen sanget"), Lang::jv);
}

TEST(JavaneseRules, BoostersPolAndTenan) {
  EXPECT_GT(score("Baksone apik pol"), score("Baksone apik"));
  EXPECT_NE(rule_of("Bakso iki apik tenan", "apik").find("booster(tenan)"), std::string::npos);
}

TEST(JavaneseRules, ContrastWithNanging) {
  EXPECT_EQ(label("Panggone resik, nanging regane larang banget"), Label::negative);
}

TEST(JavaneseRules, OraPopoIsNotNegative) {
  EXPECT_GE(score("Ora popo, barange tetep apik"), 0.05);
}

TEST(JavaneseRules, OraTauAndMbotenNateArePraise) {
  EXPECT_EQ(label("Kopi iki ora tau gagal, rasane tetep"), Label::positive);
  EXPECT_EQ(label("Pelayanane mboten nate nguciwani"), Label::positive);
}

TEST(JavaneseRules, SlangElongationAndEmoji) {
  EXPECT_EQ(label("uenaaak pol, mantul lur"), Label::positive);
  EXPECT_NE(rule_of("aku gelaaaa karo tokone", "gela").find("elongation"), std::string::npos);
  EXPECT_EQ(label("pesenanku durung teka 😡"), Label::negative);
  EXPECT_EQ(label("matur nuwun mas, paket wis tekan 🙏😊"), Label::positive);
}

TEST(JavaneseRules, QuestionsAreDampenedAndCapsEmphasise) {
  EXPECT_LT(std::abs(score("Apa sotone enak?")), std::abs(score("Sotone enak.")));
  EXPECT_GT(score("iki ENAK tenan"), score("iki enak tenan"));
  EXPECT_GT(score("sotone ENAK"), score("sotone enak"));  // capitals inside a phrase count too
}

TEST(JavaneseRules, CodeMixedJavaneseIndonesianEnglish) {
  Score s = scorer().score("Aplikasine error terus, aku wis kesel banget, pokoke bad experience");
  EXPECT_EQ(s.label, Label::negative);
  EXPECT_NE(s.lang, Lang::other);
}

}  // namespace
}  // namespace pantau::sentiment::test
