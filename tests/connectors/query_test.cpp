// The watch query language: every operator, folding, errors with columns,
// and the searchable part.
#include "connectors/query/query.hpp"

#include <gtest/gtest.h>

using namespace pantau;

namespace {

bool m(std::string_view q, std::string text, std::string lang = "", std::string source = "", std::string author = "") {
  auto parsed = query::parse(q);
  EXPECT_TRUE(parsed.ok()) << q << ": " << (parsed ? "" : parsed.failure().message);
  if (!parsed) return false;
  Item it;
  it.text = std::move(text);
  it.source = std::move(source);
  it.author = std::move(author);
  return (*parsed)->matches(it, lang);
}

std::string err(std::string_view q) {
  auto parsed = query::parse(q);
  return parsed ? "" : parsed.failure().message;
}

TEST(Query, WordsAreImplicitlyAnded) {
  EXPECT_TRUE(m("kopi senja", "Senja ini ngopi di Kopi Kenangan"));
  EXPECT_FALSE(m("kopi senja", "kopi susu enak"));
}

TEST(Query, PhraseNeedsAdjacentWords) {
  EXPECT_TRUE(m("\"kopi senja\"", "Pesan di #Kopi-Senja tadi"));
  EXPECT_FALSE(m("\"kopi senja\"", "Senja ini kopi"));
}

TEST(Query, OrAndNotAndParentheses) {
  EXPECT_TRUE(m("\"kopi senja\" (dingin OR telat) -promo", "Kopi Senja nyampe dingin"));
  EXPECT_FALSE(m("\"kopi senja\" (dingin OR telat) -promo", "Kopi Senja promo dingin"));
  EXPECT_FALSE(m("\"kopi senja\" (dingin OR telat)", "Kopi Senja enak"));
  EXPECT_TRUE(m("a OR b AND c", "a"));  // AND binds tighter than OR
  EXPECT_FALSE(m("(a OR b) AND c", "a"));
  EXPECT_TRUE(m("kopi AND NOT refund", "kopi enak"));
}

TEST(Query, CaseAndAccentsAreIgnored) {
  EXPECT_TRUE(m("creme brulee", "Crème Brûlée favorit"));
  EXPECT_TRUE(m("CAFÉ", "cafe di jogja"));
  EXPECT_TRUE(m("kopisenja", "mantap #KopiSenja 👏"));
}

TEST(Query, Prefix) {
  EXPECT_TRUE(m("gacor*", "SLOT GACOR88 hari ini"));
  EXPECT_FALSE(m("gacor*", "slot maxwin"));
}

TEST(Query, Near) {
  EXPECT_TRUE(m("refund NEAR/3 saldo", "refund gak jelas, saldo belum balik"));
  EXPECT_TRUE(m("saldo NEAR/3 refund", "refund gak jelas, saldo belum balik"));
  EXPECT_FALSE(m("refund NEAR/1 saldo", "refund gak jelas, saldo belum balik"));
  EXPECT_TRUE(m("\"kopi senja\" NEAR/2 dingin", "kopi senja nya dingin"));
}

TEST(Query, Filters) {
  EXPECT_TRUE(m("kopi lang:id", "kopi enak", "id"));
  EXPECT_FALSE(m("kopi lang:id", "kopi enak", "en"));
  EXPECT_TRUE(m("kopi source:mastodon", "kopi", "", "mastodon"));
  EXPECT_TRUE(m("author:@kopisenja_id", "halo", "", "", "kopisenja_id"));
  EXPECT_TRUE(m("author:kopi*", "halo", "", "", "kopisenja_id"));
  EXPECT_TRUE(m("author:\"Budi Santoso\"", "halo", "", "", "Budi Santoso"));
  EXPECT_FALSE(m("-source:appstore kopi", "kopi", "", "appstore"));
}

TEST(Query, ErrorsNameTheColumn) {
  EXPECT_EQ(err("kopi \"senja"), "column 6: this quote is never closed");
  EXPECT_EQ(err("(kopi OR senja"), "column 1: this '(' is never closed");
  EXPECT_EQ(err("kopi senja)"), "column 11: this ')' has no matching '('");
  EXPECT_EQ(err("kopi OR"), "column 6: OR needs something on its right");
  EXPECT_EQ(err("kopi NEAR/x senja"), "column 6: NEAR needs a distance in words, like NEAR/3");
  EXPECT_EQ(err("(a OR b) NEAR/2 c"), "column 1: NEAR joins two words or phrases; this is not one");
  EXPECT_EQ(err(""), "column 1: the query is empty");
  EXPECT_EQ(err("lang:"), "column 1: lang: needs a value, like lang:x");
  EXPECT_EQ(err("é \"x"), "column 3: this quote is never closed");  // characters, not bytes
}

TEST(Query, SearchTerms) {
  auto q = query::parse("\"kopi senja\" (dingin OR telat) -promo lang:id");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ((*q)->search_terms(), (std::vector<std::string>{"kopi senja"}));
  auto q2 = query::parse("\"kopi senja\" OR #kopisenja OR gacor*");
  EXPECT_EQ((*q2)->search_terms(), (std::vector<std::string>{"kopi senja", "#kopisenja", "gacor"}));
  auto q3 = query::parse("lang:id -spam");
  EXPECT_TRUE((*q3)->search_terms().empty());
}

TEST(Query, AnyOfListKeepsWorking) {
  auto q = query::any_of({"kopi senja", "kopisenja"});
  Item it;
  it.text = "Ngopi di #KopiSenja";
  EXPECT_TRUE(q->matches(it, ""));
  it.text = "senja kopi";
  EXPECT_FALSE(q->matches(it, ""));
  EXPECT_EQ(q->search_terms(), (std::vector<std::string>{"kopi senja", "kopisenja"}));
  // The lead's config turns query = ["a", "b"] into "a" OR "b".
  auto p = query::parse("\"kopi senja\" OR \"kopisenja\"");
  ASSERT_TRUE(p.ok());
  it.text = "Ngopi di #KopiSenja";
  EXPECT_TRUE((*p)->matches(it, ""));
}

TEST(Query, ExplainSaysWhy) {
  auto q = query::parse("\"kopi senja\" -promo");
  Item it;
  it.text = "kopi senja promo";
  std::string why = (*q)->explain(it, "");
  EXPECT_NE(why.find("no match"), std::string::npos) << why;
  EXPECT_NE(why.find("term promo at word 3"), std::string::npos) << why;
}

}  // namespace
