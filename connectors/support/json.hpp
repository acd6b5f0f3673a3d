// Small readers over simdjson's DOM for the shapes APIs send: absent, null
// and wrongly typed fields read as "not there" instead of throwing.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pantau::connectors::json {

using simdjson::dom::element;

// Follows a dotted path ("result.paging.next_cursor"; numeric parts index arrays).
inline std::optional<element> at_path(element e, std::string_view path) {
  while (!path.empty()) {
    std::size_t dot = path.find('.');
    std::string_view part = path.substr(0, dot);
    element next;
    if (e.is_array()) {
      std::size_t idx = 0;
      for (char c : part) {
        if (c < '0' || c > '9') return std::nullopt;
        idx = idx * 10 + static_cast<std::size_t>(c - '0');
      }
      if (e.at(idx).get(next) != simdjson::SUCCESS) return std::nullopt;
    } else if (e[part].get(next) != simdjson::SUCCESS) {
      return std::nullopt;
    }
    e = next;
    if (dot == std::string_view::npos) break;
    path.remove_prefix(dot + 1);
  }
  if (e.is_null()) return std::nullopt;
  return e;
}

// A string; numbers are given in their JSON spelling (ids that are sometimes
// numbers and sometimes strings normalise to the same text).
inline std::string str(element e, std::string_view path = {}) {
  auto v = path.empty() ? std::optional<element>(e) : at_path(e, path);
  if (!v || v->is_null()) return {};
  std::string_view sv;
  if (v->get(sv) == simdjson::SUCCESS) return std::string(sv);
  std::int64_t i;
  if (v->get(i) == simdjson::SUCCESS) return std::to_string(i);
  std::uint64_t u;
  if (v->get(u) == simdjson::SUCCESS) return std::to_string(u);
  double d;
  if (v->get(d) == simdjson::SUCCESS) return simdjson::minify(*v);
  bool b;
  if (v->get(b) == simdjson::SUCCESS) return b ? "true" : "false";
  return {};
}

inline std::optional<std::int64_t> integer(element e, std::string_view path) {
  auto v = at_path(e, path);
  if (!v) return std::nullopt;
  std::int64_t i;
  if (v->get(i) == simdjson::SUCCESS) return i;
  double d;
  if (v->get(d) == simdjson::SUCCESS) return static_cast<std::int64_t>(d);
  std::string_view sv;
  if (v->get(sv) == simdjson::SUCCESS) {
    std::string s(sv);
    char* end = nullptr;
    long long n = std::strtoll(s.c_str(), &end, 10);
    if (!s.empty() && end && *end == '\0') return n;
  }
  return std::nullopt;
}

}  // namespace pantau::connectors::json
