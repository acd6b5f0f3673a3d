// The default Detector: robust seasonal baselines and tail tests (see
// detector.hpp for the contract, ../shared/notes/spikes.md section 7 for the
// reasoning and the NAB evidence behind the defaults).
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "alerts/detector.hpp"
#include "alerts/json.hpp"
#include "alerts/stats.hpp"

namespace pantau::alerts {
namespace {

constexpr int kStateVersion = 1;
constexpr std::int64_t kBucketsPerHour = 12;
constexpr std::int64_t kBucketsPerDay = 288;
constexpr std::int64_t kMaxGapFill = 7 * kBucketsPerDay;  // longer silences restart the windows' memory
constexpr std::int64_t kNever = -(std::int64_t{1} << 50);  // "long ago"; exact in a JSON double

double ewma_alpha(double halflife) { return 1.0 - std::pow(0.5, 1.0 / std::max(halflife, 1e-9)); }

// Baseline of one count series (negatives or totals) for one window length:
// level (EWMA of window sums) x seasonal factor (hour of day, later hour of
// week), plus the negative-binomial dispersion of the window sums.
struct Channel {
  bool has_level = false;
  double level = 0.0;
  double phi = 0.5;
  std::int64_t n_level = 0;  // updates so far: early on, averages weigh 1/n (no start-up bias)
  std::int64_t n_phi = 0;
  std::array<double, 24> hod{};
  std::array<std::int64_t, 24> hod_n{};
  std::array<double, 168> how{};
  std::array<std::int64_t, 168> how_n{};
};

struct Slot {
  int hod = 0;
  int how = 0;
};

// The watch's episode: one incident, whichever tests fired. Sharing it
// across kinds is what keeps "negatives spiked" and "volume spiked" (the same
// storm seen twice) down to one alert, and the cooldown per watch.
struct Episode {
  bool open = false;
  std::int64_t open_idx = kNever;  // bucket index that opened the current/last episode
  std::int64_t start_ts = 0;
  std::int64_t cooldown_until = kNever;
  std::int64_t calm_run = 0;       // consecutive buckets with every test calm
  int primary = 0;                 // the kind that opened it
  bool high = false;
};

// Per-kind hysteresis and update bookkeeping inside the episode.
struct KindState {
  bool armed = true;               // re-armed once the score fell below rearm_fraction x threshold
  bool in_episode = false;         // fired during the open episode
  std::int64_t last_notified = 0;  // observed count at this kind's last event
};

// What one test concluded at the current bucket.
struct Verdict {
  bool fire = false;
  bool calm = true;
  double score = 0.0;
  bool high = false;
  int window = 0;  // evidence window length in buckets
  std::int64_t observed = 0;
  double expected = 0.0;
  std::int64_t total = 0;
  double share = 0.0;
  double baseline_share = 0.0;
};

enum Series { kNeg = 0, kTot = 1 };

class SeasonalDetector final : public Detector {
 public:
  SeasonalDetector(std::string watch, const DetectorSettings& s)
      : m_watch(std::move(watch)), m_s(s), m_fingerprint(settings_fingerprint(s)) {
    if (m_s.windows.empty()) m_s.windows = {12};
    for (int& w : m_s.windows) w = std::max(w, 1);
    m_max_w = *std::max_element(m_s.windows.begin(), m_s.windows.end());
    m_ring.assign(static_cast<std::size_t>(2 * m_max_w), {});
    for (auto& c : m_ch) c.assign(m_s.windows.size(), Channel{});
    m_a_level = ewma_alpha(m_s.level_halflife_buckets);
    m_a_hod = ewma_alpha(m_s.season_halflife_days * kBucketsPerHour);
    m_a_how = ewma_alpha(3.0 * kBucketsPerHour);  // each hour-of-week slot: 12 updates a week, 3-week half-life
    m_a_phi = ewma_alpha(m_s.dispersion_halflife_buckets);
    m_a_share = ewma_alpha(m_s.share_halflife_buckets);
  }

  std::vector<EpisodeEvent> push(const Bucket& b) override {
    std::vector<EpisodeEvent> events;
    if (m_n > 0) {
      if (b.start <= m_last_start) return events;  // duplicate or out of order: already consumed
      // Missing buckets had no stored mentions: feed zeros so the clock stays honest.
      std::int64_t gap = (b.start - m_last_start + kBucketSeconds / 2) / kBucketSeconds - 1;
      gap = std::min(gap, kMaxGapFill);
      for (std::int64_t g = gap; g >= 1; --g) step(Bucket{b.start - g * kBucketSeconds, 0, 0, 0}, events);
    }
    step(b, events);
    return events;
  }

