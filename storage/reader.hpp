// Read queries for the CLI and the detector. Every function takes an open
// (read-only) database; none writes.
#pragma once

#include "common/mention.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace SQLite { class Database; }

namespace pantau::storage {

struct MentionFilter {
  std::optional<std::int64_t> since, until;  // created_at range [since, until)
  std::string watch, source;
  std::optional<Label> label;
  std::string search;      // FTS5 query
  bool include_spam = true;
  std::size_t limit = 100;
};

struct StoredMention {
  std::int64_t id = 0;
  Mention mention;
  std::int64_t ingested_at = 0;
};

// Newest first. Throws SQLite::Exception on a bad FTS5 query; callers say so.
std::vector<StoredMention> query_mentions(SQLite::Database& db, const MentionFilter& filter);

struct StatsRow {
  std::int64_t period_start = 0;
  std::string watch, source;
  std::int64_t total = 0, positive = 0, neutral = 0, negative = 0, complaints = 0, spam = 0;
  double net_sentiment() const;  // % positive - % negative, in points
};

// Counts per period (3600 or 86400 s) and watch and source, oldest first.
std::vector<StatsRow> query_stats(SQLite::Database& db, const MentionFilter& filter, std::int64_t period);

struct SourceStatus {
  std::string name, type, watch, state, last_error;
  std::optional<std::int64_t> last_poll, last_success, last_error_at, next_poll;
  std::int64_t items_total = 0, skipped_total = 0;
};
std::vector<SourceStatus> query_source_status(SQLite::Database& db);

struct BucketRow {
  std::string watch;
  std::int64_t bucket_start = 0, total = 0, negative = 0, positive = 0, complaints = 0;
};
// Whole-watch buckets in [since, until), oldest first.
std::vector<BucketRow> query_buckets(SQLite::Database& db, const std::string& watch, std::int64_t since,
                                     std::int64_t until);

std::optional<std::string> read_cursor(SQLite::Database& db, const std::string& source_name);
std::optional<std::string> read_state(SQLite::Database& db, const std::string& key);

}  // namespace pantau::storage
