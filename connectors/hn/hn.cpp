// Reads /api/v1/search_by_date (newest first). The cursor holds the newest
// created_at_i committed ("since"); a walk through several pages also holds
// the page to fetch next, the floor it started from and the newest time seen,
// so a restart mid-walk resumes it. numericFilters=created_at_i>floor makes
// the server stop at the window (first run) or at what we already have.
#include "connectors/hn/hn.hpp"

#include "connectors/support/cursor.hpp"
#include "connectors/support/fetch.hpp"
#include "connectors/support/json.hpp"
#include "connectors/support/text.hpp"

namespace pantau::connectors {
namespace {

constexpr KeySpec k_keys[] = {
    {"base_url", KeyType::string, "\"https://hn.algolia.com\"", "Algolia HN API root (change for a mirror or tests)."},
    {"search", KeyType::string, "",
     "Search text sent to Algolia; defaults to the searchable terms of the watch query."},
    {"tags", KeyType::string, "\"(story,comment)\"", "Algolia tags filter: stories, comments or both."},
    {"hits_per_page", KeyType::integer, "50", "Results per request (Algolia allows up to 1000)."},
};

class HnConnector final : public Connector {
 public:
  HnConnector(const SourceConfig& cfg, const Context& ctx) : m_ctx(ctx), m_name(cfg.name) {
    m_base = cfg.str("base_url");
    m_tags = cfg.str("tags");
    m_per_page = cfg.integer("hits_per_page");
    if (m_per_page < 1 || m_per_page > 1000) throw std::invalid_argument("hits_per_page must be 1..1000");
    m_search = cfg.str("search");
    if (m_search.empty()) {
      // Algolia has no OR operator; several terms become optional words, so
      // any of them matches and the full query is applied locally.
      for (const auto& t : ctx.search_terms) m_search += (m_search.empty() ? "" : " ") + t;
      if (ctx.search_terms.size() > 1) m_optional = m_search;
    }
    if (m_search.empty()) throw std::invalid_argument("hn needs `search` or a watch query with searchable terms");
  }

  awaitable<Result<Page>> poll(std::string cursor_text) override {
    Cursor cur = Cursor::parse(cursor_text);
    const bool walking = cur.has("page");
    const std::int64_t floor =
        walking ? cur.integer("floor") : (cur.has("since") ? cur.integer("since") : m_ctx.now() - m_ctx.backfill_seconds);
    const std::int64_t page_no = walking ? cur.integer("page") : 0;

    http::Request req;
    req.url = join_url(m_base, "/api/v1/search_by_date") + "?query=" + text::url_encode(m_search) +
              "&tags=" + text::url_encode(m_tags) + "&numericFilters=" +
              text::url_encode("created_at_i>" + std::to_string(floor)) + "&hitsPerPage=" + std::to_string(m_per_page);
    if (!m_optional.empty()) req.url += "&optionalWords=" + text::url_encode(m_optional);
    if (page_no > 0) req.url += "&page=" + std::to_string(page_no);
    auto resp = co_await fetch_checked(m_ctx, m_name, std::move(req));
    if (!resp) co_return std::move(resp).failure();

    auto doc = parse_json_body(m_parser, *resp);
    if (!doc) co_return std::move(doc).failure();
    simdjson::dom::array hits;
    if ((*doc)["hits"].get(hits) != simdjson::SUCCESS) co_return Failure::bad_response("no \"hits\" array");

    Page page;
    std::int64_t top = walking ? cur.integer("top", floor) : floor;
    for (auto h : hits) {
      Item it;
      it.source = "hn";
      it.native_id = json::str(h, "objectID");
      auto created = json::integer(h, "created_at_i");
      if (it.native_id.empty() || !created) {
        ++page.skipped;
        continue;
      }
      it.created_at = *created;
      if (it.created_at <= floor) continue;  // the filter is the server's; do not trust it blindly
      top = std::max(top, it.created_at);
      it.url = "https://news.ycombinator.com/item?id=" + it.native_id;
      it.author = json::str(h, "author");
      std::string title = json::str(h, "title");
      if (!title.empty()) {
        // A story: the title, its text (Ask HN) and the link it points to.
        it.text = text::decode_entities(title);
        std::string body = text::html_to_text(json::str(h, "story_text"));
        if (!body.empty()) it.text += "\n\n" + body;
        std::string link = json::str(h, "url");
        if (!link.empty()) it.text += "\n\n" + link;
      } else {
        it.text = text::html_to_text(json::str(h, "comment_text"));
        it.reply_to = json::str(h, "parent_id");
      }
      page.items.push_back(std::move(it));
    }

    const std::int64_t pages = json::integer(*doc, "nbPages").value_or(0);
    Cursor next;
    if (page_no + 1 < pages && !page.items.empty()) {
      next.set("floor", floor);
      next.set("page", page_no + 1);
      next.set("top", top);
      page.more = true;
    } else {
      next.set("since", top);
    }
    page.cursor = next.str();
    co_return page;
  }

 private:
  Context m_ctx;
  std::string m_name;
  std::string m_base, m_tags, m_search, m_optional;
  std::int64_t m_per_page = 50;
  simdjson::dom::parser m_parser;
};

}  // namespace

const ConnectorInfo& hn_info() {
  static const ConnectorInfo k_info{
      "hn",
      "Hacker News stories and comments (Algolia search API; no credentials).",
      k_keys,
      std::chrono::seconds(300),
      true,
      [](const SourceConfig& cfg, const Context& ctx) -> std::unique_ptr<Connector> {
        return std::make_unique<HnConnector>(cfg, ctx);
      },
  };
  return k_info;
}

}  // namespace pantau::connectors
