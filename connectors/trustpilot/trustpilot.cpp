#include "connectors/trustpilot/trustpilot.hpp"

#include "common/log.hpp"
#include "common/timeutil.hpp"
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
    {"api_key", KeyType::secret, "", "Trustpilot API key (Business > Integrations > API).", true},
    {"business_unit_id", KeyType::string, "",
     "Business unit id (GET /v1/business-units/find?name=<your domain> gives it).", true},
    {"language", KeyType::string, "\"all\"", "Only reviews in this language (ISO 639-1), or \"all\"."},
    {"per_page", KeyType::integer, "100", "Reviews per request (1..100)."},
    {"brand_replies", KeyType::boolean, "false",
     "Also store the company's replies as items (reply_to = the review), e.g. to audit response times."},
    {"base_url", KeyType::string, "\"https://api.trustpilot.com\"", "API host (tests point it at a fake server)."},
};

constexpr std::string_view k_key_hint = "set api_key (or api_key_file) to a Trustpilot API key for this business unit";


class TrustpilotConnector final : public Connector {
 public:
  TrustpilotConnector(const SourceConfig& cfg, const Context& ctx)
      : m_ctx(ctx),
        m_name(cfg.name),
        m_key(cfg.str("api_key")),
        m_unit(cfg.str("business_unit_id")),
        m_language(cfg.str("language")),
        m_per_page(std::clamp<std::int64_t>(cfg.integer("per_page"), 1, 100)),
        m_replies(cfg.boolean("brand_replies")),
        m_base(cfg.str("base_url")) {
    if (!m_ctx.http) throw std::invalid_argument("trustpilot source " + m_name + " needs an HTTP client");
  }

  // Reviews come newest first (orderBy=createdat.desc) and the API has no
  // "since": a round reads page 1, 2, ... until it meets the watermark.
  // Cursor: newest = createdAt (epoch s) of the newest review committed and
  // seen = ids at that second; page = the next page inside a round; top and
  // top_seen = the round's newest, the watermark once the round ends.
  awaitable<Result<Page>> poll(std::string cursor) override {
    Cursor state = Cursor::parse(cursor);
    const std::int64_t page_no = std::max<std::int64_t>(1, state.integer("page", 1));
    std::string url = join_url(m_base, "/v1/business-units/" + text::url_encode(m_unit) + "/reviews") +
                      "?page=" + std::to_string(page_no) + "&perPage=" + std::to_string(m_per_page) +
                      "&orderBy=createdat.desc";
    if (!m_language.empty() && m_language != "all") url += "&language=" + text::url_encode(m_language);
    http::Request req;
    req.url = std::move(url);
    req.headers = {{"apikey", m_key}};
    auto r = co_await fetch_checked(m_ctx, m_name, std::move(req));
    if (!r) {
      Failure f = std::move(r).failure();
      if (f.kind == FailureKind::auth) f.message = "trustpilot refused the request (" + f.message + "); " + std::string(k_key_hint);
      co_return f;
    }
    auto doc = parse_json_body(m_parser, *r);
    if (!doc) co_return std::move(doc).failure();
    simdjson::dom::array reviews;
    if ((*doc)["reviews"].get(reviews) != simdjson::SUCCESS)
      co_return Failure::bad_response("trustpilot: the response has no reviews array");

    NewestFirstRound round(state, m_ctx.now() - m_ctx.backfill_seconds, "page");
    Page page;
    std::size_t count = 0;
    for (auto rv : reviews) {
      ++count;
      Item it;
      it.source = "trustpilot";
      it.native_id = json::str(rv, "id");
      auto created = parse_iso8601(json::str(rv, "createdAt"));
      auto stars = json::integer(rv, "stars");
      if (it.native_id.empty() || !created) {
        ++page.skipped;
        continue;
      }
      it.created_at = *created;
      if (!round.admit(it.created_at, it.native_id)) continue;
      if (stars && *stars >= 1 && *stars <= 5) it.rating = static_cast<int>(*stars);
      it.author = json::str(rv, "consumer.displayName");
      it.lang = text::lower(json::str(rv, "language")).substr(0, 2);
      it.url = "https://www.trustpilot.com/reviews/" + it.native_id;
      const std::string title = json::str(rv, "title"), body = json::str(rv, "text");
      it.text = title.empty() ? body : body.empty() ? title : title + "\n\n" + body;
      if (m_replies) {
        if (auto reply = json::at_path(rv, "companyReply"); reply && !json::str(*reply, "text").empty()) {
          Item re = owner_reply(it, json::str(*reply, "authorBusinessUserName"), json::str(*reply, "text"),
                                parse_iso8601(json::str(*reply, "createdAt")).value_or(it.created_at));
          re.lang = it.lang;  // Trustpilot answers in the review's language
          page.items.push_back(std::move(it));
          page.items.push_back(std::move(re));
          continue;
        }
      }
      page.items.push_back(std::move(it));
    }
    bool has_next = false;
    simdjson::dom::array links;
    if ((*doc)["links"].get(links) == simdjson::SUCCESS)
      for (auto l : links) has_next = has_next || json::str(l, "rel") == "next-page";
    page.more = round.finish(has_next && count > 0 ? std::to_string(page_no + 1) : "");
    page.cursor = state.str();
    co_return page;
  }

 private:
  Context m_ctx;
  std::string m_name, m_key, m_unit, m_language;
  std::int64_t m_per_page;
  bool m_replies;
  std::string m_base;
  simdjson::dom::parser m_parser;
};

}  // namespace

const ConnectorInfo& trustpilot_info() {
  static const ConnectorInfo k_info{
      "trustpilot",
      "Trustpilot reviews of one business unit (API key), with star ratings.",
      k_keys,
      std::chrono::seconds(1800),
      true,
      [](const SourceConfig& cfg, const Context& ctx) -> std::unique_ptr<Connector> {
        return std::make_unique<TrustpilotConnector>(cfg, ctx);
      },
      // sample_notes: rendered under the summary in sample.toml.
      "Keep the key out of this file: api_key_file = \"trustpilot_api_key\" is read from\n"
          "$CREDENTIALS_DIRECTORY (systemd LoadCredential=). Default interval: 30m.",
  };
  return k_info;
}

}  // namespace pantau::connectors
