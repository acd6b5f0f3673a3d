// One scorer shared by every test (loading it is the expensive part).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "sentiment/scorer.hpp"

namespace pantau::sentiment::test {

inline const Scorer& scorer() {
  static std::unique_ptr<Scorer> s = make_scorer();
  return *s;
}
inline double score(const std::string& text) { return scorer().score(text).compound; }
inline Label label(const std::string& text) { return scorer().score(text).label; }
inline Lang lang(const std::string& text) { return scorer().score(text).lang; }

// The rule string of the first contribution whose span contains `word`.
inline std::string rule_of(const std::string& text, const std::string& word) {
  Score s = scorer().score(text, true);
  for (const auto& c : s.explanation)
    if (c.span.find(word) != std::string::npos) return c.rule;
  return "";
}

}  // namespace pantau::sentiment::test
