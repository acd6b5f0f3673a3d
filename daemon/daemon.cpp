#include "daemon/daemon.hpp"

#include "common/log.hpp"
#include "common/timeutil.hpp"
#include "connectors/connector.hpp"
#include "connectors/http/http_client.hpp"
#include "storage/database.hpp"
#include "storage/reader.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <cmath>
#include <filesystem>
#include <random>

namespace pantau {

struct Daemon::Source {
  connectors::SourceConfig cfg;
  const connectors::ConnectorInfo* info = nullptr;
  std::unique_ptr<connectors::Connector> connector;
  std::shared_ptr<const storage::WatchInfo> watch_info;
  asio::steady_timer timer;
  bool stopped = false;
  int failures = 0;
  std::int64_t last_items_at;  // last poll that returned items (or start)
  bool silent_reported = false;
  std::int64_t unreported_items = 0;  // inserted since the last status row
  std::int64_t last_status_write = 0;

  explicit Source(asio::io_context& io) : timer(io), last_items_at(now_epoch()) {}
};

namespace {

// Exponential backoff with full jitter: 5 s, 10 s, 20 s ... capped at 15 min
// and never shorter than a tenth of the poll interval.
std::chrono::milliseconds backoff(int failures, std::int64_t interval_s) {
  static thread_local std::mt19937 rng{std::random_device{}()};
  double cap = std::min(900.0, 5.0 * std::pow(2.0, std::min(failures - 1, 10)));
  std::uniform_real_distribution<double> jitter(0.5, 1.0);
  double s = std::max(cap * jitter(rng), interval_s / 10.0);
  return std::chrono::milliseconds(static_cast<std::int64_t>(s * 1000));
}

std::string user_agent(const Config& c) {
  std::string ua = "pantau/" PANTAU_VERSION;
  if (!c.http_contact.empty()) ua += " (+" + c.http_contact + ")";
  return ua;
}

}  // namespace

Daemon::Daemon(asio::io_context& io, Config config, DaemonHooks hooks)
    : m_io(io), m_config(std::move(config)), m_hooks(std::move(hooks)) {
  m_pipeline = std::make_unique<Pipeline>(m_config);
  if (auto dir = std::filesystem::path(m_config.db_path).parent_path(); !dir.empty())
    std::filesystem::create_directories(dir);
  // Before opening the database: a second daemon on the same file stops here.
  m_pidfile = std::make_unique<PidFile>(m_config.db_path + ".pid");
  m_writer = std::make_unique<storage::Writer>(m_config.db_path);
  http::ClientOptions options;
  options.user_agent = user_agent(m_config);
  m_http = http::make_curl_client(m_io, options);
  // Cursors committed by earlier runs.
  auto db = storage::open_reader(m_config.db_path);
  SQLite::Statement st(*db, "SELECT source_name, cursor FROM cursors");
  while (st.executeStep()) m_cursors[st.getColumn(0).getString()] = st.getColumn(1).getString();
  m_sources = make_sources(m_config, *m_pipeline);
}

Daemon::~Daemon() = default;

std::vector<std::shared_ptr<Daemon::Source>> Daemon::make_sources(const Config& config, const Pipeline& pipeline) {
  std::vector<std::shared_ptr<Source>> sources;
  std::vector<ConfigIssue> issues;
  for (const auto& cfg : config.sources) {
    auto s = std::make_shared<Source>(m_io);
    s->cfg = cfg;
    s->info = connectors::find_connector(cfg.type);
    auto info = std::make_shared<storage::WatchInfo>();
    if (const WatchConfig* w = config.find_watch(cfg.watch)) info->own_accounts = w->own_accounts;
    s->watch_info = info;
    connectors::Context ctx;
    ctx.executor = m_io.get_executor();
    ctx.http = s->info->needs_http ? m_http.get() : nullptr;
    ctx.search_terms = pipeline.search_terms(cfg.watch);
    if (const WatchConfig* w = config.find_watch(cfg.watch)) ctx.query = w->query;
    ctx.backfill_seconds = cfg.integer("backfill");
    try {
      s->connector = s->info->make(cfg, ctx);
    } catch (const std::exception& e) {
      issues.push_back({config.path, 0, "source " + cfg.name, e.what()});
      continue;
    }
    sources.push_back(std::move(s));
  }
  if (!issues.empty()) throw ConfigError(std::move(issues));
  return sources;
}

void Daemon::start() {
  // Forget the status rows of sources that are no longer configured.
  std::vector<std::string> names;
  for (const auto& s : m_sources) names.push_back(s->cfg.name);
  m_writer->execute([names](SQLite::Database& db) {
    std::string in;
    for (std::size_t i = 0; i < names.size(); ++i) in += i ? ",?" : "?";
    SQLite::Statement del(db, "DELETE FROM source_status WHERE source_name NOT IN (" + in + ")");
    for (std::size_t i = 0; i < names.size(); ++i) del.bind(static_cast<int>(i + 1), names[i]);
    del.exec();
  });
  for (auto& s : m_sources) {
    if (!s->cfg.boolean("enabled")) {
      record_status(*s, "disabled", 0);
      continue;
    }
    record_status(*s, "starting", now_epoch());
    asio::co_spawn(m_io, run_source(s), [name = s->cfg.name](std::exception_ptr e) {
      if (!e) return;
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& ex) {
        log::error("SOURCE_LOOP_DIED", "A source loop stopped on an unexpected error; restart or reload pantaud.",
                   {{"source", name}, {"error", ex.what()}});
      }
    });
  }
  log::info("DAEMON_STARTED", "Listening.",
            {{"config", m_config.path}, {"db", m_config.db_path}, {"watches", m_config.watches.size()},
             {"sources", m_sources.size()}});
}

