// One reading of every rate-limit dialect the sources speak, and the one
// mapping from an HTTP response to a typed Failure that every connector uses.
//
// Families understood:
//   Retry-After: <seconds> | <HTTP-date>
//   X-RateLimit-Reset / x-rate-limit-reset / RateLimit-Reset / ratelimit-reset:
//     seconds from now ("37", "37.5"), epoch seconds or milliseconds, ISO 8601
//   YouTube/Google: 403 (or 429) with errors[].reason quotaExceeded,
//     dailyLimitExceeded, rateLimitExceeded, userRateLimitExceeded
//   Lemmy before 0.19: 400 {"error":"rate_limit_error"}
//   Google Play web endpoint: status 200 whose body is a PlayGatewayError
// Absolute times are measured against the response's own Date header when it
// has one, so a skewed local clock does not turn a 5-minute reset into an hour.
#pragma once

#include "common/result.hpp"
#include "connectors/http/http_client.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

namespace pantau::http {

// When no header says how long to wait.
inline constexpr std::chrono::seconds k_default_rate_limit_wait{60};
// Longest wait we accept from a header (a broken server could say "next year").
inline constexpr std::chrono::seconds k_max_rate_limit_wait{26 * 3600};

struct RateLimitInfo {
  std::optional<double> remaining;               // requests left in the window
  std::optional<std::chrono::seconds> reset_in;  // from X-RateLimit-Reset and friends
  std::optional<std::chrono::seconds> retry_after;  // from Retry-After
};

// "120" or "Fri, 21 Aug 2026 09:22:00 GMT" -> seconds to wait (>= 0).
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, std::int64_t now);
// A reset value in any of the formats above -> seconds from `now` (>= 0).
std::optional<std::chrono::seconds> parse_reset(std::string_view value, std::int64_t now);
// Reads every family from the headers. `now` is replaced by the response's
// Date header when present.
RateLimitInfo parse_rate_limit(const Response& response, std::int64_t now);

// Seconds from `now` until the next midnight in America/Los_Angeles (when
// Google's daily quotas reset), honouring US daylight saving time.
std::chrono::seconds until_pacific_midnight(std::int64_t now);

struct ClassifyOptions {
  // 403 means "credentials refused" for most APIs; set false where a 403 is a
  // per-item condition the connector handles itself (e.g. comments disabled).
  bool forbidden_is_auth = true;
};

// nullopt: the response is usable (2xx, or 304 for a conditional request).
// Otherwise the Failure the connector should return as is:
//   429, 503 with a reset, quota errors, legacy 400 rate_limit_error,
//   200 PlayGatewayError                  -> rate_limited{retry_after}
//   408, 425, 5xx, 3xx without a location -> transient
//   401, 403, 407                         -> auth
//   404, 410, other 4xx                   -> fatal (the config names something that is not there)
std::optional<Failure> classify(const Response& response, std::int64_t now, const ClassifyOptions& options = {});

}  // namespace pantau::http
