// The Connector seam: given its config, a cursor and an HTTP client, one
// poll() returns a page of normalised items plus the next cursor, or a typed
// failure. A page is all or nothing: a connector never returns part of a page.
#pragma once

#include "common/asio.hpp"
#include "common/mention.hpp"
#include "common/result.hpp"
#include "connectors/config_schema.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pantau::http { class Client; }

namespace pantau::connectors {

struct Page {
  std::vector<Item> items;
  std::string cursor;         // committed with the items; passed to the next poll
  bool more = false;          // true: poll again now (backfill, pagination) instead of waiting
  std::int64_t skipped = 0;   // inputs rejected (malformed lines, etc.), counted in status
};

// What a connector may use besides its own config.
struct Context {
  asio::any_io_executor executor;
  http::Client* http = nullptr;          // null for sources that need no HTTP
  std::vector<std::string> search_terms; // the part of the watch query an API can search
  std::string query;                     // the watch query, as written
  std::int64_t backfill_seconds = 86400; // first-run window
  // Epoch seconds; empty = the system clock. Tests pin it to the fixtures' "now".
  std::function<std::int64_t()> clock;
  std::int64_t now() const;
};

class Connector {
 public:
  virtual ~Connector() = default;
  // `cursor` is empty on the very first run. Runs on the io_context thread.
  virtual awaitable<Result<Page>> poll(std::string cursor) = 0;
};

// Throws ConfigError (daemon/config) or std::invalid_argument at start-up for
// settings that the schema cannot express (e.g. a malformed URL template).
using Factory = std::function<std::unique_ptr<Connector>(const SourceConfig&, const Context&)>;

struct ConnectorInfo {
  std::string_view type;                  // "rss", "mastodon", ...
  std::string_view summary;               // one line for --print-sample-config
  std::span<const KeySpec> keys;          // declared once; unknown keys are errors
  std::chrono::seconds default_interval;
  bool needs_http;
  Factory make;
  // Extra comment lines for the sample config (where to get credentials,
  // limits worth knowing), rendered under the summary. May be empty.
  std::string_view sample_notes = {};
};

// The one registry table (connectors/registry.cpp).
std::span<const ConnectorInfo> registry();
const ConnectorInfo* find_connector(std::string_view type);

// The sample config of one connector, rendered from its KeySpec table.
std::string render_sample(const ConnectorInfo& info);

}  // namespace pantau::connectors
