#include "alerts/config.hpp"

#include "common/timeutil.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>

namespace pantau::alerts {
namespace {

struct Issues {
  const std::string& file;
  std::vector<ConfigIssue>& list;
  void add(const toml::node* node, std::string key, std::string message) {
    int line = node ? static_cast<int>(node->source().begin.line) : 0;
    list.push_back({file, line, std::move(key), std::move(message)});
  }
};

// ${VAR} and ${VAR:-default}, as daemon/config.cpp does for its own sections
// (duplicated in a few lines so that pantau_alerts does not depend on the daemon).
bool expand(std::string_view in, std::string& out, std::string& error) {
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '$' || i + 1 >= in.size() || (in[i + 1] != '{' && in[i + 1] != '$')) {
      out += in[i];
      continue;
    }
    if (in[i + 1] == '$') {
      out += '$';
      ++i;
      continue;
    }
    auto close = in.find('}', i + 2);
    if (close == std::string_view::npos) {
      error = "unclosed ${";
      return false;
    }
    std::string_view ref = in.substr(i + 2, close - i - 2), name = ref, fallback;
    bool has_default = false;
    if (auto p = ref.find(":-"); p != std::string_view::npos) {
      name = ref.substr(0, p);
      fallback = ref.substr(p + 2);
      has_default = true;
    }
    const char* v = std::getenv(std::string(name).c_str());
    if (v && *v) out += v;
    else if (has_default) out += fallback;
    else {
      error = "environment variable " + std::string(name) + " is not set";
      return false;
    }
    i = close;
  }
  return true;
}

std::optional<std::string> str(const toml::node& n, const std::string& key, Issues& is) {
  if (!n.is_string()) {
    is.add(&n, key, "expected a string");
    return std::nullopt;
  }
  std::string out, err;
  if (!expand(*n.value<std::string>(), out, err)) {
    is.add(&n, key, err);
    return std::nullopt;
  }
  return out;
}

std::optional<std::vector<std::string>> strs(const toml::node& n, const std::string& key, Issues& is) {
  if (n.is_string()) {
    if (auto s = str(n, key, is)) return std::vector<std::string>{*s};
    return std::nullopt;
  }
  const toml::array* a = n.as_array();
  if (!a) {
    is.add(&n, key, "expected a list of strings");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const auto& el : *a) {
    auto s = str(el, key, is);
    if (!s) return std::nullopt;
    out.push_back(*s);
  }
  return out;
}

std::optional<std::int64_t> duration(const toml::node& n, const std::string& key, Issues& is) {
  if (auto i = n.value_exact<std::int64_t>(); i && *i >= 0) return *i;
  if (n.is_string())
    if (auto s = str(n, key, is))
      if (auto d = parse_duration(*s)) return *d;
  is.add(&n, key, "expected a duration such as \"90s\", \"5m\", \"24h\" or \"7d\"");
  return std::nullopt;
}

std::optional<int> clock_minute(std::string_view s) {
  int h = 0, m = 0;
  if (s.size() != 5 || s[2] != ':' || std::sscanf(std::string(s).c_str(), "%2d:%2d", &h, &m) != 2) return std::nullopt;
  if (h < 0 || h > 23 || m < 0 || m > 59) return std::nullopt;
  return h * 60 + m;
}

// A detector setting as the string set_option() takes.
std::optional<std::string> option_text(const toml::node& n) {
  if (auto i = n.value_exact<std::int64_t>()) return std::to_string(*i);
  if (auto d = n.value_exact<double>()) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", *d);
    return std::string(buf);
  }
  if (auto b = n.value_exact<bool>()) return std::string(*b ? "true" : "false");
  if (auto s = n.value_exact<std::string>()) return *s;
  if (const toml::array* a = n.as_array()) {  // windows = ["1h", "3h"] or [12, 36]
    std::string out;
    for (const auto& el : *a) {
      auto t = option_text(el);
      if (!t) return std::nullopt;
      out += (out.empty() ? "" : ",") + *t;
    }
    return out;
  }
  return std::nullopt;
}

const std::set<std::string, std::less<>> k_keys = {
    "enabled", "sensitivity", "outage_tolerance", "group_wait", "group_interval", "repeat_interval", "grace",
    "quiet_hours", "timezone", "retry_base", "examples", "dashboard_url", "notifiers"};

