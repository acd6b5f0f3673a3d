// A watch's query. The foundation understands a list of terms (any of them,
// case-insensitive); the connectors work grows this into the full boolean
// language (phrases, AND/OR/NOT, parentheses, prefix*, NEAR/n, lang:,
// source:, author:) behind the same interface.
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
  // Terms and phrases an API search can use (positive, top-level).
  virtual std::vector<std::string> search_terms() const = 0;
};

// Parses a query string. A parse error says where (column) and what.
Result<std::unique_ptr<Query>> parse(std::string_view text);
// A list of terms: matches when any occurs (case-insensitive).
std::unique_ptr<Query> any_of(std::vector<std::string> terms);

}  // namespace pantau::query