Daemon::InFlight Daemon::submit(storage::Batch batch, std::size_t fetched, bool more) {
  InFlight f;
  f.signal = std::make_shared<asio::steady_timer>(m_io, std::chrono::steady_clock::time_point::max());
  f.result = std::make_shared<std::optional<Result<storage::BatchResult>>>();
  f.cursor = batch.cursor.value_or("");
  f.fetched = fetched;
  f.more = more;
  asio::io_context& io = m_io;
  m_writer->submit(std::move(batch), [&io, signal = f.signal, result = f.result](Result<storage::BatchResult> r) {
    asio::post(io, [signal, result, r = std::move(r)]() mutable {
      result->emplace(std::move(r));
      signal->cancel();
    });
  });
  return f;
}

awaitable<bool> Daemon::settle(Source& s, InFlight& f) {
  boost::system::error_code ec;
  while (!*f.result) co_await f.signal->async_wait(asio::redirect_error(use_awaitable, ec));
  Result<storage::BatchResult>& r = **f.result;
  const std::int64_t now = now_epoch();
  if (!r) {
    // Nothing of that page is stored and the cursor did not move.
    record_status(s, "error: " + r.failure().message, 0);
    co_return false;
  }
  m_cursors[s.cfg.name] = f.cursor;
  on_committed(*r);
  if (f.fetched > 0) {
    s.last_items_at = now;
    s.silent_reported = false;
  }
  s.unreported_items += static_cast<std::int64_t>(r->inserted);
  // Status rows are written at most once a second per source while a backlog drains.
  if (!f.more || now - s.last_status_write >= 1) {
    s.last_status_write = now;
    std::int64_t next = now + (f.more ? 0 : s.cfg.integer("interval"));
    m_writer->execute([name = s.cfg.name, now, n = s.unreported_items, next](SQLite::Database& db) {
      SQLite::Statement st(db,
                           "UPDATE source_status SET state = 'ok', last_poll = ?, last_success = ?, "
                           "items_total = items_total + ?, next_poll = ? WHERE source_name = ?");
      st.bind(1, static_cast<int64_t>(now));
      st.bind(2, static_cast<int64_t>(now));
      st.bind(3, static_cast<int64_t>(n));
      st.bind(4, static_cast<int64_t>(next));
      st.bind(5, name);
      st.exec();
    });
    s.unreported_items = 0;
  }
  co_return true;
}

