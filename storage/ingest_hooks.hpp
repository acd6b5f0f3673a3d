// What happens, inside the batch's transaction, when a mention is stored for
// the first time: the complaint queue and first-response matching live here
// so that they commit atomically with the mention.
#pragma once

#include "common/mention.hpp"
#include "storage/writer.hpp"

#include <cstdint>
#include <string_view>

namespace SQLite { class Database; }

namespace pantau::storage {

// Called for every newly inserted, non-spam mention that is a complaint or a
// reply. A complaint opens a row in `complaints` (history: "opened"). A reply
// by one of the watch's own_accounts records the first response on the
// complaint it answers: the parent, or the nearest complaint up the reply
// chain (X conversations, Reddit comment trees, YouTube threads), stopping at
// the brand's own posts. A brand reply stored before its complaint (pages
// arrive newest first) is found when the complaint is stored.
void on_mention_inserted(SQLite::Database& db, std::int64_t mention_id, const Mention& mention,
                         const WatchInfo* watch, std::int64_t now);

// Whether `author` is one of `own_accounts`: case-insensitive, a leading '@'
// ignored, and "name" matches "name@instance" (Mastodon accts are local on
// their home instance and qualified elsewhere).
bool is_own_account(const std::vector<std::string>& own_accounts, std::string_view author);

}  // namespace pantau::storage
