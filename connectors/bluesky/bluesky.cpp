#include "connectors/bluesky/bluesky.hpp"

#include "common/escape.hpp"
#include "common/log.hpp"
#include "common/timeutil.hpp"
#include "connectors/http/http_client.hpp"
#include "connectors/http/rate_limit.hpp"
#include "connectors/support/cursor.hpp"
#include "connectors/support/fetch.hpp"
#include "connectors/support/json.hpp"
#include "connectors/support/text.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cstdio>
#include <set>
#include <stdexcept>

namespace pantau::connectors {
namespace {

constexpr KeySpec k_keys[] = {
    {"identifier", KeyType::string, "", "Handle or e-mail of the Bluesky account that searches.", true},
    {"app_password", KeyType::secret, "", "An app password of that account (Settings > App passwords).", true},
    {"search", KeyType::string, "", "Search query (Lucene-like); default: the watch's search terms."},
    {"limit", KeyType::integer, "25", "Posts per request (1..100)."},
    {"base_url", KeyType::string, "\"https://bsky.social\"",
     "The account's PDS or bsky.social (it proxies search); tests point it at a fake server."},
};

constexpr std::string_view k_credentials_hint =
    "set identifier and app_password (or app_password_file) of a Bluesky account";

std::string search_expression(const SourceConfig& cfg, const Context& ctx) {
  if (!cfg.str("search").empty()) return cfg.str("search");
  std::string q;
  for (const std::string& t : ctx.search_terms) {
    if (!q.empty()) q += " ";
    q += t.find(' ') != std::string::npos ? "\"" + t + "\"" : t;
  }
  if (q.empty()) throw std::invalid_argument("bluesky source " + cfg.name + ": no search terms; set `search`");
  // Bluesky's search ANDs words and documents no OR: alternatives from the
  // watch query would narrow the search instead of widening it.
  if (ctx.search_terms.size() > 1)
    log::warn("BLUESKY_SEARCH_NARROW", "The watch has several search terms; Bluesky matches posts with all of them. "
              "Set `search` to the one term that every wanted post contains.",
              {{"source", cfg.name}, {"q", q}});
  return q;
}

// record.text shows links shortened ("kopisenja.example/menu/es-k..."); the
// link facets hold the full URL over a UTF-8 *byte* range of the text.
std::string expand_links(std::string text, simdjson::dom::element record) {
  struct Span {
    std::size_t start, end;
    std::string uri;
  };
  std::vector<Span> spans;
  simdjson::dom::array facets;
  if (record["facets"].get(facets) != simdjson::SUCCESS) return text;
  for (auto f : facets) {
    auto start = json::integer(f, "index.byteStart");
    auto end = json::integer(f, "index.byteEnd");
    simdjson::dom::array features;
    if (!start || !end || *start < 0 || *end <= *start || static_cast<std::size_t>(*end) > text.size() ||
        f["features"].get(features) != simdjson::SUCCESS)
      continue;
    for (auto feat : features)
      if (json::str(feat, "$type") == "app.bsky.richtext.facet#link" && !json::str(feat, "uri").empty())
        spans.push_back({static_cast<std::size_t>(*start), static_cast<std::size_t>(*end), json::str(feat, "uri")});
  }
  // Right to left, so earlier byte offsets stay valid; overlapping facets are skipped.
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.start > b.start; });
  std::size_t limit = text.size();
  for (const Span& s : spans) {
    if (s.end > limit) continue;
    text.replace(s.start, s.end - s.start, s.uri);
    limit = s.start;
  }
  return text;
}

struct Post {
  Item item;
  std::string indexed_at;  // the server's time: the watermark, unlike the client-set createdAt
};

