#include "connectors/googleplay/google_auth.hpp"

#include "common/log.hpp"
#include "connectors/http/http_client.hpp"
#include "connectors/support/fetch.hpp"
#include "connectors/support/json.hpp"
#include "connectors/support/text.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <simdjson.h>

#include <memory>
#include <stdexcept>

namespace pantau::connectors::google {
namespace {

constexpr std::string_view k_default_token_url = "https://oauth2.googleapis.com/token";

std::string json_quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) >= 0x20) out += c;
  }
  return out + "\"";
}

}  // namespace

std::string base64url(std::string_view in) {
  static constexpr char k_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16 | static_cast<unsigned char>(in[i + 1]) << 8 |
                 static_cast<unsigned char>(in[i + 2]);
    for (int s : {18, 12, 6, 0}) out += k_alphabet[(v >> s) & 63];
  }
  if (i < in.size()) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
    out += k_alphabet[(v >> 18) & 63];
    out += k_alphabet[(v >> 12) & 63];
    if (i + 1 < in.size()) out += k_alphabet[(v >> 6) & 63];
  }
  return out;
}

Result<std::string> sign_rs256(std::string_view input, const std::string& pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  if (!bio) return Failure::fatal("cannot read the service account key");
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr),
                                                          EVP_PKEY_free);
  if (!key) return Failure::auth("the service account's private_key is not a PEM private key");
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  std::size_t len = 0;
  if (!md || EVP_DigestSignInit(md.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
      EVP_DigestSign(md.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1)
    return Failure::fatal("RS256 signing failed");
  std::string sig(len, '\0');
  if (EVP_DigestSign(md.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
                     reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1)
    return Failure::fatal("RS256 signing failed");
  sig.resize(len);
  return sig;
}

Result<std::string> service_account_assertion(const std::string& client_email, const std::string& key_id,
                                              const std::string& pem, const std::string& scope,
                                              const std::string& audience, std::int64_t now) {
  std::string header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"";
  if (!key_id.empty()) header += ",\"kid\":" + json_quote(key_id);
  header += "}";
  // Google accepts assertions valid for at most an hour.
  const std::string claims = "{\"iss\":" + json_quote(client_email) + ",\"scope\":" + json_quote(scope) +
                             ",\"aud\":" + json_quote(audience) + ",\"iat\":" + std::to_string(now) +
                             ",\"exp\":" + std::to_string(now + 3600) + "}";
  const std::string input = base64url(header) + "." + base64url(claims);
  auto sig = sign_rs256(input, pem);
  if (!sig) return std::move(sig).failure();
  return input + "." + base64url(*sig);
}

TokenSource::TokenSource(AuthConfig config, std::string source_name)
    : m_config(std::move(config)), m_source(std::move(source_name)) {
  if (!m_config.service_account_file.empty()) {
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    if (parser.load(m_config.service_account_file).get(doc) != simdjson::SUCCESS)
      throw std::invalid_argument(m_source + ": cannot read the service account key " + m_config.service_account_file);
    m_client_email = json::str(doc, "client_email");
    m_private_key = json::str(doc, "private_key");
    m_key_id = json::str(doc, "private_key_id");
    if (m_config.token_url.empty()) m_config.token_url = json::str(doc, "token_uri");
    if (m_client_email.empty() || m_private_key.empty())
      throw std::invalid_argument(m_source + ": " + m_config.service_account_file +
                                  " is not a service account key (no client_email/private_key)");
  } else if (m_config.access_token.empty() &&
             (m_config.client_id.empty() || m_config.client_secret.empty() || m_config.refresh_token.empty())) {
    throw std::invalid_argument(m_source + ": no credentials; " + m_config.hint);
  }
  if (m_config.token_url.empty()) m_config.token_url = std::string(k_default_token_url);
}

bool TokenSource::invalidate() {
  m_token.clear();
  m_expiry = 0;
  return !m_client_email.empty() || !m_config.refresh_token.empty();
}

awaitable<Result<std::string>> TokenSource::token(const Context& ctx) {
  const bool fixed = m_client_email.empty() && m_config.refresh_token.empty();
  if (fixed) co_return m_config.access_token;
  if (!m_token.empty() && ctx.now() < m_expiry) co_return m_token;

  http::Request req;
  req.method = "POST";
  req.url = m_config.token_url;
  req.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
  if (!m_client_email.empty()) {
    auto assertion = service_account_assertion(m_client_email, m_key_id, m_private_key, m_config.scope,
                                               m_config.token_url, ctx.now());
    if (!assertion) co_return std::move(assertion).failure();
    req.body = "grant_type=" + text::url_encode("urn:ietf:params:oauth:grant-type:jwt-bearer") +
               "&assertion=" + *assertion;
  } else {
    req.body = "grant_type=refresh_token&client_id=" + text::url_encode(m_config.client_id) +
               "&client_secret=" + text::url_encode(m_config.client_secret) +
               "&refresh_token=" + text::url_encode(m_config.refresh_token);
  }
  auto r = co_await fetch_checked(ctx, m_source, std::move(req));
  if (!r) {
    Failure f = std::move(r).failure();
    // invalid_grant / invalid_client arrive as 400 or 401.
    if (f.kind == FailureKind::auth || f.kind == FailureKind::fatal)
      co_return Failure::auth("Google refused the credentials (" + f.message + "); " + m_config.hint);
    co_return f;
  }
  simdjson::dom::parser parser;
  auto doc = parse_json_body(parser, *r);
  if (!doc) co_return std::move(doc).failure();
  std::string token = json::str(*doc, "access_token");
  if (token.empty()) co_return Failure::bad_response("Google's token answer has no access_token");
  const std::int64_t expires = json::integer(*doc, "expires_in").value_or(3600);
  m_token = std::move(token);
  m_expiry = ctx.now() + std::max<std::int64_t>(60, expires - 60);
  log::info("GOOGLE_TOKEN", "Obtained a Google OAuth access token.", {{"source", m_source}, {"expires_in", expires}});
  co_return m_token;
}

awaitable<Result<http::Response>> TokenSource::get(const Context& ctx, const std::string& url,
                                                   std::string_view refused) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto token = co_await this->token(ctx);
    if (!token) co_return std::move(token).failure();
    http::Request req;
    req.url = url;
    req.headers = {{"Authorization", "Bearer " + *token}};
    auto r = co_await fetch_checked(ctx, m_source, std::move(req));
    if (r || r.failure().kind != FailureKind::auth) co_return r;
    // 401: revoked or expired early. A 403 (no permission) will not be cured by
    // a new token, but one retry is cheap and keeps this simple.
    if (attempt == 1 || !invalidate())
      co_return Failure::auth(std::string(refused) + " (" + r.failure().message + "); " + m_config.hint);
  }
  co_return Failure::auth(m_config.hint);  // not reached
}

}  // namespace pantau::connectors::google
