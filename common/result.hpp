// Result<T>: expected failures as values.
//
// g++ 12 has no <expected> under -std=c++20, so this is the small local
// equivalent (see ccache's util/expected.hpp for the idea). Exceptions are kept
// for config and start-up boundaries; everything a source, parser or store can
// reasonably hit at run time comes back as a Failure.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <variant>

namespace pantau {

enum class FailureKind {
  transient,      // network error, 5xx, timeout: retry with backoff
  rate_limited,   // 429 and friends: retry after `retry_after`
  auth,           // credentials missing or refused: stop the source, say so
  bad_response,   // the peer answered something we cannot parse: skip the page
  fatal,          // misconfiguration or a bug: stop the source
  invalid_input,  // a user's input (query, CSV row, JSON line) is malformed
  not_found,      // the thing asked for does not exist
  io,             // local file or database error
  cancelled,      // stopped on purpose (shutdown) before it finished: nothing is wrong, redo it later
};

const char* to_string(FailureKind kind) noexcept;

struct Failure {
  FailureKind kind = FailureKind::fatal;
  std::string message;
  std::chrono::seconds retry_after{0};  // only for rate_limited (and optionally transient)

  static Failure transient(std::string m) { return {FailureKind::transient, std::move(m), {}}; }
  static Failure rate_limited(std::string m, std::chrono::seconds after) {
    return {FailureKind::rate_limited, std::move(m), after};
  }
  static Failure auth(std::string m) { return {FailureKind::auth, std::move(m), {}}; }
  static Failure bad_response(std::string m) { return {FailureKind::bad_response, std::move(m), {}}; }
  static Failure fatal(std::string m) { return {FailureKind::fatal, std::move(m), {}}; }
  static Failure invalid_input(std::string m) { return {FailureKind::invalid_input, std::move(m), {}}; }
  static Failure not_found(std::string m) { return {FailureKind::not_found, std::move(m), {}}; }
  static Failure io(std::string m) { return {FailureKind::io, std::move(m), {}}; }
  static Failure cancelled(std::string m) { return {FailureKind::cancelled, std::move(m), {}}; }
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Failure failure) : m_v(std::in_place_index<1>, std::move(failure)) {}  // NOLINT

  bool ok() const noexcept { return m_v.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  T& value() & { return std::get<0>(m_v); }
  const T& value() const& { return std::get<0>(m_v); }
  T&& value() && { return std::get<0>(std::move(m_v)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Failure& failure() const& { return std::get<1>(m_v); }
  Failure&& failure() && { return std::get<1>(std::move(m_v)); }

 private:
  std::variant<T, Failure> m_v;
};

// Result<void>: success or a Failure.
struct Ok {};
using Status = Result<Ok>;

}  // namespace pantau
