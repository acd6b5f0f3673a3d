#include "common/escape.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace std::string_literals;
using pantau::append_json_string;
using pantau::html_escape;
using pantau::json_escape;

TEST(JsonEscape, QuotesAndBackslashes) {
  EXPECT_EQ(json_escape(R"(say "hi" \o/)"), R"(say \"hi\" \\o/)");
  EXPECT_EQ(json_escape(""), "");
}

TEST(JsonEscape, EveryControlCharacterIsEscaped) {
  EXPECT_EQ(json_escape("a\nb\rc\td"), R"(a\nb\rc\td)");
  EXPECT_EQ(json_escape("\x01\x1f\x7f"), R"(\u0001\u001f\u007f)");
  EXPECT_EQ(json_escape("nul\0here"s), R"(nul\u0000here)");
  for (int c = 0; c < 0x20; ++c) {
    const std::string out = json_escape(std::string(1, static_cast<char>(c)));
    EXPECT_EQ(out[0], '\\') << c;
    for (char o : out) EXPECT_GE(static_cast<unsigned char>(o), 0x20) << c;  // nothing raw survives
  }
}

TEST(JsonEscape, Utf8PassesThroughByteForByte) {
  const std::string s = "kopinya enak 😋 — ꦏꦺꦴꦥꦶ, café";
  EXPECT_EQ(json_escape(s), s);
  const std::string bad = "\xff\xfe broken";  // not UTF-8: left as it came, not "repaired"
  EXPECT_EQ(json_escape(bad), bad);
}

TEST(JsonEscape, AppendQuotes) {
  std::string out = "{\"text\":";
  append_json_string(out, "line1\r\nBcc: x");
  out += "}";
  EXPECT_EQ(out, R"({"text":"line1\r\nBcc: x"})");
}

TEST(HtmlEscape, TheFiveSpecialCharacters) {
  EXPECT_EQ(html_escape(R"(<a href="x" title='y'>&</a>)"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  EXPECT_EQ(html_escape("&amp;"), "&amp;amp;");  // escapes once, never decodes
}

TEST(HtmlEscape, ControlCharactersAndUtf8PassThrough) {
  const std::string s = "baris\nkedua — 😋 \x01";
  EXPECT_EQ(html_escape(s), s);
}