// Applies one [alerts] or [watch.alerts] table onto `w`; `prefix` names it in issues.
void apply(const toml::table& t, const std::string& prefix, WatchAlerts& w,
           std::vector<std::pair<std::string, std::string>>& options, Issues& is, std::string_view path = "") {
  static const std::vector<std::string> detector_keys = option_keys();
  for (const auto& [k, v] : t) {
    const std::string name = path.empty() ? std::string(k.str()) : std::string(path) + "." + std::string(k.str());
    const std::string key = prefix + "." + name;
    if (path.empty() && k_keys.count(name)) {
      if (name == "enabled") {
        if (auto b = v.value_exact<bool>()) w.enabled = *b;
        else is.add(&v, key, "expected true or false");
      } else if (name == "sensitivity") {
        if (auto s = str(v, key, is)) {
          if (!is_known_sensitivity(*s)) is.add(&v, key, "must be \"low\", \"balanced\" or \"high\"");
          w.sensitivity = *s;
        }
      } else if (name == "outage_tolerance") {
        if (auto d = duration(v, key, is)) w.outage_tolerance = *d;
      } else if (name == "group_wait") {
        if (auto d = duration(v, key, is)) w.group_wait = *d;
      } else if (name == "group_interval") {
        if (auto d = duration(v, key, is)) w.group_interval = *d;
      } else if (name == "repeat_interval") {
        if (auto d = duration(v, key, is)) w.repeat_interval = *d;
      } else if (name == "grace") {
        if (auto d = duration(v, key, is)) w.grace = *d;
      } else if (name == "retry_base") {
        if (auto d = duration(v, key, is)) {
          if (*d < 1) is.add(&v, key, "must be at least 1s");
          w.retry_base = std::max<std::int64_t>(1, *d);
        }
      } else if (name == "quiet_hours") {
        if (auto s = str(v, key, is)) {
          auto dash = s->find('-');
          auto a = dash == std::string::npos ? std::nullopt : clock_minute(std::string_view(*s).substr(0, dash));
          auto b = dash == std::string::npos ? std::nullopt : clock_minute(std::string_view(*s).substr(dash + 1));
          if (!a || !b) is.add(&v, key, "expected \"HH:MM-HH:MM\" in local time, e.g. \"22:00-07:00\"");
          else w.quiet = {*a, *b};
        }
      } else if (name == "timezone") {
        if (auto s = str(v, key, is)) {
          if (auto off = parse_utc_offset(*s)) w.utc_offset_minutes = *off;
          else is.add(&v, key, "expected a UTC offset such as \"+07:00\", or Asia/Jakarta, Asia/Makassar, Asia/Jayapura, UTC");
        }
      } else if (name == "examples") {
        auto i = v.value_exact<std::int64_t>();
        if (!i || *i < 0 || *i > 10) is.add(&v, key, "expected a whole number from 0 to 10");
        else w.examples = *i;
      } else if (name == "dashboard_url") {
        if (auto s = str(v, key, is)) w.dashboard_url = *s;
      } else if (name == "notifiers") {
        if (auto l = strs(v, key, is)) w.notifiers = *l;
      }
      continue;
    }
    if (const toml::table* sub = v.as_table()) {  // negative_spike.threshold = 3 is a sub-table in TOML
      apply(*sub, prefix, w, options, is, name);
      continue;
    }
    bool known = false;
    for (const auto& dk : detector_keys) known |= dk == name;
    if (!known) {
      std::string list;
      for (const auto& kk : k_keys) list += (list.empty() ? "" : ", ") + kk;
      is.add(&v, key, "unknown key (known: " + list + ", and the detector settings " +
                          "windows, cooldown, negative_spike.threshold, ...; see pantau backtest --help)");
      continue;
    }
    auto text = option_text(v);
    DetectorSettings scratch;
    if (!text) {
      is.add(&v, key, "expected a number, string, boolean or list");
    } else if (auto st = set_option(scratch, name, *text); !st) {
      is.add(&v, key, st.failure().message);
    } else {
      options.emplace_back(name, *text);
    }
  }
}

