#include "daemon/config.hpp"

#include "connectors/connector.hpp"
#include "common/timeutil.hpp"
#ifdef PANTAU_HAS_ALERTS
#include "alerts/config.hpp"  // [alerts], [watch.alerts], [[notifier]], [digest]
#endif

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace pantau {
namespace {

// Collects issues for one file, each with the line of the node it is about.
struct Issues {
  std::string file;
  std::vector<ConfigIssue> list;
  void add(const toml::node* node, std::string key, std::string message) {
    int line = node ? static_cast<int>(node->source().begin.line) : 0;
    list.push_back({file, line, std::move(key), std::move(message)});
  }
};

const std::set<std::string, std::less<>> k_top_level = {"storage", "log",    "http",     "sentiment", "watch",
                                                         "source",  "alerts", "notifier", "complaints", "digest"};

// A string value with ${VAR} expanded; records an issue and returns nullopt on error.
std::optional<std::string> get_string(const toml::node& node, const std::string& key, Issues& issues) {
  auto s = node.value<std::string>();
  if (!s || !node.is_string()) {
    issues.add(&node, key, "expected a string");
    return std::nullopt;
  }
  std::string out, err;
  if (!expand_env(*s, out, err)) {
    issues.add(&node, key, err);
    return std::nullopt;
  }
  return out;
}

std::optional<std::vector<std::string>> get_strings(const toml::node& node, const std::string& key,
                                                    Issues& issues) {
  const toml::array* arr = node.as_array();
  if (!arr) {
    issues.add(&node, key, "expected a list of strings, e.g. [\"a\", \"b\"]");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const toml::node& el : *arr) {
    auto s = get_string(el, key, issues);
    if (!s) return std::nullopt;
    out.push_back(std::move(*s));
  }
  return out;
}

std::optional<std::int64_t> get_duration(const toml::node& node, const std::string& key, Issues& issues) {
  if (auto i = node.value_exact<std::int64_t>()) {
    if (*i < 0) {
      issues.add(&node, key, "must not be negative");
      return std::nullopt;
    }
    return *i;
  }
  if (node.is_string()) {
    auto s = get_string(node, key, issues);
    if (!s) return std::nullopt;
    if (auto d = parse_duration(*s)) return *d;
  }
  issues.add(&node, key, "expected a duration such as \"90s\", \"5m\", \"24h\" or \"7d\"");
  return std::nullopt;
}

std::optional<std::string> read_secret_file(const toml::node& node, const std::string& key, std::string path,
                                            Issues& issues) {
  if (std::filesystem::path(path).is_relative()) {
    if (const char* dir = std::getenv("CREDENTIALS_DIRECTORY")) path = std::string(dir) + "/" + path;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    issues.add(&node, key, "cannot read the secret file " + path + " (check the path and its permissions)");
    return std::nullopt;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string v = ss.str();
  while (!v.empty() && (v.back() == '\n' || v.back() == '\r')) v.pop_back();
  return v;
}

// Converts one value according to its declared type.
std::optional<connectors::Value> convert(const connectors::KeySpec& spec, const toml::node& node,
                                         const std::string& key, Issues& issues) {
  using connectors::KeyType;
  switch (spec.type) {
    case KeyType::string:
    case KeyType::secret:
      if (auto s = get_string(node, key, issues)) return connectors::Value(std::move(*s));
      return std::nullopt;
    case KeyType::integer:
      if (auto i = node.value_exact<std::int64_t>()) return connectors::Value(*i);
      issues.add(&node, key, "expected a whole number");
      return std::nullopt;
    case KeyType::number:
      if (auto i = node.value_exact<std::int64_t>()) return connectors::Value(static_cast<double>(*i));
      if (auto d = node.value_exact<double>()) return connectors::Value(*d);
      issues.add(&node, key, "expected a number");
      return std::nullopt;
    case KeyType::boolean:
      if (auto b = node.value_exact<bool>()) return connectors::Value(*b);
      issues.add(&node, key, "expected true or false");
      return std::nullopt;
    case KeyType::duration:
      if (auto d = get_duration(node, key, issues)) return connectors::Value(*d);
      return std::nullopt;
    case KeyType::string_list:
      if (auto l = get_strings(node, key, issues)) return connectors::Value(std::move(*l));
      return std::nullopt;
  }
  return std::nullopt;
}

// Parses a default written as a TOML literal in a KeySpec.
std::optional<connectors::Value> default_value(const connectors::KeySpec& spec) {
  if (spec.default_value.empty()) return std::nullopt;
  std::string doc = "v = " + std::string(spec.default_value);
  toml::table t = toml::parse(doc);
  Issues scratch;
  return convert(spec, *t.get("v"), std::string(spec.name), scratch);
}

void load_watches(const toml::table& root, Config& cfg, Issues& issues) {
  const toml::node* node = root.get("watch");
  if (!node) {
    issues.add(nullptr, "watch", "no [[watch]] is configured; add one with name and query");
    return;
  }
  const toml::array* arr = node->as_array();
  if (!arr) {
    issues.add(node, "watch", "use [[watch]] tables (an array of tables)");
    return;
  }
  std::set<std::string> names;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const toml::table* t = (*arr)[i].as_table();
    std::string prefix = "watch[" + std::to_string(i + 1) + "]";
    if (!t) {
      issues.add(&(*arr)[i], prefix, "expected a table");
      continue;
    }
    WatchConfig w;
    w.line = static_cast<int>(t->source().begin.line);
    for (const auto& [k, v] : *t) {
      std::string key = prefix + "." + std::string(k.str());
      if (k == "name") {
        if (auto s = get_string(v, key, issues)) w.name = *s;
      } else if (k == "query") {
        if (v.is_array()) {
          // A list of terms: any of them, each as an exact phrase.
          if (auto terms = get_strings(v, key, issues)) {
            for (const auto& term : *terms) {
              if (!w.query.empty()) w.query += " OR ";
              std::string quoted;
              for (char c : term) quoted += c == '"' ? ' ' : c;
              w.query += "\"" + quoted + "\"";
            }
          }
        } else if (auto s = get_string(v, key, issues)) {
          w.query = *s;
        }
      } else if (k == "own_accounts") {
        if (auto l = get_strings(v, key, issues)) w.own_accounts = *l;
      } else if (k == "sensitivity") {
        if (auto s = get_string(v, key, issues)) {
          if (*s != "low" && *s != "balanced" && *s != "high")
            issues.add(&v, key, "must be \"low\", \"balanced\" or \"high\"");
          w.sensitivity = *s;
        }
      } else if (k == "alerts") {
        // Per-watch detector settings, validated by the alerts module.
      } else {
        issues.add(&v, key, "unknown key (known: name, query, own_accounts, sensitivity, alerts)");
      }
    }
    if (w.name.empty()) issues.add(t, prefix + ".name", "every watch needs a name");
    if (w.query.empty()) issues.add(t, prefix + ".query", "every watch needs a query (a list of terms or a query)");
    if (!w.name.empty() && !names.insert(w.name).second)
      issues.add(t, prefix + ".name", "the watch name \"" + w.name + "\" is used twice");
    cfg.watches.push_back(std::move(w));
  }
}

void load_source(const toml::table& t, const std::string& prefix, Config& cfg, Issues& issues) {
  connectors::SourceConfig src;
  src.origin = issues.file + ":" + std::to_string(t.source().begin.line);
  const toml::node* type_node = t.get("type");
  if (!type_node) {
    issues.add(&t, prefix + ".type", "every source needs a type (see pantaud --print-sample-config)");
    return;
  }
  auto type = get_string(*type_node, prefix + ".type", issues);
  if (!type) return;
  const connectors::ConnectorInfo* info = connectors::find_connector(*type);
  if (!info) {
    std::string known;
    for (const auto& c : connectors::registry()) known += (known.empty() ? "" : ", ") + std::string(c.type);
    issues.add(type_node, prefix + ".type", "unknown source type \"" + *type + "\" (known: " + known + ")");
    return;
  }
  src.type = *type;
  auto find_spec = [&](std::string_view key) -> const connectors::KeySpec* {
    for (const auto& k : connectors::common_source_keys())
      if (k.name == key) return &k;
    for (const auto& k : info->keys)
      if (k.name == key) return &k;
    return nullptr;
  };
  for (const auto& [k, v] : t) {
    std::string name(k.str());
    std::string key = prefix + "." + name;
    const connectors::KeySpec* spec = find_spec(name);
    if (!spec && name.size() > 5 && name.ends_with("_file")) {
      const connectors::KeySpec* secret = find_spec(std::string_view(name).substr(0, name.size() - 5));
      if (secret && secret->type == connectors::KeyType::secret) {
        if (t.contains(secret->name)) {
          issues.add(&v, key, "give either " + std::string(secret->name) + " or " + name + ", not both");
          continue;
        }
        if (auto p = get_string(v, key, issues))
          if (auto s = read_secret_file(v, key, *p, issues)) src.values[std::string(secret->name)] = *s;
        continue;
      }
    }
    if (!spec) {
      std::string known;
      for (const auto& s : info->keys) known += (known.empty() ? "" : ", ") + std::string(s.name);
      issues.add(&v, key, "unknown key for a " + src.type + " source (its keys: " + known + ")");
      continue;
    }
    if (auto val = convert(*spec, v, key, issues)) src.values[name] = std::move(*val);
  }
  // Defaults and required keys.
  for (auto specs : {connectors::common_source_keys(), info->keys}) {
    for (const auto& spec : specs) {
      if (src.has(spec.name)) continue;
      if (spec.required && spec.name != "name") {
        issues.add(&t, prefix + "." + std::string(spec.name),
                   "missing; " + std::string(spec.description) +
                       (spec.type == connectors::KeyType::secret
                            ? " (or give " + std::string(spec.name) + "_file)"
                            : std::string()));
        continue;
      }
      if (auto d = default_value(spec)) src.values[std::string(spec.name)] = std::move(*d);
    }
  }
  if (!src.has("interval")) src.values["interval"] = static_cast<std::int64_t>(info->default_interval.count());
  if (src.integer("interval") <= 0) issues.add(&t, prefix + ".interval", "must be more than 0s");
  src.watch = src.str("watch");
  if (!src.watch.empty() && !cfg.find_watch(src.watch))
    issues.add(t.get("watch"), prefix + ".watch", "no [[watch]] is named \"" + src.watch + "\"");
  src.name = src.str("name");
  if (src.name.empty()) src.name = src.type + ":" + src.watch;
  for (const auto& other : cfg.sources)
    if (other.name == src.name)
      issues.add(&t, prefix + ".name",
                 "two sources are named \"" + src.name + "\"; give each a distinct name = \"...\"");
  cfg.sources.push_back(std::move(src));
}

}  // namespace

const WatchConfig* Config::find_watch(const std::string& name) const {
  for (const auto& w : watches)
    if (w.name == name) return &w;
  return nullptr;
}

bool expand_env(std::string_view in, std::string& out, std::string& error) {
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '$') {
      out += in[i];
      continue;
    }
    if (i + 1 < in.size() && in[i + 1] == '$') {
      out += '$';
      ++i;
      continue;
    }
    if (i + 1 >= in.size() || in[i + 1] != '{') {
      out += '$';
      continue;
    }
    auto close = in.find('}', i + 2);
    if (close == std::string_view::npos) {
      error = "unclosed ${ in \"" + std::string(in) + "\"";
      return false;
    }
    std::string_view ref = in.substr(i + 2, close - i - 2);
    std::string_view name = ref, fallback;
    bool has_default = false;
    if (auto p = ref.find(":-"); p != std::string_view::npos) {
      name = ref.substr(0, p);
      fallback = ref.substr(p + 2);
      has_default = true;
    }
    if (name.empty()) {
      error = "empty variable name in ${}";
      return false;
    }
    const char* v = std::getenv(std::string(name).c_str());
    if (v && *v) {
      out += v;
    } else if (has_default) {
      out += fallback;
    } else {
      error = "environment variable " + std::string(name) + " is not set (set it, or write ${" +
              std::string(name) + ":-default})";
      return false;
    }
    i = close;
  }
  return true;
}

