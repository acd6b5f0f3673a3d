// What happens, inside the batch's transaction, when a mention is stored for
// the first time: the complaint queue and first-response matching live here
// so that they commit atomically with the mention.
#pragma once

#include "common/mention.hpp"
#include "storage/writer.hpp"

#include <cstdint>

namespace SQLite { class Database; }

namespace pantau::storage {

// Called for every newly inserted, non-spam mention.
void on_mention_inserted(SQLite::Database& db, std::int64_t mention_id, const Mention& mention,
                         const WatchInfo* watch, std::int64_t now);

}  // namespace pantau::storage
