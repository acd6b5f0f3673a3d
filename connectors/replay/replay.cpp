#include "connectors/replay/replay.hpp"

#include "common/log.hpp"
#include "common/timeutil.hpp"

#include <simdjson.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>

namespace pantau::connectors {
namespace {

constexpr KeySpec k_keys[] = {
    {"path", KeyType::string, "\"examples/demo/mentions.jsonl\"", "JSON Lines file to read.", true},
    {"speed", KeyType::number, "0",
     "0 = as fast as possible; N = N times real time between created_at values."},
    {"follow", KeyType::boolean, "false", "Keep reading lines appended to the file."},
    {"batch", KeyType::integer, "1000", "Lines per committed batch."},
};

// Reads a string field; absent or null gives the fallback, a non-string is an error.
Result<std::string> string_field(simdjson::dom::object& obj, std::string_view key, bool required,
                                 std::string fallback = {}) {
  simdjson::dom::element el;
  if (obj[key].get(el) != simdjson::SUCCESS || el.is_null()) {
    if (required) return Failure::invalid_input("missing \"" + std::string(key) + "\"");
    return fallback;
  }
  std::string_view sv;
  if (el.get(sv) == simdjson::SUCCESS) return std::string(sv);
  int64_t n;
  if (key == "id" && el.get(n) == simdjson::SUCCESS) return std::to_string(n);
  return Failure::invalid_input("\"" + std::string(key) + "\" is not a string");
}

class ReplayConnector final : public Connector {
 public:
  ReplayConnector(const SourceConfig& cfg, const Context& ctx)
      : m_path(cfg.str("path")),
        m_name(cfg.name),
        m_speed(cfg.number("speed")),
        m_follow(cfg.boolean("follow")),
        m_batch(static_cast<std::size_t>(std::max<std::int64_t>(1, cfg.integer("batch")))),
        m_executor(ctx.executor) {
    if (m_speed < 0) throw std::invalid_argument("speed must be 0 or more");
  }

  awaitable<Result<Page>> poll(std::string cursor) override {
    std::uint64_t offset = 0;
    if (!cursor.empty()) {
      char* end = nullptr;
      offset = std::strtoull(cursor.c_str(), &end, 10);
      if (end == cursor.c_str() || *end != '\0') co_return Failure::fatal("bad replay cursor \"" + cursor + "\"");
    }
    std::ifstream in(m_path, std::ios::binary);
    if (!in) co_return Failure::transient("cannot open " + m_path + ": " + std::strerror(errno));
    if (!m_line_known || offset != m_offset) count_lines_before(in, offset);

    in.seekg(static_cast<std::streamoff>(offset));
    Page page;
    const std::size_t want = m_speed > 0 ? 1 : m_batch;
    std::string line;
    std::uint64_t pos = offset;
    while (page.items.size() < want) {
      if (!std::getline(in, line)) break;
      bool complete = !in.eof();
      if (!complete && m_follow) break;  // a line still being written: wait for its newline
      pos += line.size() + (complete ? 1 : 0);
      ++m_line;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") == std::string::npos) continue;
      auto item = parse_replay_line(line);
      if (!item) {
        ++page.skipped;
        log::warn("REPLAY_LINE_SKIPPED", "Skipped a malformed line; the rest of the file is read.",
                  {{"source", m_name}, {"file", m_path}, {"line", static_cast<std::int64_t>(m_line)},
                   {"reason", item.failure().message}});
        continue;
      }
      page.items.push_back(std::move(*item));
      if (!complete) break;
    }
    page.cursor = std::to_string(pos);
    m_offset = pos;
    // Not at end of file: there is more to read right away.
    page.more = in.good() && in.peek() != std::char_traits<char>::eof();

    if (m_speed > 0 && !page.items.empty()) {
      // Pace by created_at: wait the (scaled) gap since the previous item.
      std::int64_t t = page.items.front().created_at;
      if (m_last_created && t > *m_last_created) {
        double wait = static_cast<double>(t - *m_last_created) / m_speed;
        asio::steady_timer timer(m_executor);
        timer.expires_after(std::chrono::milliseconds(static_cast<std::int64_t>(std::min(wait, 3600.0) * 1000)));
        co_await timer.async_wait(use_awaitable);
      }
      m_last_created = t;
    }
    if (!page.more && !m_follow && !m_reported_done) {
      m_reported_done = true;
      log::info("REPLAY_DONE", "Reached the end of the replay file.", {{"source", m_name}, {"file", m_path}});
    }
    co_return page;
  }

