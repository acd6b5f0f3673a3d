#include "connectors/gbp/gbp.hpp"

#include "common/timeutil.hpp"
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
    {"account_id", KeyType::string, "", "Business Profile account id (accounts/<id>).", true},
    {"location_id", KeyType::string, "", "Location id (locations/<id>).", true},
    {"client_id", KeyType::string, "", "OAuth client id (with client_secret and refresh_token)."},
    {"client_secret", KeyType::secret, "", "OAuth client secret."},
    {"refresh_token", KeyType::secret, "",
     "Refresh token of a user who manages the location (scope business.manage)."},
    {"access_token", KeyType::secret, "", "A ready OAuth access token instead (expires in an hour)."},
    {"token_url", KeyType::string, "\"https://oauth2.googleapis.com/token\"", "OAuth token endpoint."},
    {"location_url", KeyType::string, "",
     "Public page of the location (its Google Maps link), stored as each review's URL; the API gives none."},
    {"page_size", KeyType::integer, "50", "Reviews per request (1..50)."},
    {"brand_replies", KeyType::boolean, "false", "Also store the owner's replies as items (reply_to = the review)."},
    {"base_url", KeyType::string, "\"https://mybusiness.googleapis.com\"", "API host (tests point it at a fake server)."},
};

constexpr std::string_view k_hint =
    "set client_id, client_secret and refresh_token (or their _file forms) of a user who manages the location, "
    "or access_token";


std::optional<int> star_rating(std::string_view s) {
  static constexpr std::string_view k_names[] = {"ONE", "TWO", "THREE", "FOUR", "FIVE"};
  for (int i = 0; i < 5; ++i)
    if (s == k_names[i]) return i + 1;
  return std::nullopt;  // STAR_RATING_UNSPECIFIED
}

class GbpConnector final : public Connector {
 public:
  GbpConnector(const SourceConfig& cfg, const Context& ctx)
      : m_ctx(ctx),
        m_name(cfg.name),
        m_path("/v4/accounts/" + text::url_encode(cfg.str("account_id")) + "/locations/" +
               text::url_encode(cfg.str("location_id")) + "/reviews"),
        m_location_url(cfg.str("location_url")),
        m_page_size(std::clamp<std::int64_t>(cfg.integer("page_size"), 1, 50)),
        m_replies(cfg.boolean("brand_replies")),
        m_base(cfg.str("base_url")),
        m_auth({cfg.str("access_token"), "", cfg.str("client_id"), cfg.str("client_secret"), cfg.str("refresh_token"),
                cfg.str("token_url"), "https://www.googleapis.com/auth/business.manage", std::string(k_hint)},
               cfg.name) {
    if (!m_ctx.http) throw std::invalid_argument("gbp source " + m_name + " needs an HTTP client");
  }

  // orderBy=updateTime desc; no "since": a round reads pages until it meets
  // the watermark. Cursor: newest = updateTime (epoch s) of the newest review
  // committed, seen = ids at that second; page = pageToken inside a round;
  // top/top_seen = the round's newest. An edited review (or one that got a
  // reply) comes back with a newer updateTime and is updated in place.
  awaitable<Result<Page>> poll(std::string cursor) override {
    Cursor state = Cursor::parse(cursor);
    std::string url = join_url(m_base, m_path) + "?pageSize=" + std::to_string(m_page_size) +
                      "&orderBy=" + text::url_encode("updateTime desc");
    if (state.has("page")) url += "&pageToken=" + text::url_encode(state.get("page"));
    auto r = co_await m_auth.get(m_ctx, url, "gbp: Google refused access to the location");
    if (!r) co_return std::move(r).failure();
    auto doc = parse_json_body(m_parser, *r);
    if (!doc) co_return std::move(doc).failure();
    simdjson::dom::object root;
    if (doc->get(root) != simdjson::SUCCESS) co_return Failure::bad_response("gbp: the answer is not an object");
    simdjson::dom::array reviews;
    const bool any = (*doc)["reviews"].get(reviews) == simdjson::SUCCESS;  // absent on an empty page

    NewestFirstRound round(state, m_ctx.now() - m_ctx.backfill_seconds, "page");
    Page page;
    std::size_t count = 0;
    if (any)
      for (auto rv : reviews) {
        ++count;
        Item it;
        it.source = "gbp";
        it.native_id = json::str(rv, "reviewId");
        auto updated = parse_iso8601(json::str(rv, "updateTime"));
        auto created = parse_iso8601(json::str(rv, "createTime"));
        if (it.native_id.empty() || !updated) {
          ++page.skipped;
          continue;
        }
        if (!round.admit(*updated, it.native_id)) continue;
        it.created_at = created.value_or(*updated);
        it.url = m_location_url;
        it.rating = star_rating(json::str(rv, "starRating"));
        // Anonymous reviewers are shown as "A Google User": not an author.
        if (json::str(rv, "reviewer.isAnonymous") != "true") it.author = json::str(rv, "reviewer.displayName");
        it.text = gbp_original_comment(json::str(rv, "comment"));  // empty for rating-only reviews
        if (auto reply = json::at_path(rv, "reviewReply"); m_replies && reply && !json::str(*reply, "comment").empty()) {
          Item re = owner_reply(it, "owner", json::str(*reply, "comment"),
                                parse_iso8601(json::str(*reply, "updateTime")).value_or(*updated));
          page.items.push_back(std::move(it));
          page.items.push_back(std::move(re));
        } else {
          page.items.push_back(std::move(it));
        }
      }
    page.more = round.finish(count > 0 ? json::str(*doc, "nextPageToken") : "");
    page.cursor = state.str();
    co_return page;
  }

 private:
  Context m_ctx;
  std::string m_name, m_path, m_location_url;
  std::int64_t m_page_size;
  bool m_replies;
  std::string m_base;
  google::TokenSource m_auth;
  simdjson::dom::parser m_parser;
};

}  // namespace

std::string gbp_original_comment(std::string_view c) {
  constexpr std::string_view k_translated = "(Translated by Google)";
  constexpr std::string_view k_original = "(Original)";
  if (c.substr(0, k_translated.size()) != k_translated) return std::string(c);
  const std::size_t o = c.find(k_original);
  if (o == std::string_view::npos) return std::string(c);
  return text::tidy(c.substr(o + k_original.size()));
}

const ConnectorInfo& gbp_info() {
  static const ConnectorInfo k_info{
      "gbp",
      "Google Business Profile reviews of a location you manage (OAuth).",
      k_keys,
      std::chrono::seconds(3600),
      true,
      [](const SourceConfig& cfg, const Context& ctx) -> std::unique_ptr<Connector> {
        return std::make_unique<GbpConnector>(cfg, ctx);
      },
      // sample_notes: rendered under the summary in sample.toml.
      "Give client_id, client_secret and refresh_token of a user who manages the location\n"
          "(scope business.manage), or a short-lived access_token.\n"
          "location_url (e.g. \"https://maps.google.com/?cid=1234567890\") becomes each review's URL.",
  };
  return k_info;
}

}  // namespace pantau::connectors
