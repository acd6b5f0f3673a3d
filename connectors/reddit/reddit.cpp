#include "connectors/reddit/reddit.hpp"

#include "common/log.hpp"
#include "connectors/http/http_client.hpp"
#include "connectors/support/cursor.hpp"
#include "connectors/support/fetch.hpp"
#include "connectors/support/json.hpp"
#include "connectors/support/text.hpp"

#include <simdjson.h>

#include <stdexcept>

namespace pantau::connectors {
namespace {

constexpr KeySpec k_keys[] = {
    {"client_id", KeyType::string, "", "OAuth client id of your (approved) Reddit app.", true},
    {"client_secret", KeyType::secret, "", "The app's client secret.", true},
    {"user_agent", KeyType::string, "\"linux:pantau:0.1 (by /u/YOUR_USERNAME)\"",
     "Reddit asks for <platform>:<app id>:<version> (by /u/<user>) and throttles generic agents."},
    {"search", KeyType::string, "", "Search expression sent to Reddit; default: the watch's search terms."},
    {"subreddit", KeyType::string, "", "Search only this subreddit (name without r/)."},
    {"limit", KeyType::integer, "100", "Posts per request (1..100)."},
    {"base_url", KeyType::string, "\"https://oauth.reddit.com\"", "API host (tests point it at a fake server)."},
    {"auth_url", KeyType::string, "\"https://www.reddit.com\"", "Host that serves /api/v1/access_token."},
};

constexpr std::string_view k_credentials_hint =
    "set client_id and client_secret (or client_secret_file) of an approved Reddit app";

std::string base64(std::string_view in) {
  static constexpr char k_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned v = (unsigned char)in[i] << 16 | (unsigned char)in[i + 1] << 8 | (unsigned char)in[i + 2];
    for (int s : {18, 12, 6, 0}) out += k_alphabet[(v >> s) & 63];
  }
  if (i < in.size()) {
    unsigned v = (unsigned char)in[i] << 16 | (i + 1 < in.size() ? (unsigned char)in[i + 1] << 8 : 0);
    out += k_alphabet[(v >> 18) & 63];
    out += k_alphabet[(v >> 12) & 63];
    out += i + 1 < in.size() ? k_alphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// Terms with spaces become phrases; Reddit ORs terms joined by " OR ".
std::string search_expression(const SourceConfig& cfg, const Context& ctx) {
  if (!cfg.str("search").empty()) return cfg.str("search");
  std::string q;
  for (const std::string& t : ctx.search_terms) {
    if (!q.empty()) q += " OR ";
    q += t.find(' ') != std::string::npos ? "\"" + t + "\"" : t;
  }
  if (q.empty()) throw std::invalid_argument("reddit source " + cfg.name + ": no search terms; set `search`");
  return q;
}

struct Listing {
  std::vector<Item> items;
  std::string after;
  std::size_t children = 0;
  std::int64_t skipped = 0;
};

Result<Listing> parse_listing(simdjson::dom::parser& parser, const http::Response& r) {
  auto doc = parse_json_body(parser, r);
  if (!doc) return std::move(doc).failure();
  simdjson::dom::array children;
  if ((*doc)["data"]["children"].get(children) != simdjson::SUCCESS)
    return Failure::bad_response("reddit: the response has no data.children listing");
  Listing out;
  out.after = json::str(*doc, "data.after");
  for (simdjson::dom::element child : children) {
    ++out.children;
    auto d = json::at_path(child, "data");
    double created = 0;
    if (!d || (*d)["created_utc"].get(created) != simdjson::SUCCESS || json::str(*d, "name").empty()) {
      ++out.skipped;
      continue;
    }
    Item it;
    it.source = "reddit";
    it.native_id = json::str(*d, "name");
    it.author = json::str(*d, "author");
    it.created_at = static_cast<std::int64_t>(created);
    // permalink, not url: for link posts `url` is the linked article.
    if (auto p = json::str(*d, "permalink"); !p.empty()) it.url = "https://www.reddit.com" + p;
    if (json::str(child, "kind") == "t1") {  // a comment (subreddit comment listings)
      it.text = json::str(*d, "body");
      it.reply_to = json::str(*d, "parent_id");
    } else {
      // raw_json=1 makes title and selftext arrive unescaped: nothing to decode.
      it.text = json::str(*d, "title");
      if (auto self = json::str(*d, "selftext"); !self.empty()) it.text += "\n\n" + self;
    }
    out.items.push_back(std::move(it));
  }
  return out;
}

class RedditConnector final : public Connector {
 public:
  RedditConnector(const SourceConfig& cfg, const Context& ctx)
      : m_ctx(ctx),
        m_name(cfg.name),
        m_client_id(cfg.str("client_id")),
        m_client_secret(cfg.str("client_secret")),
        m_user_agent(cfg.str("user_agent")),
        m_search(search_expression(cfg, ctx)),
        m_subreddit(cfg.str("subreddit")),
        m_limit(std::clamp<std::int64_t>(cfg.integer("limit"), 1, 100)),
        m_base(cfg.str("base_url")),
        m_auth_base(cfg.str("auth_url")) {
    if (!m_ctx.http) throw std::invalid_argument("reddit source " + m_name + " needs an HTTP client");
  }

  awaitable<Result<Page>> poll(std::string cursor) override {
    // newest = fullname of the newest post committed (polls ask for what is
    // `before` it); after = where a first-run backfill continues.
    const Cursor state = Cursor::parse(cursor);
    const std::string newest = state.get("newest");
    const std::string after = state.get("after");
    // raw_json=1: without it Reddit sends & < > as entities in every text field.
    std::string url = join_url(m_base, (m_subreddit.empty() ? "" : "/r/" + text::url_encode(m_subreddit)) +
                                           "/search.json") +
                      "?q=" + text::url_encode(m_search) + "&sort=new&limit=" + std::to_string(m_limit) +
                      "&raw_json=1&type=link" + (m_subreddit.empty() ? "" : "&restrict_sr=1");
    const bool polling_newer = after.empty() && !newest.empty();
    if (!after.empty()) url += "&after=" + text::url_encode(after);
    else if (polling_newer) url += "&before=" + text::url_encode(newest);

    auto response = co_await authorized_get(url);
    if (!response) co_return std::move(response).failure();
    auto listing = parse_listing(m_parser, *response);
    if (!listing) co_return std::move(listing).failure();

    Page page;
    page.skipped = listing->skipped;
    // First-run backfill: keep what is inside the window and stop paging at its edge.
    const std::int64_t horizon = m_ctx.now() - m_ctx.backfill_seconds;
    bool reached_horizon = false;
    const std::string first_id = listing->items.empty() ? std::string() : listing->items.front().native_id;
    for (Item& it : listing->items) {
      if (!polling_newer && it.created_at < horizon) {
        reached_horizon = true;
        continue;
      }
      page.items.push_back(std::move(it));
    }
    Cursor next = state;
    if (polling_newer) {
      // Listings are newest first; `before` returns the posts just newer than
      // the anchor, so a full page means more are waiting.
      if (!first_id.empty()) next.set("newest", first_id);
      page.more = !first_id.empty() && listing->children >= static_cast<std::size_t>(m_limit);
    } else {
      if (after.empty() && !first_id.empty()) next.set("newest", first_id);
      const bool go_on = !reached_horizon && !listing->after.empty() && listing->children > 0;
      next.set("after", go_on ? listing->after : std::string());
      page.more = go_on;
    }
    page.cursor = next.str();
    co_return page;
  }

 private:
  // GET with the bearer token. A refusal of a token we had cached means it
  // expired early: fetch a new one and retry once.
  awaitable<Result<http::Response>> authorized_get(const std::string& url) {
    for (int attempt = 0; attempt < 2; ++attempt) {
      const bool cached = !m_token.empty() && m_ctx.now() < m_token_expiry;
      if (!cached) {
        auto st = co_await fetch_token();
        if (!st) co_return std::move(st).failure();
      }
      http::Request req;
      req.url = url;
      req.headers = {{"Authorization", "bearer " + m_token}, {"User-Agent", m_user_agent}};
      auto r = co_await fetch_checked(m_ctx, m_name, std::move(req));
      if (r || r.failure().kind != FailureKind::auth) co_return r;
      m_token.clear();
      if (!cached || attempt == 1)
        co_return Failure::auth("reddit refused the request (" + r.failure().message + "); " +
                                std::string(k_credentials_hint) + ", and a descriptive user_agent");
    }
    co_return Failure::auth("reddit: " + std::string(k_credentials_hint));  // not reached
  }

  awaitable<Status> fetch_token() {
    http::Request req;
    req.method = "POST";
    req.url = join_url(m_auth_base, "/api/v1/access_token");
    req.headers = {{"Authorization", "Basic " + base64(m_client_id + ":" + m_client_secret)},
                   {"Content-Type", "application/x-www-form-urlencoded"},
                   {"User-Agent", m_user_agent}};
    req.body = "grant_type=client_credentials";
    auto r = co_await fetch_checked(m_ctx, m_name, std::move(req));
    if (!r) {
      Failure f = std::move(r).failure();
      // Reddit answers a wrong client id or secret with 401 (or 400 invalid_grant).
      if (f.kind == FailureKind::auth || f.kind == FailureKind::fatal)
        co_return Failure::auth("reddit refused the app credentials (" + f.message + "); " +
                                std::string(k_credentials_hint));
      co_return f;
    }
    auto doc = parse_json_body(m_parser, *r);
    if (!doc) co_return std::move(doc).failure();
    std::string token = json::str(*doc, "access_token");
    if (token.empty()) co_return Failure::bad_response("reddit: the token response has no access_token");
    std::int64_t expires = json::integer(*doc, "expires_in").value_or(3600);
    m_token = std::move(token);
    // Renew a minute early so a poll never races the expiry.
    m_token_expiry = m_ctx.now() + std::max<std::int64_t>(60, expires - 60);
    log::info("REDDIT_TOKEN", "Obtained a Reddit OAuth token.", {{"source", m_name}, {"expires_in", expires}});
    co_return Ok{};
  }

  Context m_ctx;
  std::string m_name, m_client_id, m_client_secret, m_user_agent, m_search, m_subreddit;
  std::int64_t m_limit;
  std::string m_base, m_auth_base;
  std::string m_token;
  std::int64_t m_token_expiry = 0;
  simdjson::dom::parser m_parser;
};


}  // namespace

const ConnectorInfo& reddit_info() {
  static const ConnectorInfo k_info{
      "reddit",
      "Reddit search (OAuth app-only; credentials required).",
      k_keys,
      std::chrono::seconds(300),
      true,
      [](const SourceConfig& cfg, const Context& ctx) -> std::unique_ptr<Connector> {
        return std::make_unique<RedditConnector>(cfg, ctx);
      },
      // sample_notes: rendered under the summary in sample.toml.
      "Reddit blocks unauthenticated .json requests: register an app at\n"
          "https://www.reddit.com/prefs/apps (new apps need Reddit's approval).\n"
          "Keep the secret out of this file: client_secret_file = \"reddit_client_secret\" is read\n"
          "from $CREDENTIALS_DIRECTORY (systemd LoadCredential=). Default interval: 5m.",
  };
  return k_info;
}

}  // namespace pantau::connectors
