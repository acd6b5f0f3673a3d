// Foundation version: any of a list of terms or "phrases", case-insensitive
// substring match on word boundaries. Replaced by the full language later.
#include "connectors/query/query.hpp"

#include <algorithm>
#include <cctype>

namespace pantau::query {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_word_byte(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return std::isalnum(u) || u >= 0x80;
}

// `needle` occurs in `hay` with no word character right before or after it.
bool contains_word(const std::string& hay, const std::string& needle) {
  if (needle.empty()) return false;
  for (std::size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) {
    bool left = p == 0 || !is_word_byte(hay[p - 1]);
    std::size_t end = p + needle.size();
    bool right = end >= hay.size() || !is_word_byte(hay[end]);
    if (left && right) return true;
  }
  return false;
}

class AnyOf final : public Query {
 public:
  explicit AnyOf(std::vector<std::string> terms) : m_terms(std::move(terms)) {
    for (const auto& t : m_terms) m_lower.push_back(lower(t));
  }
  bool matches(const Item& item, std::string_view) const override {
    if (m_lower.empty()) return true;
    std::string text = lower(item.text);
    return std::any_of(m_lower.begin(), m_lower.end(), [&](const std::string& t) { return contains_word(text, t); });
  }
  std::string explain(const Item& item, std::string_view lang) const override {
    std::string text = lower(item.text);
    for (std::size_t i = 0; i < m_lower.size(); ++i)
      if (contains_word(text, m_lower[i])) return "matches: term \"" + m_terms[i] + "\" occurs";
    return "no match: none of the terms occurs";
  }
  std::vector<std::string> search_terms() const override { return m_terms; }

 private:
  std::vector<std::string> m_terms;
  std::vector<std::string> m_lower;
};

}  // namespace

std::unique_ptr<Query> any_of(std::vector<std::string> terms) { return std::make_unique<AnyOf>(std::move(terms)); }

Result<std::unique_ptr<Query>> parse(std::string_view text) {
  std::vector<std::string> terms;
  std::size_t p = 0;
  while (p < text.size()) {
    if (text[p] == ' ' || text[p] == '\t') {
      ++p;
      continue;
    }
    if (text[p] == '"') {
      auto close = text.find('"', p + 1);
      if (close == std::string_view::npos)
        return Failure::invalid_input("unclosed quote at column " + std::to_string(p + 1));
      terms.emplace_back(text.substr(p + 1, close - p - 1));
      p = close + 1;
      continue;
    }
    auto end = text.find_first_of(" \t", p);
    if (end == std::string_view::npos) end = text.size();
    std::string word(text.substr(p, end - p));
    if (word != "OR") terms.push_back(word);
    p = end;
  }
  if (terms.empty()) return Failure::invalid_input("the query is empty");
  return std::unique_ptr<Query>(std::make_unique<AnyOf>(std::move(terms)));
}

}  // namespace pantau::query
