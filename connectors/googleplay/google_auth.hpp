// OAuth 2 access tokens for Google APIs (Play Developer API, Business
// Profile), from one of:
//   - a service account JSON key: a JWT signed RS256 (OpenSSL) exchanged at
//     the token endpoint (grant type jwt-bearer);
//   - an OAuth client id/secret + refresh token (user consent, e.g. Business
//     Profile, which service accounts cannot reach without delegation);
//   - a ready access token (short-lived; for tests and quick trials).
// Tokens are cached until a minute before they expire.
#pragma once

#include "common/result.hpp"
#include "connectors/connector.hpp"
#include "connectors/http/http_client.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace pantau::connectors::google {

struct AuthConfig {
  std::string access_token;
  std::string service_account_file;
  std::string client_id, client_secret, refresh_token;
  std::string token_url;  // empty: the key file's token_uri, else Google's
  std::string scope;
  std::string hint;       // which keys to set, for auth failure messages
};

class TokenSource {
 public:
  // Throws std::invalid_argument at start-up for an unreadable key file or
  // when no way to get a token is configured.
  TokenSource(AuthConfig config, std::string source_name);

  awaitable<Result<std::string>> token(const Context& ctx);
  // After the API refused a token: the next token() fetches a new one.
  // Returns false when a new one cannot be had (a fixed access_token).
  bool invalidate();
  const std::string& hint() const { return m_config.hint; }
  // GET with a bearer token. A refused token is renewed and the request tried
  // once more; `refused` starts the auth failure's message ("gbp: Google
  // refused access to the location").
  awaitable<Result<http::Response>> get(const Context& ctx, const std::string& url, std::string_view refused);

 private:
  AuthConfig m_config;
  std::string m_source;
  std::string m_client_email, m_private_key, m_key_id;
  std::string m_token;
  std::int64_t m_expiry = 0;
};

// base64url without padding (JWT segments).
std::string base64url(std::string_view data);
// RS256 over `signing_input` with a PEM private key; the signature, raw bytes.
Result<std::string> sign_rs256(std::string_view signing_input, const std::string& pem_private_key);
// The signed JWT assertion a service account exchanges for a token.
Result<std::string> service_account_assertion(const std::string& client_email, const std::string& key_id,
                                              const std::string& pem_private_key, const std::string& scope,
                                              const std::string& audience, std::int64_t now);

}  // namespace pantau::connectors::google
