// Issue clustering: "are most customers complaining about the same one or
// two problems?"
//
// Complaints are grouped by their primary aspect (the first tagged one, or
// "other"), then within an aspect joined when they are near-duplicates
// (64-bit SimHash over normalised unigrams and bigrams, Hamming distance <=
// k_near_duplicate_bits) or share enough content words (Jaccard >= 0.3).
// Clusters are built over the current and the previous period together so a
// recurring issue keeps one identity and its growth can be measured.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace SQLite { class Database; }

namespace pantau::complaints {

inline constexpr int k_near_duplicate_bits = 6;

std::uint64_t simhash(const std::vector<std::string>& tokens);
int hamming(std::uint64_t a, std::uint64_t b);
// Content tokens used for clustering: complaint tokens minus stop words,
// links, handles and numbers.
std::vector<std::string> content_tokens(std::string_view text);

struct IssueExample {
  std::int64_t complaint_id = 0;
  std::int64_t at = 0;
  std::string author, url, text, source;
};

struct Issue {
  std::string aspect;
  std::string label;                 // aspect + the cluster's most frequent words
  std::vector<std::string> keywords;
  std::int64_t count = 0, previous = 0;
  std::optional<double> growth;      // % vs previous period; nullopt when previous == 0 (new)
  std::vector<IssueExample> examples;  // newest first, current period
};

struct ClusterInput {
  std::int64_t complaint_id = 0, at = 0;
  std::string text, author, url, source;
  std::vector<std::string> aspects;
};

// Pure: clusters `items` and counts those in [since, until) as current and
// [since - (until - since), since) as previous. Sorted by count, then growth.
std::vector<Issue> cluster_issues(const std::vector<ClusterInput>& items, std::int64_t since, std::int64_t until,
                                  std::size_t max_examples = 3);

// Loads the watch's non-dismissed complaints of both periods and clusters them.
std::vector<Issue> top_issues(SQLite::Database& db, const std::string& watch, std::int64_t since, std::int64_t until,
                              std::size_t limit = 10, std::size_t max_examples = 3);

}  // namespace pantau::complaints
