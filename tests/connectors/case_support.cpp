#include "tests/connectors/case_support.hpp"

#include "common/escape.hpp"
#include "common/timeutil.hpp"

#include <simdjson.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace pantau::test {
namespace {

using connectors::KeySpec;
using connectors::KeyType;
using connectors::Value;

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
  for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
    s.replace(p, from.size(), to);
  return s;
}

// A KeySpec default is a TOML literal: "text", 123, 1.5, true, ["a", "b"].
Result<Value> parse_default(const KeySpec& k) {
  std::string_view d = k.default_value;
  auto unquote = [](std::string_view s) { return std::string(s.substr(1, s.size() - 2)); };
  if (k.type == KeyType::string_list) {
    std::vector<std::string> out;
    std::size_t p = 0;
    while ((p = d.find('"', p)) != std::string_view::npos) {
      std::size_t q = d.find('"', p + 1);
      out.emplace_back(d.substr(p + 1, q - p - 1));
      p = q + 1;
    }
    return Value(out);
  }
  if (k.type == KeyType::duration) {
    std::string s = d.front() == '"' ? unquote(d) : std::string(d);
    auto secs = parse_duration(s);
    if (!secs) return Failure::invalid_input("bad duration default for " + std::string(k.name));
    return Value(*secs);
  }
  if (k.type == KeyType::boolean) return Value(d == "true");
  if (k.type == KeyType::integer) return Value(static_cast<std::int64_t>(std::stoll(std::string(d))));
  if (k.type == KeyType::number) return Value(std::stod(std::string(d)));
  return Value(d.front() == '"' ? unquote(d) : std::string(d));
}

