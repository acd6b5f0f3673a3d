// The alert outbox and silences in SQLite (tables of migration 2). Plain
// functions on a connection: the daemon calls the writing ones inside its
// Writer::execute transactions (so outbox rows commit with the detector state
// that produced them), the CLI and the delivery loop call the reading ones.
// Each throws SQLite::Exception on a database error, like storage/reader.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace SQLite { class Database; }

namespace pantau::alerts {

struct OutboxRow {
  std::int64_t id = 0;
  std::string watch, notifier, kind, thread_id;
  std::int64_t sequence = 0;
  std::string subject, payload;
  std::string status = "pending";  // pending | sent | failed | silenced
  std::int64_t attempts = 0, next_attempt_at = 0;
  std::string last_error;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> sent_at;
  // Not stored: an urgent (high-severity) row also releases the rows of its
  // thread that quiet hours hold, so that the thread still arrives in order.
  bool urgent = false;
  std::int64_t retry_base = 30;  // not stored: the watch's first retry delay (s)
};

// INSERT OR IGNORE on (notifier, thread_id, sequence): a replay re-queues nothing.
// An urgent row moves the held rows of its thread to its own attempt time.
void outbox_insert(SQLite::Database& db, const OutboxRow& row);
// Pending and failed rows whose next attempt is due, oldest first; a row waits
// while an earlier mail of its thread (same notifier) is undelivered, so a
// thread never arrives out of order.
std::vector<OutboxRow> outbox_due(SQLite::Database& db, std::int64_t now, std::size_t limit);
std::optional<std::int64_t> outbox_next_attempt(SQLite::Database& db);
void outbox_mark_sent(SQLite::Database& db, std::int64_t id, std::int64_t now);
// `status` is "pending" (retrying) or "failed" (auth/fatal: still retried, slowly).
void outbox_mark_failed(SQLite::Database& db, std::int64_t id, const std::string& status, std::int64_t attempts,
                        std::int64_t next_attempt_at, const std::string& error);

struct OutboxFilter {
  std::string watch, status;
  std::optional<std::int64_t> since;
  std::size_t limit = 100;
};
// Newest first.
std::vector<OutboxRow> outbox_list(SQLite::Database& db, const OutboxFilter& filter);

struct Silence {
  std::int64_t id = 0;
  std::string watch;  // "*" silences every watch
  std::int64_t starts_at = 0, ends_at = 0;
  std::string reason, created_by;
  std::int64_t created_at = 0;
};
std::int64_t silence_add(SQLite::Database& db, const Silence& s);
// Ends the active silences of `watch` ("*": all) now; returns how many.
int silence_end(SQLite::Database& db, const std::string& watch, std::int64_t now);
// The active silence covering `watch` at `now` that ends last, if any.
std::optional<Silence> silence_active(SQLite::Database& db, const std::string& watch, std::int64_t now);
std::vector<Silence> silence_list(SQLite::Database& db, std::int64_t now);

// daemon_state rows (detector and grouping state per watch).
void state_put(SQLite::Database& db, const std::string& key, const std::string& value, std::int64_t now);

}  // namespace pantau::alerts
