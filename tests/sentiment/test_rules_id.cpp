// Indonesian rules, with sentences written for these tests.
#include "tests/sentiment/scorer_fixture.hpp"

namespace pantau::sentiment::test {
namespace {

TEST(IndonesianRules, PlainPositiveAndNegative) {
  EXPECT_EQ(label("Makanannya enak dan pelayanannya ramah."), Label::positive);
  EXPECT_EQ(label("Paketnya rusak dan kurirnya kasar."), Label::negative);
  EXPECT_EQ(lang("Makanannya enak dan pelayanannya ramah."), Lang::id);
}

TEST(IndonesianRules, NegatedPositiveIsNegative) {
  EXPECT_EQ(label("Rasanya tidak enak sama sekali."), Label::negative);
  EXPECT_EQ(label("Aplikasinya nggak bagus, sering keluar sendiri."), Label::negative);
  EXPECT_LT(score("Kopinya bukan yang terbaik"), 0.0);
  EXPECT_NE(rule_of("Kamarnya tidak nyaman", "nyaman").find("negation(tidak)"), std::string::npos);
}

TEST(IndonesianRules, NegatedNegativeIsNotNegative) {
  EXPECT_GT(score("Harganya tidak mahal kok"), 0.0);
  EXPECT_GE(score("Gak ada masalah sama sekali, pengiriman lancar"), 0.05);
  EXPECT_GE(score("Tidak masalah, nanti saya coba lagi"), 0.0);
}

TEST(IndonesianRules, KurangActsAsNegator) {
  EXPECT_EQ(label("Kamar mandinya kurang bersih"), Label::negative);
}

TEST(IndonesianRules, BoostersAndDampeners) {
  double plain = score("Pelayanannya ramah");
  EXPECT_GT(score("Pelayanannya ramah banget"), plain);
  EXPECT_GT(score("Pelayanannya sangat ramah"), plain);
  EXPECT_LT(score("Pelayanannya agak ramah"), plain);
  EXPECT_NE(rule_of("enak bgt pokoknya", "enak").find("booster(bgt)"), std::string::npos);
}

TEST(IndonesianRules, ContrastShiftsWeightToTheLaterClause) {
  EXPECT_EQ(label("Tempatnya bagus tapi pelayanannya lambat sekali"), Label::negative);
  EXPECT_EQ(label("Agak mahal, namun rasanya benar-benar enak"), Label::positive);
  EXPECT_NE(rule_of("Murah tapi hambar", "hambar").find("after_contrast(tapi)"), std::string::npos);
}

TEST(IndonesianRules, SlangElongationAndReduplication) {
  EXPECT_EQ(label("mantuuul gan, gercep pula"), Label::positive);
  EXPECT_EQ(label("lemot bgt aplikasinya, zonk"), Label::negative);
  EXPECT_NE(rule_of("kecewaaaa sama tokonya", "kecewaaaa").find("squeeze"), std::string::npos);
  EXPECT_EQ(label("Pegawainya baik-baik semua"), Label::positive);
  EXPECT_EQ(label("Pegawainya baik2 semua"), Label::positive);
}

TEST(IndonesianRules, AffixesOnlyWhenTheSurfaceIsUnknown) {
  EXPECT_EQ(label("Sungguh mengecewakan pelayanannya"), Label::negative);
  EXPECT_EQ(label("Hasilnya sangat memuaskan"), Label::positive);
  EXPECT_EQ(label("Kebersihannya terjaga, kenyamanannya terasa"), Label::positive);
  EXPECT_NE(rule_of("kekecewaannya besar", "kekecewaannya").find("affix"), std::string::npos);
}

TEST(IndonesianRules, QuestionsAreDampened) {
  EXPECT_LT(std::abs(score("Apakah makanannya enak?")), std::abs(score("Makanannya enak.")));
}

TEST(IndonesianRules, CapsAndExclamationsEmphasise) {
  EXPECT_LT(score("Pesanan saya BURUK"), score("Pesanan saya buruk"));
  EXPECT_GT(score("Pengirimannya cepat!!!"), score("Pengirimannya cepat"));
}

TEST(IndonesianRules, CodeMixedIndonesianEnglish) {
  EXPECT_EQ(label("Barangnya worth it banget, recommended seller"), Label::positive);
  EXPECT_EQ(label("Harganya gak worth it, overprice parah"), Label::negative);
  EXPECT_EQ(label("Jujur not bad sih buat harga segini"), Label::positive);
  EXPECT_EQ(lang("Jujur not bad sih buat harga segini"), Lang::id);
}

TEST(IndonesianRules, NeutralPromotionsStayNearZero) {
  EXPECT_EQ(label("Dapatkan voucher belanja untuk pembelian minimal seratus ribu."), Label::neutral);
  EXPECT_EQ(label("Kantor cabang kami buka pukul delapan pagi."), Label::neutral);
}

}  // namespace
}  // namespace pantau::sentiment::test
