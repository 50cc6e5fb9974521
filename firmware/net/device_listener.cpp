#include "net/device_listener.hpp"

#include "net/tcp_listen.hpp"

#include "net/device_session.hpp"

#include <spdlog/spdlog.h>

namespace hj212gw::net {

using TcpSession = DeviceSession<tcp::socket>;

DeviceListener::DeviceListener(DeviceServices& services, ListenerSettings settings)
    : services_(services), settings_(std::move(settings)), acceptor_(services.io) {}

error_code DeviceListener::open() {
    return net::listen_on(acceptor_, settings_.host, settings_.port);
}

std::uint16_t DeviceListener::bound_port() const {
    return net::bound_port(acceptor_);
}

std::size_t DeviceListener::connections() const {
    std::size_t n = 0;
    for (const auto& w : sessions_)
        if (!w.expired()) ++n;
    return n;
}

std::vector<DeviceStatus> DeviceListener::device_status() const {
    std::vector<DeviceStatus> out;
    for (const auto& w : sessions_)
        if (auto s = w.lock(); s && !s->closed()) out.push_back(s->status());
    return out;
}

void DeviceListener::start() {
    spdlog::info("listening for devices on {}:{} ({})", settings_.host, bound_port(),
                 settings_.name);
    asio::co_spawn(services_.io, shared_from_this()->accept_loop(), asio::detached);
}

void DeviceListener::stop() {
    error_code ec;
    acceptor_.close(ec);
}

asio::awaitable<void> DeviceListener::accept_loop() {
    auto self = shared_from_this();
    for (;;) {
        error_code ec;
        tcp::socket socket =
            co_await acceptor_.async_accept(asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
            if (ec == asio::error::operation_aborted || !acceptor_.is_open()) co_return;
            spdlog::warn("accept on {}: {}", settings_.name, ec.message());
            continue;
        }
        std::erase_if(sessions_, [](const auto& w) { return w.expired(); });
        const auto remote = socket.remote_endpoint(ec);
        const std::string peer =
            ec ? std::string("?")
               : remote.address().to_string() + ":" + std::to_string(remote.port());
        if (sessions_.size() >= settings_.max_connections) {
            spdlog::warn("device {} refused: {} already has {} connections (max_connections)", peer,
                         settings_.name, sessions_.size());
            socket.close(ec);
            continue;
        }
        storage::Source source{settings_.name, bound_port(), peer};
        auto session = std::make_shared<TcpSession>(std::move(socket), peer, std::move(source),
                                                    settings_.rules, services_);
        sessions_.push_back(session);
        session->start();
    }
}

} // namespace hj212gw::net
