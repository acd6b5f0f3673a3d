#include "common/pidfile.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <sys/file.h>
#include <unistd.h>

namespace pantau {

PidFile::PidFile(std::string path) : m_path(std::move(path)) {
  m_fd = ::open(m_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (m_fd < 0) throw std::runtime_error("cannot open " + m_path + ": " + std::strerror(errno));
  if (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
    auto pid = running_pid(m_path);
    ::close(m_fd);
    m_fd = -1;
    throw std::runtime_error("another pantaud (pid " + (pid ? std::to_string(*pid) : std::string("?")) +
                             ") already uses this database; stop it first");
  }
  std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(m_fd, 0) != 0 || ::pwrite(m_fd, pid.data(), pid.size(), 0) < 0)
    throw std::runtime_error("cannot write " + m_path + ": " + std::strerror(errno));
}

PidFile::~PidFile() {
  if (m_fd >= 0) {
    ::unlink(m_path.c_str());
    ::close(m_fd);
  }
}

std::optional<pid_t> running_pid(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::optional<pid_t> out;
  if (::flock(fd, LOCK_SH | LOCK_NB) != 0) {
    char buf[32] = {};
    ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
    out = n > 0 ? static_cast<pid_t>(std::atol(buf)) : 0;
  }
  ::close(fd);
  return out;
}

}  // namespace pantau
