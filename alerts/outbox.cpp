#include "alerts/outbox.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace pantau::alerts {
namespace {

constexpr const char* k_columns =
    "id, watch, notifier, kind, thread_id, sequence, subject, payload, status, attempts, next_attempt_at, "
    "last_error, created_at, sent_at";

OutboxRow read_row(SQLite::Statement& st) {
  OutboxRow r;
  r.id = st.getColumn(0).getInt64();
  r.watch = st.getColumn(1).getString();
  r.notifier = st.getColumn(2).getString();
  r.kind = st.getColumn(3).getString();
  r.thread_id = st.getColumn(4).getString();
  r.sequence = st.getColumn(5).getInt64();
  r.subject = st.getColumn(6).getString();
  r.payload = st.getColumn(7).getString();
  r.status = st.getColumn(8).getString();
  r.attempts = st.getColumn(9).getInt64();
  r.next_attempt_at = st.getColumn(10).getInt64();
  r.last_error = st.getColumn(11).getString();
  r.created_at = st.getColumn(12).getInt64();
  if (!st.getColumn(13).isNull()) r.sent_at = st.getColumn(13).getInt64();
  return r;
}

Silence read_silence(SQLite::Statement& st) {
  return {st.getColumn(0).getInt64(),  st.getColumn(1).getString(), st.getColumn(2).getInt64(),
          st.getColumn(3).getInt64(),  st.getColumn(4).getString(), st.getColumn(5).getString(),
          st.getColumn(6).getInt64()};
}

}  // namespace

void outbox_insert(SQLite::Database& db, const OutboxRow& r) {
  SQLite::Statement st(db,
                       "INSERT OR IGNORE INTO alert_outbox (watch, notifier, kind, thread_id, sequence, subject, "
                       "payload, status, attempts, next_attempt_at, last_error, created_at) "
                       "VALUES (?,?,?,?,?,?,?,?,0,?,?,?)");
  st.bind(1, r.watch);
  st.bind(2, r.notifier);
  st.bind(3, r.kind);
  st.bind(4, r.thread_id);
  st.bind(5, static_cast<int64_t>(r.sequence));
  st.bind(6, r.subject);
  st.bind(7, r.payload);
  st.bind(8, r.status);
  st.bind(9, static_cast<int64_t>(r.next_attempt_at));
  st.bind(10, r.last_error);
  st.bind(11, static_cast<int64_t>(r.created_at));
  st.exec();
  if (r.urgent) {
    SQLite::Statement up(db,
                         "UPDATE alert_outbox SET next_attempt_at = ? WHERE notifier = ? AND thread_id = ? AND "
                         "status = 'pending' AND attempts = 0 AND next_attempt_at > ?");
    up.bind(1, static_cast<int64_t>(r.next_attempt_at));
    up.bind(2, r.notifier);
    up.bind(3, r.thread_id);
    up.bind(4, static_cast<int64_t>(r.next_attempt_at));
    up.exec();
  }
}

std::vector<OutboxRow> outbox_due(SQLite::Database& db, std::int64_t now, std::size_t limit) {
  SQLite::Statement st(db, std::string("SELECT ") + k_columns +
                               " FROM alert_outbox o WHERE status IN ('pending', 'failed') AND next_attempt_at <= ? "
                               "AND NOT EXISTS (SELECT 1 FROM alert_outbox e WHERE e.notifier = o.notifier AND "
                               "e.thread_id = o.thread_id AND e.sequence < o.sequence AND "
                               "e.status IN ('pending', 'failed')) ORDER BY next_attempt_at, id LIMIT ?");
  st.bind(1, static_cast<int64_t>(now));
  st.bind(2, static_cast<int64_t>(limit));
  std::vector<OutboxRow> rows;
  while (st.executeStep()) rows.push_back(read_row(st));
  return rows;
}

std::optional<std::int64_t> outbox_next_attempt(SQLite::Database& db) {
  SQLite::Statement st(db, "SELECT MIN(next_attempt_at) FROM alert_outbox WHERE status IN ('pending', 'failed')");
  if (st.executeStep() && !st.getColumn(0).isNull()) return st.getColumn(0).getInt64();
  return std::nullopt;
}

