// Two walks share one cursor:
//  - first run: newest first with max_id (the Link header's rel="next", or
//    the oldest id on the page), until the backfill window, a short page or
//    the end;
//  - afterwards: forward from the newest committed id with min_id, which
//    returns the statuses right after it, so a long outage is caught up page
//    by page with no gap.
// Status ids are decimal strings longer than 2^53: they are compared by
// (length, text), never as doubles. Items are keyed by the status `uri`, which
// is the same on every instance, so two sources on different instances do not
// store one post twice.
#include "connectors/mastodon/mastodon.hpp"

#include "common/timeutil.hpp"
#include "connectors/support/cursor.hpp"
#include "connectors/support/fetch.hpp"
#include "connectors/support/json.hpp"
#include "connectors/support/text.hpp"

namespace pantau::connectors {
namespace {

constexpr KeySpec k_keys[] = {
    {"base_url", KeyType::string, "\"https://mastodon.social\"", "Instance to read from."},
    {"hashtags", KeyType::string_list, "[\"kopisenja\"]",
     "Hashtags (without #) whose public timeline is read; several are combined with any[]."},
    {"access_token", KeyType::secret, "",
     "Token of an app on the instance; with `search`, statuses are found by full-text search."},
    {"search", KeyType::string, "",
     "Full-text status search (needs access_token); empty = read the hashtag timelines."},
    {"limit", KeyType::integer, "40", "Statuses per request (Mastodon allows up to 40)."},
};

bool id_less(const std::string& a, const std::string& b) {
  return a.size() != b.size() ? a.size() < b.size() : a < b;
}

std::string lang_code(std::string l) {
  l = text::lower(l);
  if (auto dash = l.find_first_of("-_"); dash != std::string::npos) l.resize(dash);
  return l.size() == 2 ? l : std::string();
}

// The max_id of the rel="next" URL in a Link header; the host in the URL is
// the real instance's, so only the parameter is used.
std::string next_max_id(std::string_view link) {
  std::size_t p = 0;
  while (p < link.size()) {
    std::size_t lt = link.find('<', p), gt = link.find('>', lt);
    if (lt == std::string_view::npos || gt == std::string_view::npos) break;
    std::size_t end = link.find(',', gt);
    std::string_view params = link.substr(gt + 1, end == std::string_view::npos ? std::string_view::npos : end - gt - 1);
    if (params.find("rel=\"next\"") != std::string_view::npos || params.find("rel=next") != std::string_view::npos)
      return text::query_param(link.substr(lt + 1, gt - lt - 1), "max_id");
    if (end == std::string_view::npos) break;
    p = end + 1;
  }
  return {};
}

class MastodonConnector final : public Connector {
 public:
  MastodonConnector(const SourceConfig& cfg, const Context& ctx) : m_ctx(ctx), m_name(cfg.name) {
    m_base = cfg.str("base_url");
    m_tags = cfg.strings("hashtags");
    for (auto& t : m_tags)
      if (!t.empty() && t.front() == '#') t.erase(0, 1);
    m_token = cfg.str("access_token");
    m_search = cfg.str("search");
    m_limit = cfg.integer("limit");
    if (m_limit < 1 || m_limit > 40) throw std::invalid_argument("limit must be 1..40");
    if (!m_search.empty() && m_token.empty())
      throw std::invalid_argument("mastodon search needs access_token (hashtag timelines do not)");
    if (m_search.empty() && m_tags.empty()) throw std::invalid_argument("mastodon needs hashtags or search");
  }

