#include "common/timeutil.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace pantau {
namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    char c = s[i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

// Days from 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool valid_date(int y, int mo, int d) {
  static const int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (mo < 1 || mo > 12 || d < 1) return false;
  int max = k_days[mo - 1];
  if (mo == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) max = 29;
  return d <= max;
}

}  // namespace

std::optional<std::int64_t> parse_iso8601(std::string_view s) {
  int y, mo, d, h = 0, mi = 0, sec = 0;
  if (!digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d))
    return std::nullopt;
  if (!valid_date(y, mo, d)) return std::nullopt;
  std::size_t pos = 10;
  std::int64_t offset = 0;
  if (pos < s.size()) {
    if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') return std::nullopt;
    if (!digits(s, pos + 1, 2, h) || pos + 3 >= s.size() || s[pos + 3] != ':' || !digits(s, pos + 4, 2, mi))
      return std::nullopt;
    pos += 6;
    if (pos < s.size() && s[pos] == ':') {
      if (!digits(s, pos + 1, 2, sec)) return std::nullopt;
      pos += 3;
    }
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      ++pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    }
    if (pos < s.size()) {
      char z = s[pos];
      if (z == 'Z' || z == 'z') {
        ++pos;
      } else if (z == '+' || z == '-') {
        int oh, om = 0;
        if (!digits(s, pos + 1, 2, oh)) return std::nullopt;
        std::size_t p = pos + 3;
        if (p < s.size() && s[p] == ':') ++p;
        if (p < s.size()) {
          if (!digits(s, p, 2, om)) return std::nullopt;
          p += 2;
        }
        offset = (oh * 3600 + om * 60) * (z == '+' ? 1 : -1);
        pos = p;
      }
    }
    if (pos != s.size()) return std::nullopt;
    if (h > 23 || mi > 59 || sec > 60) return std::nullopt;
  }
  return days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 +
         mi * 60 + sec - offset;
}

std::optional<std::int64_t> parse_http_date(std::string_view s) {
  static const char* k_months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  // Skip an optional "Sun, " day name.
  auto comma = s.find(',');
  if (comma != std::string_view::npos) s.remove_prefix(comma + 1);
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  int d = 0;
  std::size_t p = 0;
  while (p < s.size() && s[p] >= '0' && s[p] <= '9') d = d * 10 + (s[p++] - '0');
  if (p == 0 || p >= s.size() || s[p] != ' ') return std::nullopt;
  ++p;
  if (p + 3 > s.size()) return std::nullopt;
  int mo = 0;
  for (int i = 0; i < 12; ++i)
    if (s.substr(p, 3) == k_months[i]) mo = i + 1;
  if (mo == 0) return std::nullopt;
  p += 3;
  int y, h, mi, sec = 0;
  if (p >= s.size() || s[p] != ' ' || !digits(s, p + 1, 4, y)) return std::nullopt;
  p += 5;
  if (p >= s.size() || s[p] != ' ' || !digits(s, p + 1, 2, h) || !digits(s, p + 4, 2, mi))
    return std::nullopt;
  p += 6;
  if (p < s.size() && s[p] == ':') {
    if (!digits(s, p + 1, 2, sec)) return std::nullopt;
    p += 3;
  }
  while (p < s.size() && s[p] == ' ') ++p;
  std::int64_t offset = 0;
  std::string_view zone = s.substr(p);
  if (!zone.empty() && (zone[0] == '+' || zone[0] == '-')) {
    int oh, om;
    if (!digits(zone, 1, 2, oh) || !digits(zone, 3, 2, om)) return std::nullopt;
    offset = (oh * 3600 + om * 60) * (zone[0] == '+' ? 1 : -1);
  } else if (!zone.empty() && zone != "GMT" && zone != "UTC" && zone != "UT" && zone != "Z") {
    return std::nullopt;
  }
  if (!valid_date(y, mo, d)) return std::nullopt;
  return days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 +
         mi * 60 + sec - offset;
}

std::string format_iso8601(std::int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string format_rfc2822(std::int64_t t) {
  static const char* k_days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* k_months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", k_days[tm.tm_wday], tm.tm_mday,
                k_months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::optional<std::int64_t> parse_duration(std::string_view s) {
  if (s.empty()) return std::nullopt;
  std::int64_t total = 0;
  std::size_t p = 0;
  bool any = false;
  while (p < s.size()) {
    std::int64_t n = 0;
    std::size_t start = p;
    while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
      n = n * 10 + (s[p++] - '0');
      if (n > 100'000'000'000LL) return std::nullopt;
    }
    if (p == start) return std::nullopt;
    std::int64_t unit = 1;
    if (p < s.size()) {
      switch (s[p]) {
        case 's': unit = 1; break;
        case 'm': unit = 60; break;
        case 'h': unit = 3600; break;
        case 'd': unit = 86400; break;
        case 'w': unit = 7 * 86400; break;
        default: return std::nullopt;
      }
      ++p;
    } else if (any) {
      return std::nullopt;  // "1h30" is ambiguous
    }
    total += n * unit;
    any = true;
  }
  return total;
}

std::string format_duration(std::int64_t s) {
  if (s == 0) return "0s";
  std::string out;
  if (s < 0) {
    out = "-";
    s = -s;
  }
  struct U { std::int64_t n; char c; };
  for (U u : {U{86400, 'd'}, U{3600, 'h'}, U{60, 'm'}, U{1, 's'}}) {
    if (s >= u.n) {
      out += std::to_string(s / u.n);
      out += u.c;
      s %= u.n;
    }
  }
  return out;
}

std::optional<std::int64_t> parse_time_point(std::string_view s, std::int64_t now) {
  if (auto d = parse_duration(s)) return now - *d;
  return parse_iso8601(s);
}

std::int64_t now_epoch() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace pantau
