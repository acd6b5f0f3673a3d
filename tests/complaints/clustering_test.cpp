#include "complaints/clustering.hpp"
#include "metrics_fixture.hpp"

using namespace pantau;
using namespace pantau::complaints;

TEST(Clustering, SimHashNearDuplicates) {
  auto a = content_tokens("Pesanan saya udah 2 jam belum datang, estimasi 20 menit katanya");
  auto b = content_tokens("pesanan saya udah 3 jam belum datang!! estimasi 20 menit katanya @KopiSenja_ID");
  auto c = content_tokens("The app crashes every time I pay with QRIS on Android 14");
  EXPECT_EQ(simhash(a), simhash(a));
  EXPECT_LE(hamming(simhash(a), simhash(b)), k_near_duplicate_bits);
  EXPECT_GT(hamming(simhash(a), simhash(c)), k_near_duplicate_bits);
  // Links and handles never make posts look different.
  EXPECT_EQ(content_tokens("telat banget https://t.co/abc @rara"), content_tokens("telat banget"));
}

TEST(Clustering, GroupsCountsGrowthAndExamples) {
  const std::int64_t since = 1000000, until = since + 7 * 86400, prev = since - 3600;
  std::vector<ClusterInput> in = {
      {1, prev, "kurir telat, pesanan belum datang 2 jam", "p", "", "x", {"delivery"}},
      {2, since + 10, "pesanan belum datang udah 2 jam, kurir telat", "a", "u2", "x", {"delivery"}},
      {3, since + 20, "kurir telat lagi, pesanan belum datang", "b", "u3", "x", {"delivery"}},
      {4, since + 30, "pesanan belum datang, kurir telat 3 jam", "c", "u4", "x", {"delivery"}},
      {5, since + 40, "app crash waktu bayar QRIS", "d", "", "x", {"app", "payment"}},
      {6, since + 50, "aplikasi crash pas bayar pakai QRIS", "e", "", "x", {"app"}},
      {7, since + 60, "kasir jutek banget", "f", "", "x", {"service"}},
      {8, prev - 10, "harga naik terus", "g", "", "x", {"price"}},  // previous only: not listed
  };
  auto issues = cluster_issues(in, since, until, 2);
  ASSERT_EQ(issues.size(), 3u);
  EXPECT_EQ(issues[0].aspect, "delivery");
  EXPECT_EQ(issues[0].count, 3);
  EXPECT_EQ(issues[0].previous, 1);
  ASSERT_TRUE(issues[0].growth);
  EXPECT_DOUBLE_EQ(*issues[0].growth, 200.0);
  ASSERT_EQ(issues[0].examples.size(), 2u);
  EXPECT_EQ(issues[0].examples[0].complaint_id, 4);  // newest first
  EXPECT_EQ(issues[1].aspect, "app");
  EXPECT_EQ(issues[1].count, 2);
  EXPECT_FALSE(issues[1].growth.has_value());  // new this period
  EXPECT_NE(std::find(issues[1].keywords.begin(), issues[1].keywords.end(), "crash"), issues[1].keywords.end());
  EXPECT_EQ(issues[2].aspect, "service");
  EXPECT_EQ(issues[0].label.rfind("delivery: ", 0), 0u);
}

TEST(Clustering, TopIssuesFromTheDatabase) {
  pantau::testing::TempDb db;
  pantau::testing::build_metrics_fixture(db);
  auto issues = top_issues(db.rw(), "kopi", pantau::testing::k_since, pantau::testing::k_until);
  ASSERT_EQ(issues.size(), 2u);  // m7+m8 (delivery), m9 (app); m10 dismissed
  EXPECT_EQ(issues[0].aspect, "delivery");
  EXPECT_EQ(issues[0].count, 2);
  EXPECT_EQ(issues[0].previous, 0);  // q2/q3 are "kurir telat": another delivery issue
  EXPECT_EQ(issues[1].aspect, "app");
}
