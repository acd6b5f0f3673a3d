#include "connectors/http/rate_limit.hpp"

#include "common/timeutil.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <string>

namespace pantau::http {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::optional<double> parse_number(std::string_view s) {
  s = trim(s);
  if (s.empty()) return std::nullopt;
  std::string copy(s);
  char* end = nullptr;
  double v = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::chrono::seconds clamp_wait(double seconds) {
  if (seconds < 0) seconds = 0;
  // Round up: waiting 0.4 s less than asked is a request before the reset.
  auto s = static_cast<std::int64_t>(std::ceil(seconds));
  return std::min(std::chrono::seconds(s), k_max_rate_limit_wait);
}

// The server's idea of "now" when it told us.
std::int64_t server_now(const Response& r, std::int64_t now) {
  if (auto d = parse_http_date(trim(r.header("Date")))) return *d;
  return now;
}

bool contains(std::string_view hay, std::string_view needle) { return hay.find(needle) != std::string_view::npos; }

// Google's error envelope puts the reason in error.errors[].reason; the body
// of an error response is the server's words, not user content, so a string
// search is safe and survives the several envelope versions.
bool google_reason(std::string_view body, std::string_view reason) {
  std::string quoted = "\"" + std::string(reason) + "\"";
  return contains(body, quoted);
}

std::string snippet(std::string_view body) {
  std::string out;
  for (char c : body.substr(0, 160)) out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  return out;
}

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// Day of month of the n-th Sunday of a month.
unsigned nth_sunday(std::int64_t y, unsigned m, unsigned n) {
  std::int64_t first = days_from_civil(y, m, 1);
  unsigned weekday = static_cast<unsigned>(((first % 7) + 7 + 4) % 7);  // 1970-01-01 was a Thursday
  unsigned first_sunday = 1 + (7 - weekday) % 7;
  return first_sunday + 7 * (n - 1);
}

}  // namespace

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, std::int64_t now) {
  value = trim(value);
  if (value.empty()) return std::nullopt;
  if (auto n = parse_number(value)) return clamp_wait(*n);
  if (auto t = parse_http_date(value)) return clamp_wait(static_cast<double>(*t - now));
  return std::nullopt;
}

std::optional<std::chrono::seconds> parse_reset(std::string_view value, std::int64_t now) {
  value = trim(value);
  if (value.empty()) return std::nullopt;
  if (auto n = parse_number(value)) {
    // Epoch milliseconds, epoch seconds, or a delta: a delta is never more
    // than a day or so, an epoch is at least 1e9 (2001).
    if (*n >= 1e12) return clamp_wait(*n / 1000.0 - static_cast<double>(now));
    if (*n >= 1e9) return clamp_wait(*n - static_cast<double>(now));
    return clamp_wait(*n);
  }
  if (auto t = parse_iso8601(value)) {
    // parse_iso8601 drops fractions; a reset at 09:25:00.011 is after 09:25:00.
    bool fraction = false;
    if (auto dot = value.find('.'); dot != std::string_view::npos)
      for (std::size_t i = dot + 1; i < value.size() && std::isdigit(static_cast<unsigned char>(value[i])); ++i)
        fraction |= value[i] != '0';
    return clamp_wait(static_cast<double>(*t - now) + (fraction ? 1 : 0));
  }
  if (auto t = parse_http_date(value)) return clamp_wait(static_cast<double>(*t - now));
  return std::nullopt;
}

RateLimitInfo parse_rate_limit(const Response& r, std::int64_t now) {
  RateLimitInfo info;
  const std::int64_t t = server_now(r, now);
  if (auto v = r.header("Retry-After"); !v.empty()) info.retry_after = parse_retry_after(v, t);
  for (std::string_view name : {"X-RateLimit-Reset", "X-Rate-Limit-Reset", "RateLimit-Reset"}) {
    if (auto v = r.header(name); !v.empty()) {
      if ((info.reset_in = parse_reset(v, t))) break;
    }
  }
  for (std::string_view name : {"X-RateLimit-Remaining", "X-Rate-Limit-Remaining", "RateLimit-Remaining"}) {
    if (auto v = r.header(name); !v.empty()) {
      if ((info.remaining = parse_number(v))) break;
    }
  }
  return info;
}

