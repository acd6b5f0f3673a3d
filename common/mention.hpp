// The records that flow through the pipeline: what a source yields (Item) and
// what the store keeps (Mention = Item + watch + the scorer's verdict).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pantau {

// One normalised post, review or comment, as a connector returns it.
struct Item {
  std::string source;     // platform name stored with the mention ("mastodon", "appstore", ...)
  std::string native_id;  // stable id on that platform; (source, native_id) is unique
  std::string url;        // the original post's URL, may be empty
  std::string author;     // handle or display name, may be empty
  std::int64_t created_at = 0;  // UTC epoch seconds
  std::string lang;       // ISO 639-1 if the source gives one, else empty
  std::string text;       // plain text: markup stripped, entities decoded once
  std::optional<int> rating;  // star rating for reviews (1..5)
  std::string reply_to;   // native id of the parent post, may be empty
};

enum class Label { negative = -1, neutral = 0, positive = 1 };
const char* to_string(Label label) noexcept;
std::optional<Label> parse_label(std::string_view s) noexcept;

struct Mention {
  Item item;
  std::string watch;
  double score = 0.0;          // compound in [-1, 1]
  Label label = Label::neutral;
  std::string lang;            // detected language (id, jv, en, other) unless the source said
  bool spam = false;
  std::string spam_reason;
  bool complaint = false;
  std::vector<std::string> aspects;
};

}  // namespace pantau
