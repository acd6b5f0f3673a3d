// Conditional GET: remember a response's validators, send them back, and
// treat 304 as "nothing new". Connectors keep Validators in their cursor (so
// a restart does not refetch) or in memory.
#pragma once

#include "connectors/http/http_client.hpp"

#include <string>

namespace pantau::http {

struct Validators {
  std::string etag;
  std::string last_modified;
  bool empty() const { return etag.empty() && last_modified.empty(); }
};

inline Validators validators_of(const Response& r) {
  return {std::string(r.header("ETag")), std::string(r.header("Last-Modified"))};
}

inline void add_conditional_headers(Request& req, const Validators& v) {
  if (!v.etag.empty()) req.headers.emplace_back("If-None-Match", v.etag);
  if (!v.last_modified.empty()) req.headers.emplace_back("If-Modified-Since", v.last_modified);
}

inline bool not_modified(const Response& r) { return r.status == 304; }

}  // namespace pantau::http
