#include "common/log.hpp"

#include <gtest/gtest.h>

using namespace pantau;

TEST(LogLine, IdSentenceAndQuotedFields) {
  EXPECT_EQ(log::format_line("SOURCE_POLL_FAILED", "A poll failed.", {{"source", "rss:kopi"}, {"n", 3}}),
            "SOURCE_POLL_FAILED A poll failed. source=rss:kopi n=3");
  EXPECT_EQ(log::format_line("X", "S.", {{"error", "two words"}, {"empty", ""}}), "X S. error=\"two words\" empty=\"\"");
}

TEST(LogLine, ControlCharactersCannotForgeLines) {
  std::string line = log::format_line("X", "S.", {{"text", "a\nFAKE_ID injected=1"}});
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_NE(line.find("\\n"), std::string::npos);
}

TEST(LogLine, QuotedValuesAreJsonStrings) {
  EXPECT_EQ(log::format_line("X", "S.", {{"text", "say \"hi\"\x01 😋"}}), "X S. text=\"say \\\"hi\\\"\\u0001 😋\"");
}

TEST(Redact, HidesCredentialsInUrls) {
  EXPECT_EQ(log::redact_url("https://www.googleapis.com/youtube/v3/commentThreads?part=snippet&key=AIzaSECRET&q=x"),
            "https://www.googleapis.com/youtube/v3/commentThreads?part=snippet&key=REDACTED&q=x");
  EXPECT_EQ(log::redact_url("smtp://user:pass@mail.example:587/"), "smtp://REDACTED@mail.example:587/");
  EXPECT_EQ(log::redact_url("https://example.com/a?access_token=abc"), "https://example.com/a?access_token=REDACTED");
}
