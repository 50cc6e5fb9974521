#include "daemon/systemd_notifier.hpp"

#include <string>

#ifdef HJ212GW_HAVE_SYSTEMD
#include <systemd/sd-daemon.h>
#endif

namespace hj212gw::daemon {
namespace {

void notify([[maybe_unused]] const std::string& state) {
#ifdef HJ212GW_HAVE_SYSTEMD
    sd_notify(0, state.c_str());
#endif
}

} // namespace

void SystemdNotifier::ready() {
    notify("READY=1");
}
void SystemdNotifier::reloading() {
    notify("RELOADING=1");
}
void SystemdNotifier::stopping() {
    notify("STOPPING=1");
}
void SystemdNotifier::status(std::string_view text) {
    notify("STATUS=" + std::string(text));
}
void SystemdNotifier::watchdog() {
    notify("WATCHDOG=1");
}

std::optional<std::chrono::milliseconds> SystemdNotifier::watchdog_interval() const {
#ifdef HJ212GW_HAVE_SYSTEMD
    std::uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0)
        return std::chrono::milliseconds(usec / 2000);
#endif
    return std::nullopt;
}

} // namespace hj212gw::daemon
