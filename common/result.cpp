#include "common/result.hpp"

namespace pantau {

const char* to_string(FailureKind kind) noexcept {
  switch (kind) {
    case FailureKind::transient: return "transient";
    case FailureKind::rate_limited: return "rate_limited";
    case FailureKind::auth: return "auth";
    case FailureKind::bad_response: return "bad_response";
    case FailureKind::fatal: return "fatal";
    case FailureKind::invalid_input: return "invalid_input";
    case FailureKind::not_found: return "not_found";
    case FailureKind::io: return "io";
    case FailureKind::cancelled: return "cancelled";
  }
  return "unknown";
}

}  // namespace pantau
