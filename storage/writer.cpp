#include "storage/writer.hpp"

#include "common/log.hpp"
#include "common/timeutil.hpp"
#include "storage/database.hpp"
#include "storage/ingest_hooks.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <map>
#include <tuple>

namespace pantau::storage {

// Prepared once, reused for every batch: the writer's hot path.
struct Writer::Statements {
  SQLite::Statement insert_mention;
  SQLite::Statement upsert_bucket;
  SQLite::Statement upsert_cursor;
  SQLite::Statement update_skipped;

  explicit Statements(SQLite::Database& db)
      : insert_mention(db,
                       "INSERT OR IGNORE INTO mentions (watch, source, native_id, created_at, ingested_at, "
                       "author, url, lang, text, rating, reply_to, score, label, spam, spam_reason, complaint, "
                       "aspects) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"),
        upsert_bucket(db,
                      "INSERT INTO buckets (watch, bucket_start, dim, total, negative, positive, complaints) "
                      "VALUES (?,?,?,?,?,?,?) ON CONFLICT (watch, dim, bucket_start) DO UPDATE SET "
                      "total = total + excluded.total, negative = negative + excluded.negative, "
                      "positive = positive + excluded.positive, complaints = complaints + excluded.complaints"),
        upsert_cursor(db,
                      "INSERT INTO cursors (source_name, cursor, updated_at) VALUES (?,?,?) "
                      "ON CONFLICT (source_name) DO UPDATE SET cursor = excluded.cursor, "
                      "updated_at = excluded.updated_at"),
        update_skipped(db,
                       "UPDATE source_status SET skipped_total = skipped_total + ? WHERE source_name = ?") {}
};

Writer::Writer(const std::string& path) : m_db(open_writer(path)) {
  m_stmts = std::make_unique<Statements>(*m_db);
  m_thread = std::thread([this] { run(); });
}

Writer::~Writer() { stop(); }

void Writer::submit(Batch batch, BatchDone done) {
  {
    std::lock_guard lock(m_mutex);
    Job job;
    job.batch = std::move(batch);
    job.batch_done = std::move(done);
    m_queue.push_back(std::move(job));
  }
  m_wake.notify_one();
}

void Writer::execute(Op op, OpDone done) {
  {
    std::lock_guard lock(m_mutex);
    Job job;
    job.op = std::move(op);
    job.op_done = std::move(done);
    m_queue.push_back(std::move(job));
  }
  m_wake.notify_one();
}

void Writer::flush() {
  std::unique_lock lock(m_mutex);
  m_idle.wait(lock, [this] { return m_queue.empty() && !m_busy; });
}

void Writer::stop() {
  {
    std::lock_guard lock(m_mutex);
    if (m_stopping && !m_thread.joinable()) return;
    m_stopping = true;
  }
  m_wake.notify_one();
  if (m_thread.joinable()) m_thread.join();
}

std::size_t Writer::queued() const {
  std::lock_guard lock(m_mutex);
  return m_queue.size();
}

void Writer::run() {
  for (;;) {
    std::vector<Job> jobs;
    {
      std::unique_lock lock(m_mutex);
      m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
      if (m_queue.empty()) {
        if (m_stopping) break;
        continue;
      }
      // Take consecutive batches (they share one transaction) or a single op.
      if (m_queue.front().batch) {
        while (!m_queue.empty() && m_queue.front().batch && jobs.size() < 64) {
          jobs.push_back(std::move(m_queue.front()));
          m_queue.pop_front();
        }
      } else {
        jobs.push_back(std::move(m_queue.front()));
        m_queue.pop_front();
      }
      m_busy = true;
    }
    if (jobs.front().batch)
      commit_batches(jobs);
    else
      run_op(jobs.front());
    {
      std::lock_guard lock(m_mutex);
      m_busy = false;
    }
    m_idle.notify_all();
  }
  // A last checkpoint keeps the WAL file small between runs.
  try {
    m_db->exec("PRAGMA wal_checkpoint(PASSIVE)");
  } catch (const std::exception&) {
  }
  m_idle.notify_all();
}

void Writer::commit_batches(std::vector<Job>& jobs) {
  const std::int64_t now = now_epoch();
  std::vector<BatchResult> results(jobs.size());
  try {
    SQLite::Transaction tx(*m_db, SQLite::TransactionBehavior::IMMEDIATE);
    // Bucket deltas accumulate in memory and hit SQLite once per key.
    std::map<std::tuple<std::string, std::string, std::int64_t>, BucketDelta> deltas;
    auto bump = [&](const std::string& watch, const std::string& dim, std::int64_t start, const Mention& m) {
      BucketDelta& d = deltas[{watch, dim, start}];
      d.watch = watch;
      d.bucket_start = start;
      d.total += 1;
      d.negative += m.label == Label::negative;
      d.positive += m.label == Label::positive;
      d.complaints += m.complaint;
    };
    auto& ins = m_stmts->insert_mention;
    for (std::size_t j = 0; j < jobs.size(); ++j) {
      Batch& b = *jobs[j].batch;
      BatchResult& r = results[j];
      for (const Mention& m : b.mentions) {
        const Item& it = m.item;
        ins.reset();
        ins.bind(1, m.watch);
        ins.bind(2, it.source);
        ins.bind(3, it.native_id);
        ins.bind(4, static_cast<int64_t>(it.created_at));
        ins.bind(5, static_cast<int64_t>(now));
        ins.bind(6, it.author);
        ins.bind(7, it.url);
        ins.bind(8, m.lang);
        ins.bind(9, it.text);
        if (it.rating)
          ins.bind(10, *it.rating);
        else
          ins.bind(10);
        ins.bind(11, it.reply_to);
        ins.bind(12, m.score);
        ins.bind(13, static_cast<int>(m.label));
        ins.bind(14, m.spam ? 1 : 0);
        ins.bind(15, m.spam_reason);
        ins.bind(16, m.complaint ? 1 : 0);
        std::string aspects;
        for (const auto& a : m.aspects) {
          if (!aspects.empty()) aspects += ',';
          aspects += a;
        }
        ins.bind(17, aspects);
        if (ins.exec() == 0) {
          ++r.duplicates;
          continue;
        }
        ++r.inserted;
        if (m.spam) continue;  // stored, never counted
        const std::int64_t id = m_db->getLastInsertRowid();
        const std::int64_t start = it.created_at - (it.created_at % k_bucket_seconds + k_bucket_seconds) % k_bucket_seconds;
        bump(m.watch, "", start, m);
        bump(m.watch, "source:" + it.source, start, m);
        if (m.complaint)
          for (const auto& a : m.aspects) bump(m.watch, "aspect:" + a, start, m);
        if (m.complaint || !it.reply_to.empty()) on_mention_inserted(*m_db, id, m, b.watch_info.get(), now);
      }
      if (b.cursor) {
        auto& cur = m_stmts->upsert_cursor;
        cur.reset();
        cur.bind(1, b.source_name);
        cur.bind(2, *b.cursor);
        cur.bind(3, static_cast<int64_t>(now));
        cur.exec();
      }
      if (b.skipped > 0) {
        auto& sk = m_stmts->update_skipped;
        sk.reset();
        sk.bind(1, static_cast<int64_t>(b.skipped));
        sk.bind(2, b.source_name);
        sk.exec();
      }
    }
    auto& up = m_stmts->upsert_bucket;
    for (const auto& [key, d] : deltas) {
      up.reset();
      up.bind(1, d.watch);
      up.bind(2, static_cast<int64_t>(d.bucket_start));
      up.bind(3, std::get<1>(key));
      up.bind(4, static_cast<int64_t>(d.total));
      up.bind(5, static_cast<int64_t>(d.negative));
      up.bind(6, static_cast<int64_t>(d.positive));
      up.bind(7, static_cast<int64_t>(d.complaints));
      up.exec();
    }
    tx.commit();
    // Every whole-watch delta of the transaction is reported once, with the
    // first batch; the daemon routes them to each watch's detector.
    for (const auto& [key, d] : deltas)
      if (std::get<1>(key).empty()) results[0].buckets.push_back(d);
  } catch (const std::exception& e) {
    log::error("STORE_COMMIT_FAILED", "A batch could not be committed; its cursor was not advanced.",
               {{"batches", jobs.size()}, {"error", e.what()}});
    for (auto& job : jobs)
      if (job.batch_done) job.batch_done(Failure::io(e.what()));
    return;
  }
  for (std::size_t j = 0; j < jobs.size(); ++j)
    if (jobs[j].batch_done) jobs[j].batch_done(std::move(results[j]));
}

void Writer::run_op(Job& job) {
  try {
    SQLite::Transaction tx(*m_db, SQLite::TransactionBehavior::IMMEDIATE);
    job.op(*m_db);
    tx.commit();
  } catch (const std::exception& e) {
    log::error("STORE_OP_FAILED", "A write could not be committed.", {{"error", e.what()}});
    if (job.op_done) job.op_done(Failure::io(e.what()));
    return;
  }
  if (job.op_done) job.op_done(Ok{});
}

}  // namespace pantau::storage