  std::optional<std::int64_t> last_bucket_start() const override {
    if (m_n == 0) return std::nullopt;
    return m_last_start;
  }

  double last_score() const override { return m_last_score; }

  std::string save_state() const override;
  Status restore_state(std::string_view text) override;

 private:
  struct Counts {
    std::int64_t total = 0, negative = 0, complaints = 0;
  };

  // Index t is the bucket just pushed (m_n - 1). Ring holds the last 2*max_w.
  const Counts& at(std::int64_t idx) const {
    return m_ring[static_cast<std::size_t>(idx % static_cast<std::int64_t>(m_ring.size()))];
  }
  std::int64_t window_sum(Series s, std::int64_t end_idx, int w) const {
    std::int64_t sum = 0;
    for (std::int64_t i = end_idx - w + 1; i <= end_idx; ++i) sum += s == kNeg ? at(i).negative : at(i).total;
    return sum;
  }
  std::int64_t window_total(std::int64_t end_idx, int w) const { return window_sum(kTot, end_idx, w); }

  Slot slot_of(std::int64_t idx) const {
    const std::int64_t ts = m_last_start - (m_n - 1 - idx) * kBucketSeconds + m_s.utc_offset_minutes * 60LL;
    const std::int64_t hours = ts >= 0 ? ts / 3600 : (ts - 3599) / 3600;
    const std::int64_t days = hours >= 0 ? hours / 24 : (hours - 23) / 24;
    Slot s;
    s.hod = static_cast<int>(hours - days * 24);
    const int dow = static_cast<int>(((days + 3) % 7 + 7) % 7);  // 1970-01-01 was a Thursday; Monday = 0
    s.how = dow * 24 + s.hod;
    return s;
  }

  bool use_hour_of_week() const { return m_n >= m_s.hour_of_week_after_buckets; }

  std::optional<double> mean_for(const Channel& c, Slot slot) const {
    if (!c.has_level) return std::nullopt;
    double factor = 1.0;
    if (c.hod_n[slot.hod] >= 2 * kBucketsPerHour) factor = c.hod[slot.hod];
    if (use_hour_of_week() && c.how_n[slot.how] >= 2 * kBucketsPerHour) {
      // Shrink the thinner hour-of-week estimate towards hour of day.
      const double w = static_cast<double>(c.how_n[slot.how]) / static_cast<double>(c.how_n[slot.how] + 24);
      factor = w * c.how[slot.how] + (1.0 - w) * factor;
    }
    return std::max(c.level * factor, 0.5);
  }

  // `in_episode`: the window belongs to an ongoing episode, so it may pull the
  // baseline down (the storm is over sooner than it looked) but never up.
  // EWMA weight that starts as a plain running mean: the first values are as
  // trustworthy as the later ones, so none of them should dominate.
  static double weight(double alpha, std::int64_t n) { return std::max(alpha, 1.0 / static_cast<double>(n + 1)); }

  void learn(Channel& c, double v, Slot slot, bool in_episode) {
    if (auto m = mean_for(c, slot)) {
      const double sd = std::sqrt(*m + c.phi * *m * *m);
      v = std::min(v, *m + (in_episode ? 0.0 : m_s.winsor_sd) * sd);  // winsorise: a spike does not teach the baseline
      // Dispersion only once the slot's seasonal factor is in use, or the
      // daily cycle itself would be mistaken for over-dispersion.
      if (c.hod_n[slot.hod] >= 2 * kBucketsPerHour) {
        const double resid = ((v - *m) * (v - *m) - *m) / (*m * *m);
        c.phi = std::clamp(c.phi + weight(m_a_phi, c.n_phi) * (resid - c.phi), 0.01, 5.0);
        ++c.n_phi;
      }
    }
    c.level = c.has_level ? c.level + weight(m_a_level, c.n_level) * (v - c.level) : v;
    c.has_level = true;
    ++c.n_level;
    if (c.level > 0.0) {
      const double ratio = v / c.level;
      auto upd = [](double& f, std::int64_t& n, double a, double x) {
        f = n == 0 ? x : f + weight(a, n) * (x - f);
        ++n;
      };
      upd(c.hod[slot.hod], c.hod_n[slot.hod], m_a_hod, ratio);
      upd(c.how[slot.how], c.how_n[slot.how], m_a_how, ratio);
    }
  }

