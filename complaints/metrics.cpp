#include "complaints/metrics.hpp"

#include "storage/ingest_hooks.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>

namespace pantau::complaints {

std::optional<double> percent(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return std::nullopt;
  return 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

std::optional<double> median(std::vector<double> v) {
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

namespace {

void bind_range(SQLite::Statement& st, const std::string& watch, std::int64_t since, std::int64_t until) {
  st.bind(1, watch);
  st.bind(2, static_cast<int64_t>(since));
  st.bind(3, static_cast<int64_t>(until));
}

// Accumulates 1-5 answers into (responses, 4-5 count, sum).
struct Scale5 {
  std::int64_t n = 0, top = 0;
  double sum = 0;
  void add(int score, std::int64_t count) {
    n += count;
    sum += static_cast<double>(score) * static_cast<double>(count);
    if (score >= 4) top += count;
  }
};

}  // namespace

Metrics compute_metrics(SQLite::Database& db, const std::string& watch, std::int64_t since, std::int64_t until,
                        const MetricsOptions& options) {
  Metrics m;
  m.since = since;
  m.until = until;

  // Mentions by author so that the brand's own posts can be left out with the
  // same handle matching as response detection.
  {
    SQLite::Statement st(db,
                         "SELECT author, label, count(*), sum(complaint) FROM mentions WHERE watch = ? AND "
                         "created_at >= ? AND created_at < ? AND spam = 0 GROUP BY author, label");
    bind_range(st, watch, since, until);
    while (st.executeStep()) {
      if (storage::is_own_account(options.own_accounts, st.getColumn(0).getString())) continue;
      int label = st.getColumn(1).getInt();
      std::int64_t n = st.getColumn(2).getInt64();
      m.mentions += n;
      (label > 0 ? m.positive : label < 0 ? m.negative : m.neutral) += n;
    }
    if (auto p = percent(m.positive, m.mentions)) m.net_sentiment = *p - *percent(m.negative, m.mentions);
  }
  {
    SQLite::Statement st(db,
                         "SELECT count(*) FROM complaints WHERE watch = ? AND opened_at >= ? AND opened_at < ? "
                         "AND status <> 'dismissed'");
    bind_range(st, watch, since, until);
    st.executeStep();
    m.complaints = st.getColumn(0).getInt64();
    m.complaint_rate = percent(m.complaints, m.mentions);
  }
  // Surveys.
  Scale5 csat, ces;
  {
    SQLite::Statement st(db,
                         "SELECT kind, score, count(*) FROM survey_responses WHERE watch = ? AND submitted_at >= ? "
                         "AND submitted_at < ? GROUP BY kind, score");
    bind_range(st, watch, since, until);
    while (st.executeStep()) {
      std::string kind = st.getColumn(0).getString();
      int score = st.getColumn(1).getInt();
      std::int64_t n = st.getColumn(2).getInt64();
      if (kind == "nps") {
        m.nps_responses += n;
        (score >= 9 ? m.promoters : score >= 7 ? m.passives : m.detractors) += n;
      } else if (kind == "csat") {
        csat.add(score, n);
      } else if (kind == "ces") {
        ces.add(score, n);
      }
    }
  }
  // Review star ratings are CSAT answers on the same 1-5 scale.
  {
    SQLite::Statement st(db,
                         "SELECT rating, count(*) FROM mentions WHERE watch = ? AND created_at >= ? AND created_at < ? "
                         "AND spam = 0 AND rating BETWEEN 1 AND 5 GROUP BY rating");
    bind_range(st, watch, since, until);
    while (st.executeStep()) {
      std::int64_t n = st.getColumn(1).getInt64();
      csat.add(st.getColumn(0).getInt(), n);
      m.csat_from_reviews += n;
    }
  }
  if (auto p = percent(m.promoters, m.nps_responses)) m.nps = *p - *percent(m.detractors, m.nps_responses);
  m.csat_responses = csat.n;
  m.csat_satisfied = csat.top;
  m.csat = percent(csat.top, csat.n);
  if (csat.n > 0) m.csat_mean = csat.sum / static_cast<double>(csat.n);
  m.ces_responses = ces.n;
  m.ces_easy = ces.top;
  m.ces = percent(ces.top, ces.n);
  if (ces.n > 0) m.ces_mean = ces.sum / static_cast<double>(ces.n);
  {
    SQLite::Statement st(db,
                         "SELECT comment_label, count(*) FROM survey_responses WHERE watch = ? AND submitted_at >= ? "
                         "AND submitted_at < ? AND comment <> '' AND comment_label IS NOT NULL GROUP BY comment_label");
    bind_range(st, watch, since, until);
    while (st.executeStep()) {
      int label = st.getColumn(0).getInt();
      std::int64_t n = st.getColumn(1).getInt64();
      m.survey_comments += n;
      if (label > 0) m.survey_comments_positive += n;
      if (label < 0) m.survey_comments_negative += n;
    }
    if (auto p = percent(m.survey_comments_positive, m.survey_comments))
      m.survey_comment_net = *p - *percent(m.survey_comments_negative, m.survey_comments);
  }
  // Response and resolution times; a response dated before the complaint counts as 0.
  {
    SQLite::Statement st(db,
                         "SELECT count(*), avg(max(first_response_at - opened_at, 0)) FROM complaints WHERE watch = ? "
                         "AND opened_at >= ? AND opened_at < ? AND first_response_at IS NOT NULL");
    bind_range(st, watch, since, until);
    st.executeStep();
    m.responded = st.getColumn(0).getInt64();
    if (m.responded > 0) m.first_response_avg = st.getColumn(1).getDouble();
  }
  {
    SQLite::Statement st(db,
                         "SELECT max(resolved_at - opened_at, 0) FROM complaints WHERE watch = ? AND resolved_at >= ? "
                         "AND resolved_at < ? AND status = 'resolved'");
    bind_range(st, watch, since, until);
    std::vector<double> durations;
    while (st.executeStep()) durations.push_back(static_cast<double>(st.getColumn(0).getInt64()));
    m.resolved = static_cast<std::int64_t>(durations.size());
    if (!durations.empty()) {
      double sum = 0;
      for (double d : durations) sum += d;
      m.resolution_mean = sum / static_cast<double>(durations.size());
      m.resolution_median = median(durations);
    }
  }
  return m;
}

MetricsComparison compare_metrics(SQLite::Database& db, const std::string& watch, std::int64_t since,
                                  std::int64_t until, const MetricsOptions& options) {
  MetricsComparison c;
  c.current = compute_metrics(db, watch, since, until, options);
  c.previous = compute_metrics(db, watch, since - (until - since), since, options);
  return c;
}

}  // namespace pantau::complaints
