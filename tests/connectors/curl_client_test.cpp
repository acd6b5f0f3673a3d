// The libcurl client against fake_api.py on 127.0.0.1: answers arrive on the
// io_context thread, the User-Agent is sent, transport failures are
// transient, and per-host spacing holds requests apart.
#include "connectors/http/http_client.hpp"
#include "tests/connectors/fake_server.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

using namespace pantau;

namespace {

std::string log_file(const char* name) {
  return (std::filesystem::temp_directory_path() / (std::string("pantau-curl-") + name + "-" +
                                                    std::to_string(getpid()) + ".jsonl"))
      .string();
}

std::string hn_root() { return std::string(PANTAU_TEST_CONNECTORS_DIR) + "/hn/fixtures"; }

std::vector<Result<http::Response>> fetch_all(const http::ClientOptions& opts, std::vector<std::string> urls,
                                              std::vector<std::thread::id>* threads = nullptr) {
  asio::io_context io;
  auto client = http::make_curl_client(io, opts);
  std::vector<std::optional<Result<http::Response>>> out(urls.size());
  for (std::size_t i = 0; i < urls.size(); ++i) {
    asio::co_spawn(
        io,
        [&, i]() -> awaitable<void> {
          http::Request req;
          req.url = urls[i];
          req.timeout = std::chrono::milliseconds(5000);
          out[i] = co_await client->fetch(req);
          if (threads) threads->push_back(std::this_thread::get_id());
        },
        asio::detached);
  }
  io.run();
  std::vector<Result<http::Response>> done;
  for (auto& o : out) done.push_back(std::move(*o));
  return done;
}

const char* k_page0 =
    "/api/v1/search_by_date?query=kopi%20senja&tags=%28story%2Ccomment%29&numericFilters=created_at_i%3E1787131200&hitsPerPage=3";

TEST(CurlClient, FetchesOnTheIoThreadWithUserAgent) {
  std::string log = log_file("ua");
  test::FakeServer server({hn_root(), log, "", 0, std::nullopt});
  http::ClientOptions opts;
  opts.user_agent = "pantau/0.1 (+mailto:cx@kopisenja.example)";
  std::vector<std::thread::id> threads;
  auto r = fetch_all(opts, {server.base_url() + k_page0}, &threads);
  ASSERT_TRUE(r[0].ok()) << r[0].failure().message;
  EXPECT_EQ(r[0]->status, 200);
  EXPECT_EQ(r[0]->header("content-type"), "application/json; charset=utf-8");
  EXPECT_NE(r[0]->body.find("\"nbPages\""), std::string::npos);
  ASSERT_EQ(threads.size(), 1u);
  EXPECT_EQ(threads[0], std::this_thread::get_id());
  auto reqs = server.requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_NE(reqs[0].find("pantau/0.1 (+mailto:cx@kopisenja.example)"), std::string::npos) << reqs[0];
  std::filesystem::remove(log);
}

TEST(CurlClient, TransportFailuresAreTransient) {
  std::string log = log_file("drop");
  test::FakeServer server({hn_root(), log, "drop", 0, std::nullopt});
  auto r = fetch_all({}, {server.base_url() + k_page0});
  ASSERT_FALSE(r[0].ok());
  EXPECT_EQ(r[0].failure().kind, FailureKind::transient);
  std::filesystem::remove(log);
}

TEST(CurlClient, ConnectionRefusedIsTransient) {
  // Port 1 on loopback: nothing listens there for an unprivileged test.
  auto r = fetch_all({}, {"http://127.0.0.1:1/x"});
  ASSERT_FALSE(r[0].ok());
  EXPECT_EQ(r[0].failure().kind, FailureKind::transient);
}

TEST(CurlClient, PerHostSpacingHoldsRequestsApart) {
  std::string log = log_file("spacing");
  test::FakeServer server({hn_root(), log, "", 0, std::nullopt});
  http::ClientOptions opts;
  opts.max_per_host = 1;
  opts.host_spacing = std::chrono::milliseconds(250);
  auto r = fetch_all(opts, {server.base_url() + k_page0, server.base_url() + k_page0, server.base_url() + k_page0});
  for (auto& x : r) ASSERT_TRUE(x.ok()) << x.failure().message;
  auto reqs = server.requests();
  ASSERT_EQ(reqs.size(), 3u);
  std::vector<double> t;
  for (const auto& line : reqs) t.push_back(std::stod(line.substr(line.find("\"t\": ") + 5)));
  EXPECT_GE(t[1] - t[0], 0.24);
  EXPECT_GE(t[2] - t[1], 0.24);
  std::filesystem::remove(log);
}

}  // namespace
