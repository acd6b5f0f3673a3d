#include "complaints/config.hpp"
#include "sentiment/complaint.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace pantau;
using sentiment::ComplaintVerdict;

namespace {

ComplaintVerdict tag(std::string_view text, double compound = -0.5, std::optional<int> rating = std::nullopt,
                     bool spam = false) {
  static auto tagger = sentiment::make_complaint_tagger();
  return tagger->tag(text, compound, spam, rating);
}

bool has(const ComplaintVerdict& v, const std::string& aspect) {
  return std::find(v.aspects.begin(), v.aspects.end(), aspect) != v.aspects.end();
}

}  // namespace

TEST(Tagger, IndonesianOwnExperienceIsAComplaint) {
  auto v = tag("Pesanan saya udah 2 jam belum dateng, kurirnya gak bisa dihubungi");
  EXPECT_TRUE(v.complaint) << v.reason;
  EXPECT_TRUE(has(v, "delivery"));
  auto r = tag("Refund belum masuk juga padahal udah 5 hari, CS gak dibales");
  EXPECT_TRUE(r.complaint);
  EXPECT_TRUE(has(r, "payment"));
  EXPECT_TRUE(has(r, "service"));
}

TEST(Tagger, JavaneseOwnExperienceIsAComplaint) {
  auto v = tag("Kulo tumbas kopi, rasane anyep lan regane larang. Kasire ora ramah blas");
  EXPECT_TRUE(v.complaint) << v.reason;
  EXPECT_TRUE(has(v, "quality"));
  EXPECT_TRUE(has(v, "price"));
  EXPECT_TRUE(has(v, "service"));
  auto d = tag("Aku ngenteni pesenan suwe banget, durung teko nganti saiki");
  EXPECT_TRUE(d.complaint);
  EXPECT_TRUE(has(d, "delivery"));
}

TEST(Tagger, EnglishAndCodeMixed) {
  auto v = tag("The app crashes every time I pay with QRIS, my money got charged twice");
  EXPECT_TRUE(v.complaint);
  EXPECT_TRUE(has(v, "app"));
  EXPECT_TRUE(has(v, "payment"));
  auto m = tag("Honestly kecewa sama promo member, voucher gw ga bisa dipake di outlet Kemang");
  EXPECT_TRUE(m.complaint);
  EXPECT_TRUE(has(m, "promo"));
  EXPECT_TRUE(has(m, "outlet"));
}

TEST(Tagger, NotComplaints) {
  EXPECT_FALSE(tag("Kopinya enak banget, saya suka!", 0.7).complaint);
  EXPECT_EQ(tag("Kopinya enak banget, saya suka!", 0.7).reason, "not negative");
  EXPECT_FALSE(tag("SLOT GACOR maxwin, pesanan saya telat", -0.5, std::nullopt, true).complaint);
  auto news = tag("Saham Kopi Senja anjlok 12% menurut laporan kuartal kedua");
  EXPECT_FALSE(news.complaint);
  EXPECT_EQ(news.reason, "news about the company");
  EXPECT_FALSE(tag("Kopi Senja shares fall after weak quarterly revenue, analysts say").complaint);
  EXPECT_EQ(tag("Kopi Senja Tutup Dua Belas Gerai Di Jakarta Selatan").reason, "headline");
  EXPECT_EQ(tag("Kenapa harga kopi naik terus?").reason, "question");
  EXPECT_EQ(tag("Piye carane refund nek pesenan batal?").reason, "question");
  // A question with the writer's own experience is a complaint.
  EXPECT_TRUE(tag("Kenapa pesanan saya belum datang juga?").complaint);
}

TEST(Tagger, RatingsDecideForReviews) {
  auto v = tag("Aplikasinya sering error waktu checkout", 0.0, 2);
  EXPECT_TRUE(v.complaint);
  EXPECT_EQ(v.reason, "negative review");
  EXPECT_TRUE(has(v, "app"));
  EXPECT_FALSE(tag("Mantap, cepat", 0.0, 5).complaint);
}

