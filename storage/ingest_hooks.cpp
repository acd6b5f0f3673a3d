#include "storage/ingest_hooks.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>

namespace pantau::storage {
namespace {

bool is_own_account(const WatchInfo* watch, const std::string& author) {
  if (!watch || author.empty()) return false;
  return std::any_of(watch->own_accounts.begin(), watch->own_accounts.end(),
                     [&](const std::string& a) { return a == author; });
}

}  // namespace

void on_mention_inserted(SQLite::Database& db, std::int64_t mention_id, const Mention& m,
                         const WatchInfo* watch, std::int64_t now) {
  if (m.complaint && !is_own_account(watch, m.item.author)) {
    SQLite::Statement ins(db,
                          "INSERT OR IGNORE INTO complaints (mention_id, watch, status, opened_at, updated_at) "
                          "VALUES (?, ?, 'open', ?, ?)");
    ins.bind(1, static_cast<int64_t>(mention_id));
    ins.bind(2, m.watch);
    ins.bind(3, static_cast<int64_t>(m.item.created_at));
    ins.bind(4, static_cast<int64_t>(now));
    ins.exec();
  }
  // A reply from one of the brand's own accounts is the first response to the
  // complaint it answers (same platform, parent's native id).
  if (!m.item.reply_to.empty() && is_own_account(watch, m.item.author)) {
    SQLite::Statement upd(db,
                          "UPDATE complaints SET first_response_at = ?, first_response_id = ?, updated_at = ? "
                          "WHERE first_response_at IS NULL AND mention_id = "
                          "(SELECT id FROM mentions WHERE source = ? AND native_id = ?)");
    upd.bind(1, static_cast<int64_t>(m.item.created_at));
    upd.bind(2, static_cast<int64_t>(mention_id));
    upd.bind(3, static_cast<int64_t>(now));
    upd.bind(4, m.item.source);
    upd.bind(5, m.item.reply_to);
    upd.exec();
  }
}

}  // namespace pantau::storage
