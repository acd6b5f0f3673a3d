#include "connectors/youtube/youtube.hpp"

#include "common/log.hpp"
#include "common/timeutil.hpp"
#include "connectors/http/http_client.hpp"
#include "connectors/http/rate_limit.hpp"
#include "connectors/support/cursor.hpp"
#include "connectors/support/fetch.hpp"
#include "connectors/support/json.hpp"
#include "connectors/support/text.hpp"

#include <simdjson.h>

#include <set>
#include <stdexcept>

namespace pantau::connectors {
namespace {

constexpr KeySpec k_keys[] = {
    {"api_key", KeyType::secret, "", "YouTube Data API v3 key (Google Cloud console).", true},
    {"video_id", KeyType::string, "", "Read the comments of this video (set this or channel_id)."},
    {"channel_id", KeyType::string, "", "Read the comments on every video of this channel (set this or video_id)."},
    {"max_results", KeyType::integer, "100", "Threads per request (1..100); each request costs one quota unit."},
    {"base_url", KeyType::string, "\"https://www.googleapis.com\"", "API host (tests point it at a fake server)."},
};

constexpr std::string_view k_key_hint = "set api_key (or api_key_file) to a key with the YouTube Data API v3 enabled";

// Reason of Google's error envelope: {"error":{"errors":[{"reason":...}]}}.
std::string google_reason(simdjson::dom::parser& parser, const http::Response& r) {
  simdjson::dom::element doc;
  if (parser.parse(r.body).get(doc) != simdjson::SUCCESS) return {};
  std::string reason = json::str(doc, "error.errors.0.reason");
  return reason.empty() ? json::str(doc, "error.status") : reason;
}

struct Comment {
  Item item;
  bool top_level = false;
};

Item comment_item(simdjson::dom::element c) {
  Item it;
  it.source = "youtube";
  it.native_id = json::str(c, "id");
  auto s = json::at_path(c, "snippet");
  if (!s) return it;
  // textOriginal is the author's own plain text when the API gives it;
  // textDisplay is HTML (<br>, <a> for timestamps and mentions, entities).
  it.text = json::str(*s, "textOriginal");
  if (it.text.empty()) it.text = text::html_to_text(json::str(*s, "textDisplay"));
  it.author = json::str(*s, "authorDisplayName");
  it.created_at = parse_iso8601(json::str(*s, "publishedAt")).value_or(0);
  it.reply_to = json::str(*s, "parentId");
  it.url = "https://www.youtube.com/watch?v=" + text::url_encode(json::str(*s, "videoId")) +
           "&lc=" + text::url_encode(it.native_id);
  return it;
}

struct ThreadPage {
  std::vector<Comment> comments;
  std::string next_page;
  std::string etag;
  std::int64_t skipped = 0;
};

Result<ThreadPage> parse_threads(simdjson::dom::parser& parser, const http::Response& r) {
  auto doc = parse_json_body(parser, r);
  if (!doc) return std::move(doc).failure();
  simdjson::dom::array items;
  if ((*doc)["items"].get(items) != simdjson::SUCCESS)
    return Failure::bad_response("youtube: the response has no items array");
  ThreadPage out;
  out.next_page = json::str(*doc, "nextPageToken");
  out.etag = json::str(*doc, "etag");
  for (auto thread : items) {
    auto top = json::at_path(thread, "snippet.topLevelComment");
    if (!top) {
      ++out.skipped;
      continue;
    }
    Comment c{comment_item(*top), true};
    if (c.item.native_id.empty() || c.item.created_at == 0) {
      ++out.skipped;
      continue;
    }
    out.comments.push_back(std::move(c));
    simdjson::dom::array replies;
    if (thread["replies"]["comments"].get(replies) == simdjson::SUCCESS)
      for (auto reply : replies) {
        Item it = comment_item(reply);
        if (it.native_id.empty() || it.created_at == 0) ++out.skipped;
        else out.comments.push_back({std::move(it), false});
      }
  }
  return out;
}


class YoutubeConnector final : public Connector {
 public:
  YoutubeConnector(const SourceConfig& cfg, const Context& ctx)
      : m_ctx(ctx),
        m_name(cfg.name),
        m_key(cfg.str("api_key")),
        m_max(std::clamp<std::int64_t>(cfg.integer("max_results"), 1, 100)),
        m_base(cfg.str("base_url")) {
    const std::string& video = cfg.str("video_id");
    const std::string& channel = cfg.str("channel_id");
    if (video.empty() == channel.empty())
      throw std::invalid_argument("youtube source " + m_name + ": set exactly one of video_id and channel_id");
    m_filter = video.empty() ? "allThreadsRelatedToChannelId=" + text::url_encode(channel)
                             : "videoId=" + text::url_encode(video);
    if (!m_ctx.http) throw std::invalid_argument("youtube source " + m_name + " needs an HTTP client");
  }

