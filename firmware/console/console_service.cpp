#include "console/console_service.hpp"

#include "console/console_link.hpp"

#include <spdlog/spdlog.h>

#include <sys/stat.h>

#include <vector>

namespace hj212gw::console {

namespace asio = net::asio;
using local = asio::local::stream_protocol;

struct ConsoleService::Impl {
    asio::io_context& io;
    ops::OperatorApi& api;
    ConsoleServiceSettings settings;
    LoginGuard guard;
    local::acceptor acceptor{io};
    asio::steady_timer serial_retry{io};
    std::vector<std::weak_ptr<ConsoleLink<local::socket>>> socket_links;
    std::shared_ptr<ConsoleLink<asio::serial_port>> serial_link;
    bool stopped = false;

    Impl(asio::io_context& i, ops::OperatorApi& a, ConsoleServiceSettings s)
        : io(i), api(a), settings(std::move(s)), guard(settings.max_failures, settings.lockout) {}

    SessionSettings session_settings(std::string where) const {
        SessionSettings ss;
        ss.where = std::move(where);
        ss.password = settings.password;
        ss.idle_logout = settings.idle_logout;
        // About 10 s of output at 9600 baud; a socket client reads far faster than we write.
        ss.max_output = settings.serial.empty() ? 256 * 1024 : 16 * 1024;
        return ss;
    }

    std::size_t live_sessions() {
        std::erase_if(socket_links, [](const auto& w) {
            auto l = w.lock();
            return !l || l->closed();
        });
        return socket_links.size();
    }

    void accept() {
        acceptor.async_accept([this](const net::error_code& ec, local::socket socket) {
            if (ec) {
                if (!stopped) spdlog::warn("console socket: accept failed: {}", ec.message());
                if (ec == asio::error::operation_aborted || stopped) return;
                return accept();
            }
            if (live_sessions() >= settings.max_sessions) {
                const std::string busy = "console busy: " + std::to_string(settings.max_sessions) +
                                         " sessions are open (console.max_sessions)\r\n";
                net::error_code ignored;
                asio::write(socket, asio::buffer(busy), ignored);
                spdlog::warn("console socket: refused a session, {} are open",
                             settings.max_sessions);
                return accept();
            }
            auto session = std::make_shared<ConsoleSession>(api, guard, session_settings("socket"));
            auto link = std::make_shared<ConsoleLink<local::socket>>(std::move(socket), session,
                                                                     false, "socket");
            socket_links.push_back(link);
            spdlog::info("console: socket session opened");
            link->start();
            accept();
        });
    }

    void open_serial() {
        if (stopped || settings.serial.empty()) return;
        asio::serial_port port(io);
        net::error_code ec;
        port.open(settings.serial, ec);
        using sp = asio::serial_port_base;
        if (!ec) port.set_option(sp::baud_rate(settings.baud), ec);
        if (!ec) port.set_option(sp::character_size(8), ec);
        if (!ec) port.set_option(sp::parity(sp::parity::none), ec);
        if (!ec) port.set_option(sp::stop_bits(sp::stop_bits::one), ec);
        if (!ec) port.set_option(sp::flow_control(sp::flow_control::none), ec);
        if (ec) {
            spdlog::warn("console serial {}: cannot open: {}; retrying in 10 s", settings.serial,
                         ec.message());
            return retry_serial();
        }
        spdlog::info("console: serial console on {} at {} baud (8N1)", settings.serial,
                     settings.baud);
        auto session = std::make_shared<ConsoleSession>(
            api, guard, session_settings("serial " + settings.serial));
        serial_link = std::make_shared<ConsoleLink<asio::serial_port>>(
            std::move(port), session, true, "serial " + settings.serial);
        serial_link->start();
        watch_serial();
    }

    void retry_serial() {
        serial_retry.expires_after(std::chrono::seconds(10));
        serial_retry.async_wait([this](const net::error_code& ec) {
            if (!ec) open_serial();
        });
    }

    // A USB-serial adapter that is pulled out ends the link: reopen it when it comes back.
    void watch_serial() {
        serial_retry.expires_after(std::chrono::seconds(2));
        serial_retry.async_wait([this](const net::error_code& ec) {
            if (ec || stopped) return;
            if (serial_link && serial_link->closed()) {
                serial_link.reset();
                return open_serial();
            }
            watch_serial();
        });
    }
};

ConsoleService::ConsoleService(asio::io_context& io, ops::OperatorApi& api,
                               ConsoleServiceSettings settings)
    : impl_(std::make_unique<Impl>(io, api, std::move(settings))) {}

ConsoleService::~ConsoleService() {
    if (impl_) stop();
}

std::string ConsoleService::open() {
    auto& p = *impl_;
    if (p.settings.socket.empty()) return {};
    const auto path = p.settings.socket.string();
    // A socket file left by a previous run (kill -9, power loss) would make bind fail.
    std::error_code fs_ec;
    if (std::filesystem::is_socket(p.settings.socket, fs_ec))
        std::filesystem::remove(p.settings.socket, fs_ec);
    net::error_code ec;
    p.acceptor.open(local(), ec);
    // Never world-accessible, from the first moment: the console changes parameters. The group
    // keeps what the process umask gives it (the unit's UMask=0007 lets group hj212gw attach).
    const mode_t old_mask = ::umask(0);
    ::umask(old_mask | 0007);
    if (!ec) p.acceptor.bind(local::endpoint(path), ec);
    ::umask(old_mask);
    if (!ec) p.acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return "cannot open the console socket " + path + ": " + ec.message();
    spdlog::info("console: socket {} (not world-accessible, at most {} sessions{})", path,
                 p.settings.max_sessions,
                 p.settings.password.empty()
                     ? ""
                     : ", password with lockout after " + std::to_string(p.settings.max_failures) +
                           " failures");
    return {};
}

void ConsoleService::start() {
    auto& p = *impl_;
    if (p.acceptor.is_open()) p.accept();
    p.open_serial();
}

void ConsoleService::stop() {
    auto& p = *impl_;
    if (p.stopped) return;
    p.stopped = true;
    net::error_code ec;
    p.acceptor.close(ec);
    p.serial_retry.cancel();
    for (auto& w : p.socket_links)
        if (auto l = w.lock()) l->close();
    if (p.serial_link) p.serial_link->close();
    if (!p.settings.socket.empty()) {
        std::error_code fs_ec;
        std::filesystem::remove(p.settings.socket, fs_ec);
    }
}

} // namespace hj212gw::console
