// `bluesky`: app.bsky.feed.searchPosts with an app-password session
// (createSession once, refreshSession when the access token expires).
// Public AppView search is refused (403) for unauthenticated clients.
#pragma once

#include "connectors/connector.hpp"

#include <string>
#include <string_view>

namespace pantau::connectors {

const ConnectorInfo& bluesky_info();

}  // namespace pantau::connectors