Result<std::vector<Post>> parse_posts(simdjson::dom::element doc, std::int64_t& skipped) {
  simdjson::dom::array posts;
  if (doc["posts"].get(posts) != simdjson::SUCCESS) return Failure::bad_response("bluesky: the response has no posts");
  std::vector<Post> out;
  for (auto p : posts) {
    Post post;
    Item& it = post.item;
    it.source = "bluesky";
    it.native_id = json::str(p, "uri");  // at://<did>/app.bsky.feed.post/<rkey>
    post.indexed_at = json::str(p, "indexedAt");
    auto indexed = parse_iso8601(post.indexed_at);
    auto record = json::at_path(p, "record");
    const std::string did = json::str(p, "author.did");
    const std::size_t slash = it.native_id.rfind('/');
    if (it.native_id.empty() || !indexed || !record || did.empty() || slash == std::string::npos) {
      ++skipped;
      continue;
    }
    it.url = "https://bsky.app/profile/" + did + "/post/" + it.native_id.substr(slash + 1);
    std::string handle = json::str(p, "author.handle");
    it.author = handle.empty() || handle == "handle.invalid" ? did : handle;
    // createdAt is set by the client: it can be in the future (or days old).
    auto created = parse_iso8601(json::str(*record, "createdAt"));
    it.created_at = created && *created <= *indexed ? *created : *indexed;
    std::string lang = text::lower(json::str(*record, "langs.0"));
    it.lang = lang.substr(0, lang.find('-'));
    if (it.lang.size() != 2) it.lang.clear();
    it.text = expand_links(json::str(*record, "text"), *record);
    it.reply_to = json::str(*record, "reply.parent.uri");
    out.push_back(std::move(post));
  }
  return out;
}


class BlueskyConnector final : public Connector {
 public:
  BlueskyConnector(const SourceConfig& cfg, const Context& ctx)
      : m_ctx(ctx),
        m_name(cfg.name),
        m_identifier(cfg.str("identifier")),
        m_password(cfg.str("app_password")),
        m_search(search_expression(cfg, ctx)),
        m_limit(std::clamp<std::int64_t>(cfg.integer("limit"), 1, 100)),
        m_base(cfg.str("base_url")) {
    if (!m_ctx.http) throw std::invalid_argument("bluesky source " + m_name + " needs an HTTP client");
  }

  // Cursor: since = indexedAt of the newest post committed (sent as `since`,
  // which is inclusive) and seen = the uris at exactly that time, so the
  // overlap is dropped here; page = the API cursor inside a round; top and
  // top_seen = the round's newest, the next `since` when the round ends.
  awaitable<Result<Page>> poll(std::string cursor) override {
    Cursor state = Cursor::parse(cursor);
    std::string url = join_url(m_base, "/xrpc/app.bsky.feed.searchPosts") + "?q=" + text::url_encode(m_search) +
                      "&sort=latest&limit=" + std::to_string(m_limit);
    if (state.has("since")) url += "&since=" + text::url_encode(state.get("since"));
    if (state.has("page")) url += "&cursor=" + text::url_encode(state.get("page"));
    auto r = co_await authorized(url);
    if (!r) co_return std::move(r).failure();
    auto doc = parse_json_body(m_parser, *r);
    if (!doc) co_return std::move(doc).failure();
    Page page;
    auto posts = parse_posts(*doc, page.skipped);
    if (!posts) co_return std::move(posts).failure();

    const std::string since = state.get("since");
    const auto seen = split_ids(state.get("seen"), ' ');
    const std::int64_t horizon = m_ctx.now() - m_ctx.backfill_seconds;
    std::string top = state.get("top"), top_seen = state.get("top_seen");
    bool reached_end = false;
    for (Post& p : posts.value()) {
      // indexedAt strings share one format ("…T…sssZ"), so they order as text.
      if (since.empty() ? parse_iso8601(p.indexed_at).value_or(0) < horizon : p.indexed_at < since) {
        reached_end = true;
        continue;
      }
      if (p.indexed_at == since && seen.count(p.item.native_id)) continue;
      if (p.indexed_at > top) {
        top = p.indexed_at;
        top_seen = p.item.native_id;
      } else if (p.indexed_at == top) {
        top_seen += " " + p.item.native_id;
      }
      page.items.push_back(std::move(p.item));
    }
    const std::string next = json::str(*doc, "cursor");
    if (!reached_end && !next.empty() && !posts->empty()) {
      state.set("page", next);
      state.set("top", top);
      state.set("top_seen", top_seen);
      page.more = true;
    } else {
      if (!top.empty() && top > since) {
        state.set("since", top);
        state.set("seen", top_seen);
      } else if (!top.empty() && top == since) {
        state.set("seen", state.get("seen") + " " + top_seen);
      }
      for (const char* k : {"page", "top", "top_seen"}) state.erase(k);
    }
    page.cursor = state.str();
    co_return page;
  }