 private:
  // Line numbers make skip messages useful after a restart; the cursor stays
  // a plain byte offset, so recount once.
  void count_lines_before(std::ifstream& in, std::uint64_t offset) {
    m_line = 0;
    in.seekg(0);
    std::string chunk(1 << 16, '\0');
    std::uint64_t left = offset;
    while (left > 0 && in) {
      std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(left, chunk.size()));
      in.read(chunk.data(), static_cast<std::streamsize>(n));
      std::size_t got = static_cast<std::size_t>(in.gcount());
      for (std::size_t i = 0; i < got; ++i) m_line += chunk[i] == '\n';
      left -= got;
      if (got == 0) break;
    }
    in.clear();
    m_offset = offset;
    m_line_known = true;
  }

  std::string m_path;
  std::string m_name;
  double m_speed;
  bool m_follow;
  std::size_t m_batch;
  asio::any_io_executor m_executor;
  std::uint64_t m_offset = 0;
  std::uint64_t m_line = 0;
  bool m_line_known = false;
  bool m_reported_done = false;
  std::optional<std::int64_t> m_last_created;
};

}  // namespace

Result<Item> parse_replay_line(std::string_view line) {
  // One parser per thread: parsing reuses its buffers (no allocation per line).
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (auto err = parser.parse(line.data(), line.size()).get(doc); err)
    return Failure::invalid_input(std::string("invalid JSON: ") + simdjson::error_message(err));
  simdjson::dom::object obj;
  if (doc.get(obj) != simdjson::SUCCESS) return Failure::invalid_input("not a JSON object");

  Item item;
  auto id = string_field(obj, "id", true);
  if (!id) return std::move(id).failure();
  if (id->empty()) return Failure::invalid_input("\"id\" is empty");
  item.native_id = std::move(*id);
  auto text = string_field(obj, "text", true);
  if (!text) return std::move(text).failure();
  item.text = std::move(*text);
  auto source = string_field(obj, "source", false, "replay");
  if (!source) return std::move(source).failure();
  item.source = source->empty() ? "replay" : std::move(*source);
  for (auto [key, dest] : {std::pair{"author", &item.author}, std::pair{"url", &item.url},
                           std::pair{"lang", &item.lang}, std::pair{"reply_to", &item.reply_to}}) {
    auto v = string_field(obj, key, false);
    if (!v) return std::move(v).failure();
    *dest = std::move(*v);
  }

  simdjson::dom::element created;
  if (obj["created_at"].get(created) != simdjson::SUCCESS) return Failure::invalid_input("missing \"created_at\"");
  std::string_view cs;
  std::int64_t ci;
  double cd;
  if (created.get(cs) == simdjson::SUCCESS) {
    auto t = parse_iso8601(cs);
    if (!t) return Failure::invalid_input("\"created_at\" is not an ISO 8601 time: " + std::string(cs));
    item.created_at = *t;
  } else if (created.get(ci) == simdjson::SUCCESS) {
    item.created_at = ci;
  } else if (created.get(cd) == simdjson::SUCCESS && std::isfinite(cd)) {
    item.created_at = static_cast<std::int64_t>(cd);
  } else {
    return Failure::invalid_input("\"created_at\" is neither an ISO 8601 string nor epoch seconds");
  }

  simdjson::dom::element rating;
  if (obj["rating"].get(rating) == simdjson::SUCCESS && !rating.is_null()) {
    std::int64_t r;
    double rd;
    if (rating.get(r) == simdjson::SUCCESS) {
    } else if (rating.get(rd) == simdjson::SUCCESS && rd == std::floor(rd)) {
      r = static_cast<std::int64_t>(rd);
    } else {
      return Failure::invalid_input("\"rating\" is not a whole number");
    }
    if (r < 0 || r > 10) return Failure::invalid_input("\"rating\" is out of range 0..10");
    item.rating = static_cast<int>(r);
  }
  return item;
}

const ConnectorInfo& replay_info() {
  static const ConnectorInfo k_info{
      "replay",
      "Replays a JSON Lines file of mentions (offline demo, imports, tests).",
      k_keys,
      std::chrono::seconds(1),
      false,
      [](const SourceConfig& cfg, const Context& ctx) -> std::unique_ptr<Connector> {
        return std::make_unique<ReplayConnector>(cfg, ctx);
      },
  };
  return k_info;
}

}  // namespace pantau::connectors