Config load_config(const std::string& path) {
  Issues issues{path, {}};
  Config cfg;
  cfg.path = path;
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    int line = static_cast<int>(e.source().begin.line);
    std::string msg(e.description());
    if (!std::filesystem::exists(path)) {
      line = 0;
      msg = "no such file (pass --config FILE, or set PANTAU_CONFIG)";
    }
    throw ConfigError({{path, line, "", msg}});
  }
  for (const auto& [k, v] : root)
    if (!k_top_level.count(k.str()))
      issues.add(&v, std::string(k.str()),
                 "unknown section (known: storage, log, http, sentiment, watch, source, alerts, notifier, "
                 "complaints, digest)");

  auto section = [&](const char* name, std::initializer_list<const char*> keys) -> const toml::table* {
    const toml::node* n = root.get(name);
    if (!n) return nullptr;
    const toml::table* t = n->as_table();
    if (!t) {
      issues.add(n, name, "expected a [" + std::string(name) + "] table");
      return nullptr;
    }
    for (const auto& [k, v] : *t) {
      bool known = false;
      for (const char* kk : keys) known |= k == kk;
      if (!known) issues.add(&v, std::string(name) + "." + std::string(k.str()), "unknown key");
    }
    return t;
  };
  if (const toml::table* t = section("storage", {"path"})) {
    if (const toml::node* n = t->get("path"))
      if (auto s = get_string(*n, "storage.path", issues)) cfg.db_path = *s;
  }
  if (const toml::table* t = section("log", {"level"})) {
    if (const toml::node* n = t->get("level"))
      if (auto s = get_string(*n, "log.level", issues)) {
        if (*s != "debug" && *s != "info" && *s != "warn" && *s != "error")
          issues.add(n, "log.level", "must be debug, info, warn or error");
        cfg.log_level = *s;
      }
  }
  if (const toml::table* t = section("http", {"contact"})) {
    if (const toml::node* n = t->get("contact"))
      if (auto s = get_string(*n, "http.contact", issues)) cfg.http_contact = *s;
  }
  if (const toml::table* t = section("sentiment", {"lexicon_files"})) {
    if (const toml::node* n = t->get("lexicon_files"))
      if (auto l = get_strings(*n, "sentiment.lexicon_files", issues)) cfg.lexicon_files = *l;
  }
  load_watches(root, cfg, issues);
  if (const toml::node* n = root.get("source")) {
    if (const toml::array* arr = n->as_array()) {
      for (std::size_t i = 0; i < arr->size(); ++i) {
        std::string prefix = "source[" + std::to_string(i + 1) + "]";
        if (const toml::table* t = (*arr)[i].as_table())
          load_source(*t, prefix, cfg, issues);
        else
          issues.add(&(*arr)[i], prefix, "expected a table");
      }
    } else {
      issues.add(n, "source", "use [[source]] tables (an array of tables)");
    }
  }
