// Versioned schema migrations, tracked in PRAGMA user_version.
#pragma once

#include <span>
#include <string_view>

namespace SQLite { class Database; }

namespace pantau::storage {

struct Migration {
  int version;             // 1, 2, 3, ... applied in order, each in its own transaction
  std::string_view name;
  std::string_view sql;    // may hold several statements
};

std::span<const Migration> migrations();

// Applies every migration newer than the database's user_version. Throws
// SQLite::Exception on failure (a start-up boundary); a failed migration is
// rolled back whole.
void migrate(SQLite::Database& db);
int schema_version(SQLite::Database& db);

}  // namespace pantau::storage
