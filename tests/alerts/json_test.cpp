#include "alerts/json.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace js = pantau::alerts::json;

TEST(Json, DoublesRoundTripExactly) {
  for (double d : {0.1, 1.0 / 3.0, 1e-300, 123456789.123456789, -2.5e17, 4.0e15 + 1.0}) {
    js::Value v = js::Value::array();
    v.push_back(d);
    auto back = js::parse(v.dump());
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->as_array().at(0).as_double(), d);
  }
}

TEST(Json, EscapesEveryControlCharacter) {
  auto o = js::Value::object();
  o.set("text", std::string("line1\r\nBcc: x@evil\x01\"\\"));
  const std::string s = o.dump();
  EXPECT_EQ(s.find('\n'), std::string::npos);
  EXPECT_EQ(s.find('\r'), std::string::npos);
  EXPECT_NE(s.find("\\r\\nBcc"), std::string::npos);
  EXPECT_NE(s.find("\\u0001"), std::string::npos);
  auto back = js::parse(s);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->get("text").as_string(), std::string("line1\r\nBcc: x@evil\x01\"\\"));
}

TEST(Json, ParsesNestedValuesAndUnicodeEscapes) {
  auto v = js::parse(R"( {"a": [1, 2.5, true, null, "x\u00e9\ud83d\ude00"], "b": {"c": -3e2}} )");
  ASSERT_TRUE(v.ok()) << v.failure().message;
  EXPECT_EQ(v->get("a").as_array().size(), 5u);
  EXPECT_EQ(v->get("a").as_array()[4].as_string(), "x\xC3\xA9\xF0\x9F\x98\x80");
  EXPECT_EQ(v->get("b").get("c").as_double(), -300.0);
  EXPECT_TRUE(v->get("missing").is_null());
}

TEST(Json, RejectsMalformedInput) {
  for (const char* bad : {"", "{", "[1,]", "{\"a\" 1}", "\"abc", "nul", "[1] x", "\"a\nb\""}) {
    auto r = js::parse(bad);
    EXPECT_FALSE(r.ok()) << bad;
  }
}
