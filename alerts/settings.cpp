// Names, presets and the settings fingerprint for the detector.
#include <cstdio>

#include "alerts/detector.hpp"
#include "alerts/json.hpp"

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
  v.set("min_day_fraction", t.min_day_fraction);
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
