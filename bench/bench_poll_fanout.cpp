// bench_poll_fanout: 1,000 sources polling a local HTTP server every 60 s,
// through the real pieces (registry -> hn connector -> libcurl multi client
// on its worker thread -> io_context coroutines). Prints
//   BENCH poll_fanout sources=1000 interval_s=60 duration_s=120 polls=... cpu_pct=... rss_mb=...
// cpu_pct is this process's user+system time over wall time, in % of one
// core (the fake server is a separate process and not counted); rss_mb is the
// peak resident set (VmHWM). Time is not compressed: sources start spread
// over the first interval and poll every interval_s, as the daemon would.
// Environment: PANTAU_BENCH_SOURCES, PANTAU_BENCH_INTERVAL, PANTAU_BENCH_SECONDS.
#include "common/log.hpp"
#include "connectors/connector.hpp"
#include "connectors/http/http_client.hpp"

#include <sys/resource.h>
#include <sys/wait.h>
#include <signal.h>
#include <spawn.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

extern char** environ;
using namespace pantau;

namespace {

long env_or(const char* name, long fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::atol(v) : fallback;
}

double peak_rss_mb() {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("VmHWM:", 0) == 0) return std::atof(line.c_str() + 6) / 1024.0;
  return 0;
}

double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

struct Stats {
  long polls = 0, items = 0, failures = 0;
};

awaitable<void> source_loop(connectors::Connector& c, std::chrono::milliseconds first_delay,
                            std::chrono::seconds interval, std::chrono::steady_clock::time_point end, Stats& stats) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  timer.expires_after(first_delay);
  co_await timer.async_wait(use_awaitable);
  std::string cursor;
  while (std::chrono::steady_clock::now() < end) {
    auto started = std::chrono::steady_clock::now();
    for (int page = 0; page < 10; ++page) {  // follow page.more as the scheduler does
      auto r = co_await c.poll(cursor);
      ++stats.polls;
      if (!r) {
        ++stats.failures;
        break;
      }
      stats.items += static_cast<long>(r->items.size());
      cursor = r->cursor;
      if (!r->more) break;
    }
    if (started + interval >= end) break;  // no round would start before the end
    timer.expires_at(started + interval);
    co_await timer.async_wait(use_awaitable);
  }
}

}  // namespace

int main() {
  log::init("bench_poll_fanout", log::Level::error);
  const long sources = env_or("PANTAU_BENCH_SOURCES", 1000);
  const auto interval = std::chrono::seconds(env_or("PANTAU_BENCH_INTERVAL", 60));
  const long seconds = env_or("PANTAU_BENCH_SECONDS", 120);

  // The fake API from the connector tests, serving the hn fixtures.
  std::string root = std::string(PANTAU_SOURCE_DIR) + "/tests/connectors/hn/fixtures";
  std::string log_path = "/tmp/bench_poll_fanout." + std::to_string(getpid()) + ".jsonl";
  std::string script = std::string(PANTAU_SOURCE_DIR) + "/tests/connectors/fake_api.py";
  std::vector<std::string> args = {"python3", script, "--root", root, "--log", log_path};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  int fds[2];
  if (pipe(fds) != 0) return 1;
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
  pid_t server = 0;
  if (posix_spawnp(&server, "python3", &fa, nullptr, argv.data(), environ) != 0) {
    std::cerr << "bench_poll_fanout: cannot start the fake server\n";
    return 1;
  }
  close(fds[1]);
  std::string port;
  char ch;
  while (read(fds[0], &ch, 1) == 1 && ch != '\n') port += ch;
  close(fds[0]);

  asio::io_context io(1);
  http::ClientOptions opts;
  opts.user_agent = "pantau-bench/0.1";
  auto client = http::make_curl_client(io, opts);
  const connectors::ConnectorInfo* info = connectors::find_connector("hn");
  connectors::SourceConfig cfg;
  cfg.type = "hn";
  cfg.values = {{"base_url", "http://127.0.0.1:" + port}, {"search", std::string("kopi senja")},
                {"tags", std::string("(story,comment)")}, {"hits_per_page", std::int64_t{3}}};
  connectors::Context ctx;
  ctx.executor = io.get_executor();
  ctx.http = client.get();
  ctx.backfill_seconds = 172800;
  ctx.clock = [] { return std::int64_t{1787304000}; };  // the fixtures' "now"

  std::vector<std::unique_ptr<connectors::Connector>> conns;
  Stats stats;
  const auto start = std::chrono::steady_clock::now();
  const auto end = start + std::chrono::seconds(seconds);
  const double cpu0 = cpu_seconds();
  for (long i = 0; i < sources; ++i) {
    cfg.name = "hn:" + std::to_string(i);
    conns.push_back(info->make(cfg, ctx));
    auto delay = std::chrono::milliseconds(interval.count() * 1000 * i / std::max(1L, sources));
    asio::co_spawn(io, source_loop(*conns.back(), delay, interval, end, stats), [](std::exception_ptr e) {
      if (e) std::rethrow_exception(e);
    });
  }
  io.run();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu = cpu_seconds() - cpu0;
  kill(server, SIGTERM);
  waitpid(server, nullptr, 0);
  std::remove(log_path.c_str());

  std::printf("BENCH poll_fanout sources=%ld interval_s=%ld duration_s=%.0f polls=%ld failures=%ld cpu_pct=%.2f rss_mb=%.1f\n",
              sources, static_cast<long>(interval.count()), wall, stats.polls, stats.failures, 100.0 * cpu / wall,
              peak_rss_mb());
  return stats.failures == 0 ? 0 : 1;
}
