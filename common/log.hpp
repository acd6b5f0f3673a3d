// Log lines are an operator interface:
//   <MESSAGE_ID> <A sentence.> key=value key="value with spaces"
// The id is stable (documented in docs/log-messages.md), the sentence is for
// people, the fields are for grep and log shippers. Secrets never reach a
// field: pass URLs through redact_url() and never log tokens at all.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace pantau::log {

enum class Level { debug, info, warn, error };

struct Field {
  std::string_view key;
  std::string value;
  Field(std::string_view k, std::string_view v) : key(k), value(v) {}
  Field(std::string_view k, const std::string& v) : key(k), value(v) {}
  Field(std::string_view k, const char* v) : key(k), value(v ? v : "") {}
  Field(std::string_view k, std::int64_t v) : key(k), value(std::to_string(v)) {}
  Field(std::string_view k, int v) : key(k), value(std::to_string(v)) {}
  Field(std::string_view k, unsigned v) : key(k), value(std::to_string(v)) {}
  Field(std::string_view k, std::size_t v) : key(k), value(std::to_string(v)) {}
  Field(std::string_view k, double v);
  Field(std::string_view k, bool v) : key(k), value(v ? "true" : "false") {}
};

// Sets up the process logger. Under systemd (JOURNAL_STREAM is set) lines carry
// sd-daemon priority prefixes ("<3>") instead of timestamps, which journald adds.
void init(std::string_view program, Level min_level);
void set_level(Level min_level);
std::optional<Level> parse_level(std::string_view s);

void write(Level level, std::string_view id, std::string_view sentence, std::initializer_list<Field> fields);

inline void debug(std::string_view id, std::string_view s, std::initializer_list<Field> f = {}) {
  write(Level::debug, id, s, f);
}
inline void info(std::string_view id, std::string_view s, std::initializer_list<Field> f = {}) {
  write(Level::info, id, s, f);
}
inline void warn(std::string_view id, std::string_view s, std::initializer_list<Field> f = {}) {
  write(Level::warn, id, s, f);
}
inline void error(std::string_view id, std::string_view s, std::initializer_list<Field> f = {}) {
  write(Level::error, id, s, f);
}

// The line write() would print, without level or prefix (for tests).
std::string format_line(std::string_view id, std::string_view sentence, std::initializer_list<Field> fields);

// Replaces credentials in a URL (userinfo, and query values of key, token,
// access_token, api_key, password, secret, sig, signature, client_secret) by "REDACTED".
std::string redact_url(std::string_view url);

}  // namespace pantau::log
