// `lemmy`: see README.md beside this file.
#pragma once

#include "connectors/connector.hpp"

namespace pantau::connectors {

const ConnectorInfo& lemmy_info();

}  // namespace pantau::connectors
