#include "complaints/metrics.hpp"
#include "metrics_fixture.hpp"

using namespace pantau;
using namespace pantau::testing;
using complaints::MetricsOptions;

TEST(Metrics, EveryMetricMatchesHandComputedValues) {
  TempDb db;
  build_metrics_fixture(db);
  auto c = complaints::compare_metrics(db.rw(), "kopi", k_since, k_until, MetricsOptions{{"kopisenja_id"}});
  const auto& m = c.current;
  // Net sentiment: 5 positive, 1 neutral, 4 negative of 10 -> 50% - 40% = +10.
  EXPECT_EQ(m.mentions, 10);
  EXPECT_EQ(m.positive, 5);
  EXPECT_EQ(m.negative, 4);
  ASSERT_TRUE(m.net_sentiment);
  EXPECT_DOUBLE_EQ(*m.net_sentiment, 10.0);
  // Complaint rate: m7, m8, m9 (m10 dismissed) of 10 mentions = 30%.
  EXPECT_EQ(m.complaints, 3);
  EXPECT_DOUBLE_EQ(*m.complaint_rate, 30.0);
  // NPS: 10 answers, promoters 10,10,9,9,10 (5), passives 8,7, detractors 6,3,5 (3): 50 - 30 = 20.
  EXPECT_EQ(m.nps_responses, 10);
  EXPECT_EQ(m.promoters, 5);
  EXPECT_EQ(m.passives, 2);
  EXPECT_EQ(m.detractors, 3);
  EXPECT_DOUBLE_EQ(*m.nps, 20.0);
  // CSAT: survey 5,4,3,2,5 + review stars 5,4,1 -> 5 of 8 satisfied = 62.5%, mean 29/8 = 3.625.
  EXPECT_EQ(m.csat_responses, 8);
  EXPECT_EQ(m.csat_from_reviews, 3);
  EXPECT_DOUBLE_EQ(*m.csat, 62.5);
  EXPECT_DOUBLE_EQ(*m.csat_mean, 3.625);
  // CES: 5,4,2,1 -> 2 of 4 = 50%, mean 3.0.
  EXPECT_DOUBLE_EQ(*m.ces, 50.0);
  EXPECT_DOUBLE_EQ(*m.ces_mean, 3.0);
  // First response: m7 1800 s, m8 7200 s -> 4500 s.
  EXPECT_EQ(m.responded, 2);
  EXPECT_DOUBLE_EQ(*m.first_response_avg, 4500.0);
  // Resolution: 3600, 14400, 86400 s -> mean 34800, median 14400.
  EXPECT_EQ(m.resolved, 3);
  EXPECT_DOUBLE_EQ(*m.resolution_mean, 34800.0);
  EXPECT_DOUBLE_EQ(*m.resolution_median, 14400.0);
  // Survey comments: "kopinya enak" +, "antri lama, ..." -, "biasa saja" neutral: 33.3 - 33.3 = 0.
  EXPECT_EQ(m.survey_comments, 3);
  EXPECT_DOUBLE_EQ(*m.survey_comment_net, 0.0);

  // Previous period: 1 positive, 3 negative of 4 -> -50; 2 complaints of 4 = 50%; NPS 9, 2 -> 50 - 50 = 0.
  const auto& p = c.previous;
  EXPECT_EQ(p.mentions, 4);
  EXPECT_DOUBLE_EQ(*p.net_sentiment, -50.0);
  EXPECT_DOUBLE_EQ(*p.complaint_rate, 50.0);
  EXPECT_DOUBLE_EQ(*p.nps, 0.0);
  EXPECT_FALSE(p.csat.has_value());  // no inputs: empty, not 0
  EXPECT_FALSE(p.first_response_avg.has_value());
  EXPECT_FALSE(p.resolution_median.has_value());
}

TEST(Metrics, BrandPostsCountWithoutOwnAccounts) {
  TempDb db;
  build_metrics_fixture(db);
  auto m = complaints::compute_metrics(db.rw(), "kopi", k_since, k_until);
  EXPECT_EQ(m.mentions, 12);  // the two brand replies are mentions too when no own_accounts are known
}

TEST(Metrics, Median) {
  EXPECT_FALSE(complaints::median({}).has_value());
  EXPECT_DOUBLE_EQ(*complaints::median({3, 1, 2}), 2.0);
  EXPECT_DOUBLE_EQ(*complaints::median({4, 1, 2, 3}), 2.5);
}

TEST(Survey, BadRowsAreReportedByLineAndReimportAddsNothing) {
  TempDb db;
  build_metrics_fixture(db);
  std::istringstream csv(k_survey_csv);
  auto parsed = complaints::parse_survey_csv(csv);
  ASSERT_EQ(parsed.errors.size(), 5u);
  std::vector<int> lines;
  for (const auto& e : parsed.errors) lines.push_back(e.line);
  EXPECT_EQ(lines, (std::vector<int>{23, 24, 25, 26, 27}));
  EXPECT_NE(parsed.errors[0].message.find("outside 0-10"), std::string::npos);
  EXPECT_NE(parsed.errors[2].message.find("nps, csat or ces"), std::string::npos);
  EXPECT_EQ(parsed.rows[4].comment, "antri lama, kasir \"sibuk\"");
  std::istringstream again(k_survey_csv);
  auto r = complaints::import_survey(db.rw(), "kopi", again, fake_scorer(), k_until);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->imported, 0u);
  EXPECT_EQ(r->duplicates, 21u);
}
