// Every `pantau` subcommand registers itself here. Each add_*_command lives in
// its own cli/cmd_*.cpp; cli/main.cpp calls them all.
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace SQLite { class Database; }

namespace pantau { struct Config; }

namespace pantau::cli {

// Exit codes: 0 ok, 1 failure, 2 usage.
inline constexpr int k_exit_ok = 0;
inline constexpr int k_exit_failure = 1;
inline constexpr int k_exit_usage = 2;

// Thrown by commands; main prints "pantau: <message>" and exits with `code`.
struct CliError : std::runtime_error {
  int code;
  CliError(int c, const std::string& message) : std::runtime_error(message), code(c) {}
};

// Shared state of one invocation: global options and lazily opened resources.
class Context {
 public:
  std::string config_path;  // --config (else $PANTAU_CONFIG, else /etc/pantau/pantau.toml)
  std::string db_path;      // --db overrides the config's database

  // The loaded config, or nullptr when none was given and the default file is
  // absent. A config that exists but is invalid throws CliError(1).
  const Config* config();
  // The database path: --db, else the config's [storage] path. Throws
  // CliError(2) saying how to point at one.
  std::string database_path();
  // Read-only connection for queries.
  SQLite::Database& db();
  // Short read-write transactions (triage actions, imports), safe while pantaud runs.
  SQLite::Database& db_rw();
  // [sentiment] lexicon_files from the config, empty without one.
  std::vector<std::string> lexicon_overlays();
  bool colour() const;  // stdout is a terminal and NO_COLOR is unset

  Context();
  ~Context();

 private:
  bool m_config_loaded = false;
  std::unique_ptr<Config> m_config;
  std::unique_ptr<SQLite::Database> m_db, m_db_rw;
};

void add_mentions_command(CLI::App& app, Context& ctx);
void add_stats_command(CLI::App& app, Context& ctx);
void add_status_command(CLI::App& app, Context& ctx);
void add_score_command(CLI::App& app, Context& ctx);        // cli/cmd_score.cpp (sentiment)
void add_backtest_command(CLI::App& app, Context& ctx);     // cli/cmd_backtest.cpp (alerts)
void add_alerts_command(CLI::App& app, Context& ctx);       // cli/cmd_alerts.cpp (alerts)
void add_query_test_command(CLI::App& app, Context& ctx);   // cli/cmd_query_test.cpp (connectors)
void add_complaints_command(CLI::App& app, Context& ctx);   // cli/cmd_complaints.cpp (complaints)
void add_metrics_command(CLI::App& app, Context& ctx);      // cli/cmd_metrics.cpp (complaints)
void add_top_issues_command(CLI::App& app, Context& ctx);   // cli/cmd_top_issues.cpp (complaints)
void add_import_command(CLI::App& app, Context& ctx);       // cli/cmd_import.cpp (complaints)
void add_report_command(CLI::App& app, Context& ctx);       // cli/cmd_report.cpp (complaints)

// Parses --since/--until values ("90m", "24h", "7d", ISO dates); CliError(2) if bad.
std::int64_t parse_since(const std::string& value, const char* option);

}  // namespace pantau::cli
