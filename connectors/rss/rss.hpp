// `rss`: RSS 2.0 and Atom feeds, Google Alerts included.
#pragma once

#include "common/result.hpp"
#include "connectors/connector.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pantau::connectors {

const ConnectorInfo& rss_info();

namespace rss {

struct Entry {
  std::string id, link, author, title, body;  // title and body already plain text
  std::int64_t created_at = 0;                // 0 = the feed gave no date
};

struct Feed {
  std::vector<Entry> entries;
  std::string next;      // RFC 5005 rel="next" (paged feeds), empty if none
  std::string language;  // ISO 639-1 from <language> or xml:lang, empty if none
};

// Parses a feed body. `content_type` (the HTTP header) may name a charset;
// otherwise the XML declaration does. Non-UTF-8 bodies are converted with
// iconv first. A truncated or malformed document is a bad_response.
Result<Feed> parse_feed(std::string_view body, std::string_view content_type);

}  // namespace rss
}  // namespace pantau::connectors
