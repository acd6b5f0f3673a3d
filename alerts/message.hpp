// What a notification says, and how it is rendered: pure functions from an
// AlertMessage (the outbox payload) to a subject, a text part, an HTML part
// and a complete RFC 5322 / MIME mail. No I/O here, so every byte a reader
// sees is unit-testable.
//
// Header safety: post text (examples, authors, aspects) only ever reaches the
// body, escaped (control characters flattened, HTML-escaped, quoted-printable).
// Values that do reach headers (watch name, addresses) pass header_safe(),
// which drops CR, LF and every other control character, and non-ASCII is
// RFC 2047 encoded.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "alerts/detector.hpp"
#include "alerts/json.hpp"
#include "common/result.hpp"

namespace pantau::alerts {

struct ExamplePost {
  std::string source;
  std::string author;
  std::string url;
  std::string text;
  std::int64_t created_at = 0;
};

struct SeriesPoint {  // one hour of the last 48 h
  std::int64_t start = 0;
  std::int64_t total = 0;
  std::int64_t negative = 0;
};

struct AlertMessage {
  EpisodeEvent event;
  std::int64_t sequence = 0;  // 0 for the episode's first mail, then 1, 2, ... (threading)
  std::vector<std::pair<std::string, std::int64_t>> top_aspects;  // complaint aspect, count
  std::vector<ExamplePost> examples;                              // 3-5 posts
  std::vector<SeriesPoint> last_48h;
  std::string dashboard_url;  // optional link
  // Other alerts of the same group (watch) in this notification, Alertmanager
  // style: one mail per incident, not one per test.
  std::vector<EpisodeEvent> also;
  // Non-alert notices (source_silent, digest) reuse the same outbox and
  // notifiers: when notice_kind is set, the subject and text below replace the
  // episode rendering (event.watch and event.episode_id still name the watch
  // and the thread).
  std::string notice_kind;     // "" | "source_silent" | "digest"
  std::string notice_subject;  // header-safe()'d when rendered
  std::string notice_text;     // plain text, '\n' lines
};

json::Value to_json(const AlertMessage& m);
Result<AlertMessage> alert_message_from_json(const json::Value& v);

// "[Pantau] acme: negative spike, 84 negatives in 3h (5.1x expected)"
std::string compose_subject(const AlertMessage& m);
std::string compose_text(const AlertMessage& m);
std::string compose_html(const AlertMessage& m);

struct MailHeaders {
  std::string from;              // "Pantau <pantau@example.co.id>"
  std::vector<std::string> to;
  std::string message_domain;    // right-hand side of Message-IDs
};

// "<pantau.<hash of episode id>.<sequence>@domain>"; sequence 0 is the thread root.
std::string message_id(const std::string& episode_id, std::int64_t sequence, const std::string& domain);

// The whole mail, CRLF line endings, multipart/alternative (text + HTML).
// `date` is epoch seconds for the Date header; the boundary derives from the
// episode id and sequence, so the same message renders to the same bytes.
std::string compose_mime(const AlertMessage& m, const MailHeaders& h, std::int64_t date);

// Helpers, exposed for tests.
std::string header_safe(std::string_view s);      // no control characters at all
std::string encode_header_word(std::string_view s);  // RFC 2047 B-encoding when not plain ASCII
std::string flatten(std::string_view s);          // CR/LF/controls -> one space each run
std::string quoted_printable(std::string_view s); // input lines separated by '\n'
std::string svg_chart(const std::vector<SeriesPoint>& points);

}  // namespace pantau::alerts
