// Tabular output shared by every command: `-o table|json|csv`. Colour only
// when stdout is a terminal.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace pantau::cli {

enum class Format { table, json, csv };
std::optional<Format> parse_format(std::string_view s);

// A cell: text, integer, real, boolean or null. JSON keeps the type.
using Cell = std::variant<std::monostate, std::string, std::int64_t, double, bool>;

struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<Cell>> rows;
  // Columns shown in table format (all when empty); json/csv always show all.
  std::vector<std::string> table_columns;
  // Widest a table cell may be before it is cut with "…" (0 = no limit).
  std::size_t max_width = 60;
};

void print(std::ostream& out, const Table& table, Format format, bool colour);

// A CSV field (RFC 4180): quoted when it holds a comma, quote or line break.
// Commands that print JSON by hand use json_escape from common/escape.hpp.
std::string csv_escape(std::string_view s);

}  // namespace pantau::cli
