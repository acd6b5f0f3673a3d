#include "alerts/backtest.hpp"

#include <charconv>
#include <istream>
#include <ostream>

#include "common/timeutil.hpp"

namespace pantau::alerts {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '"')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '"')) s.remove_suffix(1);
  return s;
}

// Counts are integers, but NAB-style files sometimes write "12.0".
bool parse_count(std::string_view s, std::int64_t& out) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec == std::errc() && p == s.data() + s.size() && v >= 0) {
    out = v;
    return true;
  }
  double d = 0;
  auto [p2, ec2] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec2 != std::errc() || p2 != s.data() + s.size() || !(d >= 0) || d > 1e15) return false;
  out = static_cast<std::int64_t>(d + 0.5);
  return true;
}

}  // namespace

Result<std::vector<CountRow>> read_counts_csv(std::istream& in, const std::string& source_name) {
  std::vector<CountRow> rows;
  std::string line;
  std::int64_t lineno = 0;
  const auto err = [&](const std::string& what) {
    return Failure::invalid_input(source_name + ":" + std::to_string(lineno) + ": " + what);
  };
  while (std::getline(in, line)) {
    ++lineno;
    std::string_view l = trim(line);
    if (l.empty()) continue;
    const auto comma = l.find(',');
    if (comma == std::string_view::npos) return err("expected 'timestamp,value', got '" + std::string(l) + "'");
    const std::string_view ts = trim(l.substr(0, comma));
    const std::string_view val = trim(l.substr(comma + 1));
    if (rows.empty() && lineno == 1 && ts == "timestamp") continue;  // header
    const auto t = parse_iso8601(ts);
    if (!t) return err("timestamp '" + std::string(ts) + "' is not an ISO 8601 date-time");
    CountRow row{std::string(ts), *t, 0};
    if (val.find(',') != std::string_view::npos) return err("expected two columns, got more");
    if (!parse_count(val, row.value)) return err("value '" + std::string(val) + "' is not a non-negative count");
    if (!rows.empty() && row.start <= rows.back().start)
      return err("timestamp '" + std::string(ts) + "' is not after the previous row's");
    rows.push_back(std::move(row));
  }
  if (in.bad()) return Failure::io(source_name + ": read error");
  return rows;
}

Result<BacktestResult> run_backtest(const std::vector<CountRow>& rows, const BacktestOptions& options) {
  BacktestResult res;
  res.alert.assign(rows.size(), 0);
  res.score.assign(rows.size(), 0.0);
  auto det = make_detector(options.watch, options.settings);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (options.restart_every > 0 && i > 0 && static_cast<std::int64_t>(i) % options.restart_every == 0) {
      const std::string snapshot = det->save_state();
      det = make_detector(options.watch, options.settings);
      if (auto st = det->restore_state(snapshot); !st)
        return Failure::fatal("restoring the detector state failed: " + st.failure().message);
    }
    const Bucket b{rows[i].start, rows[i].value, rows[i].value, 0};
    for (auto& ev : det->push(b)) {
      if (ev.type == EpisodeEvent::Type::opened) res.alert[i] = 1;
      res.events.push_back(std::move(ev));
    }
    res.score[i] = det->last_score();
  }
  return res;
}

void write_alerts_csv(std::ostream& out, const std::vector<CountRow>& rows, const BacktestResult& result) {
  out << "timestamp,alert\n";
  for (std::size_t i = 0; i < rows.size(); ++i) out << rows[i].timestamp << ',' << result.alert[i] << '\n';
}

}  // namespace pantau::alerts
