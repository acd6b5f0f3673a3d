// The golden connector cases: one folder per case,
//   tests/connectors/<connector>/cases/<case>/case.json
//   tests/connectors/<connector>/cases/<case>/expected.jsonl
// walked by one parameterised test. Each case starts tests/connectors/fake_api.py
// on 127.0.0.1 with the connector's copied fixtures (and the case's fault),
// builds the connector from the registry with base_url pointing at it, polls
// the way the scheduler would (again at once while page.more, stop at a
// failure) and compares the normalised items, the final cursor, the failure
// and the requests the server saw. The format is in tests/connectors/README.md.
//
// PANTAU_UPDATE_GOLDEN=<connector> rewrites that connector's expected.jsonl
// files from the actual items (review the diff before committing it). It
// names one connector so nobody rewrites another owner's goldens by accident.
#include "common/timeutil.hpp"
#include "connectors/connector.hpp"
#include "connectors/http/http_client.hpp"
#include "connectors/query/query.hpp"
#include "tests/connectors/case_support.hpp"
#include "tests/connectors/fake_server.hpp"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using namespace pantau;

namespace {

struct CaseDir {
  std::string connector;
  std::string name;
  fs::path dir;
};

std::vector<CaseDir> discover() {
  std::vector<CaseDir> out;
  fs::path root(PANTAU_TEST_CONNECTORS_DIR);
  for (const auto& conn : fs::directory_iterator(root)) {
    if (!conn.is_directory() || !fs::exists(conn.path() / "cases")) continue;
    for (const auto& c : fs::directory_iterator(conn.path() / "cases"))
      if (fs::exists(c.path() / "case.json"))
        out.push_back({conn.path().filename().string(), c.path().filename().string(), c.path()});
  }
  std::sort(out.begin(), out.end(), [](const CaseDir& a, const CaseDir& b) { return a.dir < b.dir; });
  return out;
}

void PrintTo(const CaseDir& c, std::ostream* os) { *os << c.connector << "/" << c.name; }

class ConnectorCase : public ::testing::TestWithParam<CaseDir> {};

TEST_P(ConnectorCase, MatchesGolden) {
  const CaseDir& cd = GetParam();
  auto spec = test::load_case(cd.dir);
  ASSERT_TRUE(spec.ok()) << spec.failure().message;
  const test::CaseSpec& c = *spec;

  const connectors::ConnectorInfo* info = connectors::find_connector(c.type);
  ASSERT_NE(info, nullptr) << "no connector type " << c.type;

  fs::path fixtures = cd.dir.parent_path().parent_path() / c.fixtures;
  fs::path log = fs::temp_directory_path() / ("pantau-case-" + cd.connector + "-" + cd.name + "-" +
                                              std::to_string(getpid()) + ".jsonl");
  test::FakeServer server({fixtures.string(), log.string(), c.fault, c.fault_after, c.fault_times});

  auto cfg = test::make_source_config(*info, c, server.base_url());
  ASSERT_TRUE(cfg.ok()) << cfg.failure().message;

  asio::io_context io;
  http::ClientOptions opts;
  opts.user_agent = "pantau-test/0.1 (+https://pantau.example/contact)";
  auto client = http::make_curl_client(io, opts);

  connectors::Context ctx;
  ctx.executor = io.get_executor();
  ctx.http = client.get();
  ctx.query = c.query;
  ctx.backfill_seconds = cfg->has("backfill") ? cfg->integer("backfill") : 86400;
  if (!c.query.empty()) {
    auto q = query::parse(c.query);
    ASSERT_TRUE(q.ok()) << q.failure().message;
    ctx.search_terms = (*q)->search_terms();
  }
  const std::int64_t now = c.now;
  ctx.clock = [now] { return now; };

  std::unique_ptr<connectors::Connector> conn = info->make(*cfg, ctx);
  test::Outcome outcome;
  outcome.cursor = c.cursor;
  asio::co_spawn(io, test::poll_until_done(*conn, c.max_polls, outcome), [](std::exception_ptr e) {
    if (e) std::rethrow_exception(e);
  });
  io.run();

  // Items.
  std::vector<std::string> actual;
  for (const Item& it : outcome.items) actual.push_back(test::to_json_line(it));
  fs::path expected_path = cd.dir / "expected.jsonl";
  const char* update = std::getenv("PANTAU_UPDATE_GOLDEN");
  if (update && update == cd.connector) {
    std::ofstream out(expected_path, std::ios::binary);
    for (const auto& l : actual) out << l << "\n";
  }
  std::vector<std::string> expected;
  {
    std::ifstream in(expected_path, std::ios::binary);
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) expected.push_back(line);
  }
  EXPECT_EQ(actual.size(), expected.size()) << "number of items";
  for (std::size_t i = 0; i < std::min(actual.size(), expected.size()); ++i)
    EXPECT_EQ(actual[i], expected[i]) << "item " << i;

  // Failure (a page is all or nothing: a failed poll adds no items and leaves the cursor).
  if (c.expect_failure.empty()) {
    EXPECT_FALSE(outcome.failure) << "unexpected failure: " << to_string(outcome.failure->kind) << ": "
                                  << outcome.failure->message;
  } else {
    ASSERT_TRUE(outcome.failure) << "expected a " << c.expect_failure << " failure";
    EXPECT_EQ(to_string(outcome.failure->kind), c.expect_failure) << outcome.failure->message;
    if (c.expect_retry_after) {
      EXPECT_EQ(outcome.failure->retry_after.count(), *c.expect_retry_after) << outcome.failure->message;
    }
  }
  if (c.expect_cursor) { EXPECT_EQ(outcome.cursor, *c.expect_cursor) << "final cursor"; }
  if (c.expect_polls) { EXPECT_EQ(outcome.polls, *c.expect_polls) << "successful polls"; }

  // Requests the server saw.
  auto requests = server.requests();
  if (c.expect_requests) { EXPECT_EQ(static_cast<int>(requests.size()), *c.expect_requests) << "requests made"; }
  for (const auto& [index, needle] : c.expect_request_contains) {
    ASSERT_LT(index, requests.size()) << "request " << index << " was never made";
    EXPECT_NE(requests[index].find(needle), std::string::npos)
        << "request " << index << " lacks " << needle << ": " << requests[index];
  }
  for (const auto& r : requests)
    EXPECT_EQ(r.find("\"served\": \"404\""), std::string::npos) << "a request matched no fixture route: " << r;
  fs::remove(log);
}

std::string case_name(const ::testing::TestParamInfo<CaseDir>& p) {
  std::string n = p.param.connector + "_" + p.param.name;
  for (char& ch : n)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(Cases, ConnectorCase, ::testing::ValuesIn(discover()), case_name);

}  // namespace
