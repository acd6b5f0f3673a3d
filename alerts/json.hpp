// A deliberately small JSON value, writer and parser for what alerts/ needs:
// detector state snapshots, outbox payloads, webhook bodies and JSON lines.
//
// Why not a library: the detector state must round-trip doubles bit-exactly
// (restart equivalence), the writer must be deterministic (same state, same
// bytes), and pantau_alerts should not drag a JSON dependency into the CLI.
// Numbers are doubles written with 17 significant digits (integers plainly),
// which strtod reads back exactly. Object keys keep insertion order.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.hpp"

namespace pantau::alerts::json {

class Value {
 public:
  enum class Type { null, boolean, number, string, array, object };
  using Array = std::vector<Value>;
  using Object = std::vector<std::pair<std::string, Value>>;

  Value() = default;
  Value(std::nullptr_t) {}
  Value(bool b) : m_type(Type::boolean), m_bool(b) {}
  Value(double d) : m_type(Type::number), m_num(d) {}
  Value(int i) : m_type(Type::number), m_num(i) {}
  Value(std::int64_t i) : m_type(Type::number), m_num(static_cast<double>(i)) {}
  Value(const char* s) : m_type(Type::string), m_str(s) {}
  Value(std::string s) : m_type(Type::string), m_str(std::move(s)) {}
  Value(std::string_view s) : m_type(Type::string), m_str(s) {}
  Value(Array a) : m_type(Type::array), m_arr(std::move(a)) {}
  static Value object() {
    Value v;
    v.m_type = Type::object;
    return v;
  }
  static Value array() { return Value(Array{}); }

  Type type() const { return m_type; }
  bool is_null() const { return m_type == Type::null; }
  bool is_number() const { return m_type == Type::number; }
  bool is_string() const { return m_type == Type::string; }
  bool is_array() const { return m_type == Type::array; }
  bool is_object() const { return m_type == Type::object; }

  bool as_bool(bool def = false) const { return m_type == Type::boolean ? m_bool : def; }
  double as_double(double def = 0.0) const { return m_type == Type::number ? m_num : def; }
  std::int64_t as_int(std::int64_t def = 0) const {
    return m_type == Type::number ? static_cast<std::int64_t>(m_num) : def;
  }
  const std::string& as_string() const { return m_str; }
  const Array& as_array() const { return m_arr; }
  Array& as_array() { return m_arr; }
  const Object& as_object() const { return m_obj; }

  // Object access: set() replaces or appends; get() returns null when absent.
  Value& set(std::string key, Value v);
  const Value& get(std::string_view key) const;
  bool has(std::string_view key) const;
  void push_back(Value v) { m_arr.push_back(std::move(v)); }

  std::string dump() const;

 private:
  void dump_to(std::string& out) const;
  Type m_type = Type::null;
  bool m_bool = false;
  double m_num = 0.0;
  std::string m_str;
  Array m_arr;
  Object m_obj;
};

Result<Value> parse(std::string_view text);

}  // namespace pantau::alerts::json
