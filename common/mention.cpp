#include "common/mention.hpp"

namespace pantau {

const char* to_string(Label label) noexcept {
  switch (label) {
    case Label::negative: return "negative";
    case Label::neutral: return "neutral";
    case Label::positive: return "positive";
  }
  return "neutral";
}

std::optional<Label> parse_label(std::string_view s) noexcept {
  if (s == "negative") return Label::negative;
  if (s == "neutral") return Label::neutral;
  if (s == "positive") return Label::positive;
  return std::nullopt;
}

}  // namespace pantau
