// The raw sd_notify protocol against a real unix datagram socket standing in for systemd.
#include "daemon/systemd_notifier.hpp"

#include <gtest/gtest.h>

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

namespace hj212gw::daemon {
namespace {

// A bound datagram socket playing systemd's notification socket; NOTIFY_SOCKET points at it
// for the test's lifetime and the watchdog variables start unset.
class FakeSystemd {
public:
    explicit FakeSystemd(bool abstract) {
        fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        EXPECT_GE(fd_, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        socklen_t len = 0;
        const auto unique = std::to_string(::getpid()) + "-" + std::to_string(counter_++);
        if (abstract) {
            name_ = "@hj212gw-notify-test-" + unique;
            std::memcpy(addr.sun_path + 1, name_.data() + 1, name_.size() - 1);
            len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + name_.size());
        } else {
            path_ = std::filesystem::temp_directory_path() / ("hj212gw-notify-" + unique);
            std::filesystem::remove(path_);
            name_ = path_.string();
            std::memcpy(addr.sun_path, name_.c_str(), name_.size() + 1);
            len = static_cast<socklen_t>(sizeof(addr));
        }
        EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), len), 0) << std::strerror(errno);
        ::setenv("NOTIFY_SOCKET", name_.c_str(), 1);
        ::unsetenv("WATCHDOG_USEC");
        ::unsetenv("WATCHDOG_PID");
    }
    ~FakeSystemd() {
        ::unsetenv("NOTIFY_SOCKET");
        ::unsetenv("WATCHDOG_USEC");
        ::unsetenv("WATCHDOG_PID");
        ::close(fd_);
        if (!path_.empty()) std::filesystem::remove(path_);
    }
    FakeSystemd(const FakeSystemd&) = delete;
    FakeSystemd& operator=(const FakeSystemd&) = delete;

    /// The next datagram, or "" when none arrives within a second.
    std::string next() const {
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, 1000) != 1) return {};
        char buf[512];
        const auto n = ::recv(fd_, buf, sizeof(buf), 0);
        return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
    }
    /// True when nothing is waiting (a message that must not have been sent).
    bool quiet() const {
        pollfd p{fd_, POLLIN, 0};
        return ::poll(&p, 1, 50) == 0;
    }

private:
    static inline int counter_ = 0;
    int fd_ = -1;
    std::string name_;
    std::filesystem::path path_;
};

void check_state_messages(const FakeSystemd& systemd) {
    SystemdNotifier n;
    n.ready();
    EXPECT_EQ(systemd.next(), "READY=1");
    n.watchdog();
    EXPECT_EQ(systemd.next(), "WATCHDOG=1");
    n.status("3 devices, 1 platform up");
    EXPECT_EQ(systemd.next(), "STATUS=3 devices, 1 platform up");
    n.reloading();
    EXPECT_EQ(systemd.next(), "RELOADING=1");
    n.ready();
    EXPECT_EQ(systemd.next(), "READY=1");
    n.stopping();
    EXPECT_EQ(systemd.next(), "STOPPING=1");
}

TEST(SystemdNotifier, SendsEachStateToAFilesystemSocket) {
    FakeSystemd systemd(false);
    check_state_messages(systemd);
}

TEST(SystemdNotifier, SendsEachStateToAnAbstractSocket) {
    FakeSystemd systemd(true);
    check_state_messages(systemd);
}

TEST(SystemdNotifier, AReloadIsNotReportedAsAStop) {
    // The gateway stops its parts to reload in-process; systemd must not hear STOPPING=1 then.
    FakeSystemd systemd(false);
    SystemdNotifier n;
    n.ready();
    EXPECT_EQ(systemd.next(), "READY=1");
    n.reloading();
    EXPECT_EQ(systemd.next(), "RELOADING=1");
    n.stopping();
    EXPECT_TRUE(systemd.quiet());
    n.ready();
    EXPECT_EQ(systemd.next(), "READY=1");
}

TEST(SystemdNotifier, WatchdogIntervalIsHalfOfWatchdogUsec) {
    FakeSystemd systemd(false);
    ::setenv("WATCHDOG_USEC", "30000000", 1);
    EXPECT_EQ(SystemdNotifier().watchdog_interval(), std::chrono::milliseconds(15000));
    ::setenv("WATCHDOG_PID", std::to_string(::getpid()).c_str(), 1);
    EXPECT_EQ(SystemdNotifier().watchdog_interval(), std::chrono::milliseconds(15000));
}

TEST(SystemdNotifier, NoWatchdogForAnotherProcessOrWithoutAValidInterval) {
    FakeSystemd systemd(false);
    ::setenv("WATCHDOG_USEC", "30000000", 1);
    ::setenv("WATCHDOG_PID", std::to_string(::getpid() + 1).c_str(), 1);
    EXPECT_EQ(SystemdNotifier().watchdog_interval(), std::nullopt);
    ::unsetenv("WATCHDOG_PID");
    for (const char* bad : {"0", "", "abc", "-5", "12x"}) {
        ::setenv("WATCHDOG_USEC", bad, 1);
        EXPECT_EQ(SystemdNotifier().watchdog_interval(), std::nullopt) << bad;
    }
}

TEST(SystemdNotifier, WithoutNotifySocketNothingIsSentAndThereIsNoWatchdog) {
    FakeSystemd systemd(false);
    ::unsetenv("NOTIFY_SOCKET");
    ::setenv("WATCHDOG_USEC", "30000000", 1);
    SystemdNotifier n;
    EXPECT_EQ(n.watchdog_interval(), std::nullopt);
    n.ready();
    n.watchdog();
    n.stopping();
    EXPECT_TRUE(systemd.quiet());
}

} // namespace
} // namespace hj212gw::daemon
