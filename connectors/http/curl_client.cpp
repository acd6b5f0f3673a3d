// The libcurl client: one worker thread drives a curl multi handle
// (curl_multi_poll, woken by curl_multi_wakeup) and posts each completion
// back to the caller's executor, so connectors only ever run on the
// io_context thread. Per-host concurrency and spacing are enforced here, on
// the worker, so no connector can hammer a host whatever it does.
#include "connectors/http/http_client.hpp"

#include "common/log.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

namespace pantau::http {

std::string_view Response::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k.size() != name.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < k.size() && same; ++i)
      same = std::tolower(static_cast<unsigned char>(k[i])) == std::tolower(static_cast<unsigned char>(name[i]));
    if (same) return v;
  }
  return {};
}

namespace {

using Clock = std::chrono::steady_clock;
using Completion = std::function<void(Result<Response>)>;

constexpr std::size_t k_max_body = 64u << 20;  // a feed larger than this is a mistake or an attack

std::string host_of(const std::string& url) {
  auto scheme = url.find("://");
  std::size_t start = scheme == std::string::npos ? 0 : scheme + 3;
  std::size_t end = url.find_first_of("/?#", start);
  std::string host = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (auto at = host.rfind('@'); at != std::string::npos) host.erase(0, at + 1);
  for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return host;
}

struct Transfer {
  Request request;
  Completion done;
  std::string host;
  Response response;
  curl_slist* headers = nullptr;
  CURL* easy = nullptr;
  bool too_big = false;
  char error[CURL_ERROR_SIZE] = {};
};

size_t on_body(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t len = size * n;
  if (t->response.body.size() + len > k_max_body) {
    t->too_big = true;
    return 0;  // aborts the transfer with CURLE_WRITE_ERROR
  }
  t->response.body.append(data, len);
  return len;
}

size_t on_header(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::string_view line(data, size * n);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  // A new status line starts a new response (redirects, 100 Continue): keep the last one only.
  if (line.starts_with("HTTP/")) {
    t->response.headers.clear();
    return size * n;
  }
  auto colon = line.find(':');
  if (colon == std::string_view::npos) return size * n;
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  t->response.headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
  return size * n;
}

class CurlClient final : public Client {
 public:
  CurlClient(asio::io_context& io, ClientOptions options) : m_io(io), m_options(std::move(options)) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    m_multi = curl_multi_init();
    // Connections are reused per host; HTTP/2 multiplexes when the server offers it.
    curl_multi_setopt(m_multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
    curl_multi_setopt(m_multi, CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(std::max(1, m_options.max_per_host)));
    m_worker = std::thread([this] { run(); });
  }

  ~CurlClient() override {
    {
      std::lock_guard lock(m_mutex);
      m_stop = true;
    }
    curl_multi_wakeup(m_multi);
    m_worker.join();
    curl_multi_cleanup(m_multi);
  }

  awaitable<Result<Response>> fetch(Request request) override {
    // The completion is posted to the coroutine's executor, so the coroutine
    // resumes on the io_context thread.
    auto executor = co_await asio::this_coro::executor;
    co_return co_await asio::async_initiate<decltype(use_awaitable), void(Result<Response>)>(
        [this, executor](auto handler, Request req) mutable {
          auto shared = std::make_shared<decltype(handler)>(std::move(handler));
          Completion done = [shared, executor](Result<Response> r) {
            asio::post(executor, [shared, r = std::move(r)]() mutable { (*shared)(std::move(r)); });
          };
          submit(std::move(req), std::move(done));
        },
        use_awaitable, std::move(request));
  }

 private:
  void submit(Request req, Completion done) {
    auto t = std::make_unique<Transfer>();
    t->host = host_of(req.url);
    t->request = std::move(req);
    t->done = std::move(done);
    {
      std::lock_guard lock(m_mutex);
      if (m_stop) {
        t->done(Failure::transient("the HTTP client is shutting down"));
        return;
      }
      m_incoming.push_back(std::move(t));
    }
    curl_multi_wakeup(m_multi);
  }

  // Worker thread from here on.
  void run() {
    for (;;) {
      {
        std::lock_guard lock(m_mutex);
        if (m_stop) break;
        for (auto& t : m_incoming) m_queue[t->host].push_back(std::move(t));
        m_incoming.clear();
      }
      int wait_ms = start_eligible();
      int running = 0;
      curl_multi_perform(m_multi, &running);
      collect();
      int poll_ms = wait_ms < 0 ? 1000 : wait_ms;
      long curl_ms = -1;
      curl_multi_timeout(m_multi, &curl_ms);
      if (curl_ms >= 0) poll_ms = std::min<int>(poll_ms, static_cast<int>(curl_ms));
      curl_multi_poll(m_multi, nullptr, 0, poll_ms, nullptr);
    }
    // Shutting down: fail whatever is left so no coroutine waits forever.
    for (auto& [easy, t] : m_active) {
      curl_multi_remove_handle(m_multi, easy);
      finish(std::move(t), Failure::transient("the HTTP client is shutting down"));
    }
    m_active.clear();
    std::lock_guard lock(m_mutex);
    for (auto& t : m_incoming) t->done(Failure::transient("the HTTP client is shutting down"));
    for (auto& [host, q] : m_queue)
      for (auto& t : q) t->done(Failure::transient("the HTTP client is shutting down"));
  }

