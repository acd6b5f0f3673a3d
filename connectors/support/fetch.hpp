// The one path every HTTP connector's request takes: fetch, classify the
// status and rate-limit headers (connectors/http/rate_limit.hpp), log the
// outcome with a stable id and a redacted URL, and hand back either a usable
// response (2xx or 304) or the Failure to return from poll().
#pragma once

#include "connectors/connector.hpp"
#include "connectors/http/http_client.hpp"
#include "connectors/http/rate_limit.hpp"

#include <simdjson.h>

#include <string>
#include <string_view>

namespace pantau::connectors {

awaitable<Result<http::Response>> fetch_checked(const Context& ctx, std::string_view source, http::Request request,
                                                http::ClassifyOptions options = {});

// Parses a JSON body; an HTML page (login wall, proxy error) or a cut-off
// document is a bad_response, never data.
Result<simdjson::dom::element> parse_json_body(simdjson::dom::parser& parser, const http::Response& r);

// "https://host/" + "/path" without doubled or missing slashes.
std::string join_url(std::string_view base, std::string_view path);

}  // namespace pantau::connectors
