// The HTTP seam. Connectors see only `co_await http.fetch(request)` and a
// value or a typed failure; the real client runs libcurl's multi interface on
// one worker thread and posts completions back to the io_context. Unit tests
// script responses through the same interface without sockets.
#pragma once

#include "common/asio.hpp"
#include "common/result.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pantau::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method = "GET";
  std::string url;
  Headers headers;           // e.g. Authorization, If-None-Match
  std::string body;          // for POST
  std::chrono::milliseconds timeout{30'000};
};

struct Response {
  long status = 0;
  Headers headers;           // names as received; look up case-insensitively
  std::string body;          // decoded (gzip handled by the client)
  std::string effective_url;
  // Case-insensitive header lookup; empty if absent.
  std::string_view header(std::string_view name) const;
};

struct ClientOptions {
  std::string user_agent;                 // "pantau/0.1 (+contact)"
  std::chrono::milliseconds connect_timeout{10'000};
  int max_per_host = 2;                   // concurrent requests per host
  std::chrono::milliseconds host_spacing{0};  // minimum gap between requests to one host
};

class Client {
 public:
  virtual ~Client() = default;
  // Completes on the io_context thread. A transport failure (DNS, connect,
  // timeout, TLS) is Failure::transient; any HTTP status is a Response, and
  // the connector decides what it means (see rate_limit.hpp when it exists).
  virtual awaitable<Result<Response>> fetch(Request request) = 0;
};

// The libcurl implementation (connectors/http/curl_client.cpp).
std::unique_ptr<Client> make_curl_client(asio::io_context& io, const ClientOptions& options);

}  // namespace pantau::http
