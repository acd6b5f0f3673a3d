#include "cli/commands.hpp"

#include "common/timeutil.hpp"
#include "daemon/config.hpp"
#include "storage/database.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdlib>
#include <filesystem>
#include <unistd.h>

namespace pantau::cli {

Context::Context() = default;
Context::~Context() = default;

const Config* Context::config() {
  if (m_config_loaded) return m_config.get();
  m_config_loaded = true;
  std::string path = config_path;
  bool explicit_path = !path.empty();
  if (path.empty()) {
    if (const char* env = std::getenv("PANTAU_CONFIG"); env && *env) {
      path = env;
      explicit_path = true;
    } else {
      path = "/etc/pantau/pantau.toml";
    }
  }
  if (!explicit_path && !std::filesystem::exists(path)) return nullptr;
  m_config = std::make_unique<Config>(load_config(path));  // ConfigError: main prints each issue
  return m_config.get();
}

std::string Context::database_path() {
  if (!db_path.empty()) return db_path;
  if (const Config* c = config()) return c->db_path;
  throw CliError(k_exit_usage,
                 "no database: pass --db FILE or --config FILE (or set PANTAU_CONFIG, or install "
                 "/etc/pantau/pantau.toml)");
}

SQLite::Database& Context::db() {
  if (!m_db) {
    try {
      m_db = storage::open_reader(database_path());
    } catch (const CliError&) {
      throw;
    } catch (const std::exception& e) {
      throw CliError(k_exit_failure, e.what());
    }
  }
  return *m_db;
}

SQLite::Database& Context::db_rw() {
  if (!m_db_rw) {
    try {
      m_db_rw = storage::open_cli_writer(database_path());
    } catch (const CliError&) {
      throw;
    } catch (const std::exception& e) {
      throw CliError(k_exit_failure, e.what());
    }
  }
  return *m_db_rw;
}

std::vector<std::string> Context::lexicon_overlays() {
  if (const Config* c = config()) return c->lexicon_files;
  return {};
}

bool Context::colour() const { return isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR"); }

std::int64_t parse_since(const std::string& value, const char* option) {
  auto t = parse_time_point(value, now_epoch());
  if (!t)
    throw CliError(k_exit_usage, std::string(option) + " \"" + value +
                                     "\" is neither a duration (90m, 24h, 7d) nor an ISO date (2026-08-21 or "
                                     "2026-08-21T09:00:00Z)");
  return *t;
}

}  // namespace pantau::cli
