// A watch's query: a small boolean language, applied locally to every item
// (connectors send the searchable part to their API, see search_terms()).
//
//   kopi senja                 both words, anywhere (juxtaposition is AND)
//   "kopi senja"               the phrase: these words next to each other
//   kopi OR senja              either
//   kopi AND NOT refund        NOT (or a leading -) excludes: kopi -refund
//   (kopi OR coffee) senja     parentheses group
//   gacor*                     prefix: gacor, gacor88, ...
//   refund NEAR/3 saldo        both, at most 3 words apart (either order)
//   lang:id source:mastodon author:@kopisenja_id   filters (author: accepts prefix*)
//
// Operators are upper case (lower-case "and" is a word). Matching ignores
// case and accents (é = e) on UTF-8 text, and works on words: "#KopiSenja"
// contains the word "kopisenja"; a term with punctuation inside
// ("gacor88.example") is a phrase of its words. Precedence: NOT, then NEAR,
// then AND, then OR. A parse error names the column (1-based, in characters).
#pragma once

#include "common/mention.hpp"
#include "common/result.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pantau::query {

class Query {
 public:
  virtual ~Query() = default;
  // `lang` is the detected language when the item carries none.
  virtual bool matches(const Item& item, std::string_view lang) const = 0;
  // Why it matched or not, for `pantau query-test`.
  virtual std::string explain(const Item& item, std::string_view lang) const = 0;
  // Terms and phrases an API search can use: searching for any of them
  // finds every item the query matches (and maybe more; the full query is
  // applied locally). Empty when the query has nothing searchable (only
  // filters or NOT).
  virtual std::vector<std::string> search_terms() const = 0;
};

// Parses a query string. A parse error says where (column) and what.
Result<std::unique_ptr<Query>> parse(std::string_view text);
// A list of terms: matches when any occurs (case-insensitive); the same as
// parsing "t1" OR "t2" ... with every term quoted.
std::unique_ptr<Query> any_of(std::vector<std::string> terms);

// Lower case, accents removed, split into words (what matching sees).
std::vector<std::string> words_of(std::string_view text);

}  // namespace pantau::query
