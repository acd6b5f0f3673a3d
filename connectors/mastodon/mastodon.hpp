// `mastodon`: hashtag timelines on any instance (no token), or status search
// with a token.
#pragma once

#include "connectors/connector.hpp"

namespace pantau::connectors {

const ConnectorInfo& mastodon_info();

}  // namespace pantau::connectors
