// Backtest: run a series of 5-minute counts through the same detector and
// episode logic as the daemon and report which rows would have alerted.
//
// Input is NAB's format, `timestamp,value` (a header line is allowed); the
// value is taken as both the negative and the total count of the bucket, so
// the negative-spike and volume tests see the series and the share test
// stays quiet. Output is one `timestamp,alert` row per input row, 1 where an
// episode opened.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "alerts/detector.hpp"
#include "common/result.hpp"

namespace pantau::alerts {

struct CountRow {
  std::string timestamp;  // as written in the file (echoed in the output)
  std::int64_t start = 0;
  std::int64_t value = 0;
};

// Errors name the source and the 1-based line: "counts.csv:17: value 'x' is not a count".
Result<std::vector<CountRow>> read_counts_csv(std::istream& in, const std::string& source_name);

struct BacktestOptions {
  DetectorSettings settings = preset("balanced");
  std::string watch = "backtest";
  // If > 0, save the detector state every N rows and continue in a freshly
  // made detector restored from it: the output must not change.
  std::int64_t restart_every = 0;
};

struct BacktestResult {
  std::vector<int> alert;              // one 0/1 per row
  std::vector<double> score;           // the detector's continuous score per row
  std::vector<EpisodeEvent> events;    // every episode event, in order
};

Result<BacktestResult> run_backtest(const std::vector<CountRow>& rows, const BacktestOptions& options);

void write_alerts_csv(std::ostream& out, const std::vector<CountRow>& rows, const BacktestResult& result);

}  // namespace pantau::alerts
