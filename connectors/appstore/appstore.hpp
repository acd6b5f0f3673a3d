// `appstore`: see README.md beside this file.
#pragma once

#include "connectors/connector.hpp"

namespace pantau::connectors {

const ConnectorInfo& appstore_info();

}  // namespace pantau::connectors
