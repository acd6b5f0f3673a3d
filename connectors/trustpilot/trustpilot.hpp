// `trustpilot`: public reviews of one business unit (Business Units API,
// API key), newest first, with the star rating and the company's reply.
#pragma once

#include "connectors/connector.hpp"

namespace pantau::connectors {

const ConnectorInfo& trustpilot_info();

}  // namespace pantau::connectors
