// `pantau backtest --counts FILE.csv`: replay 5-minute counts through the
// daemon's detector and episode logic and print `timestamp,alert` per row.
// (`--watch W --since 30d`, replaying stored buckets, comes with storage.)
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "alerts/backtest.hpp"
#include "cli/commands.hpp"

namespace pantau::cli {
namespace {

struct BacktestArgs {
  std::string counts;
  std::string sensitivity = "balanced";
  std::vector<std::string> sets;
  std::int64_t restart_every = 0;
  bool scores = false;
};

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

void add_backtest_command(CLI::App& app, Context& /*ctx*/) {
  auto args = std::make_shared<BacktestArgs>();
  auto* cmd = app.add_subcommand("backtest", "Replay 5-minute counts through the alert detector");
  cmd->add_option("--counts", args->counts, "CSV of timestamp,value rows (5-minute counts; '-' for stdin)")
      ->required();
  cmd->add_option("--sensitivity", args->sensitivity, "Detector preset")
      ->check(CLI::IsMember({"low", "balanced", "high"}));
  cmd->add_option("--set", args->sets, "Override one alert setting, key=value (repeatable)");
  cmd->add_option("--restart-every", args->restart_every, "Save and restore the detector state every N rows")
      ->group("");  // for the restart-equivalence check in bench/eval_nab.sh
  cmd->add_flag("--scores", args->scores, "Print timestamp,anomaly_score (-log10 p) instead of alerts");
  cmd->callback([args] { run_backtest_command(*args); });
}

}  // namespace pantau::cli
