// Unit tests (scripted HTTP, no sockets) for what the golden cases cannot
// reach: the service-account JWT exchange and the small text helpers of the
// credentialed connectors.
#include "connectors/gbp/gbp.hpp"
#include "connectors/googleplay/google_auth.hpp"
#include "connectors/googleplay/googleplay.hpp"
#include "connectors/x/x.hpp"
#include "tests/connectors/scripted_client.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <fstream>
#include <memory>
#include <sstream>

using namespace pantau;

namespace {

const std::string k_dir = std::string(PANTAU_TEST_CONNECTORS_DIR) + "/googleplay";

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string base64url_decode(std::string_view s) {
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    return c == '-' ? 62 : c == '_' ? 63 : -1;
  };
  std::string out;
  unsigned buf = 0;
  int bits = 0;
  for (char c : s) {
    int v = val(c);
    if (v < 0) break;
    buf = buf << 6 | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buf >> bits) & 0xff);
    }
  }
  return out;
}

bool verify_rs256(const std::string& input, const std::string& sig, const std::string& pub_pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pub_pem.data(), static_cast<int>(pub_pem.size())),
                                                BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr),
                                                          EVP_PKEY_free);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  return key && md && EVP_DigestVerifyInit(md.get(), nullptr, EVP_sha256(), nullptr, key.get()) == 1 &&
         EVP_DigestVerify(md.get(), reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                          reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1;
}

connectors::SourceConfig play_config() {
  connectors::SourceConfig cfg;
  cfg.name = "googleplay:test";
  cfg.type = "googleplay";
  cfg.values = {{"package_name", std::string("id.kopisenja.app")},
                {"service_account_file", k_dir + "/test_service_account.json"},
                {"access_token", std::string()},
                {"token_url", std::string("http://token.test/token")},
                {"translation_language", std::string()},
                {"max_results", std::int64_t{100}},
                {"brand_replies", false},
                {"base_url", std::string("http://api.test")}};
  return cfg;
}

struct PollRun {
  std::optional<Result<connectors::Page>> result;
};

void poll_once(connectors::Connector& c, asio::io_context& io, PollRun& run, std::string cursor = {}) {
  asio::co_spawn(io, [&]() -> awaitable<void> { run.result = co_await c.poll(cursor); }, asio::detached);
  io.run();
  io.restart();
}

const http::Response k_token = test::ScriptedClient::response(
    200, R"({"access_token":"ya29.TEST","expires_in":3599,"token_type":"Bearer"})",
    {{"Content-Type", "application/json"}});

TEST(GoogleAuth, ServiceAccountSignsAJwtGoogleCanVerify) {
  asio::io_context io;
  test::ScriptedClient http;
  http.push(k_token);
  http.push(test::ScriptedClient::response(200, "{}", {{"Content-Type", "application/json"}}));
  connectors::Context ctx;
  ctx.executor = io.get_executor();
  ctx.http = &http;
  ctx.clock = [] { return std::int64_t{1787304000}; };
  auto conn = connectors::googleplay_info().make(play_config(), ctx);
  PollRun run;
  poll_once(*conn, io, run);
  ASSERT_TRUE(run.result && run.result->ok()) << run.result->failure().message;
  EXPECT_TRUE((*run.result)->items.empty());

  ASSERT_EQ(http.requests.size(), 2u);
  const http::Request& tok = http.requests[0];
  EXPECT_EQ(tok.method, "POST");
  EXPECT_EQ(tok.url, "http://token.test/token");
  const std::string prefix = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=";
  ASSERT_EQ(tok.body.rfind(prefix, 0), 0u) << tok.body;
  const std::string jwt = tok.body.substr(prefix.size());
  const std::size_t dot1 = jwt.find('.'), dot2 = jwt.rfind('.');
  ASSERT_NE(dot1, dot2);
  EXPECT_EQ(base64url_decode(jwt.substr(0, dot1)), R"({"alg":"RS256","typ":"JWT","kid":"fixture-key-id-0001"})");
  EXPECT_EQ(base64url_decode(jwt.substr(dot1 + 1, dot2 - dot1 - 1)),
            R"({"iss":"pantau-test@pantau-test.iam.gserviceaccount.example",)"
            R"("scope":"https://www.googleapis.com/auth/androidpublisher","aud":"http://token.test/token",)"
            R"("iat":1787304000,"exp":1787307600})");
  EXPECT_TRUE(verify_rs256(jwt.substr(0, dot2), base64url_decode(jwt.substr(dot2 + 1)),
                           read(k_dir + "/test_service_account.pub.pem")));

  const http::Request& api = http.requests[1];
  EXPECT_EQ(api.url, "http://api.test/androidpublisher/v3/applications/id.kopisenja.app/reviews?maxResults=100");
  ASSERT_FALSE(api.headers.empty());
  EXPECT_EQ(api.headers[0].second, "Bearer ya29.TEST");
}

TEST(GoogleAuth, RefusedTokenIsRenewedOnceThenAuthFailure) {
  asio::io_context io;
  test::ScriptedClient http;
  const auto denied = test::ScriptedClient::response(401, R"({"error":{"code":401,"status":"UNAUTHENTICATED"}})",
                                                     {{"Content-Type", "application/json"}});
  http.push(k_token);
  http.push(denied);
  http.push(k_token);
  http.push(denied);
  connectors::Context ctx;
  ctx.executor = io.get_executor();
  ctx.http = &http;
  ctx.clock = [] { return std::int64_t{1787304000}; };
  auto conn = connectors::googleplay_info().make(play_config(), ctx);
  PollRun run;
  poll_once(*conn, io, run);
  ASSERT_TRUE(run.result && !run.result->ok());
  EXPECT_EQ(run.result->failure().kind, FailureKind::auth);
  EXPECT_NE(run.result->failure().message.find("service_account_file"), std::string::npos);
  EXPECT_EQ(http.requests.size(), 4u);
}

TEST(GoogleAuth, MissingCredentialsFailAtStartUp) {
  auto cfg = play_config();
  cfg.values["service_account_file"] = std::string();
  connectors::Context ctx;
  test::ScriptedClient http;
  ctx.http = &http;
  EXPECT_THROW(connectors::googleplay_info().make(cfg, ctx), std::invalid_argument);
}

TEST(CredentialedText, PlayReviewTitleAndBody) {
  EXPECT_EQ(connectors::play_review_text("Crash\tIt crashes."), "Crash\n\nIt crashes.");
  EXPECT_EQ(connectors::play_review_text("\tOnly a body."), "Only a body.");
  EXPECT_EQ(connectors::play_review_text("No tab at all"), "No tab at all");
}

TEST(CredentialedText, GbpKeepsTheOriginalOfATranslation) {
  EXPECT_EQ(connectors::gbp_original_comment(
                "(Translated by Google) The coffee is good.\n\n(Original)\nKopinya enak."),
            "Kopinya enak.");
  EXPECT_EQ(connectors::gbp_original_comment("Kopinya enak."), "Kopinya enak.");
}

TEST(CredentialedText, XLanguageCodes) {
  EXPECT_EQ(connectors::x_language("in"), "id");
  EXPECT_EQ(connectors::x_language("en"), "en");
  EXPECT_EQ(connectors::x_language("iw"), "he");
  EXPECT_EQ(connectors::x_language("und"), "");
  EXPECT_EQ(connectors::x_language("qme"), "");
  EXPECT_EQ(connectors::x_language("zxx"), "");
}

}  // namespace