  // commentThreads has no "since": with order=time a round reads page 1 (and
  // on) until it meets comments at or before the watermark.
  // Cursor: newest = watermark (epoch s) and seen = ids at that second;
  // page = pageToken inside a round; top/top_seen = the round's newest, which
  // becomes the watermark when the round ends; etag = page 1's, for 304s.
  awaitable<Result<Page>> poll(std::string cursor) override {
    Cursor state = Cursor::parse(cursor);
    for (int attempt = 0; attempt < 2; ++attempt) {
      const bool first_page = !state.has("page");
      std::string url = join_url(m_base, "/youtube/v3/commentThreads") + "?part=snippet,replies&" + m_filter +
                        "&order=time&maxResults=" + std::to_string(m_max) + "&textFormat=html&key=" +
                        text::url_encode(m_key);
      if (!first_page) url += "&pageToken=" + text::url_encode(state.get("page"));
      http::Request req;
      req.url = std::move(url);
      // A 304 answer to page 1 costs no quota (observed), so ask conditionally.
      if (first_page && state.has("etag")) req.headers.emplace_back("If-None-Match", state.get("etag"));
      auto r = co_await m_ctx.http->fetch(req);
      if (!r) co_return std::move(r).failure();
      if (r->status == 304) {
        Page page;
        page.cursor = cursor;
        co_return page;
      }
      if (r->status == 400 || r->status == 403) {
        const std::string reason = google_reason(m_parser, *r);
        if (reason == "invalidPageToken" && attempt == 0) {
          // Page tokens expire; start the round again from page 1.
          log::warn("YOUTUBE_PAGE_TOKEN_DROPPED", "The stored page token was refused; restarting from page 1.",
                    {{"source", m_name}});
          for (const char* k : {"page", "top", "top_seen"}) state.erase(k);
          continue;
        }
        if (reason == "commentsDisabled")
          co_return fail(*r, Failure::fatal("youtube: comments are disabled for " + m_filter));
        if (reason == "keyInvalid" || reason == "accessNotConfigured" || reason == "forbidden" ||
            (r->status == 400 && r->body.find("API key not valid") != std::string::npos))
          co_return fail(*r, Failure::auth("youtube refused the API key (" + reason + "); " + std::string(k_key_hint)));
      }
      // Quota (403 quotaExceeded -> until midnight Pacific), 429, 5xx, 401.
      if (auto f = http::classify(*r, m_ctx.now())) {
        if (f->kind == FailureKind::auth) f->message += "; " + std::string(k_key_hint);
        co_return fail(*r, std::move(*f));
      }
      co_return build_page(state, first_page, *r);
    }
    co_return Failure::bad_response("youtube: page token refused twice");
  }

 private:
  Result<Page> build_page(Cursor state, bool first_page, const http::Response& r) {
    auto parsed = parse_threads(m_parser, r);
    if (!parsed) return std::move(parsed).failure();
    // First run: the backfill window; later: strictly after what was committed.
    NewestFirstRound round(state, m_ctx.now() - m_ctx.backfill_seconds, "page");
    Page page;
    page.skipped = parsed->skipped;
    for (Comment& c : parsed->comments)  // replies come with their thread, not in time order
      if (round.admit(c.item.created_at, c.item.native_id, c.top_level)) page.items.push_back(std::move(c.item));
    if (first_page && !parsed->etag.empty()) state.set("etag", parsed->etag);
    page.more = round.finish(parsed->next_page);
    page.cursor = state.str();
    return page;
  }

  Failure fail(const http::Response& r, Failure f) {
    log::warn("YOUTUBE_REQUEST_FAILED", "The YouTube API refused or failed a request.",
              {{"source", m_name}, {"status", static_cast<std::int64_t>(r.status)}, {"kind", to_string(f.kind)},
               {"retry_after_s", static_cast<std::int64_t>(f.retry_after.count())}});
    return f;
  }

  Context m_ctx;
  std::string m_name, m_key;
  std::int64_t m_max;
  std::string m_base, m_filter;
  simdjson::dom::parser m_parser;
};

}  // namespace

const ConnectorInfo& youtube_info() {
  static const ConnectorInfo k_info{
      "youtube",
      "YouTube comments on a video or channel (Data API v3 key; daily quota).",
      k_keys,
      std::chrono::seconds(900),
      true,
      [](const SourceConfig& cfg, const Context& ctx) -> std::unique_ptr<Connector> {
        return std::make_unique<YoutubeConnector>(cfg, ctx);
      },
      // sample_notes: rendered under the summary in sample.toml.
      "Set exactly one of video_id (e.g. \"kS3nja-Vl0g\") or channel_id (all the channel's videos).\n"
          "Each request costs one quota unit; a project gets 10,000 units a day by default.",
  };
  return k_info;
}

}  // namespace pantau::connectors
