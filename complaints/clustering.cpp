#include "complaints/clustering.hpp"

#include "sentiment/complaint.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <bit>
#include <map>
#include <numeric>
#include <set>
#include <unordered_set>

namespace pantau::complaints {
namespace {

// Function words of id/jv/en that carry no topic; short on purpose.
const std::unordered_set<std::string_view>& stop_words() {
  static const std::unordered_set<std::string_view> k = {
      "yang", "dan", "di", "ke", "dari", "ini", "itu", "ya", "yg", "aja", "juga", "udah", "sudah", "sih", "dong",
      "deh", "kok", "kak", "min", "tapi", "karena", "buat", "untuk", "dengan", "ada", "jadi", "lagi", "masih",
      "saya", "aku", "gue", "gw", "kami", "kita", "kalian", "mereka", "nya", "banget", "bgt", "pas", "tadi",
      "kayak", "gitu", "the", "a", "an", "and", "or", "to", "of", "in", "on", "for", "is", "it", "my", "i",
      "me", "we", "you", "this", "that", "with", "at", "be", "was", "are", "so", "just", "not", "no", "but",
      "lan", "karo", "sing", "ning", "nang", "wis", "ora", "kok", "iki", "kuwi", "kulo", "aku", "tenan", "via",
      "kopisenja", "amp", "rt", "https", "http", "t", "co", "www"};
  return k;
}

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

double jaccard(const std::set<std::string>& a, const std::set<std::string>& b) {
  if (a.empty() || b.empty()) return 0;
  std::size_t inter = 0;
  for (const auto& x : a) inter += b.count(x);
  return static_cast<double>(inter) / static_cast<double>(a.size() + b.size() - inter);
}

struct Dsu {
  std::vector<std::size_t> p;
  explicit Dsu(std::size_t n) : p(n) { std::iota(p.begin(), p.end(), 0); }
  std::size_t find(std::size_t x) { return p[x] == x ? x : p[x] = find(p[x]); }
  void join(std::size_t a, std::size_t b) { p[find(a)] = find(b); }
};

}  // namespace

std::vector<std::string> content_tokens(std::string_view text) {
  // Drop links and @handles before tokenising: they are unique per post.
  std::string cleaned;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t end = text.find_first_of(" \n\t", i);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(i, end - i);
    if (!(word.starts_with("http") || word.starts_with("@") || word.starts_with("www."))) {
      cleaned += word;
      cleaned += ' ';
    }
    i = end + 1;
  }
  std::vector<std::string> out;
  for (auto& t : sentiment::complaint_tokens(cleaned)) {
    if (stop_words().count(t) || t.size() < 2) continue;
    if (std::all_of(t.begin(), t.end(), [](unsigned char c) { return std::isdigit(c); })) continue;
    out.push_back(std::move(t));
  }
  return out;
}

std::uint64_t simhash(const std::vector<std::string>& tokens) {
  int v[64] = {};
  auto feed = [&](std::string_view f, int weight) {
    std::uint64_t h = fnv1a(f);
    for (int b = 0; b < 64; ++b) v[b] += (h >> b) & 1 ? weight : -weight;
  };
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    feed(tokens[i], 1);
    if (i + 1 < tokens.size()) feed(tokens[i] + " " + tokens[i + 1], 1);
  }
  std::uint64_t out = 0;
  for (int b = 0; b < 64; ++b)
    if (v[b] > 0) out |= 1ull << b;
  return out;
}

int hamming(std::uint64_t a, std::uint64_t b) { return std::popcount(a ^ b); }