  awaitable<Result<Page>> poll(std::string cursor_text) override {
    Cursor cur = Cursor::parse(cursor_text);
    const std::string since = cur.get("since");  // newest committed id ("" on the first run)
    const bool backward = since.empty();
    const std::string max_id = cur.get("max");
    const std::int64_t window = m_ctx.now() - m_ctx.backfill_seconds;

    std::string url;
    if (!m_search.empty()) {
      url = join_url(m_base, "/api/v2/search") + "?type=statuses&resolve=false&q=" + text::url_encode(m_search) + "&";
    } else {
      url = join_url(m_base, "/api/v1/timelines/tag/" + text::url_encode(m_tags.front())) + "?";
      for (std::size_t i = 1; i < m_tags.size(); ++i) url += "any[]=" + text::url_encode(m_tags[i]) + "&";
    }
    url += "limit=" + std::to_string(m_limit);
    if (backward && !max_id.empty()) url += "&max_id=" + max_id;
    if (!backward) url += "&min_id=" + since;
    http::Request req;
    req.url = std::move(url);
    if (!m_token.empty()) req.headers.emplace_back("Authorization", "Bearer " + m_token);
    auto resp = co_await fetch_checked(m_ctx, m_name, std::move(req));
    if (!resp) co_return std::move(resp).failure();
    auto doc = parse_json_body(m_parser, *resp);
    if (!doc) co_return std::move(doc).failure();
    simdjson::dom::array statuses;
    if (!m_search.empty() ? (*doc)["statuses"].get(statuses) != simdjson::SUCCESS
                          : doc->get(statuses) != simdjson::SUCCESS)
      co_return Failure::bad_response("expected an array of statuses");

    Page page;
    std::string top = backward ? cur.get("top") : since;
    std::string oldest;
    bool reached_window = false;
    std::size_t count = 0;
    for (auto s : statuses) {
      ++count;
      std::string id = json::str(s, "id");
      auto created = parse_iso8601(json::str(s, "created_at"));
      if (id.empty() || !created) {
        ++page.skipped;
        continue;
      }
      if (oldest.empty() || id_less(id, oldest)) oldest = id;
      if (!since.empty() && !id_less(since, id)) continue;  // already committed
      if (backward && *created < window) {
        reached_window = true;
        continue;
      }
      if (top.empty() || id_less(top, id)) top = id;
      page.items.push_back(to_item(s, id, *created));
    }

    Cursor next;
    const bool full = count >= static_cast<std::size_t>(m_limit);
    if (backward) {
      std::string more_from = next_max_id(resp->header("Link"));
      if (more_from.empty()) more_from = oldest;
      if (full && !reached_window && !more_from.empty()) {
        next.set("max", more_from);
        next.set("top", top);
        page.more = true;
      } else {
        next.set("since", top);
      }
    } else {
      next.set("since", top);
      page.more = full;  // min_id pages forward: a full page means more right after it
    }
    page.cursor = next.str();
    co_return page;
  }

 private:
  Item to_item(simdjson::dom::element s, const std::string& id, std::int64_t created) {
    Item it;
    it.source = "mastodon";
    it.native_id = json::str(s, "uri");
    if (it.native_id.empty()) it.native_id = join_url(m_base, "/statuses/" + id);
    it.url = json::str(s, "url");
    if (it.url.empty()) it.url = it.native_id;
    it.author = json::str(s, "account.acct");
    it.created_at = created;
    it.lang = lang_code(json::str(s, "language"));
    std::string body = text::html_to_text(json::str(s, "content"));
    // A content warning is part of what the author said; keep it in front.
    std::string cw = text::tidy(json::str(s, "spoiler_text"));
    it.text = cw.empty() ? body : cw + "\n\n" + body;
    // Only the instance-local id of the parent is given (no uri).
    it.reply_to = json::str(s, "in_reply_to_id");
    return it;
  }

  Context m_ctx;
  std::string m_name, m_base, m_token, m_search;
  std::vector<std::string> m_tags;
  std::int64_t m_limit = 40;
  simdjson::dom::parser m_parser;
};

}  // namespace

const ConnectorInfo& mastodon_info() {
  static const ConnectorInfo k_info{
      "mastodon",
      "Mastodon hashtag timelines on any instance (no credentials), or status search with a token.",
      k_keys,
      std::chrono::seconds(120),
      true,
      [](const SourceConfig& cfg, const Context& ctx) -> std::unique_ptr<Connector> {
        return std::make_unique<MastodonConnector>(cfg, ctx);
      },
  };
  return k_info;
}

}  // namespace pantau::connectors
