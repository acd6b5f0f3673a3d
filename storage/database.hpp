// Opening the database the two ways Pantau does: the daemon's single writer
// (read-write, WAL, migrated) and the CLI's readers (read-only).
#pragma once

#include <SQLiteCpp/Database.h>

#include <memory>
#include <string>

namespace pantau::storage {

// Creates the parent directory if needed, switches to WAL, applies migrations.
// Throws SQLite::Exception or std::runtime_error with the path (start-up boundary).
std::unique_ptr<SQLite::Database> open_writer(const std::string& path);

// Read-only; throws std::runtime_error that says which file and what to do
// when the database is missing.
std::unique_ptr<SQLite::Database> open_reader(const std::string& path);

// Read-write for short CLI transactions (triage actions, imports) that are
// safe while pantaud runs: WAL plus a busy timeout, no schema changes beyond
// pending migrations.
std::unique_ptr<SQLite::Database> open_cli_writer(const std::string& path);

}  // namespace pantau::storage