  bool frozen(std::int64_t t) const { return m_ep.open && t - m_ep.open_idx < m_s.freeze_max_buckets; }

  void learn_all(std::int64_t t) {
    for (std::size_t i = 0; i < m_s.windows.size(); ++i) {
      const int w = m_s.windows[i];
      const std::int64_t j = t - w;  // the window that ended w buckets ago: no overlap with the one tested
      if (j < w - 1) continue;
      const Slot slot = slot_of(j);
      learn(m_ch[kNeg][i], static_cast<double>(window_sum(kNeg, j, w)), slot, frozen(t));
      learn(m_ch[kTot][i], static_cast<double>(window_sum(kTot, j, w)), slot, frozen(t));
    }
    // Baseline share and its over-dispersion, from the shortest window, lagged likewise.
    const int w = m_s.windows.front();
    const std::int64_t j = t - w;
    if (j >= w - 1 && !frozen(t)) {
      const double n = static_cast<double>(window_sum(kTot, j, w));
      const double x = static_cast<double>(window_sum(kNeg, j, w));
      if (n > 0) {
        if (m_share_tot > 0.0 && n >= 10.0) {
          const double p = std::clamp(m_share_neg / m_share_tot, 0.01, 0.99);
          const double z = (x - n * p) * (x - n * p) / (n * p * (1.0 - p));
          const double rho_sample = std::clamp((z - 1.0) / (n - 1.0), 1e-4, 0.5);
          m_share_rho += m_a_phi * (rho_sample - m_share_rho);
        }
        m_share_neg += m_a_share * (x - m_share_neg);
        m_share_tot += m_a_share * (n - m_share_tot);
      }
    }
  }

  Verdict test_volume(Series s, const TestSettings& ts, std::int64_t t) const {
    Verdict v;
    if (!ts.enabled) return v;
    const Slot slot = slot_of(t);
    for (std::size_t i = 0; i < m_s.windows.size(); ++i) {
      const int w = m_s.windows[i];
      if (t < w - 1) continue;
      const Channel& c = m_ch[s][i];
      const auto mu = mean_for(c, slot);
      if (!mu) continue;
      const std::int64_t obs = window_sum(s, t, w);
      const double score = obs > *mu ? stats::neglog10_negbin_tail(obs, *mu, c.phi) : 0.0;
      const double scale = std::sqrt(static_cast<double>(w) / kBucketsPerHour);
      const double floor = std::max(scale * static_cast<double>(ts.min_count), ts.min_ratio * *mu);
      const bool fire = score >= ts.threshold && static_cast<double>(obs) >= floor;
      if (score >= m_s.rearm_fraction * ts.threshold) v.calm = false;
      const bool better = (fire && !v.fire) || (fire == v.fire && score > v.score);
      if (better) {
        v.fire = v.fire || fire;
        v.score = score;
        v.window = w;
        v.observed = obs;
        v.expected = *mu;
        v.total = window_total(t, w);
        v.high = fire && score >= 2.0 * ts.threshold && obs >= 2.0 * ts.min_ratio * *mu;
      }
    }
    return v;
  }

  Verdict test_share(std::int64_t t) const {
    Verdict v;
    const ShareSettings& ss = m_s.negative_share;
    if (!ss.enabled || m_share_tot <= 0.0) return v;
    const double p0 = m_share_neg / m_share_tot;
    if (p0 <= 0.0 || p0 >= 0.99) return v;  // nothing but negatives (or none): a share cannot rise
    const double m = 1.0 / std::max(m_share_rho, 1e-4) - 1.0;
    for (int w : m_s.windows) {
      if (t < w - 1) continue;
      std::int64_t n = window_sum(kTot, t, w);
      std::int64_t k = window_sum(kNeg, t, w);
      if (n <= 0) continue;
      const double share = static_cast<double>(k) / static_cast<double>(n);
      std::int64_t tn = n, tk = k;
      if (tn > m_s.share_n_cap) {  // the beta-binomial saturates anyway; bound the tail sum
        tk = static_cast<std::int64_t>(std::llround(static_cast<double>(k) * m_s.share_n_cap / n));
        tn = m_s.share_n_cap;
      }
      const double score = share > p0 ? stats::neglog10_betabinomial_tail(tk, tn, p0, m) : 0.0;
      const bool fire = score >= ss.threshold && n >= ss.min_total && k >= ss.min_negative &&
                        share - p0 >= ss.min_delta && share >= ss.min_ratio * p0;
      if (score >= m_s.rearm_fraction * ss.threshold) v.calm = false;
      const bool better = (fire && !v.fire) || (fire == v.fire && score > v.score);
      if (better) {
        v.fire = v.fire || fire;
        v.score = score;
        v.window = w;
        v.observed = k;
        v.expected = p0 * static_cast<double>(n);
        v.total = n;
        v.share = share;
        v.baseline_share = p0;
        v.high = fire && score >= 2.0 * ss.threshold && share >= 2.0 * p0;
      }
    }
    return v;
  }

