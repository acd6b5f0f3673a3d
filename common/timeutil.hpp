// Time helpers shared by the daemon, the CLI and the connectors: every stored
// time is UTC epoch seconds; every printed time is ISO 8601 UTC.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pantau {

// "2026-08-21T09:20:00Z", "2026-08-21T16:20:00+07:00", "2026-08-21 09:20:00",
// "2026-08-21T09:20:00.123Z", "2026-08-21" (midnight UTC). nullopt if malformed.
std::optional<std::int64_t> parse_iso8601(std::string_view s);

// RFC 7231 IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), also RFC 2822 with a
// numeric zone ("Fri, 21 Aug 2026 16:20:00 +0700") as RSS uses.
std::optional<std::int64_t> parse_http_date(std::string_view s);

// "2026-08-21T09:20:00Z"
std::string format_iso8601(std::int64_t epoch_seconds);
// "Fri, 21 Aug 2026 09:20:00 +0000" for mail and HTTP headers.
std::string format_rfc2822(std::int64_t epoch_seconds);

// "90s", "90m", "24h", "7d", "2w", "1h30m", or a bare number of seconds.
std::optional<std::int64_t> parse_duration(std::string_view s);
// Inverse for display: 5400 -> "1h30m".
std::string format_duration(std::int64_t seconds);

// --since/--until: a duration back from `now`, or an ISO date/time.
std::optional<std::int64_t> parse_time_point(std::string_view s, std::int64_t now);

std::int64_t now_epoch();

}  // namespace pantau
