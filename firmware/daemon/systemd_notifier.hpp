#pragma once
// Tells systemd the daemon is ready, reloading or stopping, and feeds its watchdog. Without
// systemd (NOTIFY_SOCKET unset) every call does nothing.
#include <chrono>
#include <optional>
#include <string_view>

namespace hj212gw::daemon {

class SystemdNotifier {
public:
    void ready();
    void reloading();
    void stopping();
    void status(std::string_view text);
    void watchdog();
    /// How often to call watchdog(): half the unit's WatchdogSec, or nullopt when not asked.
    std::optional<std::chrono::milliseconds> watchdog_interval() const;
};

} // namespace hj212gw::daemon