  EpisodeEvent make_event(EpisodeEvent::Type type, AlertKind k, const Verdict& v, std::int64_t t) const {
    EpisodeEvent ev;
    ev.type = type;
    ev.watch = m_watch;
    ev.kind = k;
    ev.episode_start = m_ep.start_ts;
    ev.episode_id = m_watch + "|" + std::to_string(m_ep.start_ts);
    const int w = v.window > 0 ? v.window : m_max_w;
    ev.window_end = m_last_start - (m_n - 1 - t) * kBucketSeconds + kBucketSeconds;
    ev.window_start = ev.window_end - w * kBucketSeconds;
    ev.observed = v.observed;
    ev.expected = v.expected;
    ev.window_total = v.total;
    ev.share = v.share;
    ev.baseline_share = v.baseline_share;
    ev.p_value = std::pow(10.0, -v.score);
    ev.high_severity = m_ep.high;
    return ev;
  }

  void run_episode(const std::array<Verdict, 3>& v, std::int64_t t, std::vector<EpisodeEvent>& out) {
    bool all_calm = true;
    for (int k = 0; k < 3; ++k) {
      if (!v[k].calm) all_calm = false;
      if (!m_kind[k].armed && v[k].calm) m_kind[k].armed = true;  // hysteresis
    }
    if (m_ep.open) {
      m_ep.calm_run = all_calm ? m_ep.calm_run + 1 : 0;
      if (m_ep.calm_run >= m_s.resolve_after_buckets) {
        m_ep.open = false;
        out.push_back(make_event(EpisodeEvent::Type::resolved, static_cast<AlertKind>(m_ep.primary),
                                 v[m_ep.primary], t));
        return;
      }
      for (int k = 0; k < 3; ++k) {
        if (!v[k].fire) continue;
        KindState& ks = m_kind[k];
        const bool joined = !ks.in_episode;
        const bool grew = static_cast<double>(v[k].observed) >= m_s.update_growth * static_cast<double>(ks.last_notified);
        const bool escalated = v[k].high && !m_ep.high;
        ks.armed = false;
        if (joined || grew || escalated) {
          ks.in_episode = true;
          ks.last_notified = v[k].observed;
          m_ep.high = m_ep.high || v[k].high;
          out.push_back(make_event(EpisodeEvent::Type::updated, static_cast<AlertKind>(k), v[k], t));
        }
      }
      return;
    }
    int primary = -1;
    for (int k = 0; k < 3; ++k) {
      if (!v[k].fire || !m_kind[k].armed) continue;
      if (primary < 0) primary = k;  // priority: negative volume, then share, then total volume
    }
    if (primary < 0) return;
    for (int k = 0; k < 3; ++k) {
      m_kind[k].in_episode = v[k].fire && m_kind[k].armed;
      if (m_kind[k].in_episode) {
        m_kind[k].armed = false;
        m_kind[k].last_notified = v[k].observed;
      }
    }
    m_ep.open = true;
    m_ep.calm_run = 0;
    if (t < m_ep.cooldown_until) {
      // Fired again soon after the last episode resolved: the same incident, not a new alert.
      m_ep.high = m_ep.high || v[primary].high;
      auto ev = make_event(EpisodeEvent::Type::updated, static_cast<AlertKind>(primary), v[primary], t);
      ev.reopened = true;
      out.push_back(std::move(ev));
      return;
    }
    m_ep.open_idx = t;
    m_ep.start_ts = m_last_start - (m_n - 1 - t) * kBucketSeconds;
    m_ep.primary = primary;
    m_ep.high = v[primary].high;
    m_ep.cooldown_until = t + m_s.cooldown_buckets;
    out.push_back(make_event(EpisodeEvent::Type::opened, static_cast<AlertKind>(primary), v[primary], t));
  }

