// A generic JSON API: the request is a URL template, the items an array at a
// dotted path, each field a dotted path inside an item, the next page a
// cursor at a path in the body sent back as a query parameter. Times are kept
// in milliseconds in the cursor so APIs with millisecond stamps resume
// exactly. An item missing a required field (id, text, time) is skipped and
// counted, never fatal for the page; a page that is not JSON (a login page
// served with 200) is a bad_response.
#include "connectors/json/json.hpp"

#include "common/timeutil.hpp"
#include "connectors/support/cursor.hpp"
#include "connectors/support/fetch.hpp"
#include "connectors/support/json.hpp"
#include "connectors/support/text.hpp"

#include <cmath>

namespace pantau::connectors {
namespace {

constexpr KeySpec k_keys[] = {
    {"base_url", KeyType::string, "\"https://cs.kopisenja.example\"", "API root.", true},
    {"path", KeyType::string, "\"/api/v2/feedback?limit=50&since={since_ms}\"",
     "Path and query; {since}, {since_ms}, {since_iso} and {query} are filled in.", true},
    {"headers", KeyType::string_list, "", "Extra request headers, \"Name: value\" (use ${VAR} for tokens)."},
    {"items_path", KeyType::string, "\"result.items\"", "Dotted path of the items array (empty = the body).", true},
    {"id_path", KeyType::string, "\"ticket.id\"", "Path of the item id (string or number).", true},
    {"text_path", KeyType::string, "\"ticket.body.text\"", "Path of the text.", true},
    {"text_is_html", KeyType::boolean, "false", "Strip HTML from the text."},
    {"created_path", KeyType::string, "\"ticket.created\"", "Path of the creation time.", true},
    {"created_format", KeyType::string, "\"unix_ms\"", "iso, unix (seconds) or unix_ms."},
    {"author_path", KeyType::string, "", "Path of the author."},
    {"url_path", KeyType::string, "", "Path of the item's URL."},
    {"url_template", KeyType::string, "", "URL when url_path gives none; {id} is replaced."},
    {"lang_path", KeyType::string, "", "Path of the language code."},
    {"rating_path", KeyType::string, "", "Path of a 1..5 rating."},
    {"reply_to_path", KeyType::string, "", "Path of the parent item's id."},
    {"cursor_path", KeyType::string, "", "Path of the next-page cursor in the body; empty = one page per poll."},
    {"cursor_param", KeyType::string, "\"cursor\"", "Query parameter that carries the cursor back."},
    {"error_path", KeyType::string, "", "Path of an error message that may arrive with status 200."},
    {"source_label", KeyType::string, "\"json\"", "Platform name stored with each mention."},
};

std::string replace_all(std::string s, std::string_view from, const std::string& to) {
  for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
  return s;
}

class JsonConnector final : public Connector {
 public:
  JsonConnector(const SourceConfig& cfg, const Context& ctx) : m_ctx(ctx), m_name(cfg.name) {
    for (const char* k : {"base_url", "path", "items_path", "id_path", "text_path", "created_path", "created_format",
                          "author_path", "url_path", "url_template", "lang_path", "rating_path", "reply_to_path",
                          "cursor_path", "cursor_param", "error_path", "source_label"})
      m_s[k] = cfg.str(k);
    m_html = cfg.boolean("text_is_html");
    const std::string& f = m_s["created_format"];
    if (f != "iso" && f != "unix" && f != "unix_ms") throw std::invalid_argument("created_format must be iso, unix or unix_ms");
    for (const auto& h : cfg.strings("headers")) {
      auto colon = h.find(':');
      if (colon == std::string::npos) throw std::invalid_argument("headers entries are \"Name: value\": " + h);
      m_headers.emplace_back(text::tidy(h.substr(0, colon)), text::tidy(h.substr(colon + 1)));
    }
    for (const auto& t : ctx.search_terms) m_query += (m_query.empty() ? "" : " ") + t;
  }

