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

TEST(IndonesianRules, EveryNegatorWord) {
  EXPECT_EQ(label("Pesanannya belum sesuai"), Label::negative);
  EXPECT_EQ(label("Jangan beli di sini, mengecewakan"), Label::negative);
  EXPECT_EQ(label("Rasanya ga enak"), Label::negative);
  EXPECT_EQ(label("Kurirnya gak ramah"), Label::negative);
  EXPECT_EQ(label("Barangnya nggak bagus"), Label::negative);
  EXPECT_EQ(label("Ini bukan kopi yang enak"), Label::negative);
}

TEST(IndonesianRules, APhraseWithItsOwnNegatorIsNotNegatedAgain) {
  // "tidak sesuai" is a phrase; the first "tidak" must not flip it to praise.
  EXPECT_EQ(rule_of("Barangnya tidak bagus dan tidak sesuai", "sesuai"), "phrase");
  EXPECT_LT(score("Barangnya tidak bagus dan tidak sesuai"), -0.5);
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

TEST(IndonesianRules, ProperNounsAreNotStrippedIntoWords) {
  // "Medan" is a city, not m- + "edan" (crazy); "Malang" is not ma- + "lang".
  EXPECT_EQ(label("Kopi Senja buka cabang baru di Medan minggu depan 👍"), Label::positive);
  EXPECT_EQ(rule_of("Toko kami pindah ke Medan bulan ini", "Medan"), "");
  // At the start of a sentence the allomorph rules still refuse m- before a vowel.
  EXPECT_EQ(label("Medan hari ini cerah berawan."), label("Surabaya hari ini cerah berawan."));
  // Title Case text still gets its affixes handled.
  EXPECT_EQ(label("Pelayanan Sangat Mengecewakan"), Label::negative);
}

TEST(IndonesianRules, ANeutralListedFormStopsTheAffixSearch) {
  // "ketepatan" (accuracy, a topic) is listed as neutral; "-nya" must not reach "tepat".
  EXPECT_DOUBLE_EQ(score("Saya tanya soal ketepatannya"), 0.0);
}

TEST(IndonesianRules, AffixesFollowRealAllomorphs) {
  EXPECT_NE(rule_of("Barangnya ketipu", "ketipu").find("affix(tipu)"), std::string::npos);
  EXPECT_NE(rule_of("Pengirimannya memuaskanku", "memuaskanku").find("affix"), std::string::npos);
  // Stems are at least four letters: "menyerukan" is not meny- + "seru" (fun).
  EXPECT_EQ(label("Para pengurus menyerukan rapat besok."), Label::neutral);
  // "takes" is not Indonesian "tak" (not) plus an English ending.
  EXPECT_EQ(label("It takes wonderful pictures"), Label::positive);
}

TEST(IndonesianRules, NegationReachesAcrossTransparentWords) {
  EXPECT_EQ(label("Kopi Senja gak pernah gagal, rasanya konsisten"), Label::positive);
  EXPECT_EQ(label("Kopinya gak pernah sama sekali gagal"), Label::positive);
  EXPECT_EQ(label("Tidak pernah sekalipun mengecewakan"), Label::positive);
  // "gak pernah <negative>" is praise, stronger than plain "not bad".
  EXPECT_GT(score("Mesinnya gak pernah macet"), score("Mesinnya gak macet"));
  EXPECT_GE(score("Layanannya gak pernah mengecewakan"), score("Layanannya gak mengecewakan"));
  // A booster inside the scope does not make the negation harsher.
  EXPECT_GE(score("Rasanya gak begitu enak"), score("Rasanya gak enak"));
  EXPECT_EQ(label("Rasanya gak begitu enak"), Label::negative);
}

TEST(IndonesianRules, QueueingIsNeutralWaitingLongIsNot) {
  EXPECT_EQ(label("Lagi antri di Kopi Senja Sudirman"), Label::neutral);
  EXPECT_EQ(label("Antri lama banget di kasir"), Label::negative);
}

TEST(IndonesianRules, NamesAndFunctionWordsCarryNoSentiment) {
  EXPECT_EQ(label("Transfer lewat Bank Mandiri sore ini"), Label::neutral);
  EXPECT_EQ(label("Salah satu cabang kami ada di Malang"), Label::neutral);
  EXPECT_EQ(label("Prosesnya dilakukan selama dua hari"), Label::neutral);
  EXPECT_EQ(label("Sebaiknya pesan lewat aplikasi, lalu hubungi kami"), Label::neutral);
}

}  // namespace
}  // namespace pantau::sentiment::test
