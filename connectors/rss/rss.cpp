// Polls one feed URL. Page 1 is fetched conditionally (ETag/Last-Modified
// kept in the cursor, 304 = nothing new); paged feeds (RFC 5005 rel="next")
// are followed while every entry on a page is new, up to max_pages. An entry
// is new when it is not among the ids seen on the last page 1 and not older
// than the newest date committed (or, on the first run, the backfill window).
#include "connectors/rss/rss.hpp"

#include "connectors/http/conditional.hpp"
#include "connectors/support/cursor.hpp"
#include "connectors/support/fetch.hpp"
#include "connectors/support/text.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

namespace pantau::connectors {
namespace {

constexpr KeySpec k_keys[] = {
    {"url", KeyType::string, "\"https://www.google.com/alerts/feeds/08811204471920335510/16273501948816620044\"",
     "Feed URL (RSS 2.0 or Atom; a Google Alerts feed URL works).", true},
    {"base_url", KeyType::string, "",
     "Replaces the scheme and host of `url` and of next-page links (mirrors, tests); empty = as in url."},
    {"max_pages", KeyType::integer, "5", "Most pages of a paged feed (rel=\"next\") read in one walk."},
    {"lang", KeyType::string, "", "Language of the feed (ISO 639-1) when the feed does not say."},
};

constexpr std::size_t k_max_seen = 200;

// A short stable hash of an entry id: the cursor remembers many of them.
std::string id_hash(const std::string& id) {
  std::uint32_t h = 2166136261u;  // FNV-1a
  for (unsigned char c : id) h = (h ^ c) * 16777619u;
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", h);
  return buf;
}

std::string rebase(const std::string& url, const std::string& base) {
  if (base.empty()) return url;
  auto scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  auto path = url.find('/', scheme + 3);
  std::string rest = path == std::string::npos ? "/" : url.substr(path);
  std::string b = base;
  while (!b.empty() && b.back() == '/') b.pop_back();
  return b + rest;
}

class RssConnector final : public Connector {
 public:
  RssConnector(const SourceConfig& cfg, const Context& ctx) : m_ctx(ctx), m_name(cfg.name) {
    m_base = cfg.str("base_url");
    m_url = cfg.str("url");
    if (!m_url.starts_with("http://") && !m_url.starts_with("https://"))
      throw std::invalid_argument("url must start with http:// or https://");
    m_max_pages = std::max<std::int64_t>(1, cfg.integer("max_pages"));
    m_lang = text::lower(cfg.str("lang"));
  }

  awaitable<Result<Page>> poll(std::string cursor_text) override {
    Cursor cur = Cursor::parse(cursor_text);
    const bool walking = cur.has("next");
    const std::int64_t since = cur.has("since") ? cur.integer("since") : m_ctx.now() - m_ctx.backfill_seconds;
    std::set<std::string> seen;
    {
      std::string_view s = cur.get("seen");
      while (s.size() >= 8) {
        seen.emplace(s.substr(0, 8));
        s.remove_prefix(std::min<std::size_t>(9, s.size()));
      }
    }

    http::Request req;
    req.url = rebase(walking ? cur.get("next") : m_url, m_base);
    if (!walking) add_conditional_headers(req, {cur.get("etag"), cur.get("lm")});
    req.headers.emplace_back("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.8");
    auto resp = co_await fetch_checked(m_ctx, m_name, std::move(req));
    if (!resp) co_return std::move(resp).failure();

    Page page;
    if (http::not_modified(*resp)) {
      page.cursor = cursor_text;  // nothing changed, not even the validators
      co_return page;
    }
    auto feed = rss::parse_feed(resp->body, resp->header("Content-Type"));
    if (!feed) co_return std::move(feed).failure();

    std::int64_t top = std::max(cur.integer("top", 0), cur.integer("since", 0));
    bool all_new = !feed->entries.empty();
    std::string page_ids;
    for (const rss::Entry& e : feed->entries) {
      std::string h = id_hash(e.id);
      if (!walking && page_ids.size() < k_max_seen * 9) page_ids += (page_ids.empty() ? "" : ".") + h;
      bool old = seen.count(h) > 0 || (e.created_at != 0 && e.created_at < since);
      if (old) {
        all_new = false;
        continue;
      }
      top = std::max(top, e.created_at);
      Item it;
      it.source = "rss";
      it.native_id = e.id;
      it.url = e.link;
      it.author = e.author;
      it.created_at = e.created_at != 0 ? e.created_at : m_ctx.now();  // undated: when we first saw it
      it.lang = !feed->language.empty() ? feed->language : m_lang;
      it.text = e.title.empty() ? e.body : e.body.empty() ? e.title : e.title + "\n\n" + e.body;
      page.items.push_back(std::move(it));
    }

    Cursor next;
    // Page 1 sets what later polls compare against; a walk carries it along.
    if (walking) {
      for (const char* k : {"etag", "lm", "seen"}) next.set(k, cur.get(k));
    } else {
      http::Validators v = http::validators_of(*resp);
      next.set("etag", v.etag);
      next.set("lm", v.last_modified);
      next.set("seen", page_ids);
    }
    const std::int64_t pages = walking ? cur.integer("pages", 1) + 1 : 1;
    if (all_new && !feed->next.empty() && pages < m_max_pages) {
      next.set("next", feed->next);
      next.set("pages", pages);
      if (cur.has("since")) next.set("since", since);
      next.set("top", top);
      page.more = true;
    } else if (top > 0) {
      next.set("since", top);
    }
    page.cursor = next.str();
    co_return page;
  }

 private:
  Context m_ctx;
  std::string m_name, m_base, m_url, m_lang;
  std::int64_t m_max_pages = 5;
};

}  // namespace

const ConnectorInfo& rss_info() {
  static const ConnectorInfo k_info{
      "rss",
      "RSS 2.0 and Atom feeds, Google Alerts included (no credentials).",
      k_keys,
      std::chrono::seconds(900),
      true,
      [](const SourceConfig& cfg, const Context& ctx) -> std::unique_ptr<Connector> {
        return std::make_unique<RssConnector>(cfg, ctx);
      },
  };
  return k_info;
}

}  // namespace pantau::connectors
