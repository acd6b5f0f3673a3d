// A scripted http::Client for unit tests: no sockets. Each fetch() records
// the request and returns the next scripted response (or failure).
#pragma once

#include "connectors/http/http_client.hpp"

#include <deque>
#include <stdexcept>
#include <vector>

namespace pantau::test {

class ScriptedClient final : public http::Client {
 public:
  void push(http::Response r) { m_script.emplace_back(std::move(r)); }
  void push(Failure f) { m_script.emplace_back(std::move(f)); }
  static http::Response response(long status, std::string body, http::Headers headers = {}) {
    http::Response r;
    r.status = status;
    r.body = std::move(body);
    r.headers = std::move(headers);
    return r;
  }

  awaitable<Result<http::Response>> fetch(http::Request request) override {
    requests.push_back(request);
    if (m_script.empty()) co_return Failure::fatal("scripted client: no response left for " + request.url);
    Result<http::Response> next = std::move(m_script.front());
    m_script.pop_front();
    co_return next;
  }

  std::vector<http::Request> requests;

 private:
  std::deque<Result<http::Response>> m_script;
};

}  // namespace pantau::test
