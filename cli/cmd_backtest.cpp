// `pantau backtest --counts FILE.csv`: replay 5-minute counts through the
// daemon's detector and episode logic and print `timestamp,alert` per row.
// `pantau backtest --watch W --since 30d`: replay the stored buckets of a
// watch with its configured settings and list the episode events that would
// have fired (the outage filter and grouping are daemon-side and not applied).
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "alerts/backtest.hpp"
#include "alerts/config.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "common/timeutil.hpp"
#include "daemon/config.hpp"
#include "storage/reader.hpp"

namespace pantau::cli {
namespace {

struct BacktestArgs {
  std::string counts;
  std::string sensitivity = "balanced";
  std::vector<std::string> sets;
  std::int64_t restart_every = 0;
  bool scores = false;
  std::string watch, since = "30d", until, output = "table";
};

void run_watch_backtest(const BacktestArgs& a, Context& ctx) {
  namespace pa = pantau::alerts;
  pa::DetectorSettings settings = pa::preset(a.sensitivity);
  if (const Config* c = ctx.config(); c && c->document) {
    std::vector<ConfigIssue> issues;
    auto parsed = pa::parse_alerts_config(*c->document, c->path, c->db_path, issues);
    if (const pa::WatchAlerts* w = parsed.find(a.watch)) settings = w->detector;
  }
  for (const auto& kv : a.sets) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos) throw CliError(k_exit_usage, "backtest: --set wants key=value, got '" + kv + "'");
    if (auto st = pa::set_option(settings, kv.substr(0, eq), kv.substr(eq + 1)); !st)
      throw CliError(k_exit_usage, "backtest: " + st.failure().message);
  }
  const std::int64_t since = parse_since(a.since, "--since");
  const std::int64_t until = a.until.empty() ? now_epoch() + 86400 : parse_since(a.until, "--until");
  auto detector = pa::make_detector(a.watch, settings);
  Table t;
  t.columns = {"at", "event", "kind", "episode", "window_start", "window_end", "observed", "expected", "p_value",
               "high"};
  t.table_columns = {"at", "event", "kind", "observed", "expected", "p_value", "high"};
  std::size_t buckets = 0;
  for (const auto& r : storage::query_buckets(ctx.db(), a.watch, since, until)) {
    ++buckets;
    for (const auto& e : detector->push(pa::Bucket{r.bucket_start, r.total, r.negative, r.complaints}))
      t.rows.push_back({format_iso8601(e.window_end), pa::to_string(e.type), pa::to_string(e.kind), e.episode_id,
                        format_iso8601(e.window_start), format_iso8601(e.window_end), e.observed, e.expected,
                        e.p_value, e.high_severity});
  }
  if (buckets == 0) throw CliError(k_exit_failure, "backtest: no stored buckets for the watch \"" + a.watch + "\" in that range");
  print(std::cout, t, *parse_format(a.output), ctx.colour());
}

// Prints the rows; failures throw CliError, which main reports as "pantau: ...".
void run_backtest_command(const BacktestArgs& a) {
  namespace pa = pantau::alerts;
  pa::BacktestOptions opt;
  opt.settings = pa::preset(a.sensitivity);
  opt.restart_every = a.restart_every;
  for (const auto& kv : a.sets) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos) throw CliError(k_exit_usage, "backtest: --set wants key=value, got '" + kv + "'");
    if (auto st = pa::set_option(opt.settings, kv.substr(0, eq), kv.substr(eq + 1)); !st)
      throw CliError(k_exit_usage, "backtest: " + st.failure().message);
  }
  std::ifstream file;
  std::istream* in = &std::cin;
  if (a.counts != "-") {
    file.open(a.counts);
    if (!file) throw CliError(k_exit_failure, "backtest: cannot open " + a.counts);
    in = &file;
  }
  auto rows = pa::read_counts_csv(*in, a.counts == "-" ? "stdin" : a.counts);
  if (!rows) throw CliError(k_exit_failure, "backtest: " + rows.failure().message);
  auto res = pa::run_backtest(*rows, opt);
  if (!res) throw CliError(k_exit_failure, "backtest: " + res.failure().message);
  if (a.scores) {
    std::cout << "timestamp,anomaly_score\n";
    for (std::size_t i = 0; i < rows->size(); ++i) std::cout << (*rows)[i].timestamp << ',' << res->score[i] << '\n';
  } else {
    pa::write_alerts_csv(std::cout, *rows, *res);
  }
  std::cout.flush();
  if (!std::cout) throw CliError(k_exit_failure, "backtest: writing the output failed");
}

}  // namespace

void add_backtest_command(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<BacktestArgs>();
  auto* cmd = app.add_subcommand("backtest", "Replay 5-minute counts through the alert detector");
  auto* counts = cmd->add_option("--counts", args->counts,
                                 "CSV of timestamp,value rows (5-minute counts; '-' for stdin)");
  auto* watch = cmd->add_option("--watch", args->watch, "Replay this watch's stored buckets instead");
  counts->excludes(watch);
  cmd->add_option("--since", args->since, "With --watch: from (default 30d; 24h, 7d or an ISO date)");
  cmd->add_option("--until", args->until, "With --watch: until (default now)");
  cmd->add_option("-o,--output", args->output, "With --watch: table, json or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  cmd->add_option("--sensitivity", args->sensitivity, "Detector preset")
      ->check(CLI::IsMember({"low", "balanced", "high"}));
  cmd->add_option("--set", args->sets, "Override one alert setting, key=value (repeatable)");
  cmd->add_option("--restart-every", args->restart_every, "Save and restore the detector state every N rows")
      ->group("");  // for the restart-equivalence check in bench/eval_nab.sh
  cmd->add_flag("--scores", args->scores, "Print timestamp,anomaly_score (-log10 p) instead of alerts");
  cmd->callback([args, &ctx] {
    if (!args->watch.empty()) return run_watch_backtest(*args, ctx);
    if (args->counts.empty()) throw CliError(k_exit_usage, "backtest: give --counts FILE.csv or --watch W");
    run_backtest_command(*args);
  });
}

}  // namespace pantau::cli
