// smtp, webhook and file notifiers (libcurl, OpenSSL HMAC, POSIX files).
#include <curl/curl.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <mutex>
#include <sstream>

#include "alerts/notifier.hpp"
#include "common/log.hpp"

namespace pantau::alerts {
namespace {

Result<std::string> read_secret(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Failure::fatal(std::string("cannot read ") + what + " file " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();  // files usually end in a newline
  return s;
}

void curl_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Upload {
  std::string_view data;
  std::size_t pos = 0;
};

std::size_t read_cb(char* buf, std::size_t size, std::size_t n, void* user) {
  auto* up = static_cast<Upload*>(user);
  const std::size_t len = std::min(size * n, up->data.size() - up->pos);
  std::memcpy(buf, up->data.data() + up->pos, len);
  up->pos += len;
  return len;
}

std::size_t discard_cb(char*, std::size_t size, std::size_t n, void*) { return size * n; }

// A blocked exchange (a server that accepted the connection and went quiet)
// would otherwise hold the delivery worker, and so pantaud's exit, for the
// whole notifier timeout. libcurl calls this about once a second even when
// no byte moves, so a stop request ends the transfer within about a second.
int stop_cb(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<const std::stop_token*>(user)->stop_requested() ? 1 : 0;  // non-zero: CURLE_ABORTED_BY_CALLBACK
}

// `stop` must outlive the transfer (it lives in deliver()'s frame).
void abort_on_stop(CURL* h, const std::stop_token& stop) {
  curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, stop_cb);
  curl_easy_setopt(h, CURLOPT_XFERINFODATA, &stop);
}

Failure from_curl(CURLcode rc, long response, const std::string& what) {
  const std::string msg = what + ": " + curl_easy_strerror(rc) + (response ? " (reply " + std::to_string(response) + ")" : "");
  switch (rc) {
    case CURLE_ABORTED_BY_CALLBACK: return Failure::cancelled(msg);  // only stop_cb aborts
    case CURLE_LOGIN_DENIED: return Failure::auth(msg);
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL: return Failure::fatal(msg);
    default: break;
  }
  if (response >= 500 && response < 600 && rc == CURLE_SEND_ERROR) return Failure::fatal(msg);  // SMTP 5xx: rejected
  return Failure::transient(msg);
}

class SmtpNotifier final : public Notifier {
 public:
  SmtpNotifier(NotifierConfig c, std::string password) : m_c(std::move(c)), m_password(std::move(password)) {}
  const std::string& name() const override { return m_c.name; }

