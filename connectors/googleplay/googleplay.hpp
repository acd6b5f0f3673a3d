// `googleplay`: reviews of your own Android app through the Google Play
// Developer API (service account with the "Reply to reviews" permission).
// The API only returns reviews created or edited in roughly the last week.
#pragma once

#include "connectors/connector.hpp"

#include <string>
#include <string_view>

namespace pantau::connectors {

const ConnectorInfo& googleplay_info();

// "title\tbody" -> "title\n\nbody"; "\tbody" -> "body" (Play joins the
// review's title and body with a tab).
std::string play_review_text(std::string_view text);

}  // namespace pantau::connectors
