// Turning what sources send into the plain text Item.text promises: markup
// stripped, entities decoded exactly once, whitespace tidied, valid UTF-8.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace pantau::connectors::text {

// Decodes HTML character references once: named (the common set), &#NN; and
// &#xNN;. Unknown or malformed references are kept as written.
std::string decode_entities(std::string_view s);

// HTML fragment -> plain text. Block elements (<p>, <br>, <div>, <li>, ...)
// become line breaks, <script>/<style> are dropped, Mastodon's
// <span class="invisible"> parts are kept (they hold the full URL), and the
// entities are decoded once at the end (so "&amp;lt;" becomes "&lt;").
std::string html_to_text(std::string_view html);

// Trims, turns runs of spaces/tabs into one space, and at most one blank line.
std::string tidy(std::string_view s);

// Replaces invalid UTF-8 sequences by U+FFFD.
std::string valid_utf8(std::string_view s);

// Percent-encoding for query values and path segments (RFC 3986 unreserved kept).
std::string url_encode(std::string_view s);
std::string url_decode(std::string_view s);
// The value of `name` in a URL's query string, percent-decoded; empty if absent.
std::string query_param(std::string_view url, std::string_view name);

// Appends one code point as UTF-8 (invalid ones as U+FFFD).
void append_utf8(std::string& out, std::uint32_t cp);

// ASCII lower case.
std::string lower(std::string_view s);

}  // namespace pantau::connectors::text
