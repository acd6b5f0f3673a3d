// The CX report: one self-contained HTML file (inline CSS and SVG, no
// scripts, no external assets) that a team lead can open or mail around.
#pragma once

#include "complaints/clustering.hpp"
#include "complaints/metrics.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace SQLite { class Database; }

namespace pantau::complaints {

struct SentimentPoint {
  std::int64_t start = 0;
  std::int64_t positive = 0, neutral = 0, negative = 0;
};

struct AspectVolume {
  std::string aspect;
  std::int64_t current = 0, previous = 0;
};

struct ReportData {
  std::string watch;
  std::int64_t since = 0, until = 0, generated_at = 0;
  std::int64_t step = 86400;  // sentiment series resolution (3600 for short ranges)
  MetricsComparison metrics;
  std::vector<SentimentPoint> sentiment;  // every step in [since, until), zeros included
  std::vector<AspectVolume> aspects;      // by current volume
  std::vector<Issue> issues;
  // First-response buckets: <1h, 1-4h, 4-24h, 1-3d, >3d, none yet.
  std::array<std::int64_t, 6> response_buckets{};
  std::array<std::int64_t, 11> nps_scores{};   // 0..10
  std::array<std::int64_t, 5> csat_scores{};   // 1..5 (survey + reviews)
  std::array<std::int64_t, 5> ces_scores{};    // 1..5
};

ReportData collect_report(SQLite::Database& db, const std::string& watch, std::int64_t since, std::int64_t until,
                          std::int64_t now, const MetricsOptions& options = {});
std::string render_report_html(const ReportData& data);

}  // namespace pantau::complaints
