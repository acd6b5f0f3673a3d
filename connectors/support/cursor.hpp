// Connector cursors are small key=value strings ("since=1787302500&page=1"):
// readable in `pantau status` and in the database, stable across versions
// because unknown keys are ignored.
#pragma once

#include "connectors/support/text.hpp"

#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

namespace pantau::connectors {

class Cursor {
 public:
  static Cursor parse(std::string_view s) {
    Cursor c;
    while (!s.empty()) {
      std::size_t amp = s.find('&');
      std::string_view pair = s.substr(0, amp);
      std::size_t eq = pair.find('=');
      if (eq != std::string_view::npos)
        c.m_values[text::url_decode(pair.substr(0, eq))] = text::url_decode(pair.substr(eq + 1));
      if (amp == std::string_view::npos) break;
      s.remove_prefix(amp + 1);
    }
    return c;
  }
  std::string str() const {
    std::string out;
    for (const auto& [k, v] : m_values) {
      if (v.empty()) continue;
      if (!out.empty()) out += '&';
      out += text::url_encode(k) + "=" + text::url_encode(v);
    }
    return out;
  }
  const std::string& get(const std::string& key) const {
    static const std::string empty;
    auto it = m_values.find(key);
    return it == m_values.end() ? empty : it->second;
  }
  std::int64_t integer(const std::string& key, std::int64_t fallback = 0) const {
    const std::string& v = get(key);
    if (v.empty()) return fallback;
    char* end = nullptr;
    long long n = std::strtoll(v.c_str(), &end, 10);
    return (end && *end == '\0') ? n : fallback;
  }
  void set(const std::string& key, std::string value) { m_values[key] = std::move(value); }
  void set(const std::string& key, std::int64_t value) { m_values[key] = std::to_string(value); }
  void erase(const std::string& key) { m_values.erase(key); }
  bool has(const std::string& key) const { return !get(key).empty(); }

 private:
  std::map<std::string, std::string> m_values;  // sorted: the same state gives the same string
};

}  // namespace pantau::connectors
