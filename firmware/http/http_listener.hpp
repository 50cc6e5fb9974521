#pragma once
// Accepts operator connections on one endpoint and hands each to an HttpSession (the listener
// only accepts); over max_connections a newcomer gets a 503 instead of a session.
#include "http/server_context.hpp"

#include "net/asio.hpp"

#include <cstdint>
#include <memory>
#include <string>

namespace hj212gw::http {

class HttpListener : public std::enable_shared_from_this<HttpListener> {
public:
    HttpListener(net::asio::io_context& io, std::shared_ptr<ServerContext> context);

    /// Binds and listens on the settings' host and port.
    net::error_code open();
    void start();
    /// Stops accepting and closes every live session.
    void stop();
    std::uint16_t port() const;

private:
    net::asio::awaitable<void> accept_loop(std::shared_ptr<HttpListener> self);

    net::asio::io_context& io_;
    std::shared_ptr<ServerContext> context_;
    net::tcp::acceptor acceptor_;
};

} // namespace hj212gw::http
