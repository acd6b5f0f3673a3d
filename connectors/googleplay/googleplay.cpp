#include "connectors/googleplay/googleplay.hpp"

#include "common/log.hpp"
#include "connectors/googleplay/google_auth.hpp"
#include "connectors/http/http_client.hpp"
#include "connectors/support/cursor.hpp"
#include "connectors/support/reply.hpp"
#include "connectors/support/fetch.hpp"
#include "connectors/support/json.hpp"
#include "connectors/support/text.hpp"

#include <simdjson.h>

#include <set>
#include <stdexcept>

namespace pantau::connectors {
namespace {

constexpr KeySpec k_keys[] = {
    {"package_name", KeyType::string, "\"id.kopisenja.app\"", "Your app's package name.", true},
    {"service_account_file", KeyType::string, "",
     "JSON key of a service account that Play Console granted \"Reply to reviews\"."},
    {"access_token", KeyType::secret, "", "A ready OAuth access token instead of a service account (expires in an hour)."},
    {"token_url", KeyType::string, "", "OAuth token endpoint; default: the key file's token_uri."},
    {"translation_language", KeyType::string, "", "Ask Google to translate reviews into this language."},
    {"max_results", KeyType::integer, "100", "Reviews per request (1..100)."},
    {"brand_replies", KeyType::boolean, "false", "Also store your developer replies as items (reply_to = the review)."},
    {"base_url", KeyType::string, "\"https://androidpublisher.googleapis.com\"",
     "API host (tests point it at a fake server)."},
};

constexpr std::string_view k_hint =
    "set service_account_file to a key of a service account with Play Console's \"Reply to reviews\" permission "
    "(or access_token / access_token_file)";


std::string primary_language(std::string_view tag) {
  std::string l = text::lower(tag.substr(0, tag.find_first_of("-_")));
  if (l == "in") return "id";  // Android's legacy code for Indonesian
  return l.size() == 2 ? l : std::string();
}

class GooglePlayConnector final : public Connector {
 public:
  GooglePlayConnector(const SourceConfig& cfg, const Context& ctx)
      : m_ctx(ctx),
        m_name(cfg.name),
        m_package(cfg.str("package_name")),
        m_translation(cfg.str("translation_language")),
        m_max(std::clamp<std::int64_t>(cfg.integer("max_results"), 1, 100)),
        m_replies(cfg.boolean("brand_replies")),
        m_base(cfg.str("base_url")),
        m_auth({cfg.str("access_token"), cfg.str("service_account_file"), "", "", "", cfg.str("token_url"),
                "https://www.googleapis.com/auth/androidpublisher", std::string(k_hint)},
               cfg.name) {
    if (!m_ctx.http) throw std::invalid_argument("googleplay source " + m_name + " needs an HTTP client");
  }

