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

// A round of a newest-first walk (the review APIs: gbp, googleplay, trustpilot,
// youtube). A round reads pages until it reaches the high-water mark an earlier
// round committed ("newest", with the ids "seen" at exactly that time). The
// round's own newest item ("top", "top_seen") becomes the mark only when the
// round ends, so a crash mid-round re-reads pages instead of skipping them.
struct RoundTop {
  std::int64_t time = 0;
  std::string ids;  // comma-separated ids at `time`

  static RoundTop of(const Cursor& state) { return {state.integer("top"), state.get("top_seen")}; }

  void see(std::int64_t t, const std::string& id) {
    if (t > time) {
      time = t;
      ids = id;
    } else if (t == time) {
      ids += (ids.empty() ? "" : ",") + id;
    }
  }
  // More pages: remember where the round goes on, and its newest so far.
  void continue_round(Cursor& state, const std::string& page_key, std::string next) const {
    state.set(page_key, std::move(next));
    if (time > 0) {
      state.set("top", time);
      state.set("top_seen", ids);
    }
  }
  // The round is over: its newest raises the mark, and the round's keys go.
  void end_round(Cursor& state, const std::string& page_key) const {
    const std::int64_t newest = state.integer("newest");
    if (time > newest) {
      state.set("newest", time);
      state.set("seen", ids);
    } else if (time == newest && !ids.empty()) {
      state.set("seen", state.get("seen") + "," + ids);
    }
    for (const std::string& k : {page_key, std::string("top"), std::string("top_seen")}) state.erase(k);
  }
};

}  // namespace pantau::connectors
