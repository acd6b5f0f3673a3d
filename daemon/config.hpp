// pantaud's configuration: TOML (toml++), `${VAR}` / `${VAR:-default}`
// expansion in string values, secrets from `<key>_file` (relative paths are
// looked up in $CREDENTIALS_DIRECTORY, i.e. systemd's LoadCredential=).
// Every problem is reported with file, line and key; loading collects them
// all and throws one ConfigError.
#pragma once

#include "common/config_error.hpp"
#include "complaints/config.hpp"
#include "connectors/config_schema.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <toml++/toml.h>

namespace pantau {

struct WatchConfig {
  std::string name;
  std::string query;                      // the query language text
  std::vector<std::string> own_accounts;  // the brand's own handles (replies are responses)
  std::string sensitivity = "balanced";   // low | balanced | high
  int line = 0;
};

struct Config {
  std::string path;                       // the file it was loaded from
  std::string db_path = "/var/lib/pantau/pantau.db";
  std::string log_level = "info";
  std::string http_contact;               // appended to the User-Agent
  std::int64_t shutdown_grace_seconds = 4;
  std::vector<std::string> lexicon_files; // [sentiment] overlays
  std::vector<WatchConfig> watches;
  std::vector<connectors::SourceConfig> sources;
  complaints::ComplaintsConfig complaints;  // [complaints]: aspect taxonomy and cues
  // The parsed document, for sections other modules validate ([alerts],
  // [[notifier]], [complaints], [digest]).
  std::shared_ptr<toml::table> document;

  const WatchConfig* find_watch(const std::string& name) const;
};

// Throws ConfigError (every issue found) or, for an unreadable file, a
// ConfigError with one issue.
Config load_config(const std::string& path);

// Expands ${VAR} and ${VAR:-default}; "$$" is a literal "$". Returns false
// and sets `error` for an unset variable without default or a bad reference.
bool expand_env(std::string_view in, std::string& out, std::string& error);

// The sample config: global sections plus every connector's keys.
std::string render_sample_config();

}  // namespace pantau
