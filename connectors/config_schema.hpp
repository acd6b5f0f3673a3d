// Each connector declares its config keys once: name, type, default,
// description. The daemon's config loader validates [[source]] tables against
// the declaration (unknown keys are errors), and `pantaud
// --print-sample-config` renders the same table.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace pantau::connectors {

enum class KeyType {
  string,
  integer,
  number,
  boolean,
  duration,     // "90s", "5m", "24h", "7d" or seconds; stored as seconds
  string_list,
  secret,       // a string that may instead come from `<name>_file` (systemd credentials)
};
const char* to_string(KeyType type) noexcept;

struct KeySpec {
  std::string_view name;
  KeyType type;
  std::string_view default_value;  // TOML literal as it would appear in a sample; empty = no default
  std::string_view description;
  bool required = false;
};

using Value = std::variant<std::string, std::int64_t, double, bool, std::vector<std::string>>;

// The validated settings of one [[source]]: every declared key has a value
// (given or default) unless it is optional without a default.
class SourceConfig {
 public:
  std::string name;   // unique instance name (cursor and status key)
  std::string type;   // registry key
  std::string watch;  // the watch it feeds
  std::string origin; // "file:line" of the [[source]] table, for messages
  std::map<std::string, Value, std::less<>> values;

  bool has(std::string_view key) const { return values.find(key) != values.end(); }
  const std::string& str(std::string_view key) const;       // string and secret
  std::int64_t integer(std::string_view key) const;         // integer and duration (seconds)
  double number(std::string_view key) const;
  bool boolean(std::string_view key) const;
  const std::vector<std::string>& strings(std::string_view key) const;
};

// Keys every source has, whatever its type.
std::span<const KeySpec> common_source_keys();

}  // namespace pantau::connectors
