// Starts tests/connectors/fake_api.py for one test and stops it afterwards.
// Loopback only; the kernel picks the port and the script prints it.
#pragma once

#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace pantau::test {

struct FakeServerOptions {
  std::string root;        // fixture folder with routes.json
  std::string log_path;    // request log (JSON Lines)
  std::string fault;       // "", "fixture:<name>", "drop", "truncate", "status:<code>"
  int fault_after = 0;
  std::optional<int> fault_times;
};

class FakeServer {
 public:
  explicit FakeServer(const FakeServerOptions& o) : m_log(o.log_path) {
    std::vector<std::string> args = {"python3", PANTAU_FAKE_API, "--root", o.root, "--log", o.log_path};
    if (!o.fault.empty()) {
      args.insert(args.end(), {"--fault", o.fault, "--fault-after", std::to_string(o.fault_after)});
      if (o.fault_times) args.insert(args.end(), {"--fault-times", std::to_string(*o.fault_times)});
    }
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    int rc = posix_spawnp(&m_pid, "python3", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    if (rc != 0) throw std::runtime_error("cannot start fake_api.py");
    // The first line is the port; reading it also waits until the server listens.
    std::string line;
    char c;
    while (read(fds[0], &c, 1) == 1 && c != '\n') line += c;
    close(fds[0]);
    if (line.empty()) throw std::runtime_error("fake_api.py printed no port");
    m_port = std::stoi(line);
  }
  ~FakeServer() {
    if (m_pid > 0) {
      kill(m_pid, SIGTERM);
      int status = 0;
      waitpid(m_pid, &status, 0);
    }
  }
  FakeServer(const FakeServer&) = delete;
  FakeServer& operator=(const FakeServer&) = delete;

  int port() const { return m_port; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(m_port); }
  // The request log, one JSON object per line.
  std::vector<std::string> requests() const {
    std::vector<std::string> out;
    std::ifstream in(m_log);
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) out.push_back(line);
    return out;
  }

 private:
  std::string m_log;
  pid_t m_pid = -1;
  int m_port = 0;
};

}  // namespace pantau::test
