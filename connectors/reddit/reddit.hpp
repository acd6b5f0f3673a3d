// `reddit`: Reddit search over OAuth (application-only). Unauthenticated
// .json endpoints are blocked by Reddit, so credentials are required.
#pragma once

#include "connectors/connector.hpp"

namespace pantau::connectors {

const ConnectorInfo& reddit_info();

}  // namespace pantau::connectors
