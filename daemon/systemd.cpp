#include "daemon/systemd.hpp"

#include <systemd/sd-daemon.h>

#include <string>

namespace pantau::systemd {

void notify_ready() { sd_notify(0, "READY=1"); }
void notify_reloading() { sd_notify(0, "RELOADING=1"); }
void notify_stopping() { sd_notify(0, "STOPPING=1"); }
void notify_status(std::string_view status) {
  std::string msg = "STATUS=" + std::string(status);
  sd_notify(0, msg.c_str());
}

Watchdog::Watchdog(asio::io_context& io) : m_timer(io) {}

void Watchdog::start() {
  std::uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return;
  m_interval = std::chrono::microseconds(usec / 2);
  m_running = true;
  sd_notify(0, "WATCHDOG=1");
  arm();
}

void Watchdog::stop() {
  m_running = false;
  m_timer.cancel();
}

void Watchdog::arm() {
  m_timer.expires_after(m_interval);
  m_timer.async_wait([this](const boost::system::error_code& ec) {
    if (ec || !m_running) return;
    sd_notify(0, "WATCHDOG=1");
    arm();
  });
}

}  // namespace pantau::systemd
