// Names, presets and the settings fingerprint for the detector.
#include <charconv>
#include <cstdio>
#include <functional>
#include <type_traits>

#include "alerts/detector.hpp"
#include "alerts/json.hpp"
#include "common/timeutil.hpp"

namespace pantau::alerts {

const char* to_string(AlertKind kind) noexcept {
  switch (kind) {
    case AlertKind::negative_spike: return "negative_spike";
    case AlertKind::negative_share: return "negative_share";
    case AlertKind::volume_spike: return "volume_spike";
  }
  return "negative_spike";
}

std::optional<AlertKind> parse_alert_kind(std::string_view s) noexcept {
  if (s == "negative_spike") return AlertKind::negative_spike;
  if (s == "negative_share") return AlertKind::negative_share;
  if (s == "volume_spike") return AlertKind::volume_spike;
  return std::nullopt;
}

const char* to_string(EpisodeEvent::Type type) noexcept {
  switch (type) {
    case EpisodeEvent::Type::opened: return "opened";
    case EpisodeEvent::Type::updated: return "updated";
    case EpisodeEvent::Type::resolved: return "resolved";
  }
  return "opened";
}

bool is_known_sensitivity(std::string_view s) { return s == "low" || s == "balanced" || s == "high"; }

// The presets move the p-value threshold by one decade and the floors by
// about a third: "high" is for a team that would rather triage a false alarm
// than miss a small storm, "low" for big brands whose negatives are noisy.
DetectorSettings preset(std::string_view sensitivity) {
  DetectorSettings s;
  if (sensitivity == "high") {
    s.negative_spike.threshold -= 1.0;
    s.negative_spike.min_count = s.negative_spike.min_count * 2 / 3;
    s.negative_spike.min_ratio = 1.5;
    s.negative_share.threshold -= 1.0;
    s.negative_share.min_delta = 0.07;
    s.volume_spike.threshold -= 1.0;
    s.cooldown_buckets = 12 * 12;
  } else if (sensitivity == "low") {
    s.negative_spike.threshold += 1.0;
    s.negative_spike.min_count = s.negative_spike.min_count * 3 / 2;
    s.negative_spike.min_ratio = 3.0;
    s.negative_share.threshold += 1.0;
    s.negative_share.min_delta = 0.15;
    s.volume_spike.threshold += 1.0;
    s.cooldown_buckets = 2 * 288;
  }
  return s;
}

namespace {

json::Value test_json(const TestSettings& t) {
  auto v = json::Value::object();
  v.set("enabled", t.enabled);
  v.set("threshold", t.threshold);
  v.set("min_ratio", t.min_ratio);
  v.set("min_count", t.min_count);
  return v;
}

}  // namespace

std::string settings_fingerprint(const DetectorSettings& s) {
  auto v = json::Value::object();
  json::Value::Array w;
  for (int x : s.windows) w.emplace_back(x);
  v.set("windows", std::move(w));
  v.set("utc_offset_minutes", s.utc_offset_minutes);
  v.set("warmup", s.warmup_buckets);
  v.set("how_after", s.hour_of_week_after_buckets);
  v.set("level_hl", s.level_halflife_buckets);
  v.set("season_hl", s.season_halflife_days);
  v.set("phi_hl", s.dispersion_halflife_buckets);
  v.set("share_hl", s.share_halflife_buckets);
  v.set("winsor", s.winsor_sd);
  v.set("freeze", s.freeze_max_buckets);
  v.set("n_cap", s.share_n_cap);
  v.set("rearm", s.rearm_fraction);
  v.set("resolve", s.resolve_after_buckets);
  v.set("cooldown", s.cooldown_buckets);
  v.set("growth", s.update_growth);
  v.set("neg", test_json(s.negative_spike));
  v.set("vol", test_json(s.volume_spike));
  auto sh = json::Value::object();
  sh.set("enabled", s.negative_share.enabled);
  sh.set("threshold", s.negative_share.threshold);
  sh.set("min_total", s.negative_share.min_total);
  sh.set("min_negative", s.negative_share.min_negative);
  sh.set("min_delta", s.negative_share.min_delta);
  sh.set("min_ratio", s.negative_share.min_ratio);
  v.set("share", std::move(sh));
  // FNV-1a 64 of the canonical JSON: stable across runs and builds.
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : v.dump()) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace pantau::alerts

// ---------------------------------------------------------------- option table
namespace pantau::alerts {
namespace {

bool to_double(std::string_view v, double& out) {
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  return ec == std::errc() && p == v.data() + v.size();
}
bool to_int(std::string_view v, std::int64_t& out) {
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  return ec == std::errc() && p == v.data() + v.size();
}
bool to_bool(std::string_view v, bool& out) {
  if (v == "true" || v == "1" || v == "yes" || v == "on") return out = true, true;
  if (v == "false" || v == "0" || v == "no" || v == "off") return out = false, true;
  return false;
}
// A duration in buckets: "24h", "90m", "2d" or seconds.
bool to_buckets(std::string_view v, std::int64_t& out) {
  auto secs = parse_duration(v);
  if (!secs || *secs < 0) return false;
  out = (*secs + kBucketSeconds / 2) / kBucketSeconds;
  return true;
}

using Setter = std::function<bool(DetectorSettings&, std::string_view)>;

Setter dbl(double DetectorSettings::*m) {
  return [m](DetectorSettings& s, std::string_view v) { return to_double(v, s.*m); };
}
Setter dur(std::int64_t DetectorSettings::*m) {
  return [m](DetectorSettings& s, std::string_view v) { return to_buckets(v, s.*m); };
}
template <class T, class F>
Setter sub(T DetectorSettings::*outer, F T::*inner) {
  return [outer, inner](DetectorSettings& s, std::string_view v) {
    F& f = s.*outer.*inner;
    if constexpr (std::is_same_v<F, double>) return to_double(v, f);
    else if constexpr (std::is_same_v<F, bool>) return to_bool(v, f);
    else return to_int(v, f);
  };
}

const std::vector<std::pair<std::string, Setter>>& table() {
  static const std::vector<std::pair<std::string, Setter>> t = [] {
    std::vector<std::pair<std::string, Setter>> r;
    r.emplace_back("windows", [](DetectorSettings& s, std::string_view v) {
      std::vector<int> w;
      while (!v.empty()) {
        const auto c = v.find(',');
        std::int64_t b = 0;
        if (!to_buckets(v.substr(0, c), b) || b < 1 || b > 288) return false;
        w.push_back(static_cast<int>(b));
        v = c == std::string_view::npos ? std::string_view{} : v.substr(c + 1);
      }
      if (w.empty()) return false;
      s.windows = std::move(w);
      return true;
    });
    r.emplace_back("utc_offset_minutes", [](DetectorSettings& s, std::string_view v) {
      std::int64_t m = 0;
      if (!to_int(v, m) || m < -14 * 60 || m > 14 * 60) return false;
      s.utc_offset_minutes = static_cast<int>(m);
      return true;
    });
    r.emplace_back("warmup", dur(&DetectorSettings::warmup_buckets));
    r.emplace_back("hour_of_week_after", dur(&DetectorSettings::hour_of_week_after_buckets));
    r.emplace_back("level_halflife", [](DetectorSettings& s, std::string_view v) {
      std::int64_t b = 0;
      return to_buckets(v, b) && b > 0 && (s.level_halflife_buckets = static_cast<double>(b), true);
    });
    r.emplace_back("season_halflife_days", dbl(&DetectorSettings::season_halflife_days));
    r.emplace_back("winsor_sd", dbl(&DetectorSettings::winsor_sd));
    r.emplace_back("freeze_max", dur(&DetectorSettings::freeze_max_buckets));
    r.emplace_back("rearm_fraction", dbl(&DetectorSettings::rearm_fraction));
    r.emplace_back("resolve_after", dur(&DetectorSettings::resolve_after_buckets));
    r.emplace_back("cooldown", dur(&DetectorSettings::cooldown_buckets));
    r.emplace_back("update_growth", dbl(&DetectorSettings::update_growth));
    for (auto [name, member] : {std::pair{"negative_spike", &DetectorSettings::negative_spike},
                                std::pair{"volume_spike", &DetectorSettings::volume_spike}}) {
      const std::string n(name);
      r.emplace_back(n + ".enabled", sub(member, &TestSettings::enabled));
      r.emplace_back(n + ".threshold", sub(member, &TestSettings::threshold));
      r.emplace_back(n + ".min_ratio", sub(member, &TestSettings::min_ratio));
      r.emplace_back(n + ".min_count", sub(member, &TestSettings::min_count));
    }
    const auto sh = &DetectorSettings::negative_share;
    r.emplace_back("negative_share.enabled", sub(sh, &ShareSettings::enabled));
    r.emplace_back("negative_share.threshold", sub(sh, &ShareSettings::threshold));
    r.emplace_back("negative_share.min_total", sub(sh, &ShareSettings::min_total));
    r.emplace_back("negative_share.min_negative", sub(sh, &ShareSettings::min_negative));
    r.emplace_back("negative_share.min_delta", sub(sh, &ShareSettings::min_delta));
    r.emplace_back("negative_share.min_ratio", sub(sh, &ShareSettings::min_ratio));
    return r;
  }();
  return t;
}

}  // namespace

Status set_option(DetectorSettings& settings, std::string_view key, std::string_view value) {
  for (const auto& [k, setter] : table()) {
    if (k != key) continue;
    DetectorSettings copy = settings;
    if (!setter(copy, value))
      return Failure::invalid_input("alert setting '" + std::string(key) + "': bad value '" + std::string(value) + "'");
    settings = std::move(copy);
    return Ok{};
  }
  return Failure::invalid_input("unknown alert setting '" + std::string(key) + "'");
}

std::vector<std::string> option_keys() {
  std::vector<std::string> keys;
  for (const auto& [k, s] : table()) keys.push_back(k);
  return keys;
}

}  // namespace pantau::alerts