NotifierConfig parse_notifier(const toml::table& t, const std::string& prefix, Issues& is) {
  NotifierConfig c;
  static const std::set<std::string, std::less<>> keys = {
      "name", "type", "url", "from", "to", "username", "password", "password_file", "secret", "secret_file",
      "path", "starttls", "message_domain", "ca_file", "timeout"};
  for (const auto& [k, v] : t) {
    const std::string name(k.str()), key = prefix + "." + name;
    if (!keys.count(name)) {
      is.add(&v, key, "unknown key for a notifier (its keys: name, type, url, from, to, username, password, "
                      "password_file, secret, secret_file, path, starttls, message_domain, ca_file, timeout)");
      continue;
    }
    if (name == "to") {
      if (auto l = strs(v, key, is)) c.to = *l;
    } else if (name == "starttls") {
      if (auto b = v.value_exact<bool>()) c.starttls = *b;
      else is.add(&v, key, "expected true or false");
    } else if (name == "timeout") {
      if (auto d = duration(v, key, is)) c.timeout_seconds = std::max<std::int64_t>(1, *d);
    } else if (auto s = str(v, key, is)) {
      if (name == "name") c.name = *s;
      else if (name == "type") c.type = *s;
      else if (name == "url") c.url = *s;
      else if (name == "from") c.from = *s;
      else if (name == "username") c.username = *s;
      else if (name == "password") c.password = *s;
      else if (name == "password_file" || name == "secret_file") {
        std::string path = *s;
        if (std::filesystem::path(path).is_relative())
          if (const char* dir = std::getenv("CREDENTIALS_DIRECTORY")) path = std::string(dir) + "/" + path;
        if (!std::filesystem::exists(path)) is.add(&v, key, "cannot read the secret file " + path);
        (name == "password_file" ? c.password_file : c.secret_file) = path;
      } else if (name == "secret") c.secret = *s;
      else if (name == "path") c.path = *s;
      else if (name == "message_domain") c.message_domain = *s;
      else if (name == "ca_file") c.ca_file = *s;
    }
  }
  if (c.type != "smtp" && c.type != "webhook" && c.type != "file")
    is.add(t.get("type") ? t.get("type") : &t, prefix + ".type", "must be \"smtp\", \"webhook\" or \"file\"");
  if (c.type == "smtp") {
    if (c.url.rfind("smtp://", 0) != 0 && c.url.rfind("smtps://", 0) != 0)
      is.add(&t, prefix + ".url", "an smtp notifier needs url = \"smtp://host:587\" or \"smtps://host:465\"");
    if (c.from.empty()) is.add(&t, prefix + ".from", "an smtp notifier needs from = \"Pantau <pantau@example.co.id>\"");
    if (c.to.empty()) is.add(&t, prefix + ".to", "an smtp notifier needs to = [\"cx@example.co.id\"]");
  } else if (c.type == "webhook") {
    if (c.url.rfind("https://", 0) != 0 && c.url.rfind("http://", 0) != 0)
      is.add(&t, prefix + ".url", "a webhook notifier needs url = \"https://...\"");
  } else if (c.type == "file") {
    if (c.path.empty()) is.add(&t, prefix + ".path", "a file notifier needs path = \"var/alerts.jsonl\"");
  }
  if (!c.password.empty() && !c.password_file.empty())
    is.add(&t, prefix + ".password", "give either password or password_file, not both");
  if (!c.secret.empty() && !c.secret_file.empty())
    is.add(&t, prefix + ".secret", "give either secret or secret_file, not both");
  if (c.name.empty()) c.name = c.type;
  return c;
}

}  // namespace

std::int64_t QuietHours::remaining(std::int64_t now, int utc_offset_minutes) const {
  if (!enabled()) return 0;
  const std::int64_t local = now + utc_offset_minutes * 60;
  const std::int64_t day = ((local % 86400) + 86400) % 86400;
  const std::int64_t minute = day / 60;
  const bool inside = start_minute < end_minute ? minute >= start_minute && minute < end_minute
                                                : minute >= start_minute || minute < end_minute;
  if (!inside) return 0;
  std::int64_t until = end_minute * 60 - day;
  if (until <= 0) until += 86400;
  return until;
}

const WatchAlerts* AlertsConfig::find(const std::string& watch) const {
  for (const auto& w : watches)
    if (w.watch == watch) return &w;
  return nullptr;
}

std::optional<int> parse_utc_offset(std::string_view tz) {
  if (tz == "UTC" || tz == "Z" || tz == "Etc/UTC") return 0;
  if (tz == "WIB" || tz == "Asia/Jakarta" || tz == "Asia/Pontianak") return 7 * 60;
  if (tz == "WITA" || tz == "Asia/Makassar") return 8 * 60;
  if (tz == "WIT" || tz == "Asia/Jayapura") return 9 * 60;
  if (tz.size() < 3 || (tz[0] != '+' && tz[0] != '-')) return std::nullopt;
  std::string digits;
  for (char c : tz.substr(1))
    if (c != ':') digits += c;
  if (digits.size() != 2 && digits.size() != 4) return std::nullopt;
  for (char c : digits)
    if (c < '0' || c > '9') return std::nullopt;
  int h = std::stoi(digits.substr(0, 2)), m = digits.size() == 4 ? std::stoi(digits.substr(2)) : 0;
  if (h > 14 || m > 59) return std::nullopt;
  return (tz[0] == '-' ? -1 : 1) * (h * 60 + m);
}

