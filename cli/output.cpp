#include "cli/output.hpp"

#include "common/escape.hpp"

#include <cstdio>
#include <ostream>

namespace pantau::cli {
namespace {

std::string cell_text(const Cell& c) {
  if (std::holds_alternative<std::monostate>(c)) return "";
  if (auto* s = std::get_if<std::string>(&c)) return *s;
  if (auto* i = std::get_if<std::int64_t>(&c)) return std::to_string(*i);
  if (auto* b = std::get_if<bool>(&c)) return *b ? "true" : "false";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", std::get<double>(c));
  return buf;
}

std::string cell_json(const Cell& c) {
  if (std::holds_alternative<std::monostate>(c)) return "null";
  if (auto* s = std::get_if<std::string>(&c)) return "\"" + json_escape(*s) + "\"";
  if (auto* i = std::get_if<std::int64_t>(&c)) return std::to_string(*i);
  if (auto* b = std::get_if<bool>(&c)) return *b ? "true" : "false";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", std::get<double>(c));
  return buf;
}

// Display width of UTF-8 text: one column per code point (good enough for
// Latin and Indonesian text; emoji may take two).
std::size_t width(std::string_view s) {
  std::size_t w = 0;
  for (unsigned char c : s) w += (c & 0xC0) != 0x80;
  return w;
}

// Cuts to `max` columns on a code-point boundary and flattens newlines.
std::string fit(std::string s, std::size_t max) {
  for (char& c : s)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  if (max == 0 || width(s) <= max) return s;
  std::size_t cols = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (cols == max - 1) break;
      ++cols;
    }
  }
  return s.substr(0, i) + "…";
}

}  // namespace

std::optional<Format> parse_format(std::string_view s) {
  if (s == "table") return Format::table;
  if (s == "json") return Format::json;
  if (s == "csv") return Format::csv;
  return std::nullopt;
}

std::string csv_escape(std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void print(std::ostream& out, const Table& t, Format format, bool colour) {
  if (format == Format::json) {
    out << "[";
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      out << (r ? ",\n  {" : "\n  {");
      for (std::size_t c = 0; c < t.columns.size(); ++c)
        out << (c ? ", " : "") << "\"" << json_escape(t.columns[c]) << "\": " << cell_json(t.rows[r][c]);
      out << "}";
    }
    out << (t.rows.empty() ? "]\n" : "\n]\n");
    return;
  }
  if (format == Format::csv) {
    for (std::size_t c = 0; c < t.columns.size(); ++c) out << (c ? "," : "") << csv_escape(t.columns[c]);
    out << "\n";
    for (const auto& row : t.rows) {
      for (std::size_t c = 0; c < row.size(); ++c) out << (c ? "," : "") << csv_escape(cell_text(row[c]));
      out << "\n";
    }
    return;
  }
  // Table format shows table_columns in their own order (all columns when empty).
  std::vector<std::size_t> shown;
  if (t.table_columns.empty()) {
    for (std::size_t c = 0; c < t.columns.size(); ++c) shown.push_back(c);
  } else {
    for (const auto& name : t.table_columns)
      for (std::size_t c = 0; c < t.columns.size(); ++c)
        if (t.columns[c] == name) shown.push_back(c);
  }
  std::vector<std::vector<std::string>> cells(t.rows.size());
  std::vector<std::size_t> widths;
  for (std::size_t c : shown) widths.push_back(width(t.columns[c]));
  for (std::size_t r = 0; r < t.rows.size(); ++r)
    for (std::size_t i = 0; i < shown.size(); ++i) {
      cells[r].push_back(fit(cell_text(t.rows[r][shown[i]]), t.max_width));
      widths[i] = std::max(widths[i], width(cells[r].back()));
    }
  auto pad = [&](const std::string& s, std::size_t w) {
    std::string out = s;
    std::size_t have = width(s);
    if (have < w) out.append(w - have, ' ');
    return out;
  };
  const char* bold = colour ? "\033[1m" : "";
  const char* reset = colour ? "\033[0m" : "";
  for (std::size_t i = 0; i < shown.size(); ++i)
    out << (i ? "  " : "") << bold << pad(t.columns[shown[i]], i + 1 == shown.size() ? 0 : widths[i]) << reset;
  out << "\n";
  for (const auto& row : cells) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      std::string text = i + 1 == row.size() ? row[i] : pad(row[i], widths[i]);
      if (colour && (row[i] == "negative" || row[i] == "positive"))
        text = (row[i] == "negative" ? "\033[31m" : "\033[32m") + text + reset;
      out << (i ? "  " : "") << text;
    }
    out << "\n";
  }
}

}  // namespace pantau::cli