std::chrono::seconds until_pacific_midnight(std::int64_t now) {
  // US rules since 2007: PDT (UTC-7) from the 2nd Sunday of March 02:00 local
  // to the 1st Sunday of November 02:00 local; PST (UTC-8) otherwise.
  auto offset_at = [](std::int64_t t) -> std::int64_t {
    std::time_t tt = static_cast<std::time_t>(t - 8 * 3600);  // standard time first
    std::tm tm{};
    gmtime_r(&tt, &tm);
    std::int64_t y = tm.tm_year + 1900;
    std::int64_t start = days_from_civil(y, 3, nth_sunday(y, 3, 2)) * 86400 + 2 * 3600 + 8 * 3600;
    std::int64_t end = days_from_civil(y, 11, nth_sunday(y, 11, 1)) * 86400 + 2 * 3600 + 7 * 3600;
    return (t >= start && t < end) ? -7 * 3600 : -8 * 3600;
  };
  std::int64_t local = now + offset_at(now);
  std::int64_t next_local_midnight = (local / 86400 + 1) * 86400;
  // The offset at that midnight differs from now's only across a DST switch
  // night; one re-evaluation settles it.
  std::int64_t next = next_local_midnight - offset_at(now);
  next = next_local_midnight - offset_at(next);
  return std::chrono::seconds(std::max<std::int64_t>(1, next - now));
}

std::optional<Failure> classify(const Response& r, std::int64_t now, const ClassifyOptions& options) {
  const long s = r.status;
  const std::string where = " (HTTP " + std::to_string(s) + ")";
  const RateLimitInfo info = parse_rate_limit(r, now);
  auto wait = [&]() -> std::chrono::seconds {
    std::chrono::seconds w = k_default_rate_limit_wait;
    if (info.retry_after) w = *info.retry_after;
    else if (info.reset_in) w = *info.reset_in;
    return std::max(w, std::chrono::seconds(1));
  };

  if (s >= 200 && s < 300) {
    // Google Play's web endpoint throttles with a 200 whose payload is a gateway error.
    if (contains(r.body, "com.google.play.gateway.proto.PlayGatewayError"))
      return Failure::rate_limited("throttled: PlayGatewayError in a 200 response", wait());
    return std::nullopt;
  }
  if (s == 304) return std::nullopt;
  if (s == 429) return Failure::rate_limited("rate limited" + where, wait());
  if (s == 403 || s == 429 || s == 400) {
    if (google_reason(r.body, "quotaExceeded") || google_reason(r.body, "dailyLimitExceeded"))
      return Failure::rate_limited("daily quota exceeded; it resets at midnight Pacific time" + where,
                                   until_pacific_midnight(server_now(r, now)));
    if (google_reason(r.body, "rateLimitExceeded") || google_reason(r.body, "userRateLimitExceeded"))
      return Failure::rate_limited("rate limited" + where, wait());
  }
  if (s == 400 && contains(r.body, "\"rate_limit_error\""))
    return Failure::rate_limited("rate limited (legacy 400 rate_limit_error)", wait());
  if (s == 503 && (info.retry_after || info.reset_in))
    return Failure::rate_limited("service unavailable; the server said when to retry" + where, wait());
  if (s >= 500 || s == 408 || s == 425) {
    Failure f = Failure::transient("server error" + where);
    if (info.retry_after) f.retry_after = *info.retry_after;
    return f;
  }
  if (s == 401 || s == 407) return Failure::auth("credentials missing or refused" + where + ": " + snippet(r.body));
  if (s == 403) {
    if (options.forbidden_is_auth)
      return Failure::auth("access forbidden; this source needs credentials or permission" + where + ": " +
                           snippet(r.body));
    return Failure::fatal("forbidden" + where + ": " + snippet(r.body));
  }
  if (s >= 300 && s < 400) return Failure::transient("unexpected redirect" + where);
  if (s == 404 || s == 410) return Failure::fatal("not found; check the source's settings" + where);
  if (s >= 400) return Failure::fatal("request refused" + where + ": " + snippet(r.body));
  return Failure::transient("unexpected status" + where);
}

}  // namespace pantau::http
