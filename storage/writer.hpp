// The single writer: one thread owns the read-write connection and commits
// queued batches in IMMEDIATE transactions. A batch's mentions and its
// source's cursor commit together, so a crash anywhere loses nothing that was
// acknowledged and duplicates nothing (mentions are unique on (source, native_id)).
#pragma once

#include "common/mention.hpp"
#include "common/result.hpp"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace SQLite { class Database; }

namespace pantau::storage {

inline constexpr std::int64_t k_bucket_seconds = 300;

// What the ingest hook needs to know about a batch's watch.
struct WatchInfo {
  std::vector<std::string> own_accounts;  // authors whose replies count as the brand's responses
};

struct Batch {
  std::string source_name;              // the [[source]] instance (cursor key)
  std::optional<std::string> cursor;    // committed with the mentions when set
  std::vector<Mention> mentions;
  std::int64_t skipped = 0;             // inputs rejected before storage (malformed lines)
  std::shared_ptr<const WatchInfo> watch_info;  // may be null
};

// A change to one 5-minute bucket caused by a commit; the detector consumes these.
struct BucketDelta {
  std::string watch;
  std::int64_t bucket_start = 0;
  std::int64_t total = 0, negative = 0, positive = 0, complaints = 0;
};

struct BatchResult {
  std::size_t inserted = 0;
  std::size_t duplicates = 0;
  std::vector<BucketDelta> buckets;  // whole-watch dimension only
};

class Writer {
 public:
  using BatchDone = std::function<void(Result<BatchResult>)>;
  using Op = std::function<void(SQLite::Database&)>;
  using OpDone = std::function<void(Status)>;

  // Opens (and migrates) the database; throws on failure (start-up boundary).
  explicit Writer(const std::string& path);
  ~Writer();  // drains the queue and joins
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // Thread-safe. `done` runs on the writer thread after the commit (or the
  // failure); callers post it back to their own thread.
  void submit(Batch batch, BatchDone done);
  // Any other write, in its own IMMEDIATE transaction, in queue order.
  void execute(Op op, OpDone done = {});
  // Blocks until everything queued so far is committed.
  void flush();
  // Commits everything queued and stops the thread. Idempotent.
  void stop();

  std::size_t queued() const;

 private:
  struct Job {
    std::optional<Batch> batch;
    BatchDone batch_done;
    Op op;
    OpDone op_done;
  };
  void run();
  void commit_batches(std::vector<Job>& jobs);
  void run_op(Job& job);

  std::unique_ptr<SQLite::Database> m_db;
  struct Statements;
  std::unique_ptr<Statements> m_stmts;
  mutable std::mutex m_mutex;
  std::condition_variable m_wake;
  std::condition_variable m_idle;
  std::deque<Job> m_queue;
  bool m_busy = false;
  bool m_stopping = false;
  std::thread m_thread;
};

}  // namespace pantau::storage
