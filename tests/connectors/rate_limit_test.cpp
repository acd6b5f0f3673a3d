// The rate-limit dialects, one assertion per family, against responses the
// scripted client hands out (no sockets). Times are the fixtures' "now".
#include "connectors/http/conditional.hpp"
#include "connectors/http/rate_limit.hpp"
#include "tests/connectors/scripted_client.hpp"

#include <gtest/gtest.h>

using namespace pantau;
using namespace pantau::http;
using std::chrono::seconds;

namespace {

constexpr std::int64_t k_now = 1787304000;  // 2026-08-21T09:20:00Z

Response resp(long status, Headers h = {}, std::string body = {}) {
  return test::ScriptedClient::response(status, std::move(body), std::move(h));
}

TEST(RetryAfter, SecondsAndHttpDate) {
  EXPECT_EQ(parse_retry_after("120", k_now), seconds(120));
  EXPECT_EQ(parse_retry_after(" 17 ", k_now), seconds(17));
  EXPECT_EQ(parse_retry_after("Fri, 21 Aug 2026 09:22:00 GMT", k_now), seconds(120));
  EXPECT_EQ(parse_retry_after("Fri, 21 Aug 2026 09:10:00 GMT", k_now), seconds(0));  // in the past
  EXPECT_FALSE(parse_retry_after("soon", k_now));
  EXPECT_FALSE(parse_retry_after("", k_now));
}

TEST(Reset, DeltaEpochIsoAndMillis) {
  EXPECT_EQ(parse_reset("37", k_now), seconds(37));
  EXPECT_EQ(parse_reset("36.2", k_now), seconds(37));  // rounded up: never early
  EXPECT_EQ(parse_reset("1787304300", k_now), seconds(300));
  EXPECT_EQ(parse_reset("1787304300000", k_now), seconds(300));
  EXPECT_EQ(parse_reset("2026-08-21T09:25:00Z", k_now), seconds(300));
  EXPECT_EQ(parse_reset("2026-08-21T09:25:00.000000Z", k_now), seconds(300));
  EXPECT_EQ(parse_reset("2026-08-21T09:25:00.011234Z", k_now), seconds(301));
  EXPECT_EQ(parse_reset("2026-08-21T16:25:00+07:00", k_now), seconds(300));
  EXPECT_FALSE(parse_reset("later", k_now));
}

TEST(Classify, RedditSecondsFromNow) {
  auto f = classify(resp(429, {{"x-ratelimit-remaining", "0.0"}, {"x-ratelimit-reset", "37"}}), k_now);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->kind, FailureKind::rate_limited);
  EXPECT_EQ(f->retry_after, seconds(37));
}

TEST(Classify, MastodonIsoResetMeasuredAgainstDateHeader) {
  // The local clock is an hour off; the server's Date header keeps the wait right.
  auto f = classify(resp(429, {{"Date", "Fri, 21 Aug 2026 09:20:00 GMT"},
                               {"X-RateLimit-Reset", "2026-08-21T09:25:00Z"}}),
                    k_now + 3600);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->retry_after, seconds(300));
}

TEST(Classify, XEpochReset) {
  auto f = classify(resp(429, {{"x-rate-limit-remaining", "0"}, {"x-rate-limit-reset", "1787304900"}}), k_now);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->retry_after, seconds(900));
}

TEST(Classify, RetryAfterWinsOverReset) {
  auto f = classify(resp(429, {{"Retry-After", "60"}, {"X-RateLimit-Reset", "10"}}), k_now);
  EXPECT_EQ(f->retry_after, seconds(60));
}

TEST(Classify, BareTooManyRequestsWaitsTheDefault) {
  auto f = classify(resp(429), k_now);
  EXPECT_EQ(f->kind, FailureKind::rate_limited);
  EXPECT_EQ(f->retry_after, k_default_rate_limit_wait);
}

TEST(Classify, ServiceUnavailableWithRetryAfterIsRateLimited) {
  auto f = classify(resp(503, {{"Retry-After", "3600"}}, "<html>maintenance</html>"), k_now);
  EXPECT_EQ(f->kind, FailureKind::rate_limited);
  EXPECT_EQ(f->retry_after, seconds(3600));
}

TEST(Classify, ServerErrorsAreTransient) {
  for (long s : {500L, 502L, 503L, 504L, 408L}) {
    auto f = classify(resp(s, {}, "<html>bad gateway</html>"), k_now);
    ASSERT_TRUE(f) << s;
    EXPECT_EQ(f->kind, FailureKind::transient) << s;
  }
}

