// Stand-in for `pantau backtest --counts` until cli/main.cpp exists: the same
// alerts::run_backtest() path, so bench/eval_nab.sh scores the real code.
// Extra for tuning: several --counts files at once with --out-dir.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "alerts/backtest.hpp"

int main(int argc, char** argv) {
  CLI::App app{"Replay 5-minute counts through the alert detector (timestamp,value -> timestamp,alert)"};
  std::vector<std::string> counts;
  std::string sensitivity = "balanced", out_dir;
  std::vector<std::string> sets;
  std::int64_t restart_every = 0;
  bool scores = false;
  app.add_option("--counts", counts, "timestamp,value CSV file(s)")->required();
  app.add_option("--sensitivity", sensitivity, "low|balanced|high");
  app.add_option("--set", sets, "override a setting, key=value");
  app.add_option("--restart-every", restart_every, "save+restore the detector every N rows");
  app.add_option("--out-dir", out_dir, "write one CSV per input into this folder");
  app.add_flag("--scores", scores, "print timestamp,anomaly_score instead of alerts");
  CLI11_PARSE(app, argc, argv);

  namespace pa = pantau::alerts;
  if (!pa::is_known_sensitivity(sensitivity)) {
    std::cerr << "error: --sensitivity must be low, balanced or high\n";
    return 2;
  }
  pa::BacktestOptions opt;
  opt.settings = pa::preset(sensitivity);
  opt.restart_every = restart_every;
  for (const auto& kv : sets) {
    const auto eq = kv.find('=');
    auto st = eq == std::string::npos ? pantau::Status(pantau::Failure::invalid_input("--set wants key=value"))
                                      : pa::set_option(opt.settings, kv.substr(0, eq), kv.substr(eq + 1));
    if (!st) {
      std::cerr << "error: " << st.failure().message << "\n";
      return 2;
    }
  }
  for (const auto& path : counts) {
    std::ifstream in(path);
    if (!in) {
      std::cerr << "error: cannot open " << path << "\n";
      return 1;
    }
    auto rows = pa::read_counts_csv(in, path);
    if (!rows) {
      std::cerr << "error: " << rows.failure().message << "\n";
      return 1;
    }
    auto res = pa::run_backtest(*rows, opt);
    if (!res) {
      std::cerr << "error: " << res.failure().message << "\n";
      return 1;
    }
    std::ofstream file;
    std::ostream* out = &std::cout;
    if (!out_dir.empty()) {
      file.open(std::filesystem::path(out_dir) / std::filesystem::path(path).filename());
      out = &file;
    }
    if (scores) {
      *out << "timestamp,anomaly_score\n";
      for (std::size_t i = 0; i < rows->size(); ++i) *out << (*rows)[i].timestamp << ',' << res->score[i] << '\n';
    } else {
      pa::write_alerts_csv(*out, *rows, *res);
    }
  }
  return 0;
}
