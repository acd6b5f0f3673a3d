#include "storage/ingest_hooks.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <cctype>
#include <optional>

namespace pantau::storage {
namespace {

// Deep enough for any real support thread; bounded so a reply cycle in bad
// data cannot loop.
constexpr int k_max_thread_depth = 16;

std::string canonical_handle(std::string_view s) {
  while (!s.empty() && s.front() == '@') s.remove_prefix(1);
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view local_part(std::string_view h) { return h.substr(0, h.find('@')); }

void add_event(SQLite::Database& db, std::int64_t complaint_id, std::int64_t at, const std::string& actor,
               const char* action, const std::string& detail) {
  SQLite::Statement ev(db, "INSERT INTO complaint_events (complaint_id, at, actor, action, detail) VALUES (?,?,?,?,?)");
  ev.bind(1, static_cast<int64_t>(complaint_id));
  ev.bind(2, static_cast<int64_t>(at));
  ev.bind(3, actor);
  ev.bind(4, action);
  ev.bind(5, detail);
  ev.exec();
}

// Records the first response on a complaint that has none yet. A reply dated
// before its complaint (clock skew between platforms, edited posts) counts as
// an immediate response rather than a negative duration.
bool record_response(SQLite::Database& db, std::int64_t complaint_id, std::int64_t opened_at,
                     std::int64_t reply_id, std::int64_t reply_at, const std::string& reply_author,
                     const std::string& reply_native_id, std::int64_t now) {
  SQLite::Statement upd(db,
                        "UPDATE complaints SET first_response_at = ?, first_response_id = ?, updated_at = ? "
                        "WHERE id = ? AND first_response_at IS NULL");
  upd.bind(1, static_cast<int64_t>(std::max(reply_at, opened_at)));
  upd.bind(2, static_cast<int64_t>(reply_id));
  upd.bind(3, static_cast<int64_t>(now));
  upd.bind(4, static_cast<int64_t>(complaint_id));
  if (upd.exec() == 0) return false;
  add_event(db, complaint_id, now, reply_author, "responded", "reply " + reply_native_id);
  return true;
}

struct Node {
  std::int64_t id = 0;
  std::string author, reply_to;
  std::optional<std::int64_t> complaint_id, opened_at, first_response_at;
};

std::optional<Node> find_post(SQLite::Database& db, const std::string& source, const std::string& native_id) {
  SQLite::Statement q(db,
                      "SELECT m.id, m.author, m.reply_to, c.id, c.opened_at, c.first_response_at FROM mentions m "
                      "LEFT JOIN complaints c ON c.mention_id = m.id WHERE m.source = ? AND m.native_id = ?");
  q.bind(1, source);
  q.bind(2, native_id);
  if (!q.executeStep()) return std::nullopt;
  Node n;
  n.id = q.getColumn(0).getInt64();
  n.author = q.getColumn(1).getString();
  n.reply_to = q.getColumn(2).getString();
  if (!q.getColumn(3).isNull()) n.complaint_id = q.getColumn(3).getInt64();
  if (!q.getColumn(4).isNull()) n.opened_at = q.getColumn(4).getInt64();
  if (!q.getColumn(5).isNull()) n.first_response_at = q.getColumn(5).getInt64();
  return n;
}

// The complaint a reply to `native_id` answers: that post if it is a
// complaint, else the nearest complaint up its reply chain, stopping at the
// brand's own posts and at posts not stored (yet).
std::optional<Node> complaint_above(SQLite::Database& db, const std::string& source, std::string native_id,
                                    const WatchInfo& watch) {
  for (int depth = 0; depth < k_max_thread_depth && !native_id.empty(); ++depth) {
    auto node = find_post(db, source, native_id);
    if (!node) return std::nullopt;
    if (node->complaint_id) return node;
    if (is_own_account(watch.own_accounts, node->author)) return std::nullopt;
    native_id = node->reply_to;
  }
  return std::nullopt;
}

void attribute(SQLite::Database& db, const Node& complaint, std::int64_t reply_id, std::int64_t reply_at,
               const std::string& reply_author, const std::string& reply_native_id, std::int64_t now) {
  if (complaint.first_response_at) return;
  record_response(db, *complaint.complaint_id, complaint.opened_at.value_or(reply_at), reply_id, reply_at,
                  reply_author, reply_native_id, now);
}

// Pages arrive newest first, so a brand reply may be stored before the post
// it answers: when a customer post lands, look for brand replies beneath it.
void match_earlier_reply(SQLite::Database& db, const Mention& m, const WatchInfo& watch, std::int64_t now) {
  SQLite::Statement q(db,
                      "SELECT id, author, created_at, native_id FROM mentions WHERE source = ? AND reply_to = ? "
                      "ORDER BY created_at, id");
  q.bind(1, m.item.source);
  q.bind(2, m.item.native_id);
  while (q.executeStep()) {
    std::string author = q.getColumn(1).getString();
    if (!is_own_account(watch.own_accounts, author)) continue;
    if (auto c = complaint_above(db, m.item.source, m.item.native_id, watch))
      attribute(db, *c, q.getColumn(0).getInt64(), q.getColumn(2).getInt64(), author, q.getColumn(3).getString(),
                now);
    return;
  }
}

}  // namespace

bool is_own_account(const std::vector<std::string>& own_accounts, std::string_view author) {
  if (author.empty()) return false;
  const std::string a = canonical_handle(author);
  return std::any_of(own_accounts.begin(), own_accounts.end(), [&](const std::string& own) {
    const std::string o = canonical_handle(own);
    if (o.empty()) return false;
    if (o == a) return true;
    // One side unqualified: compare the local parts.
    bool a_qualified = a.find('@') != std::string::npos, o_qualified = o.find('@') != std::string::npos;
    return a_qualified != o_qualified && local_part(a) == local_part(o);
  });
}

void on_mention_inserted(SQLite::Database& db, std::int64_t mention_id, const Mention& m, const WatchInfo* watch,
                         std::int64_t now) {
  static const WatchInfo k_none;
  const WatchInfo& w = watch ? *watch : k_none;
  const bool own = is_own_account(w.own_accounts, m.item.author);
  if (m.complaint && !own) {
    SQLite::Statement ins(db,
                          "INSERT OR IGNORE INTO complaints (mention_id, watch, status, opened_at, updated_at) "
                          "VALUES (?, ?, 'open', ?, ?)");
    ins.bind(1, static_cast<int64_t>(mention_id));
    ins.bind(2, m.watch);
    ins.bind(3, static_cast<int64_t>(m.item.created_at));
    ins.bind(4, static_cast<int64_t>(now));
    if (ins.exec() > 0) {
      std::int64_t complaint_id = db.getLastInsertRowid();
      std::string aspects;
      for (const auto& a : m.aspects) aspects += (aspects.empty() ? "" : ",") + a;
      add_event(db, complaint_id, now, "pantaud", "opened", aspects.empty() ? "" : "aspects " + aspects);
    }
  }
  if (own) {
    if (!m.item.reply_to.empty())
      if (auto c = complaint_above(db, m.item.source, m.item.reply_to, w))
        attribute(db, *c, mention_id, m.item.created_at, m.item.author, m.item.native_id, now);
  } else if (!w.own_accounts.empty()) {
    match_earlier_reply(db, m, w, now);
  }
}

}  // namespace pantau::storage
