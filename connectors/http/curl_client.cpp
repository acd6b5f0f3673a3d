// PLACEHOLDER until the connectors work lands the libcurl multi client.
#include "connectors/http/http_client.hpp"

namespace pantau::http {
namespace {
class Unavailable final : public Client {
 public:
  awaitable<Result<Response>> fetch(Request) override {
    co_return Failure::fatal("the HTTP client is not built yet");
  }
};
}  // namespace

std::string_view Response::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k.size() != name.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < k.size() && same; ++i)
      same = std::tolower(static_cast<unsigned char>(k[i])) == std::tolower(static_cast<unsigned char>(name[i]));
    if (same) return v;
  }
  return {};
}

std::unique_ptr<Client> make_curl_client(asio::io_context&, const ClientOptions&) {
  return std::make_unique<Unavailable>();
}
}  // namespace pantau::http
