// Helpers for connector tests: the case.json format, building a SourceConfig
// the way the daemon's loader would (declared keys only, defaults filled in),
// polling like the scheduler, and one canonical JSON line per Item.
#pragma once

#include "common/mention.hpp"
#include "common/result.hpp"
#include "connectors/connector.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pantau::test {

struct CaseSpec {
  std::string type;                    // connector type (source.type)
  std::string fixtures = "fixtures";   // folder beside cases/, holds routes.json
  std::vector<std::pair<std::string, connectors::Value>> source;  // [[source]] keys
  std::string query;                   // the watch query
  std::int64_t now = 1787304000;       // 2026-08-21T09:20:00Z, the fixtures' "now"
  std::string cursor;                  // stored cursor before the first poll
  std::string fault;                   // see fake_api.py
  int fault_after = 0;
  std::optional<int> fault_times;
  int max_polls = 10;
  // expectations
  std::string expect_failure;          // "" = every poll succeeds
  std::optional<std::int64_t> expect_retry_after;
  std::optional<std::string> expect_cursor;
  std::optional<int> expect_polls;
  std::optional<int> expect_requests;
  std::vector<std::pair<std::size_t, std::string>> expect_request_contains;
};

Result<CaseSpec> load_case(const std::filesystem::path& dir);

// Declared keys only (unknown keys are errors), defaults from the KeySpec
// literals, "{base}" in string values replaced by `base_url`, and base_url
// itself set when the connector declares it and the case does not.
Result<connectors::SourceConfig> make_source_config(const connectors::ConnectorInfo& info, const CaseSpec& c,
                                                    const std::string& base_url);

struct Outcome {
  std::vector<Item> items;
  std::string cursor;  // the last committed cursor
  int polls = 0;       // successful polls
  std::optional<Failure> failure;
};

// Polls like the scheduler: commit page (items + cursor), poll again at once
// while page.more, stop at the first failure or after max_polls.
awaitable<void> poll_until_done(connectors::Connector& c, int max_polls, Outcome& out);

std::string to_json_line(const Item& item);

}  // namespace pantau::test