void outbox_mark_sent(SQLite::Database& db, std::int64_t id, std::int64_t now) {
  SQLite::Statement st(db,
                       "UPDATE alert_outbox SET status = 'sent', attempts = attempts + 1, sent_at = ?, "
                       "last_error = '' WHERE id = ?");
  st.bind(1, static_cast<int64_t>(now));
  st.bind(2, static_cast<int64_t>(id));
  st.exec();
}

void outbox_mark_failed(SQLite::Database& db, std::int64_t id, const std::string& status, std::int64_t attempts,
                        std::int64_t next_attempt_at, const std::string& error) {
  SQLite::Statement st(db,
                       "UPDATE alert_outbox SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ? "
                       "WHERE id = ?");
  st.bind(1, status);
  st.bind(2, static_cast<int64_t>(attempts));
  st.bind(3, static_cast<int64_t>(next_attempt_at));
  st.bind(4, error);
  st.bind(5, static_cast<int64_t>(id));
  st.exec();
}

std::vector<OutboxRow> outbox_list(SQLite::Database& db, const OutboxFilter& f) {
  std::string sql = std::string("SELECT ") + k_columns + " FROM alert_outbox WHERE 1";
  if (!f.watch.empty()) sql += " AND watch = :watch";
  if (!f.status.empty()) sql += " AND status = :status";
  if (f.since) sql += " AND created_at >= :since";
  sql += " ORDER BY id DESC LIMIT :limit";
  SQLite::Statement st(db, sql);
  if (!f.watch.empty()) st.bind(":watch", f.watch);
  if (!f.status.empty()) st.bind(":status", f.status);
  if (f.since) st.bind(":since", static_cast<int64_t>(*f.since));
  st.bind(":limit", static_cast<int64_t>(f.limit));
  std::vector<OutboxRow> rows;
  while (st.executeStep()) rows.push_back(read_row(st));
  return rows;
}

std::int64_t silence_add(SQLite::Database& db, const Silence& s) {
  SQLite::Statement st(db,
                       "INSERT INTO alert_silences (watch, starts_at, ends_at, reason, created_by, created_at) "
                       "VALUES (?,?,?,?,?,?)");
  st.bind(1, s.watch);
  st.bind(2, static_cast<int64_t>(s.starts_at));
  st.bind(3, static_cast<int64_t>(s.ends_at));
  st.bind(4, s.reason);
  st.bind(5, s.created_by);
  st.bind(6, static_cast<int64_t>(s.created_at));
  st.exec();
  return db.getLastInsertRowid();
}

int silence_end(SQLite::Database& db, const std::string& watch, std::int64_t now) {
  SQLite::Statement st(db, "UPDATE alert_silences SET ends_at = ? WHERE ends_at > ? AND (watch = ? OR ? = '*')");
  st.bind(1, static_cast<int64_t>(now));
  st.bind(2, static_cast<int64_t>(now));
  st.bind(3, watch);
  st.bind(4, watch);
  return st.exec();
}

std::optional<Silence> silence_active(SQLite::Database& db, const std::string& watch, std::int64_t now) {
  SQLite::Statement st(db,
                       "SELECT id, watch, starts_at, ends_at, reason, created_by, created_at FROM alert_silences "
                       "WHERE (watch = ? OR watch = '*') AND starts_at <= ? AND ends_at > ? ORDER BY ends_at DESC "
                       "LIMIT 1");
  st.bind(1, watch);
  st.bind(2, static_cast<int64_t>(now));
  st.bind(3, static_cast<int64_t>(now));
  if (st.executeStep()) return read_silence(st);
  return std::nullopt;
}

std::vector<Silence> silence_list(SQLite::Database& db, std::int64_t now) {
  SQLite::Statement st(db,
                       "SELECT id, watch, starts_at, ends_at, reason, created_by, created_at FROM alert_silences "
                       "WHERE ends_at > ? ORDER BY ends_at");
  st.bind(1, static_cast<int64_t>(now));
  std::vector<Silence> out;
  while (st.executeStep()) out.push_back(read_silence(st));
  return out;
}

void state_put(SQLite::Database& db, const std::string& key, const std::string& value, std::int64_t now) {
  SQLite::Statement st(db,
                       "INSERT INTO daemon_state (key, value, updated_at) VALUES (?,?,?) ON CONFLICT (key) DO "
                       "UPDATE SET value = excluded.value, updated_at = excluded.updated_at");
  st.bind(1, key);
  st.bind(2, value);
  st.bind(3, static_cast<int64_t>(now));
  st.exec();
}

}  // namespace pantau::alerts
