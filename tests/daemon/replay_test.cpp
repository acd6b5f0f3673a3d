#include "connectors/replay/replay.hpp"

#include <gtest/gtest.h>

using namespace pantau;

TEST(ReplayLine, ParsesEveryField) {
  auto item = connectors::parse_replay_line(
      R"({"id":"t1","source":"twitter","created_at":"2026-08-21T09:20:00Z","author":"rina","text":"Kopi dingin","url":"https://x.example/1","lang":"id","rating":2,"reply_to":"t0"})");
  ASSERT_TRUE(item.ok()) << item.failure().message;
  EXPECT_EQ(item->native_id, "t1");
  EXPECT_EQ(item->source, "twitter");
  EXPECT_EQ(item->created_at, 1787304000);
  EXPECT_EQ(item->rating, 2);
  EXPECT_EQ(item->reply_to, "t0");
}

TEST(ReplayLine, DefaultsSourceAndAcceptsEpochSeconds) {
  auto item = connectors::parse_replay_line(R"({"id": 42, "created_at": 1787304000, "text": "halo"})");
  ASSERT_TRUE(item.ok()) << item.failure().message;
  EXPECT_EQ(item->source, "replay");
  EXPECT_EQ(item->native_id, "42");
  EXPECT_FALSE(item->rating);
}

TEST(ReplayLine, SaysWhatIsWrong) {
  auto msg = [](const char* line) {
    auto r = connectors::parse_replay_line(line);
    return r.ok() ? std::string("ok") : r.failure().message;
  };
  EXPECT_NE(msg(R"({"id":"1","created_at":"2026-08-21T09:20:00Z")").find("invalid JSON"), std::string::npos);
  EXPECT_EQ(msg(R"({"created_at":"2026-08-21T09:20:00Z","text":"x"})"), "missing \"id\"");
  EXPECT_EQ(msg(R"({"id":"1","text":"x"})"), "missing \"created_at\"");
  EXPECT_NE(msg(R"({"id":"1","created_at":"kemarin","text":"x"})").find("not an ISO 8601"), std::string::npos);
  EXPECT_EQ(msg(R"({"id":"1","created_at":1,"text":5})"), "\"text\" is not a string");
  EXPECT_EQ(msg(R"([1,2])"), "not a JSON object");
  EXPECT_EQ(msg(R"({"id":"1","created_at":1,"text":"x","rating":4.5})"), "\"rating\" is not a whole number");
}
