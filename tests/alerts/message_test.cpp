#include "alerts/message.hpp"

#include <gtest/gtest.h>

namespace pa = pantau::alerts;

namespace {

pa::AlertMessage sample() {
  pa::AlertMessage m;
  auto& e = m.event;
  e.type = pa::EpisodeEvent::Type::opened;
  e.watch = "acme";
  e.kind = pa::AlertKind::negative_spike;
  e.episode_start = 1772800000;
  e.episode_id = "acme|1772800000";
  e.window_end = 1772800300;
  e.window_start = e.window_end - 3 * 3600;
  e.observed = 84;
  e.expected = 16.4;
  e.window_total = 300;
  e.p_value = 2.3e-7;
  m.top_aspects = {{"delivery", 31}, {"refund", 12}};
  m.examples = {
      {"twitter", "@budi", "https://x.example/p/1", "Paket belum sampai 2 minggu, parah", 1772799000},
      // The attack: CR/LF and a forged header line inside a post.
      {"mastodon", "eve\r\nBcc: victim@evil.example", "https://m.example/@eve/2",
       "kecewa\r\nBcc: victim@evil.example\r\nSubject: pwned\r\n\r\n<script>alert(1)</script>", 1772799100},
      {"playstore", "Sari", "javascript:alert(1)", "Refund lambat banget \xF0\x9F\x98\xA1", 1772799200},
  };
  for (int h = 0; h < 48; ++h) m.last_48h.push_back({1772800000 - (48 - h) * 3600, 40 + h, h < 45 ? 4 : 30});
  return m;
}

// Headers end at the first empty line.
std::string headers_of(const std::string& mail) { return mail.substr(0, mail.find("\r\n\r\n") + 2); }

}  // namespace

TEST(Message, SubjectNamesWatchKindAndSize) {
  auto m = sample();
  EXPECT_EQ(pa::compose_subject(m), "[Pantau] acme: negative spike, 84 negatives in 3h (5.1x expected)");
  m.event.type = pa::EpisodeEvent::Type::resolved;
  EXPECT_EQ(pa::compose_subject(m), "[Pantau] Resolved: acme: negative spike");
  m.event.type = pa::EpisodeEvent::Type::opened;
  m.event.kind = pa::AlertKind::negative_share;
  m.event.share = 0.45;
  m.event.baseline_share = 0.10;
  m.event.observed = 90;
  m.event.window_total = 200;
  EXPECT_EQ(pa::compose_subject(m), "[Pantau] acme: negative share rise, 45% negative vs 10% usual (90 of 200 in 3h)");
}

TEST(Message, PostTextNeverReachesHeaders) {
  const auto m = sample();
  const std::string mail = pa::compose_mime(m, {"Pantau <pantau@example.co.id>", {"cx@example.co.id"}, "example.co.id"},
                                            1772800400);
  const std::string h = headers_of(mail);
  EXPECT_EQ(h.find("Bcc"), std::string::npos);
  EXPECT_EQ(h.find("victim"), std::string::npos);
  EXPECT_EQ(h.find("pwned"), std::string::npos);
  // Exactly one header block: every header line is "Name: value" or a folded continuation.
  std::size_t pos = 0;
  int subjects = 0;
  while (pos < h.size()) {
    const auto end = h.find("\r\n", pos);
    const std::string line = h.substr(pos, end - pos);
    if (line.rfind("Subject:", 0) == 0) ++subjects;
    EXPECT_TRUE(line.empty() || line[0] == ' ' || line.find(": ") != std::string::npos) << line;
    pos = end + 2;
  }
  EXPECT_EQ(subjects, 1);
  // No bare CR or LF anywhere: every line break is CRLF.
  for (std::size_t i = 0; i < mail.size(); ++i) {
    if (mail[i] == '\n') {
      EXPECT_TRUE(i > 0 && mail[i - 1] == '\r') << i;
    }
    if (mail[i] == '\r') {
      EXPECT_TRUE(i + 1 < mail.size() && mail[i + 1] == '\n') << i;
    }
  }
  // The post is in the body, flattened onto one line and escaped.
  const std::string text = pa::compose_text(m);
  EXPECT_NE(text.find("\"kecewa Bcc: victim@evil.example Subject: pwned <script>"), std::string::npos);
  const std::string html = pa::compose_html(m);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(html.find("href=\"javascript:"), std::string::npos);  // only http(s) links become anchors
  // In the wire body no line starts with "Bcc:".
  EXPECT_EQ(mail.find("\r\nBcc:"), std::string::npos);
}