  awaitable<Result<Page>> poll(std::string cursor_text) override {
    Cursor cur = Cursor::parse(cursor_text);
    const bool first_run = !cur.has("since_ms");
    const std::int64_t since_ms = !first_run ? cur.integer("since_ms")
                                  : cur.has("window_ms") ? cur.integer("window_ms")
                                                         : (m_ctx.now() - m_ctx.backfill_seconds) * 1000;
    std::string path = m_s["path"];
    path = replace_all(path, "{since_ms}", std::to_string(since_ms));
    path = replace_all(path, "{since}", std::to_string(since_ms / 1000));
    path = replace_all(path, "{since_iso}", text::url_encode(format_iso8601(since_ms / 1000)));
    path = replace_all(path, "{query}", text::url_encode(m_query));
    http::Request req;
    req.url = join_url(m_s["base_url"], path);
    if (cur.has("c"))
      req.url += (req.url.find('?') == std::string::npos ? "?" : "&") + m_s["cursor_param"] + "=" + text::url_encode(cur.get("c"));
    req.headers = m_headers;
    req.headers.emplace_back("Accept", "application/json");
    auto resp = co_await fetch_checked(m_ctx, m_name, std::move(req));
    if (!resp) co_return std::move(resp).failure();
    auto doc = parse_json_body(m_parser, *resp);
    if (!doc) co_return std::move(doc).failure();
    if (!m_s["error_path"].empty())
      if (std::string e = json::str(*doc, m_s["error_path"]); !e.empty())
        co_return Failure::bad_response("the API reported an error: " + e);
    auto items_el = m_s["items_path"].empty() ? std::optional(*doc) : json::at_path(*doc, m_s["items_path"]);
    simdjson::dom::array items;
    if (!items_el || items_el->get(items) != simdjson::SUCCESS)
      co_return Failure::bad_response("no array at " + m_s["items_path"]);

    Page page;
    std::int64_t top = cur.integer("top_ms", since_ms);
    for (auto el : items) {
      Item it;
      it.source = m_s["source_label"];
      it.native_id = json::str(el, m_s["id_path"]);
      std::string raw_text = json::str(el, m_s["text_path"]);
      auto created_ms = created_of(el);
      if (it.native_id.empty() || raw_text.empty() || !created_ms) {
        ++page.skipped;
        continue;
      }
      if (*created_ms <= since_ms && !first_run) continue;  // already committed
      if (*created_ms < since_ms) continue;                 // older than the backfill window
      top = std::max(top, *created_ms);
      it.created_at = *created_ms / 1000;
      it.text = m_html ? text::html_to_text(raw_text) : text::tidy(raw_text);
      if (!m_s["author_path"].empty()) it.author = json::str(el, m_s["author_path"]);
      if (!m_s["url_path"].empty()) it.url = json::str(el, m_s["url_path"]);
      if (it.url.empty() && !m_s["url_template"].empty())
        it.url = replace_all(m_s["url_template"], "{id}", text::url_encode(it.native_id));
      if (!m_s["lang_path"].empty()) {
        std::string l = text::lower(json::str(el, m_s["lang_path"]));
        if (auto d = l.find_first_of("-_"); d != std::string::npos) l.resize(d);
        if (l.size() == 2) it.lang = l;
      }
      if (!m_s["rating_path"].empty())
        if (auto r = json::integer(el, m_s["rating_path"]); r && *r >= 1 && *r <= 5) it.rating = static_cast<int>(*r);
      if (!m_s["reply_to_path"].empty()) it.reply_to = json::str(el, m_s["reply_to_path"]);
      page.items.push_back(std::move(it));
    }

    Cursor next;
    std::string api_cursor = m_s["cursor_path"].empty() ? "" : json::str(*doc, m_s["cursor_path"]);
    if (!api_cursor.empty() && items.size() > 0) {
      next.set("c", api_cursor);
      next.set(first_run ? "window_ms" : "since_ms", since_ms);
      next.set("top_ms", top);
      page.more = true;
    } else if (top > since_ms || !first_run) {
      next.set("since_ms", top);
    }
    page.cursor = next.str();
    co_return page;
  }

 private:
  std::optional<std::int64_t> created_of(simdjson::dom::element el) {
    const std::string& f = m_s["created_format"];
    if (f == "iso") {
      auto t = parse_iso8601(json::str(el, m_s["created_path"]));
      if (!t) return std::nullopt;
      return *t * 1000;
    }
    auto v = json::integer(el, m_s["created_path"]);
    if (!v) return std::nullopt;
    return f == "unix" ? *v * 1000 : *v;
  }

  Context m_ctx;
  std::string m_name, m_query;
  std::map<std::string, std::string> m_s;
  bool m_html = false;
  http::Headers m_headers;
  simdjson::dom::parser m_parser;
};

}  // namespace

const ConnectorInfo& json_info() {
  static const ConnectorInfo k_info{
      "json",
      "Any JSON API described by paths: URL template, items, fields, next-page cursor.",
      k_keys,
      std::chrono::seconds(300),
      true,
      [](const SourceConfig& cfg, const Context& ctx) -> std::unique_ptr<Connector> {
        return std::make_unique<JsonConnector>(cfg, ctx);
      },
  };
  return k_info;
}

}  // namespace pantau::connectors