#ifdef PANTAU_HAS_ALERTS
  alerts::validate_config(root, path, issues.list);
#endif
  cfg.complaints = complaints::parse_complaints_config(root.get_as<toml::table>("complaints"), path, issues.list);
  if (!issues.list.empty()) throw ConfigError(std::move(issues.list));
  cfg.document = std::make_shared<toml::table>(std::move(root));
  return cfg;
}

std::string render_sample_config() {
  std::ostringstream out;
  out << "# pantaud configuration. Strings may use ${VAR} and ${VAR:-default};\n"
         "# a secret key K may instead be given as K_file = \"path\" (relative paths are\n"
         "# looked up in $CREDENTIALS_DIRECTORY, see systemd's LoadCredential=).\n\n"
         "[storage]\npath = \"/var/lib/pantau/pantau.db\"\n\n"
         "[log]\nlevel = \"info\"   # debug, info, warn, error\n\n"
         "[http]\ncontact = \"ops@example.com\"   # sent in the User-Agent so API owners can reach you\n\n"
         "[sentiment]\nlexicon_files = []   # TSV overlays: term<TAB>valence<TAB>note\n\n"
         "[[watch]]\nname = \"kopi-senja\"\nquery = [\"kopi senja\", \"kopisenja\"]\n"
         "own_accounts = [\"kopisenja\"]\nsensitivity = \"balanced\"   # low, balanced, high\n\n"
         "# Keys every [[source]] takes:\n";
  for (const auto& k : connectors::common_source_keys())
    out << "#   " << k.name << " (" << connectors::to_string(k.type) << "): " << k.description << "\n";
  for (const auto& info : connectors::registry()) out << "\n" << connectors::render_sample(info);
  return out.str();
}

}  // namespace pantau
