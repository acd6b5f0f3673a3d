// Spam flags: gambling and its obfuscations, deposit and WhatsApp promos, link farms.
#include "tests/sentiment/scorer_fixture.hpp"

namespace pantau::sentiment::test {
namespace {

Score sc(const std::string& t) { return scorer().score(t); }

TEST(Spam, GamblingPromotion) {
  Score s = sc("Situs slot gacor hari ini, pasti maxwin!");
  EXPECT_TRUE(s.spam);
  EXPECT_EQ(s.spam_reason, "gambling promotion");
  EXPECT_TRUE(sc("cek rtp live sekarang, slot paling hoki").spam);
  EXPECT_TRUE(sc("prediksi togel malam ini dijamin jp").spam);
}

TEST(Spam, ObfuscatedGambling) {
  Score s = sc("s1ot g4cor m4xwin deposit 10rb");
  EXPECT_TRUE(s.spam);
  EXPECT_EQ(s.spam_reason, "gambling promotion (obfuscated)");
  EXPECT_TRUE(sc("𝗦𝗟𝗢𝗧 𝗚𝗔𝗖𝗢𝗥 anti kalah").spam);
}

TEST(Spam, DepositAndWhatsappPromotions) {
  EXPECT_EQ(sc("Bonus new member, deposit via pulsa tanpa potongan").spam_reason, "deposit promotion");
  EXPECT_EQ(sc("Minat jasa followers? hubungi WA 0812-3456-7890").spam_reason, "WhatsApp number promotion");
  EXPECT_TRUE(sc("order sekarang https://wa.me/6281234567890").spam);
}

TEST(Spam, LinkFarm) {
  Score s = sc("http://a.example/x http://b.example/y http://c.example/z");
  EXPECT_TRUE(s.spam);
  EXPECT_EQ(s.spam_reason, "link farm");
}

TEST(Spam, ComplaintsAboutSpamAreNotSpam) {
  EXPECT_FALSE(sc("Aplikasinya penuh iklan judol, tolong dihapus").spam);
  EXPECT_FALSE(sc("Nomor saya 081234567890 belum dapat refund").spam);
  EXPECT_FALSE(sc("The slot for my delivery was changed twice").spam);
  EXPECT_TRUE(sc("Situs slot gacor hari ini").spam_reason.size() > 0);
  EXPECT_TRUE(sc("Pesanan saya lama sekali").spam_reason.empty());
}

}  // namespace
}  // namespace pantau::sentiment::test
