// `json`: a generic JSON API described by paths (items, fields, cursor).
#pragma once

#include "connectors/connector.hpp"

namespace pantau::connectors {

const ConnectorInfo& json_info();

}  // namespace pantau::connectors
