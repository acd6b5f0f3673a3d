#include "storage/migrations.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <string>

namespace pantau::storage {
namespace {

// Numbers are reserved per area so that work in flight does not collide:
// 1 core (mentions, cursors, sources, buckets, complaints), 2 alerts,
// 3 complaints and CX metrics, 4 connectors. Never edit a migration that has
// shipped: add a new one.
constexpr std::string_view k_core = R"sql(
CREATE TABLE mentions (
  id          INTEGER PRIMARY KEY,
  watch       TEXT NOT NULL,
  source      TEXT NOT NULL,
  native_id   TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  ingested_at INTEGER NOT NULL,
  author      TEXT NOT NULL DEFAULT '',
  url         TEXT NOT NULL DEFAULT '',
  lang        TEXT NOT NULL DEFAULT '',
  text        TEXT NOT NULL,
  rating      INTEGER,
  reply_to    TEXT NOT NULL DEFAULT '',
  score       REAL NOT NULL,
  label       INTEGER NOT NULL,
  spam        INTEGER NOT NULL DEFAULT 0,
  spam_reason TEXT NOT NULL DEFAULT '',
  complaint   INTEGER NOT NULL DEFAULT 0,
  aspects     TEXT NOT NULL DEFAULT '',
  UNIQUE (source, native_id)
);
CREATE INDEX mentions_watch_created ON mentions (watch, created_at);
CREATE INDEX mentions_created ON mentions (created_at);

-- Full-text index over mention text, kept in step by triggers.
CREATE VIRTUAL TABLE mentions_fts USING fts5 (
  text, content='mentions', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER mentions_fts_insert AFTER INSERT ON mentions BEGIN
  INSERT INTO mentions_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER mentions_fts_delete AFTER DELETE ON mentions BEGIN
  INSERT INTO mentions_fts (mentions_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

-- One cursor per configured source; committed in the same transaction as the
-- mentions it covers.
CREATE TABLE cursors (
  source_name TEXT PRIMARY KEY,
  cursor      TEXT NOT NULL,
  updated_at  INTEGER NOT NULL
);

-- Health of each configured source, for `pantau status`.
CREATE TABLE source_status (
  source_name   TEXT PRIMARY KEY,
  type          TEXT NOT NULL,
  watch         TEXT NOT NULL,
  state         TEXT NOT NULL DEFAULT 'starting',
  last_poll     INTEGER,
  last_success  INTEGER,
  last_error_at INTEGER,
  last_error    TEXT NOT NULL DEFAULT '',
  items_total   INTEGER NOT NULL DEFAULT 0,
  skipped_total INTEGER NOT NULL DEFAULT 0,
  next_poll     INTEGER
);

-- 5-minute counts per watch, written with the mentions (spam excluded).
-- dim '' is the whole watch; 'source:<name>' and 'aspect:<name>' break it down.
CREATE TABLE buckets (
  watch        TEXT NOT NULL,
  bucket_start INTEGER NOT NULL,
  dim          TEXT NOT NULL DEFAULT '',
  total        INTEGER NOT NULL DEFAULT 0,
  negative     INTEGER NOT NULL DEFAULT 0,
  positive     INTEGER NOT NULL DEFAULT 0,
  complaints   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (watch, dim, bucket_start)
) WITHOUT ROWID;

-- The complaint queue: one row per complaint mention.
CREATE TABLE complaints (
  id                  INTEGER PRIMARY KEY,
  mention_id          INTEGER NOT NULL UNIQUE REFERENCES mentions (id),
  watch               TEXT NOT NULL,
  status              TEXT NOT NULL DEFAULT 'open',
  assignee            TEXT NOT NULL DEFAULT '',
  opened_at           INTEGER NOT NULL,
  first_response_at   INTEGER,
  first_response_id   INTEGER,
  resolved_at         INTEGER,
  updated_at          INTEGER NOT NULL
);
CREATE INDEX complaints_watch_status ON complaints (watch, status);
CREATE TABLE complaint_events (
  id           INTEGER PRIMARY KEY,
  complaint_id INTEGER NOT NULL REFERENCES complaints (id),
  at           INTEGER NOT NULL,
  actor        TEXT NOT NULL DEFAULT '',
  action       TEXT NOT NULL,
  detail       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX complaint_events_complaint ON complaint_events (complaint_id);

-- Small key/value state for the daemon (e.g. detector state per watch).
CREATE TABLE daemon_state (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
)sql";

// 2: alerts. The outbox holds every notification per notifier until it is
// delivered: (notifier, thread_id, sequence) is the idempotency key, so a
// replay after a crash cannot queue the same mail twice. Rows are never
// deleted by the daemon: `pantau alerts list` shows pending, sent and failed.
// Silences are written by `pantau alerts silence` and read by the daemon.
constexpr std::string_view k_alerts = R"sql(
CREATE TABLE alert_outbox (
  id              INTEGER PRIMARY KEY,
  watch           TEXT NOT NULL,
  notifier        TEXT NOT NULL,
  kind            TEXT NOT NULL,             -- alert | resolved | source_silent | digest
  thread_id       TEXT NOT NULL,
  sequence        INTEGER NOT NULL,
  subject         TEXT NOT NULL DEFAULT '',
  payload         TEXT NOT NULL,             -- alerts::AlertMessage as JSON
  status          TEXT NOT NULL DEFAULT 'pending',  -- pending | sent | failed | silenced
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error      TEXT NOT NULL DEFAULT '',
  created_at      INTEGER NOT NULL,
  sent_at         INTEGER,
  UNIQUE (notifier, thread_id, sequence)
);
CREATE INDEX alert_outbox_due ON alert_outbox (status, next_attempt_at);
CREATE TABLE alert_silences (
  id         INTEGER PRIMARY KEY,
  watch      TEXT NOT NULL,
  starts_at  INTEGER NOT NULL,
  ends_at    INTEGER NOT NULL,
  reason     TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);
CREATE INDEX alert_silences_watch ON alert_silences (watch, ends_at);
)sql";

// 3: complaints and CX metrics. Survey answers imported from CSV (NPS 0-10,
// CSAT and CES 1-5); the unique key makes re-importing the same file a no-op.
// The reply_to index lets a complaint find a brand reply stored before it.
constexpr std::string_view k_complaints = R"sql(
CREATE TABLE survey_responses (
  id            INTEGER PRIMARY KEY,
  watch         TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('nps', 'csat', 'ces')),
  score         INTEGER NOT NULL,
  submitted_at  INTEGER NOT NULL,
  comment       TEXT NOT NULL DEFAULT '',
  respondent    TEXT NOT NULL DEFAULT '',
  comment_score REAL,
  comment_label INTEGER,
  imported_at   INTEGER NOT NULL,
  UNIQUE (watch, kind, submitted_at, respondent, score, comment)
);
CREATE INDEX survey_responses_watch_time ON survey_responses (watch, submitted_at);
CREATE INDEX complaints_watch_opened ON complaints (watch, opened_at);
CREATE INDEX mentions_source_reply_to ON mentions (source, reply_to) WHERE reply_to <> '';
)sql";

constexpr Migration k_migrations[] = {
    {1, "core", k_core},
    {2, "alerts", k_alerts},
    {3, "complaints", k_complaints},
};

}  // namespace

std::span<const Migration> migrations() { return k_migrations; }

int schema_version(SQLite::Database& db) { return db.execAndGet("PRAGMA user_version").getInt(); }

void migrate(SQLite::Database& db) {
  int current = schema_version(db);
  for (const Migration& m : migrations()) {
    if (m.version <= current) continue;
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    db.exec(std::string(m.sql));
    db.exec("PRAGMA user_version = " + std::to_string(m.version));
    tx.commit();
  }
}

}  // namespace pantau::storage