 private:
  // GET with the session's access token: an ExpiredToken answer refreshes
  // the session and retries once; a refused refresh logs in again.
  awaitable<Result<http::Response>> authorized(const std::string& url) {
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (m_access.empty()) {
        auto st = co_await create_session();
        if (!st) co_return std::move(st).failure();
      }
      http::Request req;
      req.url = url;
      req.headers = {{"Authorization", "Bearer " + m_access}};
      auto r = co_await m_ctx.http->fetch(req);
      if (!r) co_return std::move(r).failure();
      const bool expired = (r->status == 400 || r->status == 401) &&
                           (r->body.find("ExpiredToken") != std::string::npos ||
                            r->body.find("InvalidToken") != std::string::npos);
      if (expired && attempt == 0) {
        auto st = co_await refresh_session();
        if (!st) {
          if (st.failure().kind != FailureKind::auth) co_return std::move(st).failure();
          m_access.clear();  // the refresh token expired too: log in again
        }
        continue;
      }
      if (auto f = http::classify(*r, m_ctx.now())) {
        if (f->kind == FailureKind::auth)
          f->message = "bluesky refused the search (" + f->message + "); " + std::string(k_credentials_hint) +
                       ", and point base_url at a PDS or bsky.social rather than the public AppView";
        log::warn("BLUESKY_REQUEST_FAILED", "Bluesky refused or failed a search request.",
                  {{"source", m_name}, {"status", static_cast<std::int64_t>(r->status)}, {"kind", to_string(f->kind)},
                   {"retry_after_s", static_cast<std::int64_t>(f->retry_after.count())}});
        co_return std::move(*f);
      }
      co_return std::move(*r);
    }
    co_return Failure::auth("bluesky: the session keeps expiring; " + std::string(k_credentials_hint));
  }

  awaitable<Status> create_session() {
    http::Request req;
    req.method = "POST";
    req.url = join_url(m_base, "/xrpc/com.atproto.server.createSession");
    req.headers = {{"Content-Type", "application/json"}};
    req.body = "{\"identifier\":\"" + json_escape(m_identifier) + "\",\"password\":\"" + json_escape(m_password) + "\"}";
    // createSession is limited to 30 per 5 minutes per account: the session is
    // kept for the life of the process and refreshed, not re-created.
    co_return co_await session_request(std::move(req), "log in");
  }

  awaitable<Status> refresh_session() {
    http::Request req;
    req.method = "POST";
    req.url = join_url(m_base, "/xrpc/com.atproto.server.refreshSession");
    req.headers = {{"Authorization", "Bearer " + m_refresh}};
    co_return co_await session_request(std::move(req), "refresh the session");
  }

  awaitable<Status> session_request(http::Request req, std::string_view what) {
    auto r = co_await fetch_checked(m_ctx, m_name, std::move(req));
    if (!r) {
      Failure f = std::move(r).failure();
      // Wrong identifier or password: 401 AuthenticationRequired (or 400).
      if (f.kind == FailureKind::auth || f.kind == FailureKind::fatal)
        co_return Failure::auth("bluesky: could not " + std::string(what) + " (" + f.message + "); " +
                                std::string(k_credentials_hint));
      co_return f;
    }
    auto doc = parse_json_body(m_parser, *r);
    if (!doc) co_return std::move(doc).failure();
    std::string access = json::str(*doc, "accessJwt"), refresh = json::str(*doc, "refreshJwt");
    if (access.empty() || refresh.empty())
      co_return Failure::bad_response("bluesky: the session answer has no accessJwt/refreshJwt");
    m_access = std::move(access);
    m_refresh = std::move(refresh);
    log::info("BLUESKY_SESSION", "Opened a Bluesky session.", {{"source", m_name}, {"step", what}});
    co_return Ok{};
  }

  Context m_ctx;
  std::string m_name, m_identifier, m_password, m_search;
  std::int64_t m_limit;
  std::string m_base;
  std::string m_access, m_refresh;
  simdjson::dom::parser m_parser;
};

}  // namespace

const ConnectorInfo& bluesky_info() {
  static const ConnectorInfo k_info{
      "bluesky",
      "Bluesky post search (app password; credentials required).",
      k_keys,
      std::chrono::seconds(300),
      true,
      [](const SourceConfig& cfg, const Context& ctx) -> std::unique_ptr<Connector> {
        return std::make_unique<BlueskyConnector>(cfg, ctx);
      },
      // sample_notes: rendered under the summary in sample.toml.
      "Create an app password under Settings > Privacy and security > App passwords.\n"
          "Bluesky asks that search is not used for bulk collection: keep interval at 5m or more.\n"
          "base_url: your PDS or bsky.social, not public.api.bsky.app (it answers search with 403).",
  };
  return k_info;
}

}  // namespace pantau::connectors