awaitable<void> Daemon::run_source(std::shared_ptr<Source> s) {
  const std::int64_t interval = s->cfg.integer("interval");
  const std::int64_t silent_after = s->cfg.integer("silent_after");
  // At most one batch is committing while the next page is read and scored.
  std::optional<InFlight> inflight;
  while (!s->stopped && !m_stopping) {
    const std::string cursor = inflight ? inflight->cursor : m_cursors[s->cfg.name];
    auto page = co_await s->connector->poll(cursor);
    if (s->stopped || m_stopping) break;  // a page that arrives after stop is not accepted
    std::chrono::milliseconds wait{interval * 1000};
    const std::int64_t now = now_epoch();
    if (page) {
      s->failures = 0;
      storage::Batch batch;
      batch.source_name = s->cfg.name;
      batch.cursor = page->cursor;
      batch.skipped = page->skipped;
      batch.watch_info = s->watch_info;
      const std::size_t fetched = page->items.size();
      const bool more = page->more;
      batch.mentions = m_pipeline->process(s->cfg.watch, std::move(page->items));
      // This page starts where the committing one ends: it may only be
      // submitted once that one is committed, or its cursor would skip it.
      bool ok = true;
      if (inflight) {
        ok = co_await settle(*s, *inflight);
        inflight.reset();
      }
      if (ok) {
        inflight = submit(std::move(batch), fetched, more);
        if (more) continue;
        ok = co_await settle(*s, *inflight);
        inflight.reset();
      }
      if (!ok) {
        ++s->failures;
        wait = backoff(s->failures, interval);  // the page is read again from the committed cursor
      }
    } else {
      if (inflight) {
        co_await settle(*s, *inflight);
        inflight.reset();
      }
      const Failure& f = page.failure();
      ++s->failures;
      switch (f.kind) {
        case FailureKind::rate_limited:
          wait = std::max(std::chrono::milliseconds(f.retry_after), std::chrono::milliseconds(1000));
          log::warn("SOURCE_RATE_LIMITED", "The source is rate limited; waiting for the reset it gave.",
                    {{"source", s->cfg.name}, {"retry_after_s", static_cast<std::int64_t>(f.retry_after.count())}});
          break;
        case FailureKind::auth:
        case FailureKind::fatal:
          log::error(f.kind == FailureKind::auth ? "SOURCE_AUTH_FAILED" : "SOURCE_FAILED",
                     f.kind == FailureKind::auth
                         ? "The source refused its credentials; it is stopped until the config is fixed and reloaded."
                         : "The source cannot continue; it is stopped until the config is fixed and reloaded.",
                     {{"source", s->cfg.name}, {"error", f.message}});
          record_status(*s, std::string(f.kind == FailureKind::auth ? "stopped (credentials): " : "stopped: ") +
                                f.message, 0);
          s->stopped = true;
          continue;
        default:
          wait = backoff(s->failures, interval);
          log::warn("SOURCE_POLL_FAILED", "A poll failed; retrying with backoff.",
                    {{"source", s->cfg.name}, {"kind", to_string(f.kind)}, {"error", f.message},
                     {"retry_in_ms", static_cast<std::int64_t>(wait.count())}});
      }
      record_status(*s, std::string("error: ") + f.message, now + wait.count() / 1000);
    }
    if (!s->silent_reported && now - s->last_items_at >= silent_after) {
      s->silent_reported = true;
      log::warn("SOURCE_SILENT", "The source has returned nothing for longer than silent_after.",
                {{"source", s->cfg.name}, {"watch", s->cfg.watch}, {"silent_for_s", now - s->last_items_at}});
      if (m_hooks.on_source_silent) m_hooks.on_source_silent(s->cfg.name, s->cfg.watch, now - s->last_items_at);
    }
    if (wait.count() > 0) {
      s->timer.expires_after(wait);
      boost::system::error_code ec;
      co_await s->timer.async_wait(asio::redirect_error(use_awaitable, ec));
    }
  }
  // The writer commits a submitted batch even while stopping; keep the cursor map in step.
  if (inflight) co_await settle(*s, *inflight);
}

