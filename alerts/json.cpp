#include "alerts/json.hpp"

#include "common/escape.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace pantau::alerts::json {

Value& Value::set(std::string key, Value v) {
  if (m_type != Type::object) {
    m_type = Type::object;
    m_obj.clear();
  }
  for (auto& [k, old] : m_obj)
    if (k == key) {
      old = std::move(v);
      return old;
    }
  m_obj.emplace_back(std::move(key), std::move(v));
  return m_obj.back().second;
}

const Value& Value::get(std::string_view key) const {
  static const Value k_null;
  for (const auto& [k, v] : m_obj)
    if (k == key) return v;
  return k_null;
}

bool Value::has(std::string_view key) const {
  for (const auto& [k, v] : m_obj)
    if (k == key) return true;
  return false;
}

void Value::dump_to(std::string& out) const {
  switch (m_type) {
    case Type::null: out += "null"; break;
    case Type::boolean: out += m_bool ? "true" : "false"; break;
    case Type::number: {
      char buf[40];
      if (!std::isfinite(m_num)) {
        out += "null";  // JSON has no inf/nan; readers treat it as absent
      } else if (m_num == std::floor(m_num) && std::fabs(m_num) < 9.0e15) {
        std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(m_num));
        out += buf;
      } else {
        std::snprintf(buf, sizeof buf, "%.17g", m_num);
        out += buf;
      }
      break;
    }
    case Type::string: append_json_string(out, m_str); break;
    case Type::array:
      out.push_back('[');
      for (std::size_t i = 0; i < m_arr.size(); ++i) {
        if (i) out.push_back(',');
        m_arr[i].dump_to(out);
      }
      out.push_back(']');
      break;
    case Type::object:
      out.push_back('{');
      for (std::size_t i = 0; i < m_obj.size(); ++i) {
        if (i) out.push_back(',');
        append_json_string(out, m_obj[i].first);
        out.push_back(':');
        m_obj[i].second.dump_to(out);
      }
      out.push_back('}');
      break;
  }
}

std::string Value::dump() const {
  std::string out;
  dump_to(out);
  return out;
}

namespace {

class Parser {
 public:
  explicit Parser(std::string_view s) : m_s(s) {}

  Result<Value> run() {
    Value v;
    if (!value(v, 0)) return Failure::invalid_input(m_err);
    ws();
    if (m_i != m_s.size()) return Failure::invalid_input(at("trailing characters"));
    return v;
  }

 private:
  std::string at(const char* what) { return std::string(what) + " at offset " + std::to_string(m_i); }
  bool fail(const char* what) {
    if (m_err.empty()) m_err = at(what);
    return false;
  }
  void ws() {
    while (m_i < m_s.size() && (m_s[m_i] == ' ' || m_s[m_i] == '\n' || m_s[m_i] == '\r' || m_s[m_i] == '\t')) ++m_i;
  }
  bool lit(std::string_view w) {
    if (m_s.substr(m_i, w.size()) != w) return false;
    m_i += w.size();
    return true;
  }

  static void put_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  bool hex4(unsigned& cp) {
    if (m_i + 4 > m_s.size()) return fail("short \\u escape");
    cp = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = m_s[m_i++];
      cp <<= 4;
      if (c >= '0' && c <= '9') cp |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f') cp |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') cp |= static_cast<unsigned>(c - 'A' + 10);
      else return fail("bad \\u escape");
    }
    return true;
  }

  bool string(std::string& out) {
    ++m_i;  // opening quote
    while (m_i < m_s.size()) {
      const char c = m_s[m_i++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return fail("control character in string");
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (m_i >= m_s.size()) break;
      const char e = m_s[m_i++];
      switch (e) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
          unsigned cp;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp < 0xDC00 && m_s.substr(m_i, 2) == "\\u") {
            m_i += 2;
            unsigned lo;
            if (!hex4(lo)) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          }
          put_utf8(out, cp);
          break;
        }
        default: return fail("bad escape");
      }
    }
    return fail("unterminated string");
  }

  bool value(Value& v, int depth) {
    if (depth > 64) return fail("nesting too deep");
    ws();
    if (m_i >= m_s.size()) return fail("unexpected end");
    const char c = m_s[m_i];
    if (c == '{') {
      ++m_i;
      v = Value::object();
      ws();
      if (m_i < m_s.size() && m_s[m_i] == '}') {
        ++m_i;
        return true;
      }
      for (;;) {
        ws();
        if (m_i >= m_s.size() || m_s[m_i] != '"') return fail("expected key");
        std::string key;
        if (!string(key)) return false;
        ws();
        if (m_i >= m_s.size() || m_s[m_i] != ':') return fail("expected ':'");
        ++m_i;
        Value item;
        if (!value(item, depth + 1)) return false;
        v.set(std::move(key), std::move(item));
        ws();
        if (m_i < m_s.size() && m_s[m_i] == ',') {
          ++m_i;
          continue;
        }
        if (m_i < m_s.size() && m_s[m_i] == '}') {
          ++m_i;
          return true;
        }
        return fail("expected ',' or '}'");
      }
    }
    if (c == '[') {
      ++m_i;
      v = Value::array();
      ws();
      if (m_i < m_s.size() && m_s[m_i] == ']') {
        ++m_i;
        return true;
      }
      for (;;) {
        Value item;
        if (!value(item, depth + 1)) return false;
        v.push_back(std::move(item));
        ws();
        if (m_i < m_s.size() && m_s[m_i] == ',') {
          ++m_i;
          continue;
        }
        if (m_i < m_s.size() && m_s[m_i] == ']') {
          ++m_i;
          return true;
        }
        return fail("expected ',' or ']'");
      }
    }
    if (c == '"') {
      std::string s;
      if (!string(s)) return false;
      v = Value(std::move(s));
      return true;
    }
    if (lit("true")) return v = Value(true), true;
    if (lit("false")) return v = Value(false), true;
    if (lit("null")) return v = Value(), true;
    // Number: strtod on a bounded copy (the view is not NUL-terminated).
    std::size_t j = m_i;
    while (j < m_s.size() && (std::isdigit(static_cast<unsigned char>(m_s[j])) || m_s[j] == '-' || m_s[j] == '+' ||
                              m_s[j] == '.' || m_s[j] == 'e' || m_s[j] == 'E'))
      ++j;
    if (j == m_i) return fail("unexpected character");
    const std::string num(m_s.substr(m_i, j - m_i));
    char* end = nullptr;
    const double d = std::strtod(num.c_str(), &end);
    if (end != num.c_str() + num.size()) return fail("bad number");
    m_i = j;
    v = Value(d);
    return true;
  }

  std::string_view m_s;
  std::size_t m_i = 0;
  std::string m_err;
};

}  // namespace

Result<Value> parse(std::string_view text) { return Parser(text).run(); }

}  // namespace pantau::alerts::json
