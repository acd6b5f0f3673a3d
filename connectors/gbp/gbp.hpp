// `gbp`: Google Business Profile reviews of locations you manage (My
// Business API v4, OAuth), with the star rating and the owner's reply.
#pragma once

#include "connectors/connector.hpp"

#include <string>
#include <string_view>

namespace pantau::connectors {

const ConnectorInfo& gbp_info();

// Google inlines machine translations as "(Translated by Google) <text>
// (Original) <text>": keep the customer's original words.
std::string gbp_original_comment(std::string_view comment);

}  // namespace pantau::connectors
