#pragma once
// Tells systemd the daemon is ready, reloading or stopping, and feeds its watchdog. Without
// systemd (NOTIFY_SOCKET unset) every call does nothing.
//
// This speaks the sd_notify protocol itself (one datagram per state change to the unix socket
// named by $NOTIFY_SOCKET) instead of linking libsystemd: the library and what it pulls in
// (libgcrypt, liblz4, liblzma, libzstd, libcap) cost about 0.5 MiB of resident memory on the
// board for what is a sendto() of a few bytes.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace hj212gw::daemon {

class SystemdNotifier {
public:
    /// Reads NOTIFY_SOCKET, WATCHDOG_USEC and WATCHDOG_PID from the environment once.
    SystemdNotifier();

    void ready();
    void reloading();
    /// Sends STOPPING=1, except between reloading() and the next ready(): the daemon stops its
    /// parts to reload in-process, and STOPPING=1 would make systemd treat the reload as the
    /// service going down (and kill it after TimeoutStopSec).
    void stopping();
    void status(std::string_view text);
    void watchdog();
    /// How often to call watchdog(): half the unit's WatchdogSec, or nullopt when not asked.
    std::optional<std::chrono::milliseconds> watchdog_interval() const;

private:
    void send(std::string_view state) const;

    std::string socket_; ///< $NOTIFY_SOCKET as given ('@' = abstract namespace), "" = none
    std::optional<std::chrono::milliseconds> watchdog_every_;
    bool reloading_ = false;
};

} // namespace hj212gw::daemon
