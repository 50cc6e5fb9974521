#include "http/http_listener.hpp"

#include "http/http_session.hpp"

#include "net/tcp_listen.hpp"

#include <spdlog/spdlog.h>

namespace hj212gw::http {

namespace asio = net::asio;

HttpListener::HttpListener(asio::io_context& io, std::shared_ptr<ServerContext> context)
    : io_(io), context_(std::move(context)), acceptor_(io) {}

net::error_code HttpListener::open() {
    return net::listen_on(acceptor_, context_->settings.host, context_->settings.port);
}

std::uint16_t HttpListener::port() const {
    return net::bound_port(acceptor_);
}

void HttpListener::start() {
    asio::co_spawn(io_, accept_loop(shared_from_this()), asio::detached);
}

void HttpListener::stop() {
    net::error_code ec;
    acceptor_.close(ec);
    for (const auto& w : context_->sessions)
        if (auto session = w.lock()) session->close();
}

// `self` keeps the listener alive while the coroutine runs.
asio::awaitable<void>
HttpListener::accept_loop([[maybe_unused]] std::shared_ptr<HttpListener> self) {
    for (;;) {
        net::error_code ec;
        net::tcp::socket socket =
            co_await acceptor_.async_accept(asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
            if (ec == asio::error::operation_aborted || !acceptor_.is_open()) co_return;
            // Out of descriptors, or the peer gave up before the accept: count, go on.
            context_->count_error("accept");
            spdlog::warn("http: accept: {}", ec.message());
            continue;
        }
        const auto remote = socket.remote_endpoint(ec);
        std::string peer = ec ? std::string("?")
                              : remote.address().to_string() + ":" + std::to_string(remote.port());
        if (context_->live_sessions() >= context_->settings.max_connections) {
            context_->count_error("refused");
            spdlog::warn("http: {} refused: {} connections open (max_connections)", peer,
                         context_->sessions.size());
            HttpSession::refuse(std::move(socket), std::move(peer), context_);
            continue;
        }
        context_->sessions.push_back(
            HttpSession::start(std::move(socket), std::move(peer), context_));
    }
}

} // namespace hj212gw::http
