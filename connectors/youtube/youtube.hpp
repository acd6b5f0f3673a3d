// `youtube`: comments on one video (or on every video of a channel) through
// the YouTube Data API v3 commentThreads.list, with an API key. Quota-aware:
// every call costs a unit of a daily quota that resets at midnight Pacific.
#pragma once

#include "connectors/connector.hpp"

namespace pantau::connectors {

const ConnectorInfo& youtube_info();

}  // namespace pantau::connectors
