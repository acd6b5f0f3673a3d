// Notifiers deliver one outbox message (an AlertMessage) to one channel.
//
//   auto n = make_notifier(cfg);                // smtp | webhook | file
//   Status st = (*n)->deliver(msg, now, stop);  // ok, or a typed failure
//
// Failures are typed so the outbox knows what to do: transient and
// rate_limited are retried with backoff (retry_delay()), auth and fatal are
// kept as failed rows for an operator (`pantau alerts list`) and retried at
// the slowest rate; nothing is dropped. A notifier is used from one thread.
// A stop request (daemon shutdown) ends a delivery in flight within about a
// second with FailureKind::cancelled: the row was not sent and stays pending.
#pragma once

#include <cstdint>
#include <memory>
#include <stop_token>
#include <string>
#include <vector>

#include "alerts/message.hpp"
#include "common/result.hpp"

namespace pantau::alerts {

struct NotifierConfig {
  std::string name;       // label in logs and in the outbox ("ops-mail")
  std::string type;       // "smtp" | "webhook" | "file"
  // smtp
  std::string url;        // smtp://host:587 (STARTTLS) or smtps://host:465; webhook: https://...
  bool starttls = true;   // smtp:// only: require STARTTLS (false: plain, for a local relay)
  std::string username;
  std::string password_file;  // a file (e.g. $CREDENTIALS_DIRECTORY/smtp) holding the password
  std::string password;       // inline (from ${VAR}); password_file wins when both are set
  std::string from;
  std::vector<std::string> to;
  std::string message_domain;
  std::string ca_file;    // optional CA bundle
  // webhook
  std::string secret_file;     // HMAC-SHA256 key; signature in X-Pantau-Signature: sha256=<hex>
  std::string secret;          // inline key; secret_file wins when both are set
  // file
  std::string path;       // JSON lines appended here
  std::int64_t timeout_seconds = 30;
};

class Notifier {
 public:
  virtual ~Notifier() = default;
  virtual const std::string& name() const = 0;
  // `now` (epoch seconds) dates the mail; delivery itself is synchronous and
  // gives up with FailureKind::cancelled once `stop` is requested.
  virtual Status deliver(const AlertMessage& message, std::int64_t now, std::stop_token stop) = 0;
};

// Validates the config and reads secret files; errors say which key is wrong.
Result<std::unique_ptr<Notifier>> make_notifier(const NotifierConfig& config);

// HMAC-SHA256(key, body) as lowercase hex (OpenSSL).
std::string hmac_sha256_hex(std::string_view key, std::string_view body);

// Delay before retry number `attempt` (1-based): 30 s doubling to a 1 h cap,
// with a deterministic +-20 % jitter from `salt` (the outbox row id) so that
// many failed rows do not retry in lock-step.
std::int64_t retry_delay(std::int64_t attempt, std::uint64_t salt);

}  // namespace pantau::alerts
