// pantau: query, triage, export and report on what pantaud has heard.
#include "cli/commands.hpp"
#include "common/config_error.hpp"

#include <SQLiteCpp/Exception.h>

#include <iostream>

int main(int argc, char** argv) {
  CLI::App app{"pantau: query, triage, export and report on what pantaud has heard."};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "Show help for every subcommand");
  pantau::cli::Context ctx;
  app.add_option("-c,--config", ctx.config_path,
                 "Config file (default $PANTAU_CONFIG, then /etc/pantau/pantau.toml)");
  app.add_option("--db", ctx.db_path, "SQLite database (overrides the config's [storage] path)");
  app.add_flag_callback("--version", [] {
    std::cout << "pantau " PANTAU_VERSION "\n";
    std::exit(0);
  }, "Print the version");

  using namespace pantau::cli;
#ifdef PANTAU_HAS_CMD_MENTIONS
  add_mentions_command(app, ctx);
#endif
#ifdef PANTAU_HAS_CMD_STATS
  add_stats_command(app, ctx);
#endif
#ifdef PANTAU_HAS_CMD_STATUS
  add_status_command(app, ctx);
#endif
#ifdef PANTAU_HAS_CMD_SCORE
  add_score_command(app, ctx);
#endif
#ifdef PANTAU_HAS_CMD_QUERY_TEST
  add_query_test_command(app, ctx);
#endif
#ifdef PANTAU_HAS_CMD_BACKTEST
  add_backtest_command(app, ctx);
#endif
#ifdef PANTAU_HAS_CMD_ALERTS
  add_alerts_command(app, ctx);
#endif
#ifdef PANTAU_HAS_CMD_COMPLAINTS
  add_complaints_command(app, ctx);
#endif
#ifdef PANTAU_HAS_CMD_METRICS
  add_metrics_command(app, ctx);
#endif
#ifdef PANTAU_HAS_CMD_TOP_ISSUES
  add_top_issues_command(app, ctx);
#endif
#ifdef PANTAU_HAS_CMD_IMPORT
  add_import_command(app, ctx);
#endif
#ifdef PANTAU_HAS_CMD_REPORT
  add_report_command(app, ctx);
#endif

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? k_exit_ok : k_exit_usage;
  } catch (const CliError& e) {
    std::cerr << "pantau: " << e.what() << "\n";
    return e.code;
  } catch (const pantau::ConfigError& e) {
    for (const auto& issue : e.issues()) std::cerr << "pantau: " << issue.to_string() << "\n";
    return k_exit_failure;
  } catch (const SQLite::Exception& e) {
    std::cerr << "pantau: database error: " << e.what() << "\n";
    return k_exit_failure;
  } catch (const std::exception& e) {
    std::cerr << "pantau: " << e.what() << "\n";
    return k_exit_failure;
  }
  return k_exit_ok;
}
