#include "console/console_client.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <optional>
#include <string>

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

namespace hj212gw::console {
namespace {

constexpr char kDetach = 0x1d; // Ctrl-]
constexpr char kEndOfInput = 0x04;

/// Raw terminal for the session's lifetime; restored on every way out.
class RawTerminal {
public:
    explicit RawTerminal(int fd) : fd_(fd) {
        termios t{};
        if (::isatty(fd) == 0 || ::tcgetattr(fd, &t) != 0) return;
        saved_ = t;
        ::cfmakeraw(&t);
        t.c_oflag |= OPOST | ONLCR; // our own messages use '\n'
        ::tcsetattr(fd, TCSANOW, &t);
    }
    ~RawTerminal() {
        if (saved_) ::tcsetattr(fd_, TCSANOW, &*saved_);
    }
    RawTerminal(const RawTerminal&) = delete;
    RawTerminal& operator=(const RawTerminal&) = delete;
    bool active() const { return saved_.has_value(); }

private:
    int fd_;
    std::optional<termios> saved_;
};

bool write_all(int fd, const char* data, std::size_t n) {
    while (n > 0) {
        const auto w = ::write(fd, data, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return false;
        data += w;
        n -= static_cast<std::size_t>(w);
    }
    return true;
}

} // namespace

int attach_console(const std::filesystem::path& socket_path) {
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    const auto path = socket_path.string();
    if (path.size() >= sizeof addr.sun_path) {
        std::cerr << "hj212gw console: socket path too long: " << path << "\n";
        return 1;
    }
    std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || ::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
        std::cerr << "hj212gw console: cannot reach " << path << ": " << std::strerror(errno)
                  << "\n  (is the gateway running? is this its --data-dir? root or the "
                     "service user only)\n";
        if (fd >= 0) ::close(fd);
        return 1;
    }
    RawTerminal terminal(STDIN_FILENO);
    if (terminal.active()) std::fputs("(Ctrl-] detaches)\r\n", stderr);

    bool stdin_open = true;
    char buf[4096];
    int status = 0;
    for (;;) {
        pollfd fds[2] = {{fd, POLLIN, 0}, {stdin_open ? STDIN_FILENO : -1, POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            status = 1;
            break;
        }
        if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            const auto n = ::read(fd, buf, sizeof buf);
            if (n <= 0) break; // the session ended
            if (!write_all(STDOUT_FILENO, buf, static_cast<std::size_t>(n))) break;
        }
        if (stdin_open && (fds[1].revents & (POLLIN | POLLHUP | POLLERR))) {
            const auto n = ::read(STDIN_FILENO, buf, sizeof buf);
            if (n <= 0) {
                // End of a piped script: the session runs what it got, then logs out.
                stdin_open = false;
                const char end = kEndOfInput;
                if (!write_all(fd, &end, 1)) break;
                continue;
            }
            const std::string_view keys(buf, static_cast<std::size_t>(n));
            if (terminal.active() && keys.find(kDetach) != std::string_view::npos) {
                std::fputs("\r\n(detached)\r\n", stderr);
                break;
            }
            if (!write_all(fd, buf, static_cast<std::size_t>(n))) break;
        }
    }
    ::close(fd);
    return status;
}

} // namespace hj212gw::console
