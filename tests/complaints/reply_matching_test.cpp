// First-response matching on the Mastodon and X fixtures, in both arrival
// orders (parent first, or the brand's reply first).
#include "common/timeutil.hpp"
#include "complaints/workflow.hpp"
#include "storage/ingest_hooks.hpp"
#include "test_db.hpp"

#include <simdjson.h>

#include <set>

using namespace pantau;
using pantau::testing::TempDb;

namespace {

std::string fixture(const std::string& name) { return std::string(COMPLAINTS_FIXTURES) + "/" + name; }

// Complaints are decided by the tagger elsewhere; here they are given so the
// test is about matching only.
Mention to_mention(Item item, const std::set<std::string>& complaints) {
  Mention m;
  m.item = std::move(item);
  m.watch = "kopi";
  m.complaint = complaints.count(m.item.native_id) > 0;
  m.label = m.complaint ? Label::negative : Label::neutral;
  m.score = m.complaint ? -0.5 : 0.0;
  return m;
}

std::vector<Mention> mastodon(const std::string& file, const std::set<std::string>& complaints) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.load(fixture(file));
  std::vector<Mention> out;
  for (simdjson::dom::element s : doc.get_array()) {
    Item it;
    it.source = "mastodon";
    it.native_id = std::string(std::string_view(s["id"]));
    it.author = std::string(std::string_view(s["account"]["acct"]));
    it.created_at = *parse_iso8601(std::string_view(s["created_at"]));
    it.text = std::string(std::string_view(s["content"]));
    if (s["in_reply_to_id"].is_string()) it.reply_to = std::string(std::string_view(s["in_reply_to_id"]));
    out.push_back(to_mention(std::move(it), complaints));
  }
  return out;
}

std::vector<Mention> x(const std::string& file, const std::set<std::string>& complaints) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.load(fixture(file));
  std::map<std::string, std::string> users;
  for (simdjson::dom::element u : doc["includes"]["users"].get_array())
    users[std::string(std::string_view(u["id"]))] = std::string(std::string_view(u["username"]));
  std::vector<Mention> out;
  for (simdjson::dom::element t : doc["data"].get_array()) {
    Item it;
    it.source = "x";
    it.native_id = std::string(std::string_view(t["id"]));
    it.author = users[std::string(std::string_view(t["author_id"]))];
    it.created_at = *parse_iso8601(std::string_view(t["created_at"]));
    it.text = std::string(std::string_view(t["text"]));
    simdjson::dom::array refs;
    if (t["referenced_tweets"].get(refs) == simdjson::SUCCESS)
      for (simdjson::dom::element r : refs)
        if (std::string_view(r["type"]) == "replied_to") it.reply_to = std::string(std::string_view(r["id"]));
    out.push_back(to_mention(std::move(it), complaints));
  }
  return out;
}

struct Response {
  std::optional<std::int64_t> seconds;
  std::string reply_native_id;
};

Response response_of(SQLite::Database& db, const std::string& source, const std::string& native_id) {
  SQLite::Statement st(db,
                       "SELECT c.first_response_at - c.opened_at, r.native_id FROM complaints c JOIN mentions m ON "
                       "m.id = c.mention_id LEFT JOIN mentions r ON r.id = c.first_response_id WHERE m.source = ? "
                       "AND m.native_id = ?");
  st.bind(1, source);
  st.bind(2, native_id);
  if (!st.executeStep()) ADD_FAILURE() << "no complaint for " << native_id;
  Response r;
  if (!st.getColumn(0).isNull()) r.seconds = st.getColumn(0).getInt64();
  if (!st.getColumn(1).isNull()) r.reply_native_id = st.getColumn(1).getString();
  return r;
}

const std::set<std::string> k_x_complaints = {"2090730123555835907", "2090728361948155908", "2090675262059515913"};
const std::vector<std::string> k_x_brand = {"kopisenja_id"};

void check_x(SQLite::Database& db) {
  // Rara's late order: the brand answered in the thread, under a fan's reply, at 09:30 (12 min).
  auto rara = response_of(db, "x", "2090730123555835907");
  EXPECT_EQ(rara.seconds, 12 * 60);
  EXPECT_EQ(rara.reply_native_id, "2090732000000000001");
  // jktfoodie: a direct reply 30 minutes later.
  auto jkt = response_of(db, "x", "2090675262059515913");
  EXPECT_EQ(jkt.seconds, 30 * 60);
  // The QRIS crash report got no answer.
  EXPECT_FALSE(response_of(db, "x", "2090728361948155908").seconds.has_value());
}

}  // namespace

TEST(ReplyMatching, XParentsFirst) {
  TempDb db;
  db.ingest(x("x_page1.json", k_x_complaints), k_x_brand);
  db.ingest(x("x_page2.json", k_x_complaints), k_x_brand);
  db.ingest(x("x_brand_replies.json", k_x_complaints), k_x_brand);
  check_x(db.rw());
}

TEST(ReplyMatching, XRepliesFirst) {
  TempDb db;
  db.ingest(x("x_brand_replies.json", k_x_complaints), k_x_brand);
  db.ingest(x("x_page2.json", k_x_complaints), k_x_brand);
  db.ingest(x("x_page1.json", k_x_complaints), k_x_brand);
  check_x(db.rw());
}

TEST(ReplyMatching, XWithoutOwnAccountsRecordsNothing) {
  TempDb db;
  db.ingest(x("x_page1.json", k_x_complaints));
  db.ingest(x("x_page2.json", k_x_complaints));
  db.ingest(x("x_brand_replies.json", k_x_complaints));
  EXPECT_FALSE(response_of(db.rw(), "x", "2090675262059515913").seconds.has_value());
}

TEST(ReplyMatching, MastodonBothOrders) {
  // dewi_ngopi's cold latte (page 1) is answered by kopisenja_id (page 2). The
  // fixture dates the reply before the post; that counts as an immediate response.
  const std::set<std::string> complaints = {"117132739215360007", "117132440371200046"};
  const std::vector<std::string> brand = {"@kopisenja_id@mastodon.social"};
  for (bool reply_first : {false, true}) {
    TempDb db;
    if (reply_first) db.ingest(mastodon("mastodon_page2.json", complaints), brand);
    db.ingest(mastodon("mastodon_page1.json", complaints), brand);
    if (!reply_first) db.ingest(mastodon("mastodon_page2.json", complaints), brand);
    auto dewi = response_of(db.rw(), "mastodon", "117132739215360007");
    EXPECT_EQ(dewi.seconds, 0) << "reply_first=" << reply_first;
    EXPECT_EQ(dewi.reply_native_id, "117132106137600059");
    EXPECT_FALSE(response_of(db.rw(), "mastodon", "117132440371200046").seconds.has_value());
    auto detail = complaints::show_complaint(db.rw(), 1);
    ASSERT_TRUE(detail.ok());
  }
}

TEST(ReplyMatching, OwnAccountHandles) {
  using storage::is_own_account;
  EXPECT_TRUE(is_own_account({"KopiSenja_ID"}, "kopisenja_id"));
  EXPECT_TRUE(is_own_account({"@kopisenja_id"}, "kopisenja_id@mastodon.social"));
  EXPECT_TRUE(is_own_account({"kopisenja_id@mastodon.social"}, "kopisenja_id"));
  EXPECT_FALSE(is_own_account({"kopisenja_id@mastodon.social"}, "kopisenja_id@mas.to"));
  EXPECT_FALSE(is_own_account({"kopisenja_id"}, "kopisenja_fan"));
  EXPECT_FALSE(is_own_account({"kopisenja_id"}, ""));
}