AlertsConfig parse_alerts_config(const toml::table& root, const std::string& file, const std::string& db_path,
                                 std::vector<ConfigIssue>& issues) {
  Issues is{file, issues};
  AlertsConfig cfg;
  WatchAlerts defaults;
  std::vector<std::pair<std::string, std::string>> default_options;
  bool default_sensitivity = false;
  if (const toml::node* n = root.get("alerts")) {
    if (const toml::table* t = n->as_table()) {
      apply(*t, "alerts", defaults, default_options, is);
      default_sensitivity = t->contains("sensitivity");
    } else {
      is.add(n, "alerts", "expected an [alerts] table");
    }
  }
  cfg.utc_offset_minutes = defaults.utc_offset_minutes;
  if (const toml::array* watches = root.get("watch") ? root.get("watch")->as_array() : nullptr) {
    for (std::size_t i = 0; i < watches->size(); ++i) {
      const toml::table* wt = (*watches)[i].as_table();
      if (!wt) continue;  // load_config reports it
      WatchAlerts w = defaults;
      auto options = default_options;
      if (const toml::node* name = wt->get("name"); name && name->is_string()) w.watch = *name->value<std::string>();
      // The watch's own `sensitivity` beats [alerts]; [watch.alerts] beats both.
      if (const toml::node* s = wt->get("sensitivity"); s && s->is_string() && !default_sensitivity)
        w.sensitivity = *s->value<std::string>();
      if (const toml::node* a = wt->get("alerts")) {
        const std::string prefix = "watch[" + std::to_string(i + 1) + "].alerts";
        if (const toml::table* at = a->as_table()) apply(*at, prefix, w, options, is);
        else is.add(a, prefix, "expected a table ([watch.alerts] or alerts = { ... })");
      }
      w.detector = preset(w.sensitivity);
      w.detector.utc_offset_minutes = w.utc_offset_minutes;  // seasonality in the team's zone
      for (const auto& [k, v] : options) (void)set_option(w.detector, k, v);  // validated above
      cfg.watches.push_back(std::move(w));
    }
  }
  if (const toml::node* n = root.get("notifier")) {
    if (const toml::array* arr = n->as_array()) {
      std::set<std::string> names;
      for (std::size_t i = 0; i < arr->size(); ++i) {
        const std::string prefix = "notifier[" + std::to_string(i + 1) + "]";
        const toml::table* t = (*arr)[i].as_table();
        if (!t) {
          is.add(&(*arr)[i], prefix, "expected a table");
          continue;
        }
        NotifierConfig c = parse_notifier(*t, prefix, is);
        if (!names.insert(c.name).second)
          is.add(t, prefix + ".name", "two notifiers are named \"" + c.name + "\"; give each a distinct name");
        cfg.notifiers.push_back(std::move(c));
      }
    } else {
      is.add(n, "notifier", "use [[notifier]] tables (an array of tables)");
    }
  }
  if (cfg.notifiers.empty()) {  // the offline default: JSON lines beside the database
    NotifierConfig c;
    c.name = "file";
    c.type = "file";
    auto dir = std::filesystem::path(db_path).parent_path();
    c.path = (dir.empty() ? std::filesystem::path("alerts.jsonl") : dir / "alerts.jsonl").string();
    cfg.notifiers.push_back(std::move(c));
  }
  for (std::size_t i = 0; i < cfg.watches.size(); ++i)
    for (const auto& n : cfg.watches[i].notifiers) {
      bool found = false;
      for (const auto& c : cfg.notifiers) found |= c.name == n;
      if (!found) is.add(nullptr, "watch[" + std::to_string(i + 1) + "].alerts.notifiers", "no [[notifier]] is named \"" + n + "\"");
    }
  if (const toml::node* n = root.get("digest")) {
    if (const toml::table* t = n->as_table()) {
      cfg.digest.enabled = true;
      for (const auto& [k, v] : *t) {
        const std::string key = "digest." + std::string(k.str());
        if (k == "enabled") {
          if (auto b = v.value_exact<bool>()) cfg.digest.enabled = *b;
          else is.add(&v, key, "expected true or false");
        } else if (k == "time") {
          auto s = str(v, key, is);
          auto m = s ? clock_minute(*s) : std::nullopt;
          if (!m) is.add(&v, key, "expected a local time \"HH:MM\", e.g. \"08:00\"");
          else cfg.digest.minute_of_day = *m;
        } else if (k == "watches") {
          if (auto l = strs(v, key, is)) cfg.digest.watches = *l;
          for (const auto& wname : cfg.digest.watches)
            if (!cfg.find(wname)) is.add(&v, key, "no [[watch]] is named \"" + wname + "\"");
        } else {
          is.add(&v, key, "unknown key (known: enabled, time, watches)");
        }
      }
    } else {
      is.add(n, "digest", "expected a [digest] table");
    }
  }
  return cfg;
}

void validate_config(const toml::table& root, const std::string& file, std::vector<ConfigIssue>& issues) {
  (void)parse_alerts_config(root, file, "", issues);
}

}  // namespace pantau::alerts
