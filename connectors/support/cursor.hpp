// Connector cursors are small key=value strings ("since=1787302500&page=1"):
// readable in `pantau status` and in the database, stable across versions
// because unknown keys are ignored.
#pragma once

#include "connectors/support/text.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <set>
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

// The ids of a cursor value: "a,b,c" (or another separator) as a set.
inline std::set<std::string, std::less<>> split_ids(std::string_view s, char sep = ',') {
  std::set<std::string, std::less<>> out;
  for (std::size_t p = 0; p < s.size();) {
    std::size_t q = std::min(s.find(sep, p), s.size());
    if (q > p) out.emplace(s.substr(p, q - p));
    p = q + 1;
  }
  return out;
}

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

// One page of such a round. admit() says which items are new: newer than the
// committed mark, or at the mark but not among its "seen" ids, or (first run)
// inside the backfill window; an older item means the walk has reached what
// earlier rounds read. finish() then keeps the cursor's round keys.
class NewestFirstRound {
 public:
  // `backfill_start`: the oldest time a first run reads (now - backfill).
  NewestFirstRound(Cursor& state, std::int64_t backfill_start, std::string page_key)
      : m_state(state),
        m_newest(state.integer("newest")),
        m_seen(split_ids(state.get("seen"))),
        m_horizon(m_newest > 0 ? m_newest : backfill_start),
        m_top(RoundTop::of(state)),
        m_page_key(std::move(page_key)) {}

  // `in_time_order`: false for items that may be older than their page's place
  // (YouTube's replies): skipping one must not end the round.
  bool admit(std::int64_t t, const std::string& id, bool in_time_order = true) {
    if (t < m_horizon) {
      if (in_time_order) m_reached_mark = true;
      return false;
    }
    if (t == m_horizon && m_newest > 0 && m_seen.count(id)) return false;
    m_top.see(t, id);
    return true;
  }
  // `next`: the API's next page ("" when there is none). Returns whether the round goes on.
  bool finish(std::string next) {
    if (!m_reached_mark && !next.empty()) {
      m_top.continue_round(m_state, m_page_key, std::move(next));
      return true;
    }
    m_top.end_round(m_state, m_page_key);
    return false;
  }

 private:
  Cursor& m_state;
  std::int64_t m_newest;
  std::set<std::string, std::less<>> m_seen;
  std::int64_t m_horizon;
  RoundTop m_top;
  std::string m_page_key;
  bool m_reached_mark = false;
};

}  // namespace pantau::connectors