  void step(const Bucket& b, std::vector<EpisodeEvent>& out) {
    const std::int64_t t = m_n;
    m_ring[static_cast<std::size_t>(t % static_cast<std::int64_t>(m_ring.size()))] =
        Counts{std::max<std::int64_t>(b.total, b.negative), std::max<std::int64_t>(b.negative, 0),
               std::max<std::int64_t>(b.complaints, 0)};
    m_last_start = b.start;
    ++m_n;
    learn_all(t);
    m_last_score = 0.0;
    if (t < m_s.warmup_buckets) return;
    // Indexed by AlertKind.
    const std::array<Verdict, 3> v{test_volume(kNeg, m_s.negative_spike, t), test_share(t),
                                   test_volume(kTot, m_s.volume_spike, t)};
    m_last_score = std::max({v[0].score, v[1].score, v[2].score});
    run_episode(v, t, out);
  }

  std::string m_watch;
  DetectorSettings m_s;
  std::string m_fingerprint;
  int m_max_w = 1;
  double m_a_level = 0, m_a_hod = 0, m_a_how = 0, m_a_phi = 0, m_a_share = 0;

  // --- state (everything below is saved) ---
  std::int64_t m_n = 0;  // buckets consumed, gap-filled zeros included
  std::int64_t m_last_start = 0;
  std::vector<Counts> m_ring;
  std::array<std::vector<Channel>, 2> m_ch;
  double m_share_neg = 0.0, m_share_tot = 0.0, m_share_rho = 0.01;
  Episode m_ep{};
  std::array<KindState, 3> m_kind{};
  double m_last_score = 0.0;
};

// ---------------------------------------------------------------- state codec

json::Value nums(const double* p, std::size_t n) {
  json::Value::Array a;
  a.reserve(n);
  for (std::size_t i = 0; i < n; ++i) a.emplace_back(p[i]);
  return json::Value(std::move(a));
}
json::Value ints(const std::int64_t* p, std::size_t n) {
  json::Value::Array a;
  a.reserve(n);
  for (std::size_t i = 0; i < n; ++i) a.emplace_back(p[i]);
  return json::Value(std::move(a));
}
template <class T>
bool read_arr(const json::Value& v, T* out, std::size_t n) {
  if (!v.is_array() || v.as_array().size() != n) return false;
  for (std::size_t i = 0; i < n; ++i) {
    if (!v.as_array()[i].is_number()) return false;
    out[i] = static_cast<T>(v.as_array()[i].as_double());
  }
  return true;
}

std::string SeasonalDetector::save_state() const {
  auto root = json::Value::object();
  root.set("version", kStateVersion);
  root.set("watch", m_watch);
  root.set("settings", m_fingerprint);
  root.set("n", m_n);
  root.set("last_start", m_last_start);
  root.set("last_score", m_last_score);
  json::Value::Array ring;
  for (const auto& c : m_ring) ring.push_back(json::Value(json::Value::Array{c.total, c.negative, c.complaints}));
  root.set("ring", json::Value(std::move(ring)));
  const char* names[2] = {"negative", "total"};
  for (int s = 0; s < 2; ++s) {
    json::Value::Array chans;
    for (const Channel& c : m_ch[s]) {
      auto o = json::Value::object();
      o.set("has_level", c.has_level);
      o.set("level", c.level);
      o.set("phi", c.phi);
      o.set("n_level", c.n_level);
      o.set("n_phi", c.n_phi);
      o.set("hod", nums(c.hod.data(), c.hod.size()));
      o.set("hod_n", ints(c.hod_n.data(), c.hod_n.size()));
      o.set("how", nums(c.how.data(), c.how.size()));
      o.set("how_n", ints(c.how_n.data(), c.how_n.size()));
      chans.push_back(std::move(o));
    }
    root.set(names[s], json::Value(std::move(chans)));
  }
  auto share = json::Value::object();
  share.set("neg", m_share_neg);
  share.set("tot", m_share_tot);
  share.set("rho", m_share_rho);
  root.set("share", std::move(share));
  auto ep = json::Value::object();
  ep.set("open", m_ep.open);
  ep.set("open_idx", m_ep.open_idx);
  ep.set("start_ts", m_ep.start_ts);
  ep.set("cooldown_until", m_ep.cooldown_until);
  ep.set("calm_run", m_ep.calm_run);
  ep.set("primary", m_ep.primary);
  ep.set("high", m_ep.high);
  json::Value::Array kinds;
  for (const KindState& k : m_kind) {
    auto o = json::Value::object();
    o.set("armed", k.armed);
    o.set("in_episode", k.in_episode);
    o.set("last_notified", k.last_notified);
    kinds.push_back(std::move(o));
  }
  ep.set("kinds", json::Value(std::move(kinds)));
  root.set("episode", std::move(ep));
  return root.dump();
}

Status SeasonalDetector::restore_state(std::string_view text) {
  auto parsed = json::parse(text);
  if (!parsed) return Failure::invalid_input("detector state is not JSON: " + parsed.failure().message);
  const json::Value& r = *parsed;
  if (r.get("version").as_int(-1) != kStateVersion)
    return Failure::invalid_input("detector state version is not " + std::to_string(kStateVersion));
  if (r.get("watch").as_string() != m_watch) return Failure::invalid_input("detector state belongs to another watch");
  if (r.get("settings").as_string() != m_fingerprint)
    return Failure::invalid_input("detector settings changed since the state was saved");

  // Decode into a copy so that a half-read state never leaks into this one.
  SeasonalDetector d(m_watch, m_s);
  const auto bad = [](const char* what) { return Failure::invalid_input(std::string("detector state: bad ") + what); };
  d.m_n = r.get("n").as_int(-1);
  d.m_last_start = r.get("last_start").as_int();
  d.m_last_score = r.get("last_score").as_double();
  if (d.m_n < 0) return bad("n");
  const auto& ring = r.get("ring");
  if (!ring.is_array() || ring.as_array().size() != d.m_ring.size()) return bad("ring");
  for (std::size_t i = 0; i < d.m_ring.size(); ++i) {
    std::int64_t v[3];
    if (!read_arr(ring.as_array()[i], v, 3)) return bad("ring");
    d.m_ring[i] = Counts{v[0], v[1], v[2]};
  }
  const char* names[2] = {"negative", "total"};
  for (int s = 0; s < 2; ++s) {
    const auto& chans = r.get(names[s]);
    if (!chans.is_array() || chans.as_array().size() != d.m_ch[s].size()) return bad(names[s]);
    for (std::size_t i = 0; i < d.m_ch[s].size(); ++i) {
      const auto& o = chans.as_array()[i];
      Channel& c = d.m_ch[s][i];
      c.has_level = o.get("has_level").as_bool();
      c.level = o.get("level").as_double();
      c.phi = o.get("phi").as_double(0.5);
      c.n_level = o.get("n_level").as_int();
      c.n_phi = o.get("n_phi").as_int();
      if (!read_arr(o.get("hod"), c.hod.data(), 24) || !read_arr(o.get("hod_n"), c.hod_n.data(), 24) ||
          !read_arr(o.get("how"), c.how.data(), 168) || !read_arr(o.get("how_n"), c.how_n.data(), 168))
        return bad("channel");
    }
  }
  const auto& share = r.get("share");
  d.m_share_neg = share.get("neg").as_double();
  d.m_share_tot = share.get("tot").as_double();
  d.m_share_rho = share.get("rho").as_double(0.01);
  const auto& ep = r.get("episode");
  const auto& kinds = ep.get("kinds");
  if (!ep.is_object() || !kinds.is_array() || kinds.as_array().size() != 3) return bad("episode");
  d.m_ep.open = ep.get("open").as_bool();
  d.m_ep.open_idx = ep.get("open_idx").as_int(kNever);
  d.m_ep.start_ts = ep.get("start_ts").as_int();
  d.m_ep.cooldown_until = ep.get("cooldown_until").as_int(kNever);
  d.m_ep.calm_run = ep.get("calm_run").as_int();
  d.m_ep.primary = static_cast<int>(std::clamp<std::int64_t>(ep.get("primary").as_int(), 0, 2));
  d.m_ep.high = ep.get("high").as_bool();
  for (int k = 0; k < 3; ++k) {
    const auto& o = kinds.as_array()[k];
    d.m_kind[k].armed = o.get("armed").as_bool(true);
    d.m_kind[k].in_episode = o.get("in_episode").as_bool();
    d.m_kind[k].last_notified = o.get("last_notified").as_int();
  }
  *this = std::move(d);
  return Ok{};
}

}  // namespace

std::unique_ptr<Detector> make_detector(std::string watch, const DetectorSettings& settings) {
  return std::make_unique<SeasonalDetector>(std::move(watch), settings);
}

}  // namespace pantau::alerts
