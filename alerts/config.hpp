// The alerting part of pantau.toml: [alerts] (defaults for every watch),
// [watch.alerts] (per-watch overrides), [[notifier]] and [digest].
//
//   [alerts]
//   sensitivity = "balanced"       # low | balanced | high (else the watch's own)
//   outage_tolerance = "6h"        # an episode that opened longer ago than this is not sent
//   group_wait = "5m"              # first mail of an incident waits for related alerts
//   group_interval = "1h"          # at most one update per incident per hour
//   repeat_interval = "24h"        # re-send a still-firing incident ("0" = never)
//   grace = "2m"                   # a live bucket closes this long after its end
//   quiet_hours = "22:00-07:00"    # local time; non-high alerts wait until the end
//   timezone = "Asia/Jakarta"      # or "+07:00"; Indonesia has no DST
//   retry_base = "30s"             # first delivery retry; doubles to 1 h
//   examples = 5                   # example posts per mail (3-5)
//   dashboard_url = "https://..."  # optional link in every mail
//   notifiers = ["ops-mail"]       # default: every [[notifier]]
//   cooldown = "24h"               # any detector setting (alerts/detector.hpp set_option)
//   negative_spike.threshold = 3.5
//
//   [[notifier]]  type = "smtp" | "webhook" | "file", name, url, from, to,
//                 username, password | password_file, secret | secret_file,
//                 path, starttls, message_domain, ca_file, timeout
//   [digest]      enabled = true, time = "08:00" (local), watches = [...]
//
// Without any [[notifier]] the offline default is a file notifier writing
// JSON lines to alerts.jsonl beside the database.
#pragma once

#include "alerts/detector.hpp"
#include "alerts/notifier.hpp"
#include "common/config_error.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

namespace pantau::alerts {

struct QuietHours {
  int start_minute = -1;  // local minutes after midnight; -1: none
  int end_minute = -1;
  bool enabled() const { return start_minute >= 0 && start_minute != end_minute; }
  // Seconds from `now` until the quiet period ends, 0 when not inside one.
  std::int64_t remaining(std::int64_t now, int utc_offset_minutes) const;
};

struct WatchAlerts {
  std::string watch;
  bool enabled = true;
  std::string sensitivity = "balanced";
  DetectorSettings detector = preset("balanced");
  std::int64_t outage_tolerance = 6 * 3600;
  std::int64_t group_wait = 300;
  std::int64_t group_interval = 3600;
  std::int64_t repeat_interval = 86400;
  std::int64_t grace = 120;
  std::int64_t retry_base = 30;
  QuietHours quiet;
  int utc_offset_minutes = 7 * 60;  // WIB
  std::int64_t examples = 5;
  std::string dashboard_url;
  std::vector<std::string> notifiers;  // empty: all
};

struct DigestConfig {
  bool enabled = false;
  int minute_of_day = 8 * 60;  // local time of the daily digest
  std::vector<std::string> watches;  // empty: all
};

struct AlertsConfig {
  std::vector<WatchAlerts> watches;  // one per [[watch]], in config order
  std::vector<NotifierConfig> notifiers;
  DigestConfig digest;
  int utc_offset_minutes = 7 * 60;
  const WatchAlerts* find(const std::string& watch) const;
};

// Parses and validates; every problem is appended to `issues` with file, line
// and key. `db_path` places the default file notifier.
AlertsConfig parse_alerts_config(const toml::table& root, const std::string& file, const std::string& db_path,
                                 std::vector<ConfigIssue>& issues);

// For load_config: validation only.
void validate_config(const toml::table& root, const std::string& file, std::vector<ConfigIssue>& issues);

// "+07:00", "-0530", "UTC", "WIB"/"Asia/Jakarta", "WITA"/"Asia/Makassar", "WIT"/"Asia/Jayapura".
std::optional<int> parse_utc_offset(std::string_view tz);

}  // namespace pantau::alerts
