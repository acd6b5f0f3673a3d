// The running daemon: one io_context thread runs one coroutine per source;
// pages go through the Pipeline and commit with their cursor on the storage
// writer thread; HTTP runs on the curl worker thread.
#pragma once

#include "common/asio.hpp"
#include "common/pidfile.hpp"
#include "daemon/config.hpp"
#include "daemon/pipeline.hpp"
#include "storage/writer.hpp"

#include <functional>
#include <map>
#include <optional>
#include <memory>
#include <string>
#include <vector>

namespace pantau::http { class Client; }
namespace pantau::connectors { class Connector; }

namespace pantau {

// Events other modules (alerts) subscribe to; all run on the io thread.
struct DaemonHooks {
  std::function<void(const std::vector<storage::BucketDelta>&)> on_buckets;
  std::function<void(const std::string& source, const std::string& watch, std::int64_t silent_for)> on_source_silent;
};

class Daemon {
 public:
  // Opens the database (migrating it) and builds every source. Throws
  // ConfigError or std::runtime_error (start-up boundary).
  Daemon(asio::io_context& io, Config config, DaemonHooks hooks = {});
  ~Daemon();

  void start();
  // Swaps in a validated new config: sources restart from their committed
  // cursors. The database path cannot change without a restart.
  void reload(Config config);
  // Stops intake, commits everything accepted, then calls `done` on the io thread.
  void stop(std::function<void()> done);

  const Config& config() const { return m_config; }
  storage::Writer& writer() { return *m_writer; }
  std::string status_line() const;
  std::int64_t stored() const { return m_stored; }

 private:
  struct Source;
  awaitable<void> run_source(std::shared_ptr<Source> source);
  // A batch handed to the writer whose commit has not been awaited yet.
  struct InFlight {
    std::shared_ptr<asio::steady_timer> signal;  // cancelled when the result arrives
    std::shared_ptr<std::optional<Result<storage::BatchResult>>> result;
    std::string cursor;
    std::size_t fetched = 0;
    bool more = false;
  };
  InFlight submit(storage::Batch batch, std::size_t fetched, bool more);
  // Waits for the commit and records it; false when it failed.
  awaitable<bool> settle(Source& source, InFlight& inflight);
  std::vector<std::shared_ptr<Source>> make_sources(const Config& config, const Pipeline& pipeline);
  void record_status(const Source& s, std::string_view state, std::int64_t next_poll);
  void on_committed(const storage::BatchResult& result);

  asio::io_context& m_io;
  Config m_config;
  DaemonHooks m_hooks;
  std::unique_ptr<PidFile> m_pidfile;
  std::unique_ptr<storage::Writer> m_writer;
  std::unique_ptr<http::Client> m_http;
  std::unique_ptr<Pipeline> m_pipeline;
  std::vector<std::shared_ptr<Source>> m_sources;
  std::map<std::string, std::string> m_cursors;  // last committed cursor per source
  std::int64_t m_stored = 0;
  bool m_stopping = false;
};

}  // namespace pantau
