#include "alerts/service.hpp"

#include "alerts/json.hpp"
#include "alerts/message.hpp"
#include "alerts/notifier.hpp"
#include "common/log.hpp"
#include "common/timeutil.hpp"
#include "daemon/config.hpp"
#include "storage/database.hpp"
#include "storage/reader.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <limits>

namespace pantau::alerts {
namespace {

constexpr std::int64_t k_rebuild_history = 21 * 86400;  // spikes.md 7: 14-21 days rebuild the baseline
constexpr std::size_t k_max_suppressed = 64;

std::int64_t floor_bucket(std::int64_t t) { return t - ((t % kBucketSeconds) + kBucketSeconds) % kBucketSeconds; }

std::string state_key(const std::string& watch) { return "alerts.watch." + watch; }

std::string local_date(std::int64_t t, int offset_minutes) {
  return format_iso8601(t + offset_minutes * 60).substr(0, 10);
}

}  // namespace

struct AlertService::Watch {
  WatchAlerts cfg;
  bool data_mode = false;  // every source of the watch is a replay: bucket time is the clock
  std::unique_ptr<Detector> det;
  std::map<std::int64_t, Bucket> pending;  // not yet pushed, by bucket start
  std::optional<std::int64_t> newest_seen;
  std::int64_t last_delta_wall = 0;
  AlertGroup group;
  std::vector<std::string> suppressed;  // episodes whose `opened` was not sent
  bool alerting = true;                 // false while rebuilding the baseline
  bool dirty = false;                   // state changed since the last persist
};

AlertService::AlertService(asio::io_context& io, storage::Writer& writer, const Config& config)
    : m_io(io), m_writer(writer), m_db_path(config.db_path), m_timer(io) {
  std::vector<ConfigIssue> issues;
  AlertsConfig parsed;
  if (config.document) parsed = parse_alerts_config(*config.document, config.path, config.db_path, issues);
  if (!issues.empty()) throw ConfigError(std::move(issues));
  configure(config, std::move(parsed));
  m_worker = std::thread([this] { worker_loop(); });
}

AlertService::~AlertService() {
  stop();
  *m_alive = false;
}

void AlertService::configure(const Config& config, AlertsConfig parsed) {
  std::map<std::string, std::shared_ptr<Notifier>> notifiers;
  std::vector<ConfigIssue> issues;
  for (const auto& nc : parsed.notifiers) {
    auto n = make_notifier(nc);
    if (!n) {
      issues.push_back({config.path, 0, "notifier " + nc.name, n.failure().message});
      continue;
    }
    notifiers[nc.name] = std::shared_ptr<Notifier>(std::move(*n));
  }
  if (!issues.empty()) throw ConfigError(std::move(issues));
  m_source_types.clear();
  for (const auto& s : config.sources) m_source_types[s.name] = s.type;
  std::map<std::string, std::unique_ptr<Watch>> watches;
  for (const auto& wc : parsed.watches) {
    auto w = std::make_unique<Watch>();
    w->cfg = wc;
    bool any = false, all_replay = true;
    for (const auto& s : config.sources)
      if (s.watch == wc.watch && (!s.has("enabled") || s.boolean("enabled"))) {  // disabled sources feed nothing
        any = true;
        all_replay &= s.type == "replay";
      }
    w->data_mode = any && all_replay;
    auto old = m_watches.find(wc.watch);
    // A reload keeps a running detector whose settings did not change.
    if (old != m_watches.end() && settings_fingerprint(old->second->cfg.detector) == settings_fingerprint(wc.detector)) {
      w->det = std::move(old->second->det);
      w->pending = std::move(old->second->pending);
      w->newest_seen = old->second->newest_seen;
      w->last_delta_wall = old->second->last_delta_wall;
      w->group = std::move(old->second->group);
      w->suppressed = std::move(old->second->suppressed);
    }
    watches[wc.watch] = std::move(w);
  }
  m_cfg = std::move(parsed);
  m_notifiers = std::move(notifiers);  // jobs in flight hold their own reference
  m_watches = std::move(watches);
}

void AlertService::start() {
  m_db = storage::open_reader(m_db_path);
  for (auto& [name, w] : m_watches)
    if (!w->det) restore(*w);
  m_started = true;
  log::info("ALERTS_STARTED", "Alerting is running.",
            {{"watches", m_watches.size()}, {"notifiers", m_notifiers.size()}});
  tick();
}

void AlertService::reload(const Config& config) {
  std::vector<ConfigIssue> issues;
  AlertsConfig parsed;
  if (config.document) parsed = parse_alerts_config(*config.document, config.path, config.db_path, issues);
  if (!issues.empty()) throw ConfigError(std::move(issues));
  configure(config, std::move(parsed));
  for (auto& [name, w] : m_watches)
    if (!w->det) restore(*w);  // new watch, or changed detector settings: rebuild from storage
}

void AlertService::stop() {
  if (m_stopped) return;
  m_stopped = true;
  m_timer.cancel();
  {
    std::lock_guard lock(m_mutex);
    m_worker_stop = true;
  }
  m_abort.request_stop();
  m_wake.notify_all();
  if (m_worker.joinable()) m_worker.join();
}

// ------------------------------------------------------------------ detector side

void AlertService::restore(Watch& w) {
  const std::string& name = w.cfg.watch;
  w.det = make_detector(name, w.cfg.detector);
  const std::string fp = settings_fingerprint(w.cfg.detector);
  bool restored = false;
  if (auto text = storage::read_state(*m_db, state_key(name))) {
    if (auto v = json::parse(*text); v && v->is_object()) {
      if (auto g = AlertGroup::from_json(v->get("group"))) w.group = std::move(*g);
      for (const auto& s : v->get("suppressed").as_array()) w.suppressed.push_back(s.as_string());
      if (v->get("fingerprint").as_string() == fp) restored = bool(w.det->restore_state(v->get("detector").as_string()));
    }
    if (!restored)
      log::warn("ALERT_STATE_REBUILD", "The saved detector state does not fit the settings; rebuilding it from stored buckets with alerting off.",
                {{"watch", name}});
  }
  std::int64_t newest = 0;
  {
    SQLite::Statement st(*m_db, "SELECT MAX(bucket_start) FROM buckets WHERE watch = ? AND dim = ''");
    st.bind(1, name);
    if (st.executeStep() && !st.getColumn(0).isNull()) newest = st.getColumn(0).getInt64();
  }
  std::int64_t since = restored && w.det->last_bucket_start() ? *w.det->last_bucket_start() + kBucketSeconds
                                                              : newest - k_rebuild_history;
  if (!restored) w.det = make_detector(name, w.cfg.detector);
  w.alerting = restored;
  for (const auto& r : storage::query_buckets(*m_db, name, since, std::numeric_limits<std::int64_t>::max())) {
    w.pending[r.bucket_start] = Bucket{r.bucket_start, r.total, r.negative, r.complaints};
    w.newest_seen = std::max(w.newest_seen.value_or(r.bucket_start), r.bucket_start);
  }
  w.last_delta_wall = now_epoch();
  const std::size_t replayed = w.pending.size();
  process(w, now_epoch());
  w.alerting = true;
  log::info("ALERT_DETECTOR_READY", restored ? "Restored the detector and replayed the buckets stored since."
                                             : "Built the detector from stored buckets.",
            {{"watch", name}, {"restored", restored}, {"replayed_buckets", replayed},
             {"clock", w.data_mode ? "buckets" : "wall"}});
}

std::int64_t AlertService::logical_now(const Watch& w, std::int64_t wall_now) const {
  if (!w.data_mode) return wall_now;
  if (!w.newest_seen) return 0;
  return *w.newest_seen + kBucketSeconds + std::max<std::int64_t>(0, wall_now - w.last_delta_wall);
}

void AlertService::on_buckets(const std::vector<storage::BucketDelta>& deltas) {
  if (!m_started || m_stopped) return;
  const std::int64_t now = now_epoch();
  std::vector<Watch*> touched;
  for (const auto& d : deltas) {
    auto it = m_watches.find(d.watch);
    if (it == m_watches.end() || !it->second->det) continue;
    Watch& w = *it->second;
    if (auto last = w.det->last_bucket_start(); last && d.bucket_start <= *last) {
      // Late data for a bucket the detector already consumed: stored, not re-evaluated.
      log::debug("ALERT_LATE_BUCKET", "Counts arrived for a bucket that was already closed.",
                 {{"watch", d.watch}, {"bucket", format_iso8601(d.bucket_start)}});
      continue;
    }
    Bucket& b = w.pending[d.bucket_start];
    b.start = d.bucket_start;
    b.total += d.total;
    b.negative += d.negative;
    b.complaints += d.complaints;
    w.newest_seen = std::max(w.newest_seen.value_or(d.bucket_start), d.bucket_start);
    w.last_delta_wall = now;
    if (std::find(touched.begin(), touched.end(), &w) == touched.end()) touched.push_back(&w);
  }
  for (Watch* w : touched) process(*w, now);
}

void AlertService::process(Watch& w, std::int64_t wall_now) {
  if (!w.cfg.enabled) {
    w.pending.clear();
    return;
  }
  // Which buckets are closed: see the header (bucket time vs wall clock).
  std::optional<std::int64_t> closed_upto;
  if (w.data_mode) {
    if (w.newest_seen) closed_upto = *w.newest_seen - kBucketSeconds;
  } else {
    closed_upto = floor_bucket(wall_now - w.cfg.grace) - kBucketSeconds;
  }
  std::vector<OutboxRow> rows;
  const GroupTimers timers{w.cfg.group_wait, w.cfg.group_interval, w.cfg.repeat_interval};
  // Notifications due at `at`; a replay checks after every bucket, so that
  // one commit holding a whole episode still mails it as it happened.
  auto drain = [&](std::int64_t at) {
    while (auto n = w.group.due(at, timers)) {
      AlertMessage m;
      m.event = n->event;
      m.also = n->also;
      m.sequence = n->sequence;
      m.dashboard_url = w.cfg.dashboard_url;
      enrich(w, m);
      const bool resolved = n->reason == "resolved";
      log::info("ALERT_NOTIFY", "Queued a notification for the watch's incident.",
                {{"watch", w.cfg.watch}, {"thread", n->event.episode_id}, {"sequence", n->sequence},
                 {"reason", n->reason}, {"kind", to_string(n->event.kind)}});
      for (auto& r : rows_for(w, m, resolved ? "resolved" : "alert", n->event.high_severity && !resolved, wall_now))
        rows.push_back(std::move(r));
      w.dirty = true;
    }
  };
  std::size_t pushed = 0;
  auto push = [&](const Bucket& b) {
    const std::int64_t at = w.data_mode ? b.start + kBucketSeconds : wall_now;
    for (const auto& e : w.det->push(b)) handle_event(w, e, wall_now, at);
    ++pushed;
    if (w.data_mode) drain(at);
  };
  if (closed_upto) {
    while (!w.pending.empty() && w.pending.begin()->first <= *closed_upto) {
      push(w.pending.begin()->second);
      w.pending.erase(w.pending.begin());
    }
    // A live watch with no mentions still moves on: zeros up to the closed edge.
    if (!w.data_mode && w.det->last_bucket_start() && *w.det->last_bucket_start() < *closed_upto)
      push(Bucket{*closed_upto, 0, 0, 0});
  }
  drain(logical_now(w, wall_now));
  if (pushed > 0 || w.dirty || !rows.empty()) persist(w, std::move(rows), wall_now);
}

void AlertService::handle_event(Watch& w, const EpisodeEvent& e, std::int64_t wall_now, std::int64_t at) {
  const bool starts = e.type == EpisodeEvent::Type::opened || (e.type == EpisodeEvent::Type::updated && e.reopened);
  const bool known_suppressed = std::find(w.suppressed.begin(), w.suppressed.end(), e.episode_id) != w.suppressed.end();
  w.dirty = true;
  if (starts && !known_suppressed) {
    // Live watches measure lateness on the wall clock. A replay of history has
    // no outage to tolerate: its input is the file, so an alert is judged at
    // the replay's own time (and a restart midway gives the same alerts as an
    // uninterrupted run). Only a replay that is itself near real time (a
    // followed file fed live) is measured on the wall clock.
    const bool near_now =
        w.newest_seen && wall_now - (*w.newest_seen + kBucketSeconds) <= w.cfg.outage_tolerance;
    const std::int64_t reference = !w.data_mode || near_now ? wall_now : e.window_end;
    const std::int64_t late = reference - e.window_end;
    if (!w.alerting || late > w.cfg.outage_tolerance) {
      w.suppressed.push_back(e.episode_id);
      if (w.suppressed.size() > k_max_suppressed) w.suppressed.erase(w.suppressed.begin());
      log::info("ALERT_SUPPRESSED", w.alerting ? "An episode opened longer ago than outage_tolerance; not sent."
                                               : "An episode found while rebuilding the baseline; not sent.",
                {{"watch", w.cfg.watch}, {"kind", to_string(e.kind)}, {"episode", e.episode_id}, {"late_s", late}});
      return;
    }
    log::warn("ALERT_OPENED", "A new alert episode.",
              {{"watch", w.cfg.watch}, {"kind", to_string(e.kind)}, {"episode", e.episode_id},
               {"observed", e.observed}, {"expected", e.expected}, {"p_value", e.p_value},
               {"late_s", std::max<std::int64_t>(0, late - kBucketSeconds)}});
  } else if (known_suppressed) {
    return;
  } else {
    log::info(e.type == EpisodeEvent::Type::resolved ? "ALERT_RESOLVED" : "ALERT_UPDATED",
              e.type == EpisodeEvent::Type::resolved ? "An alert episode is over." : "An alert episode grew.",
              {{"watch", w.cfg.watch}, {"kind", to_string(e.kind)}, {"episode", e.episode_id},
               {"observed", e.observed}});
  }
  w.group.add(e, at);
}

// Example posts, aspects and the 48-hour series, read from the database.
void AlertService::enrich(const Watch& w, AlertMessage& m) {
  const EpisodeEvent& e = m.event;
  const std::int64_t until = e.window_end, since = e.window_start;
  try {
    if (e.type != EpisodeEvent::Type::resolved && w.cfg.examples > 0) {
      // Negative, non-spam posts of the window; complaints first, then the most negative.
      SQLite::Statement st(*m_db,
                           "SELECT source, author, url, text, created_at FROM mentions WHERE watch = ? AND "
                           "created_at >= ? AND created_at < ? AND label = -1 AND spam = 0 "
                           "ORDER BY complaint DESC, score ASC, created_at DESC LIMIT ?");
      st.bind(1, w.cfg.watch);
      st.bind(2, static_cast<int64_t>(since));
      st.bind(3, static_cast<int64_t>(until));
      st.bind(4, static_cast<int64_t>(w.cfg.examples));
      while (st.executeStep())
        m.examples.push_back({st.getColumn(0).getString(), st.getColumn(1).getString(), st.getColumn(2).getString(),
                              st.getColumn(3).getString(), st.getColumn(4).getInt64()});
    }
    std::map<std::string, std::int64_t> aspects;
    SQLite::Statement as(*m_db,
                         "SELECT aspects FROM mentions WHERE watch = ? AND created_at >= ? AND created_at < ? AND "
                         "complaint = 1 AND spam = 0 AND aspects <> ''");
    as.bind(1, w.cfg.watch);
    as.bind(2, static_cast<int64_t>(since));
    as.bind(3, static_cast<int64_t>(until));
    while (as.executeStep()) {
      std::string list = as.getColumn(0).getString();
      for (std::size_t s = 0, c; s < list.size(); s = c + 1) {
        c = list.find(',', s);
        if (c == std::string::npos) c = list.size();
        if (c > s) ++aspects[list.substr(s, c - s)];
      }
    }
    std::vector<std::pair<std::string, std::int64_t>> top(aspects.begin(), aspects.end());
    std::stable_sort(top.begin(), top.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    if (top.size() > 5) top.resize(5);
    m.top_aspects = std::move(top);
    const std::int64_t end = floor_bucket(until + 3599 - (until % 3600 == 0 ? 3599 : 0));
    const std::int64_t first = end - 48 * 3600;
    std::vector<SeriesPoint> pts(48);
    for (int i = 0; i < 48; ++i) pts[i].start = first + i * 3600;
    for (const auto& r : storage::query_buckets(*m_db, w.cfg.watch, first, end)) {
      auto& p = pts[static_cast<std::size_t>((r.bucket_start - first) / 3600)];
      p.total += r.total;
      p.negative += r.negative;
    }
    m.last_48h = std::move(pts);
  } catch (const std::exception& ex) {
    log::warn("ALERT_ENRICH_FAILED", "Could not read example posts for a notification; it is sent without them.",
              {{"watch", w.cfg.watch}, {"error", ex.what()}});
  }
}

std::vector<OutboxRow> AlertService::rows_for(const Watch& w, const AlertMessage& m, const std::string& kind,
                                              bool urgent, std::int64_t wall_now) {
  std::vector<OutboxRow> rows;
  OutboxRow base;
  base.watch = w.cfg.watch;
  base.kind = kind;
  base.thread_id = m.event.episode_id;
  base.sequence = m.sequence;
  base.subject = compose_subject(m);
  base.payload = to_json(m).dump();
  base.created_at = wall_now;
  base.next_attempt_at = wall_now;
  std::optional<Silence> silence;
  try {
    silence = silence_active(*m_db, w.cfg.watch, wall_now);
  } catch (const std::exception&) {
  }
  if (silence) {
    base.status = "silenced";
    base.last_error = "silenced until " + format_iso8601(silence->ends_at) + (silence->reason.empty() ? "" : ": " + silence->reason);
    log::info("ALERT_SILENCED", "A notification was silenced.",
              {{"watch", w.cfg.watch}, {"thread", base.thread_id}, {"until", format_iso8601(silence->ends_at)}});
  } else if (!urgent) {
    if (std::int64_t wait = w.cfg.quiet.remaining(wall_now, w.cfg.utc_offset_minutes); wait > 0) {
      base.next_attempt_at = wall_now + wait;
      log::info("ALERT_HELD_QUIET_HOURS", "Quiet hours: the notification waits until they end.",
                {{"watch", w.cfg.watch}, {"thread", base.thread_id}, {"until", format_iso8601(wall_now + wait)}});
    }
  }
  for (const auto& [name, n] : m_notifiers) {
    if (!w.cfg.notifiers.empty() && std::find(w.cfg.notifiers.begin(), w.cfg.notifiers.end(), name) == w.cfg.notifiers.end())
      continue;
    OutboxRow r = base;
    r.notifier = name;
    r.urgent = urgent && base.status == "pending";
    rows.push_back(std::move(r));
  }
  return rows;
}

// The detector and group state and the outbox rows they produced commit
// together: after a crash either both are there or neither is, and the replay
// from the older state re-creates the same rows (INSERT OR IGNORE).
void AlertService::persist(Watch& w, std::vector<OutboxRow> rows, std::int64_t wall_now) {
  auto v = json::Value::object();
  v.set("version", 1);
  v.set("fingerprint", settings_fingerprint(w.cfg.detector));
  v.set("detector", w.det->save_state());
  v.set("group", w.group.to_json());
  json::Value::Array sup;
  for (const auto& s : w.suppressed) sup.push_back(json::Value(s));
  v.set("suppressed", json::Value(std::move(sup)));
  w.dirty = false;
  const bool kick = !rows.empty();
  m_writer.execute(
      [key = state_key(w.cfg.watch), state = v.dump(), rows = std::move(rows), wall_now](SQLite::Database& db) {
        state_put(db, key, state, wall_now);
        for (const auto& r : rows) outbox_insert(db, r);
      },
      [this, alive = std::weak_ptr<bool>(m_alive), kick, watch = w.cfg.watch](Status st) {
        asio::post(m_io, [this, alive, kick, watch, st] {
          if (alive.expired()) return;
          if (!st)
            log::error("ALERT_STATE_SAVE_FAILED", "Could not save the alert state and outbox; the next start replays.",
                       {{"watch", watch}, {"error", st.failure().message}});
          if (kick) kick_delivery();
        });
      });
}

// ------------------------------------------------------------------ timers, notices

void AlertService::tick() {
  if (m_stopped) return;
  const std::int64_t now = now_epoch();
  // Every 5 s: close live buckets and let the grouping timers fire.
  if (m_ticks++ % 5 == 0)
    for (auto& [name, w] : m_watches)
      if (w->det) process(*w, now);
  if (m_ticks % 30 == 1) check_digests(now);
  kick_delivery();
  m_timer.expires_after(std::chrono::seconds(1));
  m_timer.async_wait([this, alive = std::weak_ptr<bool>(m_alive)](const boost::system::error_code& ec) {
    if (!ec && !alive.expired()) tick();
  });
}

void AlertService::on_source_silent(const std::string& source, const std::string& watch, std::int64_t silent_for) {
  if (!m_started || m_stopped) return;
  auto it = m_watches.find(watch);
  if (it == m_watches.end()) return;
  if (auto t = m_source_types.find(source); t != m_source_types.end() && t->second == "replay") return;  // a finished file
  const std::int64_t now = now_epoch();
  AlertMessage m;
  m.event.watch = watch;
  m.event.episode_id = watch + "|source_silent|" + source + "|" + std::to_string(now);
  m.notice_kind = "source_silent";
  m.notice_subject = watch + ": source " + source + " has been silent for " + format_duration(silent_for);
  m.notice_text = "The source " + source + " of the watch " + watch + " has returned nothing for " +
                  format_duration(silent_for) + ".\nCheck `pantau status` for its last error; mentions from it are not being counted, so alerts for this watch may be missed.";
  auto rows = rows_for(*it->second, m, "source_silent", false, now);
  m_writer.execute([rows = std::move(rows)](SQLite::Database& db) {
    for (const auto& r : rows) outbox_insert(db, r);
  });
}

void AlertService::check_digests(std::int64_t now) {
  if (!m_cfg.digest.enabled || !m_db) return;
  for (auto& [name, w] : m_watches) {
    const auto& list = m_cfg.digest.watches;
    if (!list.empty() && std::find(list.begin(), list.end(), name) == list.end()) continue;
    const int off = w->cfg.utc_offset_minutes;
    const std::int64_t local_minute = (((now + off * 60) % 86400) + 86400) % 86400 / 60;
    if (local_minute < m_cfg.digest.minute_of_day) continue;
    const std::string date = local_date(now, off);
    if (m_digest_done[name] == date) continue;
    if (w->data_mode && !w->newest_seen) continue;  // a replay that has not delivered anything yet
    m_digest_done[name] = date;
    // Replays report on their own last day; live watches on the last 24 hours.
    const std::int64_t until = w->data_mode ? logical_now(*w, now) : now, since = until - 86400;
    std::int64_t total = 0, pos = 0, neg = 0, neu = 0, complaints = 0, open = 0;
    std::string aspects;
    try {
      SQLite::Statement st(*m_db,
                           "SELECT COUNT(*), SUM(label = 1), SUM(label = -1), SUM(label = 0), SUM(complaint) FROM "
                           "mentions WHERE watch = ? AND spam = 0 AND created_at >= ? AND created_at < ?");
      st.bind(1, name);
      st.bind(2, static_cast<int64_t>(since));
      st.bind(3, static_cast<int64_t>(until));
      if (st.executeStep()) {
        total = st.getColumn(0).getInt64();
        pos = st.getColumn(1).getInt64();
        neg = st.getColumn(2).getInt64();
        neu = st.getColumn(3).getInt64();
        complaints = st.getColumn(4).getInt64();
      }
      SQLite::Statement oc(*m_db, "SELECT COUNT(*) FROM complaints WHERE watch = ? AND status = 'open'");
      oc.bind(1, name);
      if (oc.executeStep()) open = oc.getColumn(0).getInt64();
      AlertMessage probe;
      probe.event.watch = name;
      probe.event.window_start = since;
      probe.event.window_end = until;
      probe.event.type = EpisodeEvent::Type::resolved;  // no examples
      enrich(*w, probe);
      for (const auto& [a, n] : probe.top_aspects) aspects += (aspects.empty() ? "" : ", ") + a + " (" + std::to_string(n) + ")";
    } catch (const std::exception& ex) {
      log::warn("ALERT_DIGEST_FAILED", "Could not read the digest figures.", {{"watch", name}, {"error", ex.what()}});
      continue;
    }
    auto pct = [&](std::int64_t n) { return total ? std::to_string((n * 100 + total / 2) / total) + "%" : std::string("-"); };
    AlertMessage m;
    m.event.watch = name;
    m.event.episode_id = name + "|digest|" + date;
    m.notice_kind = "digest";
    m.notice_subject = name + ": daily digest " + date;
    m.notice_text = "Mentions " + format_iso8601(since) + " to " + format_iso8601(until) + ": " + std::to_string(total) +
                    "\nSentiment: " + pct(pos) + " positive, " + pct(neu) + " neutral, " + pct(neg) + " negative" +
                    "\nComplaints: " + std::to_string(complaints) + " new, " + std::to_string(open) + " open" +
                    "\nTop complaint aspects: " + (aspects.empty() ? "none" : aspects);
    auto rows = rows_for(*w, m, "digest", false, now);
    log::info("ALERT_DIGEST", "Queued the daily digest.", {{"watch", name}, {"date", date}});
    m_writer.execute([rows = std::move(rows)](SQLite::Database& db) {
      for (const auto& r : rows) outbox_insert(db, r);
    });
  }
}

// ------------------------------------------------------------------ delivery

void AlertService::kick_delivery() {
  if (m_delivering || m_stopped || !m_db) return;
  const std::int64_t now = now_epoch();
  std::vector<OutboxRow> due;
  try {
    due = outbox_due(*m_db, now, 1);
  } catch (const std::exception& ex) {
    log::error("ALERT_OUTBOX_READ_FAILED", "Could not read the outbox.", {{"error", ex.what()}});
    return;
  }
  if (due.empty()) return;
  OutboxRow row = std::move(due.front());
  if (const WatchAlerts* wc = m_cfg.find(row.watch)) row.retry_base = wc->retry_base;
  auto parsed = json::parse(row.payload);
  std::optional<AlertMessage> msg;
  if (parsed)
    if (auto m = alert_message_from_json(*parsed)) msg = std::move(*m);
  auto n = m_notifiers.find(row.notifier);
  m_delivering = true;
  if (!msg || n == m_notifiers.end()) {
    delivered(row, Failure::fatal(!msg ? "the outbox payload is not a valid message"
                                       : "no [[notifier]] named \"" + row.notifier + "\" is configured"));
    return;
  }
  std::shared_ptr<Notifier> notifier = n->second;
  std::lock_guard lock(m_mutex);
  // The result is recorded from the worker itself: a delivered mail is marked
  // sent even when the daemon stops right after (stop() joins the worker
  // before the writer drains).
  m_jobs.push_back([this, notifier, row, m = std::move(*msg), stop = m_abort.get_token()] {
    delivered(row, notifier->deliver(m, now_epoch(), stop));
  });
  m_wake.notify_one();
}

// Runs on the worker thread (or the io thread for a row that cannot be
// delivered at all): it only logs and queues a write; the retry base comes
// with the row (`row.retry_base`), so a reload between rows cannot race it.
void AlertService::delivered(const OutboxRow& row, Status st) {
  if (!st && st.failure().kind == FailureKind::cancelled) {
    // Stopping: the row is left exactly as it was (pending, no attempt
    // counted), so the next start sends it; nothing is written and the
    // worker is not kicked again.
    log::warn("ALERT_DELIVERY_ABORTED", "Stopping: a notification in flight was abandoned; it stays pending and is sent at the next start.",
              {{"watch", row.watch}, {"notifier", row.notifier}, {"kind", row.kind}, {"thread", row.thread_id},
               {"sequence", row.sequence}});
    return;
  }
  const std::int64_t now = now_epoch();
  std::function<void(SQLite::Database&)> op;
  if (st) {
    log::info("ALERT_SENT", "Delivered a notification.",
              {{"watch", row.watch}, {"notifier", row.notifier}, {"kind", row.kind}, {"thread", row.thread_id},
               {"sequence", row.sequence}, {"attempt", row.attempts + 1}});
    op = [id = row.id, now](SQLite::Database& db) { outbox_mark_sent(db, id, now); };
  } else {
    const Failure& f = st.failure();
    const std::int64_t attempts = row.attempts + 1;
    const std::int64_t base = row.retry_base;
    std::int64_t delay = std::max<std::int64_t>(1, retry_delay(attempts, static_cast<std::uint64_t>(row.id)) * base / 30);
    // auth and fatal need an operator: the row shows as failed and is still retried, at the slowest rate.
    const bool hard = f.kind == FailureKind::auth || f.kind == FailureKind::fatal;
    if (hard) delay = 3600;
    if (f.kind == FailureKind::rate_limited) delay = std::max<std::int64_t>(delay, f.retry_after.count());
    log::error("ALERT_DELIVERY_FAILED", hard ? "A notifier refused the notification; fix its config, it is retried hourly."
                                             : "Delivering a notification failed; retrying with backoff.",
               {{"watch", row.watch}, {"notifier", row.notifier}, {"thread", row.thread_id}, {"kind", to_string(f.kind)},
                {"error", f.message}, {"attempt", attempts}, {"retry_in_s", delay}});
    op = [id = row.id, status = std::string(hard ? "failed" : "pending"), attempts, next = now + delay,
          err = f.message](SQLite::Database& db) { outbox_mark_failed(db, id, status, attempts, next, err); };
  }
  m_writer.execute(std::move(op), [this, alive = std::weak_ptr<bool>(m_alive)](Status) {
    asio::post(m_io, [this, alive] {
      if (alive.expired()) return;
      m_delivering = false;
      kick_delivery();
    });
  });
}

void AlertService::worker_loop() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(m_mutex);
      m_wake.wait(lock, [this] { return m_worker_stop || !m_jobs.empty(); });
      if (m_worker_stop) return;  // a row in flight stays pending and is retried at the next start
      job = std::move(m_jobs.front());
      m_jobs.pop_front();
    }
    job();
  }
}

}  // namespace pantau::alerts
