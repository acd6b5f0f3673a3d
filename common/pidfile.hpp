// "<db>.pid": pantaud holds an exclusive flock on it while it runs, which both
// stops a second daemon on the same database and lets `pantau status` tell
// whether one is running (a stale file from a crash holds no lock).
#pragma once

#include <optional>
#include <string>
#include <sys/types.h>

namespace pantau {

class PidFile {
 public:
  // Throws std::runtime_error naming the running pid when another process holds it.
  explicit PidFile(std::string path);
  ~PidFile();
  PidFile(const PidFile&) = delete;
  PidFile& operator=(const PidFile&) = delete;

 private:
  std::string m_path;
  int m_fd = -1;
};

// The pid of the running daemon, or nullopt when nobody holds the lock.
std::optional<pid_t> running_pid(const std::string& path);

}  // namespace pantau
