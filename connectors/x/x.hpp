// `x`: X (Twitter) API v2 recent search with an app-only bearer token.
#pragma once

#include "connectors/connector.hpp"

#include <string>
#include <string_view>

namespace pantau::connectors {

const ConnectorInfo& x_info();

// X's `lang` -> ISO 639-1: "in" is Indonesian ("id"), "iw" Hebrew; the
// pseudo-codes (und, zxx, qme, qht, ...) mean "no language" and give "".
std::string x_language(std::string_view lang);

}  // namespace pantau::connectors
