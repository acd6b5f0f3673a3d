// The business's public answer to a review (gbp, googleplay, trustpilot) as an
// item of its own, so that first-response times can be measured: the review's
// id + "/reply", replying to the review, at the review's URL.
#pragma once

#include <cstdint>
#include <string>

#include "common/mention.hpp"

namespace pantau::connectors {

inline Item owner_reply(const Item& review, std::string author, std::string text, std::int64_t at) {
  Item re;
  re.source = review.source;
  re.native_id = review.native_id + "/reply";
  re.reply_to = review.native_id;
  re.url = review.url;
  re.author = std::move(author);
  re.text = std::move(text);
  re.created_at = at;
  return re;
}

}  // namespace pantau::connectors
