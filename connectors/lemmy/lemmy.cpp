// Lemmy's /api/v3/search, newest first, paged by page number. The cursor
// holds the newest post committed (time and id); a walk holds the next page.
// Posts are keyed by `ap_id`, the ActivityPub id, which every instance shares.
#include "connectors/lemmy/lemmy.hpp"

#include "common/timeutil.hpp"
#include "connectors/support/cursor.hpp"
#include "connectors/support/fetch.hpp"
#include "connectors/support/json.hpp"
#include "connectors/support/text.hpp"

namespace pantau::connectors {
namespace {

constexpr KeySpec k_keys[] = {
    {"base_url", KeyType::string, "\"https://lemmy.world\"", "Instance to search."},
    {"search", KeyType::string, "", "Search text; defaults to the searchable terms of the watch query."},
    {"listing_type", KeyType::string, "\"All\"", "All (federated), Local or Subscribed."},
    {"limit", KeyType::integer, "20", "Posts per page (Lemmy allows up to 50)."},
    {"max_pages", KeyType::integer, "10", "Pages to read in one walk."},
};

std::string host_of(std::string_view url) {
  auto s = url.find("://");
  if (s == std::string_view::npos) return {};
  auto e = url.find('/', s + 3);
  return std::string(url.substr(s + 3, e == std::string_view::npos ? std::string_view::npos : e - s - 3));
}

class LemmyConnector final : public Connector {
 public:
  LemmyConnector(const SourceConfig& cfg, const Context& ctx) : m_ctx(ctx), m_name(cfg.name) {
    m_base = cfg.str("base_url");
    m_search = cfg.str("search");
    if (m_search.empty())
      for (const auto& t : ctx.search_terms) m_search += (m_search.empty() ? "" : " ") + t;
    if (m_search.empty()) throw std::invalid_argument("lemmy needs `search` or a watch query with searchable terms");
    m_listing = cfg.str("listing_type");
    m_limit = cfg.integer("limit");
    m_max_pages = cfg.integer("max_pages");
    if (m_limit < 1 || m_limit > 50) throw std::invalid_argument("limit must be 1..50");
  }

  awaitable<Result<Page>> poll(std::string cursor_text) override {
    Cursor cur = Cursor::parse(cursor_text);
    const std::int64_t page_no = std::max<std::int64_t>(1, cur.integer("page", 1));
    const std::int64_t since = cur.has("since")    ? cur.integer("since")
                               : cur.has("window") ? cur.integer("window")
                                                   : m_ctx.now() - m_ctx.backfill_seconds;
    const std::int64_t since_id = cur.integer("id", 0);

    http::Request req;
    req.url = join_url(m_base, "/api/v3/search") + "?q=" + text::url_encode(m_search) +
              "&type_=Posts&sort=New&listing_type=" + text::url_encode(m_listing) +
              "&limit=" + std::to_string(m_limit) + "&page=" + std::to_string(page_no);
    auto resp = co_await fetch_checked(m_ctx, m_name, std::move(req));
    if (!resp) co_return std::move(resp).failure();
    auto doc = parse_json_body(m_parser, *resp);
    if (!doc) co_return std::move(doc).failure();
    simdjson::dom::array posts;
    if ((*doc)["posts"].get(posts) != simdjson::SUCCESS) co_return Failure::bad_response("no \"posts\" array");

    Page page;
    std::int64_t top = cur.integer("top", since), top_id = cur.integer("top_id", since_id);
    bool reached_old = false;
    std::size_t count = 0;
    for (auto pv : posts) {
      ++count;
      auto id = json::integer(pv, "post.id");
      std::string published = json::str(pv, "post.published");
      auto created = parse_iso8601(published);
      std::string ap_id = json::str(pv, "post.ap_id");
      if (!id || !created || ap_id.empty()) {
        ++page.skipped;
        continue;
      }
      if (*created < since || (*created == since && *id <= since_id)) {
        reached_old = true;
        continue;
      }
      if (*created > top || (*created == top && *id > top_id)) top = *created, top_id = *id;
      Item it;
      it.source = "lemmy";
      it.native_id = ap_id;
      it.url = ap_id;
      std::string name = json::str(pv, "creator.name");
      std::string host = host_of(json::str(pv, "creator.actor_id"));
      it.author = host.empty() ? name : name + "@" + host;
      it.created_at = *created;
      it.text = text::tidy(json::str(pv, "post.name"));
      std::string body = text::tidy(json::str(pv, "post.body"));  // markdown, kept as written
      if (!body.empty()) it.text += "\n\n" + body;
      std::string link = json::str(pv, "post.url");
      if (!link.empty()) it.text += "\n\n" + link;
      // language_id needs the instance's /api/v3/site table to map; left to detection.
      page.items.push_back(std::move(it));
    }

    Cursor next;
    const bool full = count >= static_cast<std::size_t>(m_limit);
    if (full && !reached_old && page_no < m_max_pages) {
      next.set("page", page_no + 1);
      next.set(cur.has("since") ? "since" : "window", since);
      if (since_id) next.set("id", since_id);
      next.set("top", top);
      next.set("top_id", top_id);
      page.more = true;
    } else if (top_id) {
      next.set("since", top);
      next.set("id", top_id);
    }
    page.cursor = next.str();
    co_return page;
  }

 private:
  Context m_ctx;
  std::string m_name, m_base, m_search, m_listing;
  std::int64_t m_limit = 20, m_max_pages = 10;
  simdjson::dom::parser m_parser;
};

}  // namespace

const ConnectorInfo& lemmy_info() {
  static const ConnectorInfo k_info{
      "lemmy",
      "Lemmy post search on any instance (no credentials).",
      k_keys,
      std::chrono::seconds(600),
      true,
      [](const SourceConfig& cfg, const Context& ctx) -> std::unique_ptr<Connector> {
        return std::make_unique<LemmyConnector>(cfg, ctx);
      },
  };
  return k_info;
}

}  // namespace pantau::connectors