TEST(Message, MimeStructureAndThreading) {
  auto m = sample();
  const pa::MailHeaders hd{"Pantau <pantau@example.co.id>", {"a@example.co.id", "b@example.co.id"}, "example.co.id"};
  const std::string first = pa::compose_mime(m, hd, 1772800400);
  EXPECT_NE(first.find("Auto-Submitted: auto-generated\r\n"), std::string::npos);
  EXPECT_NE(first.find("Content-Type: multipart/alternative; boundary="), std::string::npos);
  EXPECT_NE(first.find("Content-Type: text/plain; charset=utf-8"), std::string::npos);
  EXPECT_NE(first.find("Content-Type: text/html; charset=utf-8"), std::string::npos);
  EXPECT_NE(first.find("To: a@example.co.id, b@example.co.id\r\n"), std::string::npos);
  EXPECT_EQ(first.find("In-Reply-To:"), std::string::npos);
  const std::string root = pa::message_id(m.event.episode_id, 0, "example.co.id");
  EXPECT_NE(first.find("Message-ID: " + root + "\r\n"), std::string::npos);

  m.sequence = 2;
  m.event.type = pa::EpisodeEvent::Type::resolved;
  const std::string later = pa::compose_mime(m, hd, 1772900000);
  EXPECT_NE(later.find("In-Reply-To: " + root + "\r\n"), std::string::npos);
  EXPECT_NE(later.find("References: " + root + "\r\n"), std::string::npos);
  EXPECT_EQ(later.find("Message-ID: " + root), std::string::npos);
  EXPECT_EQ(pa::compose_mime(m, hd, 1772900000), later);  // deterministic
}

TEST(Message, BodyCarriesEvidence) {
  const auto m = sample();
  const std::string t = pa::compose_text(m);
  EXPECT_NE(t.find("Observed: 84 negatives, expected 16.4 (5.1x)"), std::string::npos) << t;
  EXPECT_NE(t.find("p-value: 2.3e-07"), std::string::npos);
  EXPECT_NE(t.find("delivery (31) refund (12)"), std::string::npos);
  EXPECT_NE(t.find("https://x.example/p/1"), std::string::npos);
  const std::string h = pa::compose_html(m);
  EXPECT_NE(h.find("<svg"), std::string::npos);
  EXPECT_NE(h.find("<a href=\"https://x.example/p/1\">"), std::string::npos);
}

TEST(Message, HeaderEncodingAndQuotedPrintable) {
  EXPECT_EQ(pa::header_safe("a\r\nBcc: x"), "a Bcc: x");
  EXPECT_EQ(pa::encode_header_word("plain"), "plain");
  const std::string enc = pa::encode_header_word("toko \xC3\xA9 \r\n bad");
  EXPECT_EQ(enc.rfind("=?UTF-8?B?", 0), 0u);
  EXPECT_EQ(enc.find('\n'), std::string::npos);  // short: no folding needed
  EXPECT_EQ(pa::quoted_printable("a=b \nc\xC3\xA9"), "a=3Db=20\r\nc=C3=A9");
  const std::string long_line(200, 'x');
  for (const auto& piece : {pa::quoted_printable(long_line)}) {
    std::size_t start = 0, end;
    while ((end = piece.find("\r\n", start)) != std::string::npos) {
      EXPECT_LE(end - start, 76u);
      start = end + 2;
    }
  }
}

TEST(Message, JsonPayloadRoundTrips) {
  const auto m = sample();
  const auto v = pa::to_json(m);
  auto back = pa::alert_message_from_json(*pa::json::parse(v.dump()));
  ASSERT_TRUE(back.ok()) << back.failure().message;
  EXPECT_EQ(pa::to_json(*back).dump(), v.dump());
  EXPECT_FALSE(pa::alert_message_from_json(pa::json::Value(3)).ok());
}
