// AlertService: the daemon side of alerting, on the io_context thread.
//
//   commit ──on_buckets──► pending buckets ──close──► Detector::push ──► episode events
//        ──► outage filter ──► AlertGroup (group_wait/interval/repeat) ──► notices
//        ──► one Writer::execute: detector + group state AND the outbox rows
//   delivery: due outbox rows ──► worker thread (notifiers block) ──► result posted
//        back ──► mark sent, or retry with backoff (nothing is dropped)
//
// Two clocks, chosen per watch:
//   live watches (any enabled non-replay source) use the wall clock: a bucket closes
//     `grace` after its end, gaps are zeros, an `opened` event whose window
//     ended more than `outage_tolerance` before now is not sent (a restart
//     after a long outage re-learns silently instead of mailing stale news);
//   replay-only watches use bucket time: a bucket closes when a later bucket
//     arrives, and the grouping timers run on the newest bucket seen (plus
//     the wall time since the data stopped). The outage tolerance does not
//     apply to a replay of history: it has no outage, its input is the file,
//     and one commit may carry days of it; an alert is judged at the replay's
//     own time, so a fast replay of two weeks alerts on its storm once, as a
//     live run would have, and a restart midway changes nothing. (A replay
//     whose newest data is within outage_tolerance of now, a followed file
//     fed live, is judged on the wall clock like a live watch.)
// On start the saved state is restored and the stored buckets since its last
// bucket are replayed through the same path; without a usable state (first
// run, or changed detector settings) the last 21 days are replayed with
// alerting off to rebuild the baseline.
#pragma once

#include "alerts/config.hpp"
#include "alerts/detector.hpp"
#include "alerts/grouping.hpp"
#include "alerts/outbox.hpp"
#include "common/asio.hpp"
#include "storage/writer.hpp"

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

namespace SQLite { class Database; }
namespace pantau { struct Config; }

namespace pantau::alerts {



class AlertService {
 public:
  // Parses the alert config and builds the notifiers (reading their secret
  // files). Throws ConfigError (start-up boundary).
  AlertService(asio::io_context& io, storage::Writer& writer, const Config& config);
  ~AlertService();

  // Restores or rebuilds every watch's detector and starts the timers and
  // the delivery loop. Call after the database exists (Daemon's constructor).
  void start();
  // Applies a new config; throws ConfigError and keeps the old one when bad.
  void reload(const Config& config);
  // Stops timers and the delivery worker; call before the writer stops. A
  // delivery in flight is abandoned within about a second (pantaud promises
  // to exit within 5 s of SIGTERM) and its row stays pending for the next start.
  void stop();

  // DaemonHooks.
  void on_buckets(const std::vector<storage::BucketDelta>& deltas);
  void on_source_silent(const std::string& source, const std::string& watch, std::int64_t silent_for);

 private:
  struct Watch;
  struct Job;
  void configure(const Config& config, AlertsConfig parsed);
  void restore(Watch& w);
  void process(Watch& w, std::int64_t wall_now);
  std::int64_t logical_now(const Watch& w, std::int64_t wall_now) const;
  void handle_event(Watch& w, const EpisodeEvent& e, std::int64_t wall_now, std::int64_t at);
  std::vector<OutboxRow> rows_for(const Watch& w, const AlertMessage& m, const std::string& kind,
                                  bool urgent, std::int64_t wall_now);
  void enrich(const Watch& w, AlertMessage& m);
  void persist(Watch& w, std::vector<OutboxRow> rows, std::int64_t wall_now);
  void tick();
  void check_digests(std::int64_t wall_now);
  void kick_delivery();
  void delivered(const OutboxRow& row, Status status);
  void worker_loop();

  asio::io_context& m_io;
  storage::Writer& m_writer;
  std::string m_db_path;
  std::unique_ptr<SQLite::Database> m_db;  // read-only, io thread only
  AlertsConfig m_cfg;
  std::map<std::string, std::unique_ptr<Watch>> m_watches;
  std::map<std::string, std::string> m_source_types;  // source name -> type
  std::map<std::string, std::shared_ptr<Notifier>> m_notifiers;
  asio::steady_timer m_timer;
  std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
  bool m_started = false, m_stopped = false, m_delivering = false;
  std::int64_t m_ticks = 0;
  std::map<std::string, std::string> m_digest_done;  // watch -> local date of the last digest

  // The delivery worker: notifiers block (SMTP, HTTP), so they run here.
  std::mutex m_mutex;
  std::condition_variable m_wake;
  std::deque<std::function<void()>> m_jobs;
  bool m_worker_stop = false;
  std::stop_source m_abort;  // requested by stop(): the notifier in flight gives up
  std::thread m_worker;
};

}  // namespace pantau::alerts
