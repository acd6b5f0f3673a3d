// pantaud: the listening daemon.
#include "common/asio.hpp"
#include "common/log.hpp"
#include "daemon/config.hpp"
#include "daemon/daemon.hpp"
#include "daemon/systemd.hpp"
#ifdef PANTAU_HAS_ALERTS
#include "alerts/service.hpp"
#endif

#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <unistd.h>

namespace {

constexpr int k_exit_config = 78;  // EX_CONFIG, as systemd and sysexits.h use it

std::string default_config_path() {
  if (const char* env = std::getenv("PANTAU_CONFIG"); env && *env) return env;
  return "/etc/pantau/pantau.toml";
}

void print_issues(const pantau::ConfigError& e) {
  for (const auto& issue : e.issues()) std::cerr << "pantaud: " << issue.to_string() << "\n";
}

void print_query_hint(const pantau::Config& cfg) {
  // Shown on a terminal only: a person who just ran `make run` wants to know what to do next.
  if (!isatty(STDERR_FILENO)) return;
  std::string cli = "build/bin/pantau --config " + cfg.path;
  std::cerr << "\n  pantaud is listening. In another terminal, try:\n"
            << "    " << cli << " status\n"
            << "    " << cli << " mentions --since 14d --limit 20\n"
            << "    " << cli << " mentions --sentiment negative --search 'dingin OR telat'\n"
            << "    " << cli << " stats --since 14d --by day\n"
            << "  Stop with Ctrl-C.\n\n";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"pantaud: listens to social and review sources, scores every mention, records complaints."};
  std::string config_path = default_config_path();
  bool check_only = false, print_sample = false, version = false;
  app.add_option("-c,--config", config_path, "Config file (default $PANTAU_CONFIG, then /etc/pantau/pantau.toml)");
  app.add_flag("--check-config", check_only, "Validate the config and exit 0, or 78 with the errors");
  app.add_flag("--print-sample-config", print_sample, "Print a sample config with every connector's keys");
  app.add_flag("--version", version, "Print the version");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (version) {
    std::cout << "pantaud " PANTAU_VERSION "\n";
    return 0;
  }
  if (print_sample) {
    std::cout << pantau::render_sample_config();
    return 0;
  }

  std::optional<pantau::Config> config;
  try {
    config = pantau::load_config(config_path);
  } catch (const pantau::ConfigError& e) {
    print_issues(e);
    return k_exit_config;
  }
  if (check_only) {
    std::cout << "pantaud: " << config_path << " is valid (" << config->watches.size() << " watches, "
              << config->sources.size() << " sources)\n";
    return 0;
  }

  pantau::log::init("pantaud", pantau::log::parse_level(config->log_level).value_or(pantau::log::Level::info));
  pantau::asio::io_context io(1);
#ifdef PANTAU_HAS_ALERTS
  // Alerting listens to every commit; it needs the daemon's writer, so the
  // hooks reach it through this pointer once both exist.
  std::unique_ptr<pantau::alerts::AlertService> alerts;
  pantau::DaemonHooks hooks;
  hooks.on_buckets = [&alerts](const std::vector<pantau::storage::BucketDelta>& d) {
    if (alerts) alerts->on_buckets(d);
  };
  hooks.on_source_silent = [&alerts](const std::string& source, const std::string& watch, std::int64_t silent_for) {
    if (alerts) alerts->on_source_silent(source, watch, silent_for);
  };
#else
  pantau::DaemonHooks hooks;
#endif
  std::unique_ptr<pantau::Daemon> daemon;
  try {
    daemon = std::make_unique<pantau::Daemon>(io, std::move(*config), std::move(hooks));
#ifdef PANTAU_HAS_ALERTS
    alerts = std::make_unique<pantau::alerts::AlertService>(io, daemon->writer(), daemon->config());
    alerts->start();
#endif
  } catch (const pantau::ConfigError& e) {
    print_issues(e);
    return k_exit_config;
  } catch (const std::exception& e) {
    pantau::log::error("DAEMON_START_FAILED", "Could not start.", {{"error", e.what()}});
    return 1;
  }

  pantau::systemd::Watchdog watchdog(io);
  pantau::asio::steady_timer status_timer(io);
  std::function<void()> publish_status = [&] {
    pantau::systemd::notify_status(daemon->status_line());
    status_timer.expires_after(std::chrono::seconds(10));
    status_timer.async_wait([&](const boost::system::error_code& ec) {
      if (!ec) publish_status();
    });
  };

  pantau::asio::signal_set signals(io, SIGTERM, SIGINT, SIGHUP);
  bool stopping = false;
  std::function<void(const boost::system::error_code&, int)> on_signal = [&](const boost::system::error_code& ec,
                                                                               int sig) {
    if (ec) return;
    if (sig == SIGHUP) {
      pantau::systemd::notify_reloading();
      const std::string path = daemon->config().path;
      try {
        daemon->reload(pantau::load_config(path));
#ifdef PANTAU_HAS_ALERTS
        alerts->reload(daemon->config());
#endif
        pantau::log::set_level(
            pantau::log::parse_level(daemon->config().log_level).value_or(pantau::log::Level::info));
      } catch (const pantau::ConfigError& e) {
        for (const auto& issue : e.issues())
          pantau::log::error("CONFIG_RELOAD_FAILED", "The new config is invalid; the old one stays in force.",
                             {{"file", issue.file}, {"line", issue.line}, {"key", issue.key},
                              {"error", issue.message}});
      }
      pantau::systemd::notify_ready();
      signals.async_wait(on_signal);  // re-arm after every SIGHUP
      return;
    }
    if (stopping) return;
    stopping = true;
    pantau::log::info("DAEMON_STOPPING", "Stopping: intake stops, accepted mentions are committed.",
                      {{"signal", sig == SIGTERM ? "SIGTERM" : "SIGINT"}});
    pantau::systemd::notify_stopping();
    watchdog.stop();
    status_timer.cancel();
    signals.cancel();
#ifdef PANTAU_HAS_ALERTS
    alerts->stop();  // before the writer stops: its last state rows are queued already
#endif
    daemon->stop([&io] { io.stop(); });
  };
  signals.async_wait(on_signal);

  daemon->start();
  watchdog.start();
  pantau::systemd::notify_ready();
  publish_status();
  print_query_hint(daemon->config());
  io.run();
  return 0;
}