TEST(Classify, YouTubeQuotaWaitsForPacificMidnight) {
  std::string body = R"({"error":{"code":403,"errors":[{"domain":"youtube.quota","reason":"quotaExceeded"}]}})";
  auto f = classify(resp(403, {}, body), k_now);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->kind, FailureKind::rate_limited);
  // 09:20 UTC = 02:20 PDT; midnight PDT is 07:00 UTC the next day.
  EXPECT_EQ(f->retry_after, seconds(21 * 3600 + 40 * 60));
}

TEST(Classify, GoogleRateLimitExceededIsRateLimited) {
  std::string body = R"({"error":{"errors":[{"reason":"rateLimitExceeded"}],"status":"RESOURCE_EXHAUSTED"}})";
  auto f = classify(resp(429, {{"Retry-After", "30"}}, body), k_now);
  EXPECT_EQ(f->retry_after, seconds(30));
}

TEST(Classify, LemmyLegacyRateLimit) {
  auto f = classify(resp(400, {}, R"({"error":"rate_limit_error"})"), k_now);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->kind, FailureKind::rate_limited);
}

TEST(Classify, PlayGatewayErrorWithStatus200) {
  auto f = classify(resp(200, {}, ")]}'\n\n[[\"er\",null,null,null,null,null,null,null,\"com.google.play.gateway.proto.PlayGatewayError\"]]"), k_now);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->kind, FailureKind::rate_limited);
}

TEST(Classify, AuthAndForbidden) {
  EXPECT_EQ(classify(resp(401), k_now)->kind, FailureKind::auth);
  EXPECT_EQ(classify(resp(403, {}, "Request forbidden by administrative rules."), k_now)->kind, FailureKind::auth);
  ClassifyOptions o;
  o.forbidden_is_auth = false;
  EXPECT_EQ(classify(resp(403, {}, R"({"reason":"commentsDisabled"})"), k_now, o)->kind, FailureKind::fatal);
}

TEST(Classify, SuccessAndNotModifiedAreUsable) {
  EXPECT_FALSE(classify(resp(200, {}, "[]"), k_now));
  EXPECT_FALSE(classify(resp(304), k_now));
  EXPECT_EQ(classify(resp(404), k_now)->kind, FailureKind::fatal);
}

TEST(PacificMidnight, WinterAndSummer) {
  // 2026-01-15T12:00:00Z = 04:00 PST; next midnight PST = 2026-01-16T08:00:00Z.
  EXPECT_EQ(until_pacific_midnight(1768478400), seconds(20 * 3600));
  // 2026-08-21T09:20:00Z = 02:20 PDT; next midnight = 2026-08-22T07:00:00Z.
  EXPECT_EQ(until_pacific_midnight(k_now), seconds(21 * 3600 + 40 * 60));
}

TEST(Conditional, ValidatorsRoundTrip) {
  auto r = resp(200, {{"ETag", "\"abc\""}, {"Last-Modified", "Fri, 21 Aug 2026 09:00:00 GMT"}});
  Validators v = validators_of(r);
  Request req;
  add_conditional_headers(req, v);
  ASSERT_EQ(req.headers.size(), 2u);
  EXPECT_EQ(req.headers[0].first, "If-None-Match");
  EXPECT_EQ(req.headers[0].second, "\"abc\"");
  EXPECT_EQ(req.headers[1].first, "If-Modified-Since");
}

TEST(ScriptedClient, HandsOutResponsesInOrder) {
  asio::io_context io;
  test::ScriptedClient client;
  client.push(resp(429, {{"Retry-After", "5"}}));
  client.push(Failure::transient("connection reset"));
  std::vector<std::optional<Failure>> seen;
  asio::co_spawn(
      io,
      [&]() -> awaitable<void> {
        for (int i = 0; i < 2; ++i) {
          Request req;
          req.url = "http://127.0.0.1/x";
          auto r = co_await client.fetch(req);
          seen.push_back(r ? classify(*r, k_now) : std::optional<Failure>(r.failure()));
        }
      },
      asio::detached);
  io.run();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0]->kind, FailureKind::rate_limited);
  EXPECT_EQ(seen[0]->retry_after, seconds(5));
  EXPECT_EQ(seen[1]->kind, FailureKind::transient);
  EXPECT_EQ(client.requests.size(), 2u);
}

}  // namespace
