#include "connectors/support/text.hpp"

#include <array>
#include <cctype>
#include <cstdint>
#include <cstdlib>

namespace pantau::connectors::text {
void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

namespace {

struct Named {
  std::string_view name;
  std::uint32_t cp;
};
// The references that real feeds use; HTML5 has ~2,000, these cover the rest of ours.
constexpr std::array<Named, 40> k_named{{
    {"amp", '&'},      {"lt", '<'},        {"gt", '>'},        {"quot", '"'},      {"apos", '\''},
    {"nbsp", 0xA0},    {"ndash", 0x2013},  {"mdash", 0x2014},  {"lsquo", 0x2018},  {"rsquo", 0x2019},
    {"ldquo", 0x201C}, {"rdquo", 0x201D},  {"hellip", 0x2026}, {"bull", 0x2022},   {"middot", 0xB7},
    {"copy", 0xA9},    {"reg", 0xAE},      {"trade", 0x2122},  {"euro", 0x20AC},   {"eacute", 0xE9},
    {"egrave", 0xE8},  {"ecirc", 0xEA},    {"agrave", 0xE0},   {"aacute", 0xE1},   {"uuml", 0xFC},
    {"ouml", 0xF6},    {"auml", 0xE4},     {"ccedil", 0xE7},   {"iacute", 0xED},   {"oacute", 0xF3},
    {"uacute", 0xFA},  {"ntilde", 0xF1},   {"szlig", 0xDF},    {"laquo", 0xAB},    {"raquo", 0xBB},
    {"deg", 0xB0},     {"times", 0xD7},    {"rarr", 0x2192},   {"larr", 0x2190},   {"zwj", 0x200D},
}};

bool is_block(std::string_view tag) {
  for (std::string_view b : {"p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
                             "tr", "pre", "hr", "section", "article", "header", "footer", "table"})
    if (tag == b) return true;
  return false;
}

}  // namespace

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string decode_entities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    std::size_t semi = s.find(';', i + 1);
    if (semi == std::string_view::npos || semi - i > 12) {
      out += '&';
      continue;
    }
    std::string_view ref = s.substr(i + 1, semi - i - 1);
    bool done = false;
    if (ref.size() >= 2 && ref[0] == '#') {
      bool hex = ref[1] == 'x' || ref[1] == 'X';
      std::string digits(ref.substr(hex ? 2 : 1));
      char* end = nullptr;
      unsigned long cp = digits.empty() ? 0 : std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
      if (!digits.empty() && end && *end == '\0') {
        append_utf8(out, static_cast<std::uint32_t>(cp));
        done = true;
      }
    } else {
      for (const Named& n : k_named)
        if (n.name == ref) {
          append_utf8(out, n.cp);
          done = true;
          break;
        }
    }
    if (done) i = semi;
    else out += '&';
  }
  return out;
}

std::string html_to_text(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  std::size_t i = 0;
  while (i < html.size()) {
    char c = html[i];
    if (c != '<') {
      // Whitespace in HTML source is not significant; newlines come from tags.
      out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
      ++i;
      continue;
    }
    if (html.substr(i, 4) == "<!--") {
      std::size_t end = html.find("-->", i + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    std::size_t end = html.find('>', i + 1);
    if (end == std::string_view::npos) {  // a lone '<' is text
      out += c;
      ++i;
      continue;
    }
    std::string_view tag = html.substr(i + 1, end - i - 1);
    bool closing = !tag.empty() && tag[0] == '/';
    if (closing) tag.remove_prefix(1);
    std::size_t name_end = 0;
    while (name_end < tag.size() && std::isalnum(static_cast<unsigned char>(tag[name_end]))) ++name_end;
    if (name_end == 0) {  // "< 3" or "<3": not a tag
      out += c;
      ++i;
      continue;
    }
    std::string name = lower(tag.substr(0, name_end));
    if (!closing && (name == "script" || name == "style")) {
      std::size_t close = lower(html.substr(end)).find("</" + name);
      i = close == std::string::npos ? html.size() : end + close;
      continue;
    }
    if (name == "br") out += '\n';
    else if (name == "p" || name == "div" || name == "blockquote" || name == "pre") out += closing ? "\n\n" : (out.empty() ? "" : "\n\n");
    else if (name == "li" && !closing) out += "\n- ";
    else if (is_block(name)) out += '\n';
    i = end + 1;
  }
  return tidy(decode_entities(out));
}

std::string tidy(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  int newlines = 0;
  bool space = false;
  for (char c : s) {
    if (c == '\r') continue;
    if (c == '\n') {
      ++newlines;
      space = false;
      continue;
    }
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (!out.empty()) {
      if (newlines > 0) out += newlines > 1 ? "\n\n" : "\n";
      else if (space) out += ' ';
    }
    newlines = 0;
    space = false;
    out += c;
  }
  // A non-breaking space alone on a line (&nbsp; paragraphs) is noise too.
  return out;
}

std::string valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool ok = len > 0 && i + len <= s.size();
    for (std::size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok && len == 2) ok = c >= 0xC2;
    if (ok) {
      out.append(s.substr(i, len));
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

std::string url_encode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string url_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() + 0 && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else if (s[i] == '+') {
      out += ' ';
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string query_param(std::string_view url, std::string_view name) {
  std::size_t q = url.find('?');
  if (q == std::string_view::npos) return {};
  std::string_view rest = url.substr(q + 1);
  if (auto hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
  while (!rest.empty()) {
    std::size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    std::size_t eq = pair.find('=');
    if (pair.substr(0, eq) == name) return eq == std::string_view::npos ? std::string() : url_decode(pair.substr(eq + 1));
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return {};
}

}  // namespace pantau::connectors::text
