#include "storage/reader.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace pantau::storage {
namespace {

// Builds "WHERE ..." for a MentionFilter over table alias m; binds in order.
struct Where {
  std::string sql;
  std::vector<std::pair<int, std::int64_t>> int_args;  // position -> value
  std::vector<std::pair<int, std::string>> str_args;
  int n = 0;
  void add(const std::string& clause) { sql += sql.empty() ? " WHERE " + clause : " AND " + clause; }
  void str(const std::string& clause, const std::string& v) {
    add(clause);
    str_args.emplace_back(++n, v);
  }
  void i64(const std::string& clause, std::int64_t v) {
    add(clause);
    int_args.emplace_back(++n, v);
  }
  void bind(SQLite::Statement& st) const {
    for (const auto& [i, v] : int_args) st.bind(i, static_cast<int64_t>(v));
    for (const auto& [i, v] : str_args) st.bind(i, v);
  }
};

Where build_where(const MentionFilter& f) {
  Where w;
  if (f.since) w.i64("m.created_at >= ?", *f.since);
  if (f.until) w.i64("m.created_at < ?", *f.until);
  if (!f.watch.empty()) w.str("m.watch = ?", f.watch);
  if (!f.source.empty()) w.str("m.source = ?", f.source);
  if (f.label) w.i64("m.label = ?", static_cast<int>(*f.label));
  if (!f.include_spam) w.add("m.spam = 0");
  if (!f.search.empty()) w.str("m.id IN (SELECT rowid FROM mentions_fts WHERE mentions_fts MATCH ?)", f.search);
  return w;
}

std::optional<std::int64_t> opt_int(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getInt64();
}

}  // namespace

double StatsRow::net_sentiment() const {
  if (total == 0) return 0.0;
  return 100.0 * static_cast<double>(positive - negative) / static_cast<double>(total);
}

