// sd_notify for Type=notify: READY=1, STATUS=, RELOADING=1, STOPPING=1 and
// watchdog pings. Everything is a no-op when NOTIFY_SOCKET is unset.
#pragma once

#include "common/asio.hpp"

#include <memory>
#include <string_view>

namespace pantau::systemd {

void notify_ready();
void notify_reloading();
void notify_stopping();
void notify_status(std::string_view status);

// Pings WATCHDOG=1 at half the interval systemd asks for, from the io thread,
// so a wedged event loop stops the pings and systemd restarts the service.
class Watchdog {
 public:
  explicit Watchdog(asio::io_context& io);
  void start();
  void stop();

 private:
  void arm();
  asio::steady_timer m_timer;
  std::chrono::microseconds m_interval{0};
  bool m_running = false;
};

}  // namespace pantau::systemd