  // Starts queued transfers that the per-host limits allow; returns the
  // milliseconds until the next one becomes eligible (-1: none waiting).
  int start_eligible() {
    const auto now = Clock::now();
    int next_ms = -1;
    for (auto& [host, queue] : m_queue) {
      HostState& h = m_hosts[host];
      while (!queue.empty() && h.active < std::max(1, m_options.max_per_host)) {
        auto ready = h.last_start + m_options.host_spacing;
        if (h.started_any && now < ready) {
          int ms = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(ready - now).count()) + 1;
          next_ms = next_ms < 0 ? ms : std::min(next_ms, ms);
          break;
        }
        start(std::move(queue.front()));
        queue.pop_front();
        h.active++;
        h.last_start = now;
        h.started_any = true;
      }
    }
    return next_ms;
  }

  void start(std::unique_ptr<Transfer> t) {
    CURL* e = curl_easy_init();
    t->easy = e;
    const Request& r = t->request;
    curl_easy_setopt(e, CURLOPT_URL, r.url.c_str());
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(e, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");  // every encoding libcurl can decode
    curl_easy_setopt(e, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
    // TLS verification is never switched off; there is deliberately no option for it.
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
    // Proxy: libcurl reads http_proxy/https_proxy/no_proxy itself when CURLOPT_PROXY is unset.
    if (!m_options.user_agent.empty()) curl_easy_setopt(e, CURLOPT_USERAGENT, m_options.user_agent.c_str());
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(m_options.connect_timeout.count()));
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(r.timeout.count()));
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, t.get());
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, t.get());
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->error);
    curl_easy_setopt(e, CURLOPT_PRIVATE, t.get());
    if (r.method == "POST") {
      curl_easy_setopt(e, CURLOPT_POST, 1L);
      curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size()));
      curl_easy_setopt(e, CURLOPT_POSTFIELDS, r.body.c_str());
    } else if (r.method == "HEAD") {
      curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
    } else if (r.method != "GET") {
      curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, r.method.c_str());
      if (!r.body.empty()) {
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size()));
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, r.body.c_str());
      }
    }
    for (const auto& [k, v] : r.headers) t->headers = curl_slist_append(t->headers, (k + ": " + v).c_str());
    if (t->headers) curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
    curl_multi_add_handle(m_multi, e);
    m_active.emplace(e, std::move(t));
  }

  void collect() {
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(m_multi, &left)) {
      if (msg->msg != CURLMSG_DONE) continue;
      CURL* e = msg->easy_handle;
      CURLcode code = msg->data.result;
      auto it = m_active.find(e);
      if (it == m_active.end()) continue;
      std::unique_ptr<Transfer> t = std::move(it->second);
      m_active.erase(it);
      curl_multi_remove_handle(m_multi, e);
      HostState& h = m_hosts[t->host];
      h.active = std::max(0, h.active - 1);
      if (code != CURLE_OK) {
        // Transport failures (DNS, connect, TLS, timeout, a body cut short)
        // are transient: nothing from this response is used.
        std::string why = t->too_big ? "response larger than 64 MiB" : (t->error[0] ? t->error : curl_easy_strerror(code));
        finish(std::move(t), Failure::transient("HTTP transfer failed: " + why));
        continue;
      }
      long status = 0;
      curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
      char* url = nullptr;
      curl_easy_getinfo(e, CURLINFO_EFFECTIVE_URL, &url);
      t->response.status = status;
      if (url) t->response.effective_url = url;
      Response r = std::move(t->response);
      finish(std::move(t), std::move(r));
    }
  }

  void finish(std::unique_ptr<Transfer> t, Result<Response> r) {
    if (t->easy) curl_easy_cleanup(t->easy);
    if (t->headers) curl_slist_free_all(t->headers);
    t->done(std::move(r));
  }

  struct HostState {
    int active = 0;
    bool started_any = false;
    Clock::time_point last_start{};
  };

  asio::io_context& m_io;
  ClientOptions m_options;
  CURLM* m_multi = nullptr;
  std::thread m_worker;
  std::mutex m_mutex;  // guards m_incoming and m_stop; everything else is the worker's
  bool m_stop = false;
  std::vector<std::unique_ptr<Transfer>> m_incoming;
  std::map<std::string, std::deque<std::unique_ptr<Transfer>>> m_queue;
  std::map<std::string, HostState> m_hosts;
  std::map<CURL*, std::unique_ptr<Transfer>> m_active;
};

}  // namespace

std::unique_ptr<Client> make_curl_client(asio::io_context& io, const ClientOptions& options) {
  return std::make_unique<CurlClient>(io, options);
}

}  // namespace pantau::http