  Status deliver(const AlertMessage& m, std::int64_t now, std::stop_token stop) override {
    if (stop.stop_requested()) return Failure::cancelled("smtp: stopping");
    curl_init_once();
    const std::string mail = compose_mime(m, {m_c.from, m_c.to, m_c.message_domain}, now);
    std::unique_ptr<CURL, void (*)(CURL*)> h(curl_easy_init(), curl_easy_cleanup);
    if (!h) return Failure::transient("smtp: curl_easy_init failed");
    Upload up{mail};
    curl_slist* rcpt = nullptr;
    for (const auto& r : m_c.to) rcpt = curl_slist_append(rcpt, ("<" + bare_address(r) + ">").c_str());
    std::unique_ptr<curl_slist, void (*)(curl_slist*)> rcpt_guard(rcpt, curl_slist_free_all);
    const std::string from = "<" + bare_address(m_c.from) + ">";
    curl_easy_setopt(h.get(), CURLOPT_URL, m_c.url.c_str());
    curl_easy_setopt(h.get(), CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(h.get(), CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(h.get(), CURLOPT_READFUNCTION, read_cb);
    curl_easy_setopt(h.get(), CURLOPT_READDATA, &up);
    curl_easy_setopt(h.get(), CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h.get(), CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h.get(), CURLOPT_TIMEOUT, static_cast<long>(m_c.timeout_seconds));
    curl_easy_setopt(h.get(), CURLOPT_CONNECTTIMEOUT, 10L);
    abort_on_stop(h.get(), stop);
    if (m_c.url.rfind("smtp://", 0) == 0 && m_c.starttls) curl_easy_setopt(h.get(), CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
    if (!m_c.ca_file.empty()) curl_easy_setopt(h.get(), CURLOPT_CAINFO, m_c.ca_file.c_str());
    if (!m_c.username.empty()) {
      curl_easy_setopt(h.get(), CURLOPT_USERNAME, m_c.username.c_str());
      curl_easy_setopt(h.get(), CURLOPT_PASSWORD, m_password.c_str());
    }
    const CURLcode rc = curl_easy_perform(h.get());
    long response = 0;
    curl_easy_getinfo(h.get(), CURLINFO_RESPONSE_CODE, &response);
    if (rc != CURLE_OK) return from_curl(rc, response, "smtp " + log::redact_url(m_c.url));
    return Ok{};
  }

 private:
  // "Pantau <a@b>" -> "a@b"; header_safe so an address can never carry CR/LF into SMTP.
  static std::string bare_address(const std::string& s) {
    const auto lt = s.find('<'), gt = s.rfind('>');
    std::string a = lt != std::string::npos && gt != std::string::npos && gt > lt ? s.substr(lt + 1, gt - lt - 1) : s;
    a = header_safe(a);
    a.erase(std::remove(a.begin(), a.end(), ' '), a.end());
    return a;
  }
  NotifierConfig m_c;
  std::string m_password;
};

class WebhookNotifier final : public Notifier {
 public:
  WebhookNotifier(NotifierConfig c, std::string secret) : m_c(std::move(c)), m_secret(std::move(secret)) {}
  const std::string& name() const override { return m_c.name; }

  Status deliver(const AlertMessage& m, std::int64_t now, std::stop_token stop) override {
    if (stop.stop_requested()) return Failure::cancelled("webhook: stopping");
    curl_init_once();
    auto payload = to_json(m);
    payload.set("sent_at", now);
    const std::string body = payload.dump();
    std::unique_ptr<CURL, void (*)(CURL*)> h(curl_easy_init(), curl_easy_cleanup);
    if (!h) return Failure::transient("webhook: curl_easy_init failed");
    curl_slist* hdrs = nullptr;
    hdrs = curl_slist_append(hdrs, "Content-Type: application/json");
    hdrs = curl_slist_append(hdrs, ("X-Pantau-Event: " + std::string(to_string(m.event.type))).c_str());
    if (!m_secret.empty())
      hdrs = curl_slist_append(hdrs, ("X-Pantau-Signature: sha256=" + hmac_sha256_hex(m_secret, body)).c_str());
    std::unique_ptr<curl_slist, void (*)(curl_slist*)> guard(hdrs, curl_slist_free_all);
    curl_easy_setopt(h.get(), CURLOPT_URL, m_c.url.c_str());
    curl_easy_setopt(h.get(), CURLOPT_HTTPHEADER, hdrs);
    curl_easy_setopt(h.get(), CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(h.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    curl_easy_setopt(h.get(), CURLOPT_WRITEFUNCTION, discard_cb);
    curl_easy_setopt(h.get(), CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h.get(), CURLOPT_TIMEOUT, static_cast<long>(m_c.timeout_seconds));
    abort_on_stop(h.get(), stop);
    if (!m_c.ca_file.empty()) curl_easy_setopt(h.get(), CURLOPT_CAINFO, m_c.ca_file.c_str());
    const CURLcode rc = curl_easy_perform(h.get());
    long status = 0;
    curl_easy_getinfo(h.get(), CURLINFO_RESPONSE_CODE, &status);
    const std::string where = "webhook " + log::redact_url(m_c.url);
    if (rc != CURLE_OK) return from_curl(rc, 0, where);
    if (status >= 200 && status < 300) return Ok{};
    if (status == 429) return Failure::rate_limited(where + ": HTTP 429", std::chrono::seconds(60));
    if (status == 401 || status == 403) return Failure::auth(where + ": HTTP " + std::to_string(status));
    if (status >= 500 || status == 408) return Failure::transient(where + ": HTTP " + std::to_string(status));
    return Failure::fatal(where + ": HTTP " + std::to_string(status));
  }

 private:
  NotifierConfig m_c;
  std::string m_secret;
};

class FileNotifier final : public Notifier {
 public:
  explicit FileNotifier(NotifierConfig c) : m_c(std::move(c)) {}
  const std::string& name() const override { return m_c.name; }

  // A local append and fsync: quick, so a stop request is not checked.
  Status deliver(const AlertMessage& m, std::int64_t now, std::stop_token) override {
    auto payload = to_json(m);
    payload.set("sent_at", now);
    const std::string line = payload.dump() + "\n";  // dump() escapes every control character: one line
    const int fd = ::open(m_c.path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
    if (fd < 0) return Failure::io("file notifier: cannot open " + m_c.path + ": " + std::strerror(errno));
    // One write() of the whole line under O_APPEND, then fsync: a delivered row is on disk.
    const ssize_t n = ::write(fd, line.data(), line.size());
    const int err = errno;
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (n != static_cast<ssize_t>(line.size()))
      return Failure::io("file notifier: short write to " + m_c.path + ": " + std::strerror(err));
    if (!synced) return Failure::io("file notifier: fsync failed on " + m_c.path);
    return Ok{};
  }

 private:
  NotifierConfig m_c;
};

}  // namespace

std::string hmac_sha256_hex(std::string_view key, std::string_view body) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(body.data()),
       body.size(), out, &len);
  static const char hex[] = "0123456789abcdef";
  std::string s;
  for (unsigned i = 0; i < len; ++i) {
    s.push_back(hex[out[i] >> 4]);
    s.push_back(hex[out[i] & 15]);
  }
  return s;
}

std::int64_t retry_delay(std::int64_t attempt, std::uint64_t salt) {
  const std::int64_t base = 30, cap = 3600;
  std::int64_t d = base;
  for (std::int64_t i = 1; i < attempt && d < cap; ++i) d *= 2;
  d = std::min(d, cap);
  // splitmix64 of the salt and attempt: deterministic jitter in [-20 %, +20 %].
  std::uint64_t z = salt + 0x9E3779B97F4A7C15ULL * static_cast<std::uint64_t>(attempt + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  z ^= z >> 31;
  const double j = (static_cast<double>(z % 10001) / 10000.0 - 0.5) * 0.4;
  return std::max<std::int64_t>(1, static_cast<std::int64_t>(static_cast<double>(d) * (1.0 + j)));
}

Result<std::unique_ptr<Notifier>> make_notifier(const NotifierConfig& c) {
  const std::string who = "notifier '" + c.name + "'";
  if (c.type == "smtp") {
    if (c.url.rfind("smtp://", 0) != 0 && c.url.rfind("smtps://", 0) != 0)
      return Failure::fatal(who + ": url must start with smtp:// or smtps://");
    if (c.from.empty()) return Failure::fatal(who + ": 'from' is required");
    if (c.to.empty()) return Failure::fatal(who + ": 'to' needs at least one address");
    std::string password = c.password;
    if (!c.password_file.empty()) {
      auto p = read_secret(c.password_file, "password");
      if (!p) return Failure::fatal(who + ": " + p.failure().message);
      password = std::move(*p);
    }
    return std::unique_ptr<Notifier>(std::make_unique<SmtpNotifier>(c, std::move(password)));
  }
  if (c.type == "webhook") {
    if (c.url.rfind("https://", 0) != 0 && c.url.rfind("http://", 0) != 0)
      return Failure::fatal(who + ": url must start with https:// or http://");
    std::string secret = c.secret;
    if (!c.secret_file.empty()) {
      auto s = read_secret(c.secret_file, "secret");
      if (!s) return Failure::fatal(who + ": " + s.failure().message);
      secret = std::move(*s);
    }
    return std::unique_ptr<Notifier>(std::make_unique<WebhookNotifier>(c, std::move(secret)));
  }
  if (c.type == "file") {
    if (c.path.empty()) return Failure::fatal(who + ": 'path' is required");
    return std::unique_ptr<Notifier>(std::make_unique<FileNotifier>(c));
  }
  return Failure::fatal(who + ": unknown type '" + c.type + "' (smtp, webhook or file)");
}

}  // namespace pantau::alerts