void Daemon::on_committed(const storage::BatchResult& result) {
  m_stored += static_cast<std::int64_t>(result.inserted);
  if (m_hooks.on_buckets && !result.buckets.empty()) m_hooks.on_buckets(result.buckets);
}

std::string Daemon::status_line() const {
  std::size_t running = 0;
  for (const auto& s : m_sources) running += !s->stopped;
  return std::to_string(running) + "/" + std::to_string(m_sources.size()) + " sources polling, " +
         std::to_string(m_stored) + " mentions stored since start";
}

void Daemon::record_status(const Source& s, std::string_view state, std::int64_t next_poll) {
  m_writer->execute([name = s.cfg.name, type = s.cfg.type, watch = s.cfg.watch, state = std::string(state),
                     next_poll, now = now_epoch()](SQLite::Database& db) {
    bool error = state.rfind("error", 0) == 0 || state.rfind("stopped", 0) == 0;
    SQLite::Statement st(db,
                         "INSERT INTO source_status (source_name, type, watch, state, next_poll, last_error, "
                         "last_error_at) VALUES (?1, ?2, ?3, ?4, ?5, CASE WHEN ?6 THEN ?4 ELSE '' END, "
                         "CASE WHEN ?6 THEN ?7 END) ON CONFLICT (source_name) DO UPDATE SET type = ?2, watch = ?3, "
                         "state = ?4, next_poll = ?5, last_error = CASE WHEN ?6 THEN ?4 ELSE last_error END, "
                         "last_error_at = CASE WHEN ?6 THEN ?7 ELSE last_error_at END");
    st.bind(1, name);
    st.bind(2, type);
    st.bind(3, watch);
    st.bind(4, state);
    if (next_poll > 0)
      st.bind(5, static_cast<int64_t>(next_poll));
    else
      st.bind(5);
    st.bind(6, error ? 1 : 0);
    st.bind(7, static_cast<int64_t>(now));
    st.exec();
  });
}

void Daemon::reload(Config config) {
  if (config.db_path != m_config.db_path)
    log::warn("CONFIG_DB_PATH_CHANGED", "The database path changed; it takes effect at the next restart.",
              {{"old", m_config.db_path}, {"new", config.db_path}});
  config.db_path = m_config.db_path;
  // Build everything new first: a failure throws and leaves the old running.
  auto pipeline = std::make_unique<Pipeline>(config);
  auto sources = make_sources(config, *pipeline);
  for (auto& s : m_sources) {
    s->stopped = true;  // its loop exits at the next check; a late page is dropped
    s->timer.cancel();
  }
  m_config = std::move(config);
  m_pipeline = std::move(pipeline);
  m_sources = std::move(sources);
  start();
  log::info("CONFIG_RELOADED", "Reloaded the configuration.",
            {{"config", m_config.path}, {"sources", m_sources.size()}});
}

void Daemon::stop(std::function<void()> done) {
  m_stopping = true;
  for (auto& s : m_sources) {
    s->stopped = true;
    s->timer.cancel();
  }
  // Batches already submitted are accepted: commit them before we return.
  m_writer->flush();
  m_writer->stop();
  log::info("DAEMON_STOPPED", "Stopped; everything accepted is committed.", {{"stored", m_stored}});
  asio::post(m_io, std::move(done));
}

}  // namespace pantau
