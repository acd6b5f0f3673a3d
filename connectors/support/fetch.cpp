#include "connectors/support/fetch.hpp"

#include "common/log.hpp"
#include "connectors/support/text.hpp"

namespace pantau::connectors {

awaitable<Result<http::Response>> fetch_checked(const Context& ctx, std::string_view source, http::Request request,
                                                http::ClassifyOptions options) {
  if (!ctx.http) co_return Failure::fatal("no HTTP client was given to an HTTP connector");
  const std::string url = log::redact_url(request.url);
  Result<http::Response> r = co_await ctx.http->fetch(std::move(request));
  if (!r) {
    log::warn("CONNECTOR_TRANSPORT_FAILED", "A request failed before an answer arrived; it will be retried.",
              {{"source", source}, {"url", url}, {"reason", r.failure().message}});
    co_return std::move(r).failure();
  }
  if (auto f = http::classify(*r, ctx.now(), options)) {
    switch (f->kind) {
      case FailureKind::rate_limited:
        log::warn("CONNECTOR_RATE_LIMITED", "The source asked us to slow down; no request before the reset.",
                  {{"source", source}, {"url", url}, {"status", static_cast<std::int64_t>(r->status)},
                   {"retry_after_s", static_cast<std::int64_t>(f->retry_after.count())}});
        break;
      case FailureKind::auth:
        log::error("CONNECTOR_AUTH_FAILED", "The source refused our credentials; polling stops until they are fixed.",
                   {{"source", source}, {"url", url}, {"status", static_cast<std::int64_t>(r->status)}});
        break;
      case FailureKind::transient:
        log::warn("CONNECTOR_SERVER_ERROR", "The source answered with a server error; it will be retried.",
                  {{"source", source}, {"url", url}, {"status", static_cast<std::int64_t>(r->status)}});
        break;
      default:
        log::error("CONNECTOR_REQUEST_REFUSED", "The source refused the request.",
                   {{"source", source}, {"url", url}, {"status", static_cast<std::int64_t>(r->status)},
                    {"reason", f->message}});
    }
    co_return std::move(*f);
  }
  co_return std::move(r);
}

Result<simdjson::dom::element> parse_json_body(simdjson::dom::parser& parser, const http::Response& r) {
  std::string type = text::lower(r.header("Content-Type"));
  if (type.find("html") != std::string::npos)
    return Failure::bad_response("expected JSON but got an HTML page (" + type + ")");
  simdjson::dom::element doc;
  if (auto err = parser.parse(r.body).get(doc); err)
    return Failure::bad_response(std::string("the response is not valid JSON: ") + simdjson::error_message(err));
  return doc;
}

std::string join_url(std::string_view base, std::string_view path) {
  std::string out(base);
  while (!out.empty() && out.back() == '/') out.pop_back();
  if (!path.empty() && path.front() != '/') out += '/';
  out += path;
  return out;
}

}  // namespace pantau::connectors
