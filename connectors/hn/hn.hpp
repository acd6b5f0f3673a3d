// `hn`: Hacker News stories and comments through the Algolia search API.
#pragma once

#include "connectors/connector.hpp"

namespace pantau::connectors {

const ConnectorInfo& hn_info();

}  // namespace pantau::connectors
