#include "daemon/systemd_notifier.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace hj212gw::daemon {
namespace {

std::string_view env(const char* name) {
    const char* v = std::getenv(name);
    return v ? std::string_view(v) : std::string_view();
}

template <typename T>
std::optional<T> parse_unsigned(std::string_view text) {
    T value{};
    const auto* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
    return value;
}

// What sd_watchdog_enabled() answers: WATCHDOG_USEC is set and positive, and WATCHDOG_PID, when
// present, names this process (a child that inherited the environment must not feed the
// watchdog of its parent's unit).
std::optional<std::chrono::milliseconds> watchdog_from_environment() {
    const auto usec = parse_unsigned<std::uint64_t>(env("WATCHDOG_USEC"));
    if (!usec || *usec == 0) return std::nullopt;
    if (const auto pid_text = env("WATCHDOG_PID"); !pid_text.empty()) {
        const auto pid = parse_unsigned<std::uint64_t>(pid_text);
        if (!pid || *pid != static_cast<std::uint64_t>(::getpid())) return std::nullopt;
    }
    // Half the interval, as systemd recommends, so one late timer tick is not a missed ping;
    // at least 1 ms so a tiny WatchdogSec still yields a working timer.
    const auto half_ms = *usec / 2000;
    return std::chrono::milliseconds(half_ms > 0 ? half_ms : 1);
}

} // namespace

SystemdNotifier::SystemdNotifier() : socket_(env("NOTIFY_SOCKET")) {
    // Only filesystem ("/...") and abstract ("@...") unix sockets: systemd 252 on Debian 12 uses
    // nothing else (vsock: addresses are for VMs), and anything else would be a guess.
    if (!socket_.empty() && socket_.front() != '/' && socket_.front() != '@') socket_.clear();
    // A ping with nowhere to go is useless, so without a socket there is no watchdog either.
    if (!socket_.empty()) watchdog_every_ = watchdog_from_environment();
}

void SystemdNotifier::send(std::string_view state) const {
    if (socket_.empty()) return;
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (socket_.size() > sizeof(addr.sun_path)) return; // cannot be a real socket address
    std::memcpy(addr.sun_path, socket_.data(), socket_.size());
    // Abstract namespace: the name starts with a NUL byte and is exactly as long as given (no
    // terminator counted), so the address length must not include any padding.
    if (addr.sun_path[0] == '@') addr.sun_path[0] = '\0';
    const auto len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + socket_.size() +
                                            (socket_.front() == '/' ? 1 : 0));
    // One socket per message, as libsystemd does: a few state changes and a ping every few
    // seconds do not justify keeping a descriptor open, and nothing breaks if systemd restarts.
    const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return;
    // Failures are ignored on purpose: notification is advisory, and systemd notices a daemon
    // that never becomes ready or stops pinging by its own timeouts.
    [[maybe_unused]] const auto sent = ::sendto(fd, state.data(), state.size(), MSG_NOSIGNAL,
                                                reinterpret_cast<sockaddr*>(&addr), len);
    ::close(fd);
}

void SystemdNotifier::ready() {
    reloading_ = false;
    send("READY=1");
}
void SystemdNotifier::reloading() {
    reloading_ = true;
    send("RELOADING=1");
}
void SystemdNotifier::stopping() {
    if (reloading_) return;
    send("STOPPING=1");
}
void SystemdNotifier::status(std::string_view text) {
    send("STATUS=" + std::string(text));
}
void SystemdNotifier::watchdog() {
    send("WATCHDOG=1");
}

std::optional<std::chrono::milliseconds> SystemdNotifier::watchdog_interval() const {
    return watchdog_every_;
}

} // namespace hj212gw::daemon