TEST(Tagger, TokensNormalise) {
  auto t = sentiment::complaint_tokens("Lamaaa BANGETTT, can't login! Pesanan-nya");
  std::vector<std::string> want = {"lama", "banget", "cant", "login", "pesanan", "nya"};
  EXPECT_EQ(t, want);
}

TEST(ComplaintsConfig, AddsTermsAndReportsUnknownKeys) {
  auto doc = toml::parse(R"(
[complaints]
experience = ["ditolak kasir"]
colour = "red"
[complaints.aspects]
delivery = ["kelamaan banget"]
hygiene = ["kecoa", "lalat"]
price = "mahal"
)");
  std::vector<ConfigIssue> issues;
  auto cfg = complaints::parse_complaints_config(doc["complaints"].as_table(), "pantau.toml", issues);
  ASSERT_EQ(issues.size(), 2u);
  std::sort(issues.begin(), issues.end(), [](auto& a, auto& b) { return a.line < b.line; });
  EXPECT_EQ(issues[0].key, "complaints.colour");
  EXPECT_EQ(issues[0].line, 4);
  EXPECT_EQ(issues[1].key, "complaints.aspects.price");
  EXPECT_EQ(issues[1].line, 8);
  ASSERT_NE(cfg.taxonomy.find("hygiene"), nullptr);
  auto tagger = sentiment::make_complaint_tagger(cfg.taxonomy);
  auto v = tagger->tag("Ada kecoa di meja saya", -0.4, false, std::nullopt);
  EXPECT_TRUE(v.complaint);
  EXPECT_NE(std::find(v.aspects.begin(), v.aspects.end(), "hygiene"), v.aspects.end());
}

TEST(ComplaintsConfig, ReplaceAspects) {
  auto doc = toml::parse("[complaints]\nreplace_aspects = true\n[complaints.aspects]\nwait = [\"antri\"]\n");
  std::vector<ConfigIssue> issues;
  auto cfg = complaints::parse_complaints_config(doc["complaints"].as_table(), "f", issues);
  EXPECT_TRUE(issues.empty());
  ASSERT_EQ(cfg.taxonomy.aspects.size(), 1u);
  EXPECT_EQ(cfg.taxonomy.aspects[0].name, "wait");
  std::vector<ConfigIssue> none;
  EXPECT_EQ(complaints::parse_complaints_config(nullptr, "f", none).taxonomy.aspects.size(), 8u);
}

// Real posts from the shared fixtures (Kopi Senja), with a negative compound
// given: the tagger decides "own experience" and the aspects.
TEST(Tagger, FixturePosts) {
  auto rara = tag("udah 1 jam pesanan @KopiSenja_ID via app belum dateng juga. estimasi 20 menit katanya 😤 #kopisenja");
  EXPECT_TRUE(rara.complaint);
  EXPECT_TRUE(has(rara, "delivery"));
  EXPECT_TRUE(has(rara, "app"));
  auto bagas = tag("Kopi Senja app v3.8.1 crashes every time I pay with QRIS. Android 14, Pixel 7.");
  EXPECT_TRUE(bagas.complaint);
  EXPECT_TRUE(has(bagas, "app"));
  EXPECT_TRUE(has(bagas, "payment"));
  auto dewi = tag("Pesan hot latte via app, nyampe udah dingin kayak es teh basi 🥶 Packaging-nya tolong dibenerin dong");
  EXPECT_TRUE(dewi.complaint);
  EXPECT_TRUE(has(dewi, "quality"));
  auto kasir = tag("Honestly kecewa sama service di Kopi Senja Kemang tadi. Kasirnya jutek banget, I just asked "
                   "about the promo Senja Rewards");
  EXPECT_TRUE(kasir.complaint);
  EXPECT_TRUE(has(kasir, "service"));
  EXPECT_TRUE(has(kasir, "promo"));
  EXPECT_FALSE(tag("Kopi Senja buka jam berapa ya hari Minggu? Yang di Stasiun Gambir -> pintu selatan").complaint);
  EXPECT_FALSE(tag("🔥SLOT GACOR🔥 maxwin x500 depo 10rb via DANA", -0.5, std::nullopt, true).complaint);
}
