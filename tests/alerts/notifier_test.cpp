#include "alerts/notifier.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>
#include <vector>

extern char** environ;

namespace pa = pantau::alerts;
namespace fs = std::filesystem;

namespace {

pa::AlertMessage sample() {
  pa::AlertMessage m;
  m.event.watch = "acme";
  m.event.episode_id = "acme|1772800000";
  m.event.episode_start = 1772800000;
  m.event.window_end = 1772800300;
  m.event.window_start = 1772800300 - 10800;
  m.event.observed = 84;
  m.event.expected = 16.4;
  m.event.p_value = 1e-7;
  m.examples = {{"x", "eve", "https://x.example/1", "line1\r\nBcc: victim@evil.example", 1772799000}};
  return m;
}

fs::path temp_dir(const std::string& tag) {
  fs::path d = fs::temp_directory_path() / ("pantau-alerts-" + tag + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Polls `cond` until true or the deadline; a condition wait, not a fixed sleep.
template <class F>
bool wait_for(F cond, std::chrono::milliseconds limit = std::chrono::seconds(20)) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (cond()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return cond();
}

int free_port() {
  const int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(s);
  return ntohs(a.sin_port);
}

bool port_open(int port) {
  const int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(s);
  return ok;
}

// The real SMTP server: python3-aiosmtpd behind tests/alerts/smtp_sink.py.
class SmtpSink {
 public:
  SmtpSink(int port, const fs::path& out) {
    const std::string p = std::to_string(port), o = out.string();
    const char* argv[] = {"/usr/bin/python3", PANTAU_SMTP_SINK, p.c_str(), o.c_str(), nullptr};
    if (::posix_spawn(&m_pid, argv[0], nullptr, nullptr, const_cast<char**>(argv), environ) != 0) m_pid = -1;
  }
  ~SmtpSink() {
    if (m_pid > 0) {
      ::kill(m_pid, SIGTERM);
      int st;
      ::waitpid(m_pid, &st, 0);
    }
  }
  bool started() const { return m_pid > 0; }

 private:
  pid_t m_pid = -1;
};

// A server that accepts connections, sends `greeting` and then says nothing
// more, like a mail relay that hangs after the banner: a delivery to it can
// only end by its timeout or a stop request.
class StallServer {
 public:
  explicit StallServer(std::string greeting) : m_greeting(std::move(greeting)) {
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(m_fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    ::listen(m_fd, 8);
    socklen_t len = sizeof a;
    ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&a), &len);
    m_port = ntohs(a.sin_port);
    m_thread = std::thread([this] {
      for (;;) {
        const int c = ::accept(m_fd, nullptr, nullptr);
        if (c < 0) return;  // shutdown() in the destructor
        if (!m_greeting.empty()) (void)::write(c, m_greeting.data(), m_greeting.size());
        m_clients.push_back(c);  // kept open and silent until the end
        ++m_accepted;
      }
    });
  }
  ~StallServer() {
    ::shutdown(m_fd, SHUT_RDWR);
    m_thread.join();
    ::close(m_fd);
    for (int c : m_clients) ::close(c);
  }
  int port() const { return m_port; }
  int accepted() const { return m_accepted; }

 private:
  std::string m_greeting;
  int m_fd = -1, m_port = 0;
  std::atomic<int> m_accepted{0};
  std::vector<int> m_clients;  // accept thread only, then the destructor after join
  std::thread m_thread;
};

std::vector<fs::path> mails(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".eml") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST(Notifier, HmacSha256MatchesRfc4231) {
  EXPECT_EQ(pa::hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Notifier, RetryDelayBacksOffToACap) {
  std::int64_t prev = 0;
  for (int a = 1; a <= 6; ++a) {
    const std::int64_t d = pa::retry_delay(a, 42);
    EXPECT_GE(d, prev * 3 / 2) << a;  // roughly doubles despite the jitter
    prev = d;
  }
  for (int a = 1; a < 40; ++a) EXPECT_LE(pa::retry_delay(a, 7), 3600 * 12 / 10);
  EXPECT_EQ(pa::retry_delay(3, 99), pa::retry_delay(3, 99));
  EXPECT_NE(pa::retry_delay(3, 1), pa::retry_delay(3, 2));
}

TEST(Notifier, FactoryValidatesConfig) {
  pa::NotifierConfig c;
  c.name = "x";
  c.type = "pigeon";
  EXPECT_FALSE(pa::make_notifier(c).ok());
  c.type = "smtp";
  c.url = "http://mail";
  EXPECT_FALSE(pa::make_notifier(c).ok());
  c.url = "smtp://127.0.0.1:1";
  c.from = "a@b";
  c.to = {"c@d"};
  c.password_file = "/nonexistent/secret";
  auto r = pa::make_notifier(c);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.failure().message.find("/nonexistent/secret"), std::string::npos);
  c.type = "file";
  EXPECT_FALSE(pa::make_notifier(c).ok());  // no path
}

TEST(Notifier, FileWritesOneJsonLinePerMessage) {
  const auto dir = temp_dir("file");
  pa::NotifierConfig c;
  c.name = "log";
  c.type = "file";
  c.path = (dir / "alerts.jsonl").string();
  auto n = pa::make_notifier(c);
  ASSERT_TRUE(n.ok());
  ASSERT_TRUE((*n)->deliver(sample(), 1772800400, {}).ok());
  ASSERT_TRUE((*n)->deliver(sample(), 1772800500, {}).ok());
  const std::string s = slurp(c.path);
  ASSERT_EQ(std::count(s.begin(), s.end(), '\n'), 2);
  const auto first = pa::json::parse(s.substr(0, s.find('\n')));
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->get("examples").as_array()[0].get("text").as_string(), "line1\r\nBcc: victim@evil.example");
  EXPECT_EQ(first->get("sent_at").as_int(), 1772800400);
  fs::remove_all(dir);
}

TEST(Notifier, SmtpDeliversToARealServerOnceItIsUp) {
  const auto dir = temp_dir("smtp");
  const int port = free_port();
  pa::NotifierConfig c;
  c.name = "mail";
  c.type = "smtp";
  c.url = "smtp://127.0.0.1:" + std::to_string(port);
  c.starttls = false;  // the local sink speaks plain SMTP
  c.from = "Pantau <pantau@example.co.id>";
  c.to = {"cx@example.co.id", "Ops <ops@example.co.id>"};
  c.message_domain = "example.co.id";
  c.timeout_seconds = 10;
  auto n = pa::make_notifier(c);
  ASSERT_TRUE(n.ok()) << n.failure().message;

  // Server down: a transient failure, to be retried.
  auto down = (*n)->deliver(sample(), 1772800400, {});
  ASSERT_FALSE(down.ok());
  EXPECT_EQ(down.failure().kind, pantau::FailureKind::transient) << down.failure().message;

  SmtpSink sink(port, dir);
  ASSERT_TRUE(sink.started());
  ASSERT_TRUE(wait_for([&] { return port_open(port); })) << "aiosmtpd did not come up";
  auto up = (*n)->deliver(sample(), 1772800400, {});
  ASSERT_TRUE(up.ok()) << up.failure().message;
  ASSERT_TRUE(wait_for([&] { return !mails(dir).empty(); }));
  const auto got = mails(dir);
  ASSERT_EQ(got.size(), 1u);
  const std::string mail = slurp(got[0]);
  const std::string headers = mail.substr(0, mail.find("\r\n\r\n"));
  EXPECT_NE(headers.find("Subject: [Pantau] acme: negative spike, 84 negatives in 3h"), std::string::npos) << headers;
  EXPECT_NE(headers.find("Auto-Submitted: auto-generated"), std::string::npos);
  EXPECT_EQ(headers.find("Bcc"), std::string::npos);
  EXPECT_NE(mail.find("line1 Bcc: victim@evil.example"), std::string::npos);  // body only, flattened
  const std::string rcpt = slurp(fs::path(got[0]).replace_extension(".rcpt"));
  EXPECT_EQ(rcpt, "cx@example.co.id\nops@example.co.id\n");  // the envelope: configured recipients only
  fs::remove_all(dir);
}

TEST(Notifier, StopRequestAbandonsAStalledDelivery) {
  using clock = std::chrono::steady_clock;
  for (const std::string type : {"smtp", "webhook"}) {
    SCOPED_TRACE(type);
    StallServer server(type == "smtp" ? "220 stall.example ESMTP\r\n" : "");
    pa::NotifierConfig c;
    c.name = "stalled";
    c.type = type;
    c.url = (type == "smtp" ? "smtp://127.0.0.1:" : "http://127.0.0.1:") + std::to_string(server.port());
    c.starttls = false;
    c.from = "pantau@example.co.id";
    c.to = {"cx@example.co.id"};
    c.timeout_seconds = 30;  // the default: what a stop would wait for without the abort
    auto n = pa::make_notifier(c);
    ASSERT_TRUE(n.ok()) << n.failure().message;
    std::stop_source stop;
    std::optional<pantau::Status> got;
    std::thread worker([&] { got = (*n)->deliver(sample(), 1772800400, stop.get_token()); });
    const bool connected = wait_for([&] { return server.accepted() > 0; });
    const auto asked = clock::now();
    stop.request_stop();
    worker.join();
    const auto took = clock::now() - asked;
    ASSERT_TRUE(connected);
    ASSERT_TRUE(got && !got->ok());
    EXPECT_EQ(got->failure().kind, pantau::FailureKind::cancelled) << got->failure().message;
    EXPECT_LT(took, std::chrono::seconds(3));  // libcurl asks about once a second
  }
}

TEST(Notifier, StopRequestedBeforeDeliveryConnectsNowhere) {
  StallServer server("220 stall.example ESMTP\r\n");
  pa::NotifierConfig c;
  c.name = "mail";
  c.type = "smtp";
  c.url = "smtp://127.0.0.1:" + std::to_string(server.port());
  c.starttls = false;
  c.from = "pantau@example.co.id";
  c.to = {"cx@example.co.id"};
  auto n = pa::make_notifier(c);
  ASSERT_TRUE(n.ok());
  std::stop_source stop;
  stop.request_stop();
  auto r = (*n)->deliver(sample(), 1772800400, stop.get_token());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure().kind, pantau::FailureKind::cancelled);
  EXPECT_EQ(server.accepted(), 0);
}
