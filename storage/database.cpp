#include "storage/database.hpp"

#include "storage/migrations.hpp"

#include <filesystem>
#include <stdexcept>

namespace pantau::storage {
namespace {

void apply_pragmas(SQLite::Database& db) {
  db.exec("PRAGMA journal_mode = WAL");
  // NORMAL is durable across application crashes under WAL; only a power loss
  // can lose the last transactions (sqlite.org/pragma.html#pragma_synchronous).
  db.exec("PRAGMA synchronous = NORMAL");
  db.exec("PRAGMA foreign_keys = ON");
  db.exec("PRAGMA temp_store = MEMORY");
}

}  // namespace

std::unique_ptr<SQLite::Database> open_writer(const std::string& path) {
  std::filesystem::path p(path);
  if (p.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(p.parent_path(), ec);
    if (ec)
      throw std::runtime_error("cannot create the database directory " + p.parent_path().string() + ": " +
                               ec.message());
  }
  auto db = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, 5000);
  apply_pragmas(*db);
  migrate(*db);
  return db;
}

std::unique_ptr<SQLite::Database> open_reader(const std::string& path) {
  if (!std::filesystem::exists(path))
    throw std::runtime_error("no database at " + path +
                             " (start pantaud once to create it, or pass --db/--config)");
  auto db = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READONLY, 5000);
  return db;
}

std::unique_ptr<SQLite::Database> open_cli_writer(const std::string& path) {
  if (!std::filesystem::exists(path))
    throw std::runtime_error("no database at " + path +
                             " (start pantaud once to create it, or pass --db/--config)");
  auto db = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE, 5000);
  db->exec("PRAGMA foreign_keys = ON");
  migrate(*db);
  return db;
}

}  // namespace pantau::storage
