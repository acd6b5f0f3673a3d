#include "connectors/x/x.hpp"

#include "common/log.hpp"
#include "common/timeutil.hpp"
#include "connectors/http/http_client.hpp"
#include "connectors/http/rate_limit.hpp"
#include "connectors/support/cursor.hpp"
#include "connectors/support/fetch.hpp"
#include "connectors/support/json.hpp"
#include "connectors/support/text.hpp"

#include <simdjson.h>

#include <map>
#include <stdexcept>

namespace pantau::connectors {
namespace {

constexpr KeySpec k_keys[] = {
    {"bearer_token", KeyType::secret, "", "App-only bearer token of your X developer app.", true},
    {"search", KeyType::string, "",
     "Search query in X's syntax; default: the watch's search terms, retweets excluded."},
    {"max_results", KeyType::integer, "100", "Posts per request (10..100); every post read is billed."},
    {"base_url", KeyType::string, "\"https://api.x.com\"", "API host (tests point it at a fake server)."},
};

constexpr std::string_view k_tweet_fields =
    "created_at,lang,public_metrics,author_id,conversation_id,entities,referenced_tweets,note_tweet,"
    "possibly_sensitive,edit_history_tweet_ids,in_reply_to_user_id";
// Recent search reaches back seven days; ask for a little less so a slow
// request does not fall off the edge and get a 400.
constexpr std::int64_t k_max_backfill = 7 * 86400 - 300;

std::string search_expression(const SourceConfig& cfg, const Context& ctx) {
  if (!cfg.str("search").empty()) return cfg.str("search");
  std::string q;
  for (const std::string& t : ctx.search_terms) {
    if (!q.empty()) q += " OR ";
    q += t.find(' ') != std::string::npos ? "\"" + t + "\"" : t;
  }
  if (q.empty()) throw std::invalid_argument("x source " + cfg.name + ": no search terms; set `search`");
  if (ctx.search_terms.size() > 1) q = "(" + q + ")";
  // Retweets are truncated "RT @…" copies of posts we already get.
  return q + " -is:retweet";
}

// X escapes exactly these three in `text`; decoding them (once, left to
// right) leaves "&amp;lt;" as the literal "&lt;" the author typed.
std::string decode_x_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '&') {
      if (s.substr(i, 5) == "&amp;") { out += '&'; i += 4; continue; }
      if (s.substr(i, 4) == "&lt;") { out += '<'; i += 3; continue; }
      if (s.substr(i, 4) == "&gt;") { out += '>'; i += 3; continue; }
    }
    out += s[i];
  }
  return out;
}

struct SearchPage {
  std::vector<Item> items;
  std::string newest_id;
  std::string next_token;
  std::int64_t skipped = 0;
};

Result<SearchPage> parse_search(simdjson::dom::parser& parser, const http::Response& r) {
  auto doc = parse_json_body(parser, r);
  if (!doc) return std::move(doc).failure();
  SearchPage out;
  simdjson::dom::array data;
  const bool has_data = (*doc)["data"].get(data) == simdjson::SUCCESS;
  if (!has_data) {
    // An empty result is only {"meta":{"result_count":0}}; anything else
    // without data is an error envelope that came with status 200.
    if (json::at_path(*doc, "meta.result_count")) return out;
    std::string detail = json::str(*doc, "errors.0.detail");
    return Failure::bad_response("x: the response has neither data nor meta" + (detail.empty() ? "" : ": " + detail));
  }
  std::map<std::string, std::string, std::less<>> usernames;
  simdjson::dom::array users;
  if ((*doc)["includes"]["users"].get(users) == simdjson::SUCCESS)
    for (auto u : users) usernames[json::str(u, "id")] = json::str(u, "username");

  for (auto t : data) {
    Item it;
    it.source = "x";
    it.native_id = json::str(t, "id");  // a string: X ids exceed 2^53
    auto created = parse_iso8601(json::str(t, "created_at"));
    if (it.native_id.empty() || !created) {
      ++out.skipped;
      continue;
    }
    it.created_at = *created;
    // Long posts: `text` is cut with a t.co link, the whole post is in note_tweet.
    std::string body = json::str(t, "note_tweet.text");
    if (body.empty()) body = json::str(t, "text");
    it.text = decode_x_text(body);
    it.lang = x_language(json::str(t, "lang"));
    auto user = usernames.find(json::str(t, "author_id"));
    it.author = user != usernames.end() ? user->second : std::string();
    it.url = it.author.empty() ? "https://x.com/i/web/status/" + it.native_id
                               : "https://x.com/" + it.author + "/status/" + it.native_id;
    simdjson::dom::array refs;
    if (t["referenced_tweets"].get(refs) == simdjson::SUCCESS)
      for (auto ref : refs)
        if (json::str(ref, "type") == "replied_to") it.reply_to = json::str(ref, "id");
    out.items.push_back(std::move(it));
  }
  out.newest_id = json::str(*doc, "meta.newest_id");
  out.next_token = json::str(*doc, "meta.next_token");
  return out;
}

