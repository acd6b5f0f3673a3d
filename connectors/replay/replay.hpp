// `replay`: feeds a JSON Lines file of mentions through the same pipeline as
// a live source. Its cursor is the byte offset after the last committed line,
// so a restart resumes with no loss and no duplicates.
#pragma once

#include "common/mention.hpp"
#include "common/result.hpp"
#include "connectors/connector.hpp"

#include <string_view>

namespace pantau::connectors {

const ConnectorInfo& replay_info();

// Parses one JSON line into an Item; the failure says what is wrong with it.
// Exposed for tests and for `pantau import`.
Result<Item> parse_replay_line(std::string_view line);

}  // namespace pantau::connectors