std::vector<Issue> cluster_issues(const std::vector<ClusterInput>& items, std::int64_t since, std::int64_t until,
                                  std::size_t max_examples) {
  const std::int64_t prev_since = since - (until - since);
  const std::size_t n = items.size();
  std::vector<std::vector<std::string>> tokens(n);
  std::vector<std::set<std::string>> sets(n);
  std::vector<std::uint64_t> hashes(n);
  std::vector<std::string> aspect(n);
  for (std::size_t i = 0; i < n; ++i) {
    tokens[i] = content_tokens(items[i].text);
    sets[i] = {tokens[i].begin(), tokens[i].end()};
    hashes[i] = simhash(tokens[i]);
    aspect[i] = items[i].aspects.empty() ? "other" : items[i].aspects.front();
  }
  // Quadratic within an aspect: a watch's complaints over two periods number
  // in the hundreds, where this is far below a millisecond per pair.
  Dsu dsu(n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      if (aspect[i] != aspect[j]) continue;
      if (hamming(hashes[i], hashes[j]) <= k_near_duplicate_bits || jaccard(sets[i], sets[j]) >= 0.3)
        dsu.join(i, j);
    }
  std::map<std::size_t, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < n; ++i) groups[dsu.find(i)].push_back(i);

  std::vector<Issue> out;
  for (auto& [root, members] : groups) {
    Issue issue;
    issue.aspect = aspect[root];
    std::map<std::string, int> freq;
    for (std::size_t i : members) {
      const auto at = items[i].at;
      if (at >= since && at < until) ++issue.count;
      else if (at >= prev_since && at < since) ++issue.previous;
      for (const auto& t : sets[i]) ++freq[t];
    }
    if (issue.count == 0) continue;  // only in the previous period: resolved itself
    std::vector<std::pair<std::string, int>> words(freq.begin(), freq.end());
    std::stable_sort(words.begin(), words.end(), [](auto& a, auto& b) { return a.second > b.second; });
    for (std::size_t k = 0; k < words.size() && issue.keywords.size() < 3; ++k)
      if (words[k].first != issue.aspect) issue.keywords.push_back(words[k].first);
    issue.label = issue.aspect;
    for (std::size_t k = 0; k < issue.keywords.size(); ++k)
      issue.label += (k == 0 ? ": " : ", ") + issue.keywords[k];
    if (issue.previous > 0)
      issue.growth = 100.0 * static_cast<double>(issue.count - issue.previous) / static_cast<double>(issue.previous);
    std::vector<std::size_t> current;
    for (std::size_t i : members)
      if (items[i].at >= since && items[i].at < until) current.push_back(i);
    std::sort(current.begin(), current.end(), [&](std::size_t a, std::size_t b) {
      return items[a].at != items[b].at ? items[a].at > items[b].at : items[a].complaint_id > items[b].complaint_id;
    });
    for (std::size_t k = 0; k < current.size() && k < max_examples; ++k) {
      const auto& it = items[current[k]];
      issue.examples.push_back({it.complaint_id, it.at, it.author, it.url, it.text, it.source});
    }
    out.push_back(std::move(issue));
  }
  std::stable_sort(out.begin(), out.end(), [](const Issue& a, const Issue& b) {
    if (a.count != b.count) return a.count > b.count;
    double ga = a.growth.value_or(1e9), gb = b.growth.value_or(1e9);  // new issues first on ties
    if (ga != gb) return ga > gb;
    return a.label < b.label;
  });
  return out;
}

std::vector<Issue> top_issues(SQLite::Database& db, const std::string& watch, std::int64_t since, std::int64_t until,
                              std::size_t limit, std::size_t max_examples) {
  SQLite::Statement st(db,
                       "SELECT c.id, c.opened_at, m.text, m.author, m.url, m.source, m.aspects FROM complaints c "
                       "JOIN mentions m ON m.id = c.mention_id WHERE c.watch = ? AND c.opened_at >= ? AND "
                       "c.opened_at < ? AND c.status <> 'dismissed' ORDER BY c.opened_at, c.id");
  st.bind(1, watch);
  st.bind(2, static_cast<int64_t>(since - (until - since)));
  st.bind(3, static_cast<int64_t>(until));
  std::vector<ClusterInput> items;
  while (st.executeStep()) {
    ClusterInput in;
    in.complaint_id = st.getColumn(0).getInt64();
    in.at = st.getColumn(1).getInt64();
    in.text = st.getColumn(2).getString();
    in.author = st.getColumn(3).getString();
    in.url = st.getColumn(4).getString();
    in.source = st.getColumn(5).getString();
    std::string a = st.getColumn(6).getString();
    for (std::size_t p = 0; p < a.size();) {
      std::size_t e = a.find(',', p);
      if (e == std::string::npos) e = a.size();
      if (e > p) in.aspects.push_back(a.substr(p, e - p));
      p = e + 1;
    }
    items.push_back(std::move(in));
  }
  auto issues = cluster_issues(items, since, until, max_examples);
  if (issues.size() > limit) issues.resize(limit);
  return issues;
}

}  // namespace pantau::complaints
