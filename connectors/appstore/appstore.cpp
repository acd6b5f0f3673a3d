// Apple's customer-reviews RSS feed in its JSON form, one storefront
// (country) per source. The feed is newest first, 50 reviews a page, at most
// 10 pages; every value is wrapped as {"label": ...}, `entry` is an object
// when there is one review and absent when there are none, and the last page
// repeats itself as rel="next", so the page count comes from rel="last".
// The cursor holds the newest review committed (time and id); a walk also
// holds the next page.
#include "connectors/appstore/appstore.hpp"

#include "common/timeutil.hpp"
#include "connectors/support/cursor.hpp"
#include "connectors/support/fetch.hpp"
#include "connectors/support/json.hpp"
#include "connectors/support/text.hpp"

namespace pantau::connectors {
namespace {

constexpr KeySpec k_keys[] = {
    {"base_url", KeyType::string, "\"https://itunes.apple.com\"", "Feed host (change for a mirror or tests)."},
    {"app_id", KeyType::string, "\"6499000001\"", "Numeric App Store id of the app (from its apps.apple.com URL).", true},
    {"country", KeyType::string, "\"id\"", "Storefront, ISO 3166 alpha-2 (id = Indonesia)."},
    {"max_pages", KeyType::integer, "10", "Pages to read on a first run (Apple serves at most 10)."},
};

bool id_less(const std::string& a, const std::string& b) {
  return a.size() != b.size() ? a.size() < b.size() : a < b;
}

// (time, id) ordering so reviews in the same second are neither lost nor repeated.
bool newer(std::int64_t t, const std::string& id, std::int64_t since_t, const std::string& since_id) {
  return t != since_t ? t > since_t : id_less(since_id, id);
}

std::int64_t page_of(std::string_view href) {
  auto p = href.find("page=");
  if (p == std::string_view::npos) return 0;
  return std::atoll(std::string(href.substr(p + 5)).c_str());
}

class AppStoreConnector final : public Connector {
 public:
  AppStoreConnector(const SourceConfig& cfg, const Context& ctx) : m_ctx(ctx), m_name(cfg.name) {
    m_base = cfg.str("base_url");
    m_app = cfg.str("app_id");
    m_country = text::lower(cfg.str("country"));
    m_max_pages = cfg.integer("max_pages");
    if (m_app.empty() || m_app.find_first_not_of("0123456789") != std::string::npos)
      throw std::invalid_argument("app_id must be the numeric App Store id");
    if (m_country.size() != 2) throw std::invalid_argument("country must be a two-letter storefront code");
  }

  awaitable<Result<Page>> poll(std::string cursor_text) override {
    Cursor cur = Cursor::parse(cursor_text);
    const std::int64_t page_no = std::max<std::int64_t>(1, cur.integer("page", 1));
    const bool first_run = !cur.has("since");
    // A first-run walk keeps measuring against the window it started with.
    const std::int64_t since_t = !first_run       ? cur.integer("since")
                                 : cur.has("window") ? cur.integer("window")
                                                     : m_ctx.now() - m_ctx.backfill_seconds;
    const std::string since_id = cur.get("id");

    http::Request req;
    req.url = join_url(m_base, "/" + m_country + "/rss/customerreviews/page=" + std::to_string(page_no) + "/id=" +
                                   m_app + "/sortby=mostrecent/json");
    auto resp = co_await fetch_checked(m_ctx, m_name, std::move(req));
    if (!resp) co_return std::move(resp).failure();
    auto doc = parse_json_body(m_parser, *resp);
    if (!doc) co_return std::move(doc).failure();
    simdjson::dom::object feed;
    if ((*doc)["feed"].get(feed) != simdjson::SUCCESS) co_return Failure::bad_response("no \"feed\" object");

    std::vector<simdjson::dom::element> entries;
    simdjson::dom::element entry;
    if (feed["entry"].get(entry) == simdjson::SUCCESS) {
      simdjson::dom::array arr;
      if (entry.get(arr) == simdjson::SUCCESS)
        for (auto e : arr) entries.push_back(e);
      else
        entries.push_back(entry);  // exactly one review: an object, not an array
    }
    std::int64_t last_page = page_no;
    simdjson::dom::array links;
    if (feed["link"].get(links) == simdjson::SUCCESS)
      for (auto l : links)
        if (json::str(l, "attributes.rel") == "last") last_page = page_of(json::str(l, "attributes.href"));

    Page page;
    std::int64_t top_t = cur.integer("top", since_t);
    std::string top_id = cur.has("top") ? cur.get("top_id") : since_id;
    bool reached_old = false;
    for (auto e : entries) {
      if (!json::at_path(e, "im:rating")) continue;  // the app's own description entry, not a review
      std::string id = json::str(e, "id.label");
      auto created = parse_iso8601(json::str(e, "updated.label"));
      auto rating = json::integer(e, "im:rating.label");
      if (id.empty() || !created) {
        ++page.skipped;
        continue;
      }
      if (!newer(*created, id, since_t, since_id)) {
        reached_old = true;
        continue;
      }
      if (newer(*created, id, top_t, top_id)) top_t = *created, top_id = id;
      Item it;
      it.source = "appstore";
      // Review ids are per storefront; the country keeps two sources apart.
      it.native_id = m_country + ":" + id;
      it.url = "https://apps.apple.com/" + m_country + "/app/id" + m_app + "?see-all=reviews";
      it.author = json::str(e, "author.name.label");
      it.created_at = *created;
      std::string title = text::tidy(json::str(e, "title.label"));
      std::string body = text::tidy(json::str(e, "content.label"));
      it.text = title.empty() ? body : body.empty() ? title : title + "\n\n" + body;
      if (rating && *rating >= 1 && *rating <= 5) it.rating = static_cast<int>(*rating);
      page.items.push_back(std::move(it));
    }

    Cursor next;
    if (!reached_old && !entries.empty() && page_no < last_page && page_no < m_max_pages) {
      next.set("page", page_no + 1);
      if (!first_run) next.set("since", since_t), next.set("id", since_id);
      else next.set("window", since_t);
      next.set("top", top_t);
      next.set("top_id", top_id);
      page.more = true;
    } else if (top_t > since_t || !top_id.empty()) {
      next.set("since", top_t);
      next.set("id", top_id);
    }
    page.cursor = next.str();
    co_return page;
  }

 private:
  Context m_ctx;
  std::string m_name, m_base, m_app, m_country;
  std::int64_t m_max_pages = 10;
  simdjson::dom::parser m_parser;
};

}  // namespace

const ConnectorInfo& appstore_info() {
  static const ConnectorInfo k_info{
      "appstore",
      "App Store customer reviews of one app in one country, with star ratings (no credentials).",
      k_keys,
      std::chrono::seconds(1800),
      true,
      [](const SourceConfig& cfg, const Context& ctx) -> std::unique_ptr<Connector> {
        return std::make_unique<AppStoreConnector>(cfg, ctx);
      },
  };
  return k_info;
}

}  // namespace pantau::connectors
