// The spike detector: 5-minute bucket counts in, alert episode events out.
//
//   auto d = make_detector("acme", preset("balanced"));
//   for (const Bucket& b : buckets)            // strictly in time order
//     for (const EpisodeEvent& e : d->push(b)) // opened / updated / resolved
//       outbox.add(e);
//   store.put_state("acme", d->save_state()); // any time; restore_state() later
//
// Three tests run on every bucket, each over sliding windows (1 h and 3 h by
// default), each with its own episode state machine:
//   negative_spike  negatives against a seasonal baseline, negative-binomial tail
//   negative_share  negatives out of the total against the baseline share,
//                   beta-binomial tail (concentration estimated online)
//   volume_spike    total mentions, same model as negative_spike
// A test fires only when the p-value is tiny AND the count clears a floor that
// scales with the watch's volume AND the effect is large (ratio guards).
// Episodes: one `opened` per episode; `updated` when it grows (2x the last
// notified count, or escalates to high severity) or re-fires inside its
// cooldown; `resolved` once every window has stayed calm for an hour.
//
// Determinism contract: the events are a pure function of the settings and
// the bucket sequence. save_state()/restore_state() capture everything, so
// running a sequence straight through or with a save+restore anywhere in the
// middle yields the same events. On restart the daemon restores the last
// snapshot and replays the buckets stored since last_bucket_start(); the
// detector has no notion of wall-clock time, so the caller decides whether
// an `opened` event found during a long replay is still worth sending.
//
// Gaps: a bucket whose start is more than one bucket after the previous one
// implies zero-count buckets in between (no mentions were stored for them).
// A bucket at or before the previous start is ignored.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

namespace pantau::alerts {

inline constexpr std::int64_t kBucketSeconds = 300;

struct Bucket {
  std::int64_t start = 0;  // UTC epoch seconds of the bucket's first second
  std::int64_t total = 0;  // every (non-spam) mention of the watch
  std::int64_t negative = 0;
  std::int64_t complaints = 0;
};

enum class AlertKind { negative_spike, negative_share, volume_spike };
const char* to_string(AlertKind kind) noexcept;
std::optional<AlertKind> parse_alert_kind(std::string_view s) noexcept;

struct EpisodeEvent {
  enum class Type { opened, updated, resolved };
  Type type = Type::opened;
  std::string watch;
  AlertKind kind = AlertKind::negative_spike;
  std::string episode_id;        // "<watch>|<kind>|<opening bucket start>": idempotency key
  std::int64_t episode_start = 0;  // start of the bucket that opened the episode
  std::int64_t window_start = 0;   // evidence window [window_start, window_end)
  std::int64_t window_end = 0;
  std::int64_t observed = 0;     // negatives (spike, share) or total (volume) in the window
  double expected = 0.0;         // baseline for the same window
  std::int64_t window_total = 0; // total mentions in the window
  double share = 0.0;            // negative / total in the window (share test)
  double baseline_share = 0.0;
  double p_value = 1.0;
  bool high_severity = false;    // p <= 1e-6 and observed >= 4x expected (or share >= 2x baseline)
  bool reopened = false;         // updated: fired again within the cooldown after resolving
};
const char* to_string(EpisodeEvent::Type type) noexcept;

// One test's thresholds. `threshold` is -log10(p): 3 means p <= 1e-3.
struct TestSettings {
  bool enabled = true;
  double threshold = 3.0;
  double min_ratio = 2.0;           // observed >= min_ratio * expected
  // Floor on the observed count: max(min_count * sqrt(window hours), min_ratio
  // * expected). The ratio term scales it with the watch's volume; the
  // absolute term keeps a quiet watch (median 0 per bucket) from alerting on
  // a handful of posts.
  std::int64_t min_count = 8;
};

struct ShareSettings {
  bool enabled = true;
  double threshold = 3.0;
  std::int64_t min_total = 30;      // mentions in the window
  std::int64_t min_negative = 10;   // negatives in the window
  double min_delta = 0.10;          // share - baseline >= 10 percentage points
  double min_ratio = 1.5;           // share >= 1.5 x baseline
};

struct DetectorSettings {
  // Sliding windows, in buckets. 3 h alone: on NAB a 1 h window added early
  // detections but twice the false alarms (0.30 vs 0.16 alerts/series/day).
  std::vector<int> windows{36};
  int utc_offset_minutes = 7 * 60;   // hour-of-day/week in the team's zone (WIB)
  std::int64_t warmup_buckets = 2 * 288;         // learn two days before alerting
  std::int64_t hour_of_week_after_buckets = 21 * 288;  // then hour of week (3 weeks)
  double level_halflife_buckets = 288;           // baseline level: 1 day
  double season_halflife_days = 7;               // seasonal factors: 1 week
  double dispersion_halflife_buckets = 3 * 288;  // NB dispersion: 3 days
  double share_halflife_buckets = 7 * 288;       // baseline share: 1 week
  double winsor_sd = 3.0;           // baseline updates are capped at mean + 3 sd
  std::int64_t freeze_max_buckets = 72;  // an episode caps baseline updates at the mean for at most 6 h
  std::int64_t share_n_cap = 2000;  // beta-binomial trials are scaled down beyond this
  double rearm_fraction = 0.5;      // calm = every window's score < 0.5 x threshold
  std::int64_t resolve_after_buckets = 12;  // calm for 1 h resolves an episode
  std::int64_t cooldown_buckets = 288;      // no new episode of a kind within 24 h of the last
  double update_growth = 2.0;       // `updated` when observed doubles since the last event
  TestSettings negative_spike{};
  ShareSettings negative_share{};
  TestSettings volume_spike{true, 4.0, 3.0, 20};  // volume alone matters less: stricter
};

// "low" | "balanced" | "high"; anything else is balanced. balanced is the default.
DetectorSettings preset(std::string_view sensitivity);
bool is_known_sensitivity(std::string_view sensitivity);

// Sets one setting by its config key, e.g. ("negative_spike.threshold", "3.5"),
// ("windows", "12,36"), ("cooldown", "24h"); durations accept 90m/24h/2d or a
// number of seconds and are rounded to buckets. The daemon's config and
// `pantau backtest --set` both go through this table.
Status set_option(DetectorSettings& settings, std::string_view key, std::string_view value);
// Every key set_option() accepts, for help texts and config validation.
std::vector<std::string> option_keys();

// A short fingerprint of the settings; a saved state only restores under the
// same fingerprint (otherwise rebuild the baseline by replaying history).
std::string settings_fingerprint(const DetectorSettings& settings);

class Detector {
 public:
  virtual ~Detector() = default;
  // Feed the next bucket; returns the episode events it caused (often none).
  virtual std::vector<EpisodeEvent> push(const Bucket& bucket) = 0;
  // Start of the last bucket consumed, or nullopt before the first.
  virtual std::optional<std::int64_t> last_bucket_start() const = 0;
  // The largest score (-log10 p) among the enabled tests at the last bucket,
  // 0 during warm-up: a continuous anomaly score for diagnostics.
  virtual double last_score() const = 0;
  // Versioned JSON text; deterministic (same state, same bytes).
  virtual std::string save_state() const = 0;
  // Replaces the state; on failure the detector is unchanged.
  virtual Status restore_state(std::string_view state) = 0;
};

std::unique_ptr<Detector> make_detector(std::string watch, const DetectorSettings& settings);

}  // namespace pantau::alerts