std::vector<StoredMention> query_mentions(SQLite::Database& db, const MentionFilter& f) {
  Where w = build_where(f);
  SQLite::Statement st(db,
                       "SELECT m.id, m.watch, m.source, m.native_id, m.created_at, m.ingested_at, m.author, m.url, "
                       "m.lang, m.text, m.rating, m.reply_to, m.score, m.label, m.spam, m.spam_reason, m.complaint, "
                       "m.aspects FROM mentions m" +
                           w.sql + " ORDER BY m.created_at DESC, m.id DESC LIMIT ?");
  w.bind(st);
  st.bind(w.n + 1, static_cast<int64_t>(f.limit));
  std::vector<StoredMention> out;
  while (st.executeStep()) {
    StoredMention s;
    s.id = st.getColumn(0).getInt64();
    Mention& m = s.mention;
    m.watch = st.getColumn(1).getString();
    m.item.source = st.getColumn(2).getString();
    m.item.native_id = st.getColumn(3).getString();
    m.item.created_at = st.getColumn(4).getInt64();
    s.ingested_at = st.getColumn(5).getInt64();
    m.item.author = st.getColumn(6).getString();
    m.item.url = st.getColumn(7).getString();
    m.lang = st.getColumn(8).getString();
    m.item.lang = m.lang;
    m.item.text = st.getColumn(9).getString();
    if (!st.getColumn(10).isNull()) m.item.rating = st.getColumn(10).getInt();
    m.item.reply_to = st.getColumn(11).getString();
    m.score = st.getColumn(12).getDouble();
    int label = st.getColumn(13).getInt();
    m.label = label < 0 ? Label::negative : label > 0 ? Label::positive : Label::neutral;
    m.spam = st.getColumn(14).getInt() != 0;
    m.spam_reason = st.getColumn(15).getString();
    m.complaint = st.getColumn(16).getInt() != 0;
    std::string aspects = st.getColumn(17).getString();
    for (std::size_t p = 0; p < aspects.size();) {
      auto c = aspects.find(',', p);
      if (c == std::string::npos) c = aspects.size();
      if (c > p) m.aspects.push_back(aspects.substr(p, c - p));
      p = c + 1;
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<StatsRow> query_stats(SQLite::Database& db, const MentionFilter& f, std::int64_t period) {
  Where w = build_where(f);
  std::string p = std::to_string(period);
  SQLite::Statement st(db,
                       "SELECT (m.created_at / " + p + ") * " + p +
                           " AS period, m.watch, m.source, "
                           "SUM(m.spam = 0), SUM(m.spam = 0 AND m.label = 1), SUM(m.spam = 0 AND m.label = 0), "
                           "SUM(m.spam = 0 AND m.label = -1), SUM(m.spam = 0 AND m.complaint = 1), SUM(m.spam) "
                           "FROM mentions m" +
                           w.sql + " GROUP BY period, m.watch, m.source ORDER BY period, m.watch, m.source");
  w.bind(st);
  std::vector<StatsRow> out;
  while (st.executeStep()) {
    StatsRow r;
    r.period_start = st.getColumn(0).getInt64();
    r.watch = st.getColumn(1).getString();
    r.source = st.getColumn(2).getString();
    r.total = st.getColumn(3).getInt64();
    r.positive = st.getColumn(4).getInt64();
    r.neutral = st.getColumn(5).getInt64();
    r.negative = st.getColumn(6).getInt64();
    r.complaints = st.getColumn(7).getInt64();
    r.spam = st.getColumn(8).getInt64();
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<SourceStatus> query_source_status(SQLite::Database& db) {
  SQLite::Statement st(db,
                       "SELECT source_name, type, watch, state, last_error, last_poll, last_success, last_error_at, "
                       "next_poll, items_total, skipped_total FROM source_status ORDER BY watch, source_name");
  std::vector<SourceStatus> out;
  while (st.executeStep()) {
    SourceStatus s;
    s.name = st.getColumn(0).getString();
    s.type = st.getColumn(1).getString();
    s.watch = st.getColumn(2).getString();
    s.state = st.getColumn(3).getString();
    s.last_error = st.getColumn(4).getString();
    s.last_poll = opt_int(st.getColumn(5));
    s.last_success = opt_int(st.getColumn(6));
    s.last_error_at = opt_int(st.getColumn(7));
    s.next_poll = opt_int(st.getColumn(8));
    s.items_total = st.getColumn(9).getInt64();
    s.skipped_total = st.getColumn(10).getInt64();
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<BucketRow> query_buckets(SQLite::Database& db, const std::string& watch, std::int64_t since,
                                     std::int64_t until) {
  SQLite::Statement st(db,
                       "SELECT bucket_start, total, negative, positive, complaints FROM buckets "
                       "WHERE watch = ? AND dim = '' AND bucket_start >= ? AND bucket_start < ? ORDER BY bucket_start");
  st.bind(1, watch);
  st.bind(2, static_cast<int64_t>(since));
  st.bind(3, static_cast<int64_t>(until));
  std::vector<BucketRow> out;
  while (st.executeStep()) {
    BucketRow b;
    b.watch = watch;
    b.bucket_start = st.getColumn(0).getInt64();
    b.total = st.getColumn(1).getInt64();
    b.negative = st.getColumn(2).getInt64();
    b.positive = st.getColumn(3).getInt64();
    b.complaints = st.getColumn(4).getInt64();
    out.push_back(b);
  }
  return out;
}

std::optional<std::string> read_cursor(SQLite::Database& db, const std::string& source_name) {
  SQLite::Statement st(db, "SELECT cursor FROM cursors WHERE source_name = ?");
  st.bind(1, source_name);
  if (st.executeStep()) return st.getColumn(0).getString();
  return std::nullopt;
}

std::optional<std::string> read_state(SQLite::Database& db, const std::string& key) {
  SQLite::Statement st(db, "SELECT value FROM daemon_state WHERE key = ?");
  st.bind(1, key);
  if (st.executeStep()) return st.getColumn(0).getString();
  return std::nullopt;
}

}  // namespace pantau::storage
