#include "connectors/config_schema.hpp"

#include <stdexcept>

namespace pantau::connectors {
namespace {

const Value& get(const SourceConfig& c, std::string_view key) {
  auto it = c.values.find(key);
  // Connectors only ask for keys they declared; a miss is a programming error.
  if (it == c.values.end())
    throw std::logic_error("source " + c.name + " has no value for key " + std::string(key));
  return it->second;
}

const std::string k_empty;
const std::vector<std::string> k_no_strings;

}  // namespace

const char* to_string(KeyType type) noexcept {
  switch (type) {
    case KeyType::string: return "string";
    case KeyType::integer: return "integer";
    case KeyType::number: return "number";
    case KeyType::boolean: return "boolean";
    case KeyType::duration: return "duration";
    case KeyType::string_list: return "list of strings";
    case KeyType::secret: return "secret";
  }
  return "?";
}

const std::string& SourceConfig::str(std::string_view key) const {
  auto it = values.find(key);
  if (it == values.end()) return k_empty;
  return std::get<std::string>(it->second);
}
std::int64_t SourceConfig::integer(std::string_view key) const { return std::get<std::int64_t>(get(*this, key)); }
double SourceConfig::number(std::string_view key) const {
  const Value& v = get(*this, key);
  if (auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  return std::get<double>(v);
}
bool SourceConfig::boolean(std::string_view key) const { return std::get<bool>(get(*this, key)); }
const std::vector<std::string>& SourceConfig::strings(std::string_view key) const {
  auto it = values.find(key);
  if (it == values.end()) return k_no_strings;
  return std::get<std::vector<std::string>>(it->second);
}

std::span<const KeySpec> common_source_keys() {
  static constexpr KeySpec k_keys[] = {
      {"type", KeyType::string, "", "Connector type (see `pantaud --print-sample-config`).", true},
      {"watch", KeyType::string, "", "Name of the [[watch]] this source feeds.", true},
      {"name", KeyType::string, "", "Unique name of this source; defaults to \"<type>:<watch>\"."},
      {"interval", KeyType::duration, "", "Time between polls; defaults to the connector's own."},
      {"backfill", KeyType::duration, "\"24h\"", "On the first run, fetch items this far back."},
      {"silent_after", KeyType::duration, "\"6h\"",
       "Raise source_silent when the source has failed or returned nothing this long."},
      {"enabled", KeyType::boolean, "true", "Set to false to keep the table but not poll."},
  };
  return k_keys;
}

}  // namespace pantau::connectors