  // Reviews come most recently modified first and the API has no "since":
  // a round reads pages until it meets the watermark. Cursor: newest =
  // lastModified (epoch s) of the newest review committed, seen = ids at that
  // second; token = the page token inside a round; top/top_seen = the round's
  // newest, the watermark once the round ends. An edited review comes back
  // with a newer lastModified, and the store updates it in place.
  awaitable<Result<Page>> poll(std::string cursor) override {
    Cursor state = Cursor::parse(cursor);
    std::string url = join_url(m_base, "/androidpublisher/v3/applications/" + text::url_encode(m_package) + "/reviews") +
                      "?maxResults=" + std::to_string(m_max);
    if (state.has("token")) url += "&token=" + text::url_encode(state.get("token"));
    if (!m_translation.empty()) url += "&translationLanguage=" + text::url_encode(m_translation);
    auto r = co_await m_auth.get(m_ctx, url, "googleplay: the API refused the token");
    if (!r) co_return std::move(r).failure();
    auto doc = parse_json_body(m_parser, *r);
    if (!doc) co_return std::move(doc).failure();
    simdjson::dom::object root;
    if (doc->get(root) != simdjson::SUCCESS) co_return Failure::bad_response("googleplay: the answer is not an object");
    simdjson::dom::array reviews;
    // An empty answer is {} (no "reviews" key at all).
    const bool any = (*doc)["reviews"].get(reviews) == simdjson::SUCCESS;

    NewestFirstRound round(state, m_ctx.now() - m_ctx.backfill_seconds, "token");
    Page page;
    std::size_t count = 0;
    if (any)
      for (auto rv : reviews) {
        ++count;
        auto user = find_comment(rv, "userComment");
        auto modified = user ? json::integer(*user, "lastModified.seconds") : std::nullopt;  // a string int64
        Item it;
        it.source = "googleplay";
        it.native_id = json::str(rv, "reviewId");
        if (!user || !modified || it.native_id.empty()) {
          ++page.skipped;
          continue;
        }
        it.created_at = *modified;
        if (!round.admit(it.created_at, it.native_id)) continue;
        it.author = json::str(rv, "authorName");
        // With translationLanguage, `text` is Google's translation and
        // originalText the customer's own words, which we keep.
        std::string original = json::str(*user, "originalText");
        it.text = play_review_text(original.empty() ? json::str(*user, "text") : original);
        it.lang = primary_language(json::str(*user, "reviewerLanguage"));
        if (auto stars = json::integer(*user, "starRating"); stars && *stars >= 1 && *stars <= 5)
          it.rating = static_cast<int>(*stars);
        it.url = "https://play.google.com/store/apps/details?id=" + text::url_encode(m_package) +
                 "&reviewId=" + text::url_encode(it.native_id);
        auto dev = find_comment(rv, "developerComment");
        if (m_replies && dev && !json::str(*dev, "text").empty()) {
          Item re = owner_reply(it, "developer", json::str(*dev, "text"),
                                json::integer(*dev, "lastModified.seconds").value_or(it.created_at));
          page.items.push_back(std::move(it));
          page.items.push_back(std::move(re));
        } else {
          page.items.push_back(std::move(it));
        }
      }
    page.more = round.finish(count > 0 ? json::str(*doc, "tokenPagination.nextPageToken") : "");
    page.cursor = state.str();
    co_return page;
  }

 private:
  static std::optional<simdjson::dom::element> find_comment(simdjson::dom::element review, std::string_view kind) {
    simdjson::dom::array comments;
    if (review["comments"].get(comments) != simdjson::SUCCESS) return std::nullopt;
    for (auto c : comments)
      if (auto e = json::at_path(c, kind)) return e;
    return std::nullopt;
  }

  Context m_ctx;
  std::string m_name, m_package, m_translation;
  std::int64_t m_max;
  bool m_replies;
  std::string m_base;
  google::TokenSource m_auth;
  simdjson::dom::parser m_parser;
};

}  // namespace

std::string play_review_text(std::string_view t) {
  const std::size_t tab = t.find('\t');
  if (tab == std::string_view::npos) return std::string(t);
  std::string_view title = t.substr(0, tab), body = t.substr(tab + 1);
  if (title.empty()) return std::string(body);
  if (body.empty()) return std::string(title);
  return std::string(title) + "\n\n" + std::string(body);
}

const ConnectorInfo& googleplay_info() {
  static const ConnectorInfo k_info{
      "googleplay",
      "Google Play reviews of your own app (Play Developer API, service account).",
      k_keys,
      std::chrono::seconds(3600),
      true,
      [](const SourceConfig& cfg, const Context& ctx) -> std::unique_ptr<Connector> {
        return std::make_unique<GooglePlayConnector>(cfg, ctx);
      },
      // sample_notes: rendered under the summary in sample.toml.
      "Play Console > Users and permissions: invite the service account's e-mail\n"
          "with the \"Reply to reviews\" permission.\n"
          "The API only lists reviews of the last 7 days: keep the interval (default 1h) well under that.\n"
          "The customer's original text is stored whether or not translation_language is set.",
  };
  return k_info;
}

}  // namespace pantau::connectors
