#include "common/timeutil.hpp"

#include <gtest/gtest.h>

using namespace pantau;

TEST(Iso8601, ParsesUtcOffsetsAndFractions) {
  EXPECT_EQ(parse_iso8601("2026-08-21T09:20:00Z"), 1787304000);
  EXPECT_EQ(parse_iso8601("2026-08-21T16:20:00+07:00"), 1787304000);
  EXPECT_EQ(parse_iso8601("2026-08-21T16:20:00+0700"), 1787304000);
  EXPECT_EQ(parse_iso8601("2026-08-21T09:20:00.123Z"), 1787304000);
  EXPECT_EQ(parse_iso8601("2026-08-21 09:20:00"), 1787304000);
  EXPECT_EQ(parse_iso8601("2026-08-21"), 1787270400);
}

TEST(Iso8601, RejectsMalformed) {
  EXPECT_FALSE(parse_iso8601("2026-02-30T00:00:00Z"));
  EXPECT_FALSE(parse_iso8601("2026-08-21T25:00:00Z"));
  EXPECT_FALSE(parse_iso8601("yesterday"));
  EXPECT_FALSE(parse_iso8601("2026-08-21T09:20:00Zjunk"));
  EXPECT_FALSE(parse_iso8601(""));
}

TEST(Iso8601, FormatsRoundTrip) {
  EXPECT_EQ(format_iso8601(1787304000), "2026-08-21T09:20:00Z");
  EXPECT_EQ(format_rfc2822(1787304000), "Fri, 21 Aug 2026 09:20:00 +0000");
}

TEST(HttpDate, ParsesImfFixdateAndNumericZones) {
  EXPECT_EQ(parse_http_date("Fri, 21 Aug 2026 09:20:00 GMT"), 1787304000);
  EXPECT_EQ(parse_http_date("Fri, 21 Aug 2026 16:20:00 +0700"), 1787304000);
  EXPECT_FALSE(parse_http_date("Fri, 21 Foo 2026 09:20:00 GMT"));
}

TEST(Duration, ParsesUnitsAndCombinations) {
  EXPECT_EQ(parse_duration("90m"), 5400);
  EXPECT_EQ(parse_duration("24h"), 86400);
  EXPECT_EQ(parse_duration("7d"), 604800);
  EXPECT_EQ(parse_duration("1h30m"), 5400);
  EXPECT_EQ(parse_duration("45"), 45);
  EXPECT_FALSE(parse_duration("1h30"));
  EXPECT_FALSE(parse_duration("soon"));
  EXPECT_EQ(format_duration(5400), "1h30m");
}

TEST(TimePoint, DurationOrIsoDate) {
  EXPECT_EQ(parse_time_point("1h", 10000), 6400);
  EXPECT_EQ(parse_time_point("2026-08-21", 0), 1787270400);
  EXPECT_FALSE(parse_time_point("last week", 0));
}
