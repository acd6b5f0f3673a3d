#include "alerts/config.hpp"

#include <gtest/gtest.h>

namespace pa = pantau::alerts;

namespace {

struct Parsed {
  pa::AlertsConfig cfg;
  std::vector<pantau::ConfigIssue> issues;
};

Parsed parse(const std::string& text) {
  Parsed p;
  toml::table t = toml::parse(text);
  p.cfg = pa::parse_alerts_config(t, "pantau.toml", "var/pantau.db", p.issues);
  return p;
}

std::string all(const std::vector<pantau::ConfigIssue>& issues) {
  std::string s;
  for (const auto& i : issues) s += i.to_string() + "\n";
  return s;
}

}  // namespace

TEST(AlertsConfig, DefaultsGiveOneFileNotifierBesideTheDatabase) {
  auto p = parse("[[watch]]\nname = \"kopi\"\nquery = \"kopi\"\n");
  ASSERT_TRUE(p.issues.empty()) << all(p.issues);
  ASSERT_EQ(p.cfg.notifiers.size(), 1u);
  EXPECT_EQ(p.cfg.notifiers[0].type, "file");
  EXPECT_EQ(p.cfg.notifiers[0].path, "var/alerts.jsonl");
  ASSERT_EQ(p.cfg.watches.size(), 1u);
  EXPECT_EQ(p.cfg.watches[0].group_wait, 300);
  EXPECT_EQ(p.cfg.watches[0].outage_tolerance, 6 * 3600);
}

TEST(AlertsConfig, WatchOverridesBeatDefaultsAndDetectorKeysReachTheDetector) {
  auto p = parse(R"(
[alerts]
group_wait = "1m"
timezone = "Asia/Makassar"
cooldown = "12h"
negative_spike.threshold = 4.5
[[watch]]
name = "a"
query = "a"
[[watch]]
name = "b"
query = "b"
sensitivity = "high"
[watch.alerts]
group_wait = 30
quiet_hours = "22:00-06:30"
)");
  ASSERT_TRUE(p.issues.empty()) << all(p.issues);
  const auto* a = p.cfg.find("a");
  const auto* b = p.cfg.find("b");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->group_wait, 60);
  EXPECT_EQ(b->group_wait, 30);
  EXPECT_EQ(a->utc_offset_minutes, 480);
  EXPECT_EQ(a->detector.utc_offset_minutes, 480);
  EXPECT_EQ(a->detector.cooldown_buckets, 144);
  EXPECT_DOUBLE_EQ(a->detector.negative_spike.threshold, 4.5);
  EXPECT_EQ(b->sensitivity, "high");
  EXPECT_DOUBLE_EQ(b->detector.negative_spike.threshold, 4.5);  // [alerts] detector keys apply on the preset
  EXPECT_TRUE(b->quiet.enabled());
  EXPECT_FALSE(a->quiet.enabled());
}

TEST(AlertsConfig, ErrorsNameFileLineAndKey) {
  auto p = parse(R"([alerts]
group_wiat = "5m"
quiet_hours = "late"
negative_spike.threshold = "x"
[[watch]]
name = "a"
query = "a"
[watch.alerts]
notifiers = ["nope"]
[[notifier]]
type = "smtp"
url = "http://wrong"
[[notifier]]
type = "file"
[digest]
time = "25:00"
)");
  const std::string s = all(p.issues);
  EXPECT_NE(s.find("pantau.toml:2: alerts.group_wiat: unknown key"), std::string::npos) << s;
  EXPECT_NE(s.find("pantau.toml:3: alerts.quiet_hours"), std::string::npos) << s;
  EXPECT_NE(s.find("pantau.toml:4: alerts.negative_spike.threshold"), std::string::npos) << s;
  EXPECT_NE(s.find("watch[1].alerts.notifiers: no [[notifier]] is named \"nope\""), std::string::npos) << s;
  EXPECT_NE(s.find("notifier[1].url"), std::string::npos) << s;
  EXPECT_NE(s.find("notifier[1].from"), std::string::npos) << s;
  EXPECT_NE(s.find("notifier[2].path"), std::string::npos) << s;
  EXPECT_NE(s.find("digest.time"), std::string::npos) << s;
}

TEST(AlertsConfig, QuietHoursAcrossMidnightInLocalTime) {
  pa::QuietHours q{22 * 60, 7 * 60};
  const int wib = 7 * 60;
  // 2026-08-21T16:00Z is 23:00 WIB: quiet for 8 more hours.
  const std::int64_t t = 1787328000;
  EXPECT_EQ(q.remaining(t, wib), 8 * 3600);
  EXPECT_EQ(q.remaining(t - 2 * 3600, wib), 0);  // 21:00 WIB
  EXPECT_EQ(q.remaining(t + 7 * 3600, wib), 3600);  // 06:00 WIB
}

TEST(AlertsConfig, TimezoneOffsets) {
  EXPECT_EQ(pa::parse_utc_offset("+07:00"), 420);
  EXPECT_EQ(pa::parse_utc_offset("-0530"), -330);
  EXPECT_EQ(pa::parse_utc_offset("Asia/Jayapura"), 540);
  EXPECT_FALSE(pa::parse_utc_offset("Mars/Olympus"));
}
