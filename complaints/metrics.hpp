// CX metrics per watch and period, with the usual formulas:
//   NPS  = % of 9-10 minus % of 0-6 over 0-10 answers (points, -100..100)
//   CSAT = % of 4-5 over 1-5 answers (survey csat + review star ratings), and the mean
//   CES  = % of 4-5 over 1-5 answers, and the mean
//   net sentiment = % positive minus % negative mentions (points)
//   complaint rate = complaints / mentions * 100 (spam and brand posts excluded)
//   first response = mean of (first_response_at - opened_at) over complaints
//                    opened in the period that have a response
//   resolution     = mean and median of (resolved_at - opened_at) over
//                    complaints resolved in the period
// A metric without inputs is empty (nullopt), never 0.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace SQLite { class Database; }

namespace pantau::complaints {

struct Metrics {
  std::int64_t since = 0, until = 0;
  std::int64_t mentions = 0, positive = 0, neutral = 0, negative = 0;
  std::optional<double> net_sentiment;
  std::int64_t complaints = 0;  // opened in the period, not dismissed
  std::optional<double> complaint_rate;
  std::int64_t nps_responses = 0, promoters = 0, passives = 0, detractors = 0;
  std::optional<double> nps;
  std::int64_t csat_responses = 0, csat_satisfied = 0, csat_from_reviews = 0;
  std::optional<double> csat, csat_mean;
  std::int64_t ces_responses = 0, ces_easy = 0;
  std::optional<double> ces, ces_mean;
  std::int64_t responded = 0;
  std::optional<double> first_response_avg;  // seconds
  std::int64_t resolved = 0;
  std::optional<double> resolution_mean, resolution_median;  // seconds
  std::int64_t survey_comments = 0, survey_comments_positive = 0, survey_comments_negative = 0;
  std::optional<double> survey_comment_net;
};

struct MetricsOptions {
  std::vector<std::string> own_accounts;  // the brand's posts are not customer sentiment
};

// [since, until) for one watch.
Metrics compute_metrics(SQLite::Database& db, const std::string& watch, std::int64_t since, std::int64_t until,
                        const MetricsOptions& options = {});

struct MetricsComparison {
  Metrics current, previous;  // previous: the same length just before `since`
};
MetricsComparison compare_metrics(SQLite::Database& db, const std::string& watch, std::int64_t since,
                                  std::int64_t until, const MetricsOptions& options = {});

// Small helpers shared with the report and tests.
std::optional<double> percent(std::int64_t part, std::int64_t whole);
std::optional<double> median(std::vector<double> values);

}  // namespace pantau::complaints
