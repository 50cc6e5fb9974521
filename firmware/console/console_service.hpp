#pragma once
// ConsoleService: the daemon's field console - the unix socket `hj212gw console` attaches to
// (never world-accessible, at most ConsoleServiceSettings::max_sessions at once) and, when
// configured, a serial port with a session always waiting on it. One LoginGuard for both.
#include "console/login_guard.hpp"
#include "ops/operator_api.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

namespace boost::asio {
class io_context;
}

namespace hj212gw::console {

struct ConsoleServiceSettings {
    std::filesystem::path socket; ///< empty: no socket
    std::string serial;           ///< empty: no serial console
    std::uint32_t baud = 115200;
    std::string password;
    std::uint32_t max_failures = 3;
    std::chrono::milliseconds lockout{std::chrono::minutes(5)};
    std::chrono::milliseconds idle_logout{std::chrono::minutes(15)};
    std::uint32_t max_sessions = 4;
};

class ConsoleService {
public:
    ConsoleService(boost::asio::io_context& io, ops::OperatorApi& api,
                   ConsoleServiceSettings settings);
    ~ConsoleService();
    ConsoleService(const ConsoleService&) = delete;
    ConsoleService& operator=(const ConsoleService&) = delete;

    /// Binds the socket and opens the serial port: "" or a sentence for the operator. A
    /// serial port that cannot be opened is retried every 10 s, not fatal (USB adapters come
    /// and go); a socket that cannot be bound is.
    std::string open();
    void start();
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace hj212gw::console