Result<Value> from_json(const KeySpec& k, simdjson::dom::element el, const std::string& base) {
  std::string_view sv;
  std::int64_t i;
  double dv;
  bool b;
  switch (k.type) {
    case KeyType::string:
    case KeyType::secret:
      if (el.get(sv) == simdjson::SUCCESS) return Value(replace_all(std::string(sv), "{base}", base));
      break;
    case KeyType::integer:
      if (el.get(i) == simdjson::SUCCESS) return Value(i);
      break;
    case KeyType::number:
      if (el.get(dv) == simdjson::SUCCESS) return Value(dv);
      break;
    case KeyType::boolean:
      if (el.get(b) == simdjson::SUCCESS) return Value(b);
      break;
    case KeyType::duration:
      if (el.get(i) == simdjson::SUCCESS) return Value(i);
      if (el.get(sv) == simdjson::SUCCESS)
        if (auto s = parse_duration(sv)) return Value(*s);
      break;
    case KeyType::string_list: {
      if (el.get(sv) == simdjson::SUCCESS) return Value(std::vector<std::string>{replace_all(std::string(sv), "{base}", base)});
      simdjson::dom::array arr;
      if (el.get(arr) != simdjson::SUCCESS) break;
      std::vector<std::string> out;
      for (auto e : arr) {
        if (e.get(sv) != simdjson::SUCCESS) return Failure::invalid_input(std::string(k.name) + ": not a list of strings");
        out.push_back(replace_all(std::string(sv), "{base}", base));
      }
      return Value(out);
    }
  }
  return Failure::invalid_input(std::string(k.name) + " should be a " + to_string(k.type));
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

Result<CaseSpec> load_case(const std::filesystem::path& dir) {
  CaseSpec c;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  std::string text = read_file(dir / "case.json");
  if (auto err = parser.parse(text).get(doc); err)
    return Failure::invalid_input((dir / "case.json").string() + ": " + simdjson::error_message(err));
  simdjson::dom::object root;
  if (doc.get(root) != simdjson::SUCCESS) return Failure::invalid_input("case.json is not an object");

  std::string_view sv;
  std::int64_t i;
  simdjson::dom::object source;
  if (root["source"].get(source) != simdjson::SUCCESS) return Failure::invalid_input("case.json needs \"source\"");
  // Values stay raw until the connector's KeySpec says their type; keep the JSON text.
  for (auto [key, value] : source) {
    if (key == "type") {
      if (value.get(sv) != simdjson::SUCCESS) return Failure::invalid_input("source.type must be a string");
      c.type = std::string(sv);
      continue;
    }
    c.source.emplace_back(std::string(key), Value(simdjson::minify(value)));
  }
  if (root["fixtures"].get(sv) == simdjson::SUCCESS) c.fixtures = std::string(sv);
  if (root["query"].get(sv) == simdjson::SUCCESS) c.query = std::string(sv);
  if (root["now"].get(sv) == simdjson::SUCCESS) {
    auto t = parse_iso8601(sv);
    if (!t) return Failure::invalid_input("bad \"now\"");
    c.now = *t;
  }
  if (root["cursor"].get(sv) == simdjson::SUCCESS) c.cursor = std::string(sv);
  if (root["max_polls"].get(i) == simdjson::SUCCESS) c.max_polls = static_cast<int>(i);
  simdjson::dom::object fault;
  if (root["fault"].get(fault) == simdjson::SUCCESS) {
    if (fault["mode"].get(sv) == simdjson::SUCCESS) c.fault = std::string(sv);
    if (fault["after"].get(i) == simdjson::SUCCESS) c.fault_after = static_cast<int>(i);
    if (fault["times"].get(i) == simdjson::SUCCESS) c.fault_times = static_cast<int>(i);
  }
  simdjson::dom::object expect;
  if (root["expect"].get(expect) == simdjson::SUCCESS) {
    if (expect["failure"].get(sv) == simdjson::SUCCESS) c.expect_failure = std::string(sv);
    if (expect["retry_after"].get(i) == simdjson::SUCCESS) c.expect_retry_after = i;
    if (expect["cursor"].get(sv) == simdjson::SUCCESS) c.expect_cursor = std::string(sv);
    if (expect["polls"].get(i) == simdjson::SUCCESS) c.expect_polls = static_cast<int>(i);
    if (expect["requests"].get(i) == simdjson::SUCCESS) c.expect_requests = static_cast<int>(i);
    simdjson::dom::array contains;
    if (expect["request_contains"].get(contains) == simdjson::SUCCESS) {
      for (auto e : contains) {
        std::int64_t idx;
        std::string_view needle;
        if (e.at(0).get(idx) != simdjson::SUCCESS || e.at(1).get(needle) != simdjson::SUCCESS)
          return Failure::invalid_input("request_contains entries are [index, \"text\"]");
        c.expect_request_contains.emplace_back(static_cast<std::size_t>(idx), std::string(needle));
      }
    }
  }
  return c;
}

Result<connectors::SourceConfig> make_source_config(const connectors::ConnectorInfo& info, const CaseSpec& c,
                                                    const std::string& base_url) {
  connectors::SourceConfig cfg;
  cfg.type = c.type;
  cfg.watch = "kopi-senja";
  cfg.name = c.type + ":kopi-senja";
  cfg.origin = "case.json";
  auto declared = [&](std::string_view name) -> const KeySpec* {
    for (const KeySpec& k : connectors::common_source_keys())
      if (k.name == name) return &k;
    for (const KeySpec& k : info.keys)
      if (k.name == name) return &k;
    return nullptr;
  };
  for (auto keys : {connectors::common_source_keys(), info.keys})
    for (const KeySpec& k : keys) {
      if (k.default_value.empty() || k.name == "type" || k.name == "watch") continue;
      auto v = parse_default(k);
      if (!v) return std::move(v).failure();
      cfg.values[std::string(k.name)] = *v;
    }
  simdjson::dom::parser parser;
  for (const auto& [key, raw] : c.source) {
    const KeySpec* k = declared(key);
    if (!k) return Failure::invalid_input("unknown key \"" + key + "\" for " + c.type);
    simdjson::dom::element el;
    const std::string& text = std::get<std::string>(raw);
    if (parser.parse(text).get(el) != simdjson::SUCCESS) return Failure::invalid_input("bad value for " + key);
    auto v = from_json(*k, el, base_url);
    if (!v) return std::move(v).failure();
    if (key == "name") cfg.name = std::get<std::string>(*v);
    cfg.values[key] = *v;
  }
  // Tests always talk to the fake server unless the case names another root.
  bool case_sets_base = false;
  for (const auto& [key, raw] : c.source) case_sets_base |= key == "base_url";
  if (declared("base_url") && !case_sets_base) cfg.values["base_url"] = base_url;
  for (auto keys : {connectors::common_source_keys(), info.keys})
    for (const KeySpec& k : keys)
      if (k.required && k.name != "type" && k.name != "watch" && !cfg.has(k.name))
        return Failure::invalid_input("missing required key " + std::string(k.name));
  return cfg;
}

awaitable<void> poll_until_done(connectors::Connector& c, int max_polls, Outcome& out) {
  for (int i = 0; i < max_polls; ++i) {
    Result<connectors::Page> page = co_await c.poll(out.cursor);
    if (!page) {
      out.failure = page.failure();
      co_return;
    }
    ++out.polls;
    for (auto& it : page->items) out.items.push_back(std::move(it));
    out.cursor = page->cursor;
    if (!page->more) co_return;
  }
}

std::string to_json_line(const Item& it) {
  std::string out;
  auto field = [&out](const char* key, std::string_view value) {
    out += out.empty() ? "{\"" : ",\"";
    out += key;
    out += "\":";
    append_json_string(out, value);
  };
  field("source", it.source);
  field("id", it.native_id);
  field("url", it.url);
  field("author", it.author);
  field("created_at", format_iso8601(it.created_at));
  field("lang", it.lang);
  out += ",\"rating\":" + (it.rating ? std::to_string(*it.rating) : std::string("null"));
  field("reply_to", it.reply_to);
  field("text", it.text);
  return out + "}";
}

}  // namespace pantau::test
