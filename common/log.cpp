#include "common/log.hpp"

#include "common/escape.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>

namespace pantau::log {
namespace {

bool g_journal = false;

spdlog::level::level_enum to_spd(Level l) {
  switch (l) {
    case Level::debug: return spdlog::level::debug;
    case Level::info: return spdlog::level::info;
    case Level::warn: return spdlog::level::warn;
    case Level::error: return spdlog::level::err;
  }
  return spdlog::level::info;
}

const char* journal_prefix(Level l) {
  switch (l) {
    case Level::debug: return "<7>";
    case Level::info: return "<6>";
    case Level::warn: return "<4>";
    case Level::error: return "<3>";
  }
  return "<6>";
}

bool needs_quotes(std::string_view v) {
  if (v.empty()) return true;
  for (char c : v)
    if (c == ' ' || c == '"' || c == '=' || c == '\\' || static_cast<unsigned char>(c) < 0x20) return true;
  return false;
}

// A value that needs quotes is written as a JSON string literal, which log
// shippers and `jq` already know how to read back.
void append_value(std::string& out, std::string_view v) {
  if (needs_quotes(v))
    append_json_string(out, v);
  else
    out += v;
}

}  // namespace

Field::Field(std::string_view k, double v) : key(k) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  value = buf;
}

void init(std::string_view program, Level min_level) {
  g_journal = std::getenv("JOURNAL_STREAM") != nullptr;
  auto logger = spdlog::stderr_logger_mt(std::string(program));
  logger->set_pattern(g_journal ? "%v" : "%Y-%m-%dT%H:%M:%S.%eZ %^%l%$ %v", spdlog::pattern_time_type::utc);
  logger->set_level(to_spd(min_level));
  logger->flush_on(spdlog::level::debug);
  spdlog::set_default_logger(logger);
}

void set_level(Level min_level) { spdlog::set_level(to_spd(min_level)); }

std::optional<Level> parse_level(std::string_view s) {
  if (s == "debug") return Level::debug;
  if (s == "info") return Level::info;
  if (s == "warn" || s == "warning") return Level::warn;
  if (s == "error") return Level::error;
  return std::nullopt;
}

std::string format_line(std::string_view id, std::string_view sentence, std::initializer_list<Field> fields) {
  std::string line;
  line.reserve(128);
  line += id;
  line += ' ';
  line += sentence;
  for (const Field& f : fields) {
    line += ' ';
    line += f.key;
    line += '=';
    append_value(line, f.value);
  }
  return line;
}

void write(Level level, std::string_view id, std::string_view sentence, std::initializer_list<Field> fields) {
  auto lvl = to_spd(level);
  if (!spdlog::should_log(lvl)) return;
  std::string line = format_line(id, sentence, fields);
  if (g_journal) line.insert(0, journal_prefix(level));
  spdlog::log(lvl, "{}", line);
}

std::string redact_url(std::string_view url) {
  std::string out(url);
  // userinfo: scheme://user:pass@host
  auto scheme = out.find("://");
  if (scheme != std::string::npos) {
    auto host_start = scheme + 3;
    auto slash = out.find('/', host_start);
    auto at = out.find('@', host_start);
    if (at != std::string::npos && (slash == std::string::npos || at < slash))
      out.replace(host_start, at - host_start, "REDACTED");
  }
  static const char* k_secret_keys[] = {"key",      "token",  "access_token", "api_key", "apikey",
                                        "password", "secret", "sig",          "signature", "client_secret"};
  auto q = out.find('?');
  if (q == std::string::npos) return out;
  std::size_t p = q + 1;
  while (p < out.size()) {
    auto amp = out.find('&', p);
    if (amp == std::string::npos) amp = out.size();
    auto eq = out.find('=', p);
    if (eq != std::string::npos && eq < amp) {
      std::string_view k(out.data() + p, eq - p);
      for (const char* sk : k_secret_keys) {
        if (k == sk) {
          out.replace(eq + 1, amp - eq - 1, "REDACTED");
          amp = eq + 1 + 8;
          break;
        }
      }
    }
    p = amp + 1;
  }
  return out;
}

}  // namespace pantau::log