class XConnector final : public Connector {
 public:
  XConnector(const SourceConfig& cfg, const Context& ctx)
      : m_ctx(ctx),
        m_name(cfg.name),
        m_token(cfg.str("bearer_token")),
        m_search(search_expression(cfg, ctx)),
        m_max(std::clamp<std::int64_t>(cfg.integer("max_results"), 10, 100)),
        m_base(cfg.str("base_url")) {
    if (!m_ctx.http) throw std::invalid_argument("x source " + m_name + " needs an HTTP client");
  }

  // Cursor: since = since_id of the current round (the newest id committed
  // by the previous round); next = next_token inside a round; top = newest id
  // of the round's first page (becomes `since` when the round ends);
  // start = start_time of a first-run round.
  awaitable<Result<Page>> poll(std::string cursor) override {
    Cursor state = Cursor::parse(cursor);
    const bool first_page = !state.has("next");
    if (first_page && !state.has("since") && !state.has("start"))
      state.set("start", format_iso8601(m_ctx.now() - std::min(m_ctx.backfill_seconds, k_max_backfill)));

    std::string url = join_url(m_base, "/2/tweets/search/recent") + "?query=" + text::url_encode(m_search) +
                      "&max_results=" + std::to_string(m_max) + "&tweet.fields=" + text::url_encode(k_tweet_fields) +
                      "&expansions=author_id&user.fields=" + text::url_encode("username,name,verified,created_at");
    // The same since_id (or start_time) on every page of a round, as X asks.
    if (state.has("since")) url += "&since_id=" + text::url_encode(state.get("since"));
    else url += "&start_time=" + text::url_encode(state.get("start"));
    if (!first_page) url += "&next_token=" + text::url_encode(state.get("next"));

    http::Request req;
    req.url = std::move(url);
    req.headers = {{"Authorization", "Bearer " + m_token}};
    auto raw = co_await m_ctx.http->fetch(req);
    if (raw && raw->status == 429 && raw->body.find("usage-capped") != std::string::npos) {
      // The monthly cap: the 15-minute window's reset does not help.
      log::error("X_USAGE_CAPPED", "X's monthly usage cap is reached; polling pauses for a day.", {{"source", m_name}});
      co_return Failure::rate_limited("x: monthly usage cap reached (raise the plan's cap)", std::chrono::hours(24));
    }
    // The one classification path (rate-limit headers, 5xx, auth) for the rest.
    auto response = co_await fetch_checked_response(std::move(raw), req);
    if (!response) co_return std::move(response).failure();
    auto parsed = parse_search(m_parser, *response);
    if (!parsed) co_return std::move(parsed).failure();

    Page page;
    page.items = std::move(parsed->items);
    page.skipped = parsed->skipped;
    if (first_page && !parsed->newest_id.empty()) state.set("top", parsed->newest_id);
    if (!parsed->next_token.empty()) {
      state.set("next", parsed->next_token);
      page.more = true;
    } else {
      if (state.has("top")) state.set("since", state.get("top"));
      for (const char* k : {"next", "top", "start"}) state.erase(k);
    }
    page.cursor = state.str();
    co_return page;
  }

 private:
  // Classifies an answer already fetched; transport failures pass through.
  awaitable<Result<http::Response>> fetch_checked_response(Result<http::Response> raw, const http::Request& req) {
    if (!raw) co_return std::move(raw).failure();
    if (auto f = http::classify(*raw, m_ctx.now())) {
      if (f->kind == FailureKind::auth)
        f->message = "x refused the bearer token (" + f->message + "); set bearer_token (or bearer_token_file)";
      log::warn("X_REQUEST_FAILED", "The X API refused or failed a request.",
                {{"source", m_name}, {"url", log::redact_url(req.url)}, {"status", static_cast<std::int64_t>(raw->status)},
                 {"kind", to_string(f->kind)}, {"retry_after_s", static_cast<std::int64_t>(f->retry_after.count())}});
      co_return std::move(*f);
    }
    co_return std::move(raw);
  }

  Context m_ctx;
  std::string m_name, m_token, m_search;
  std::int64_t m_max;
  std::string m_base;
  simdjson::dom::parser m_parser;
};

}  // namespace

std::string x_language(std::string_view lang) {
  std::string l = text::lower(lang);
  if (l == "in") return "id";
  if (l == "iw") return "he";
  if (l == "ji") return "yi";
  // und, zxx, art and the q* pseudo-codes (qme, qht, qam, qct, qst) carry no language.
  if (l.size() != 2) return {};
  return l;
}

const ConnectorInfo& x_info() {
  static const ConnectorInfo k_info{
      "x",
      "X (Twitter) API v2 recent search (bearer token; pay-per-use).",
      k_keys,
      std::chrono::seconds(900),
      true,
      [](const SourceConfig& cfg, const Context& ctx) -> std::unique_ptr<Connector> {
        return std::make_unique<XConnector>(cfg, ctx);
      },
      // sample_notes: rendered under the summary in sample.toml.
      "Pay-per-use: every post read is billed, so keep max_results and the interval (default 15m)\n"
          "modest. Example search: '(\"kopi senja\" OR kopisenja) lang:id -is:retweet'.",
  };
  return k_info;
}

}  // namespace pantau::connectors
