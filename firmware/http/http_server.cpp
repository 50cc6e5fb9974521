#include "http/http_server.hpp"

#include "http/http_listener.hpp"
#include "http/server_context.hpp"

#include <spdlog/spdlog.h>

namespace hj212gw::http {

HttpServer::HttpServer(net::asio::io_context& io, ops::OperatorApi& api, HttpSettings settings)
    : io_(io), context_(std::make_shared<ServerContext>(api, settings)),
      listener_(std::make_shared<HttpListener>(io_, context_)) {}

HttpServer::~HttpServer() {
    listener_->stop();
}

std::string HttpServer::open() {
    const auto& s = context_->settings;
    if (const auto ec = listener_->open())
        return "cannot listen on " + s.host + ":" + std::to_string(s.port) + ": " + ec.message();
    return {};
}

void HttpServer::start() {
    const auto& s = context_->settings;
    spdlog::info("http: status page on http://{}:{}/ (token {}; max_connections {}, "
                 "max_request_bytes {}, idle_timeout {} s, page_refresh {} s)",
                 s.host, port(), s.token.empty() ? "not required" : "required", s.max_connections,
                 s.max_request_bytes, s.idle_timeout.count(), s.page_refresh.count());
    listener_->start();
}

void HttpServer::stop() {
    listener_->stop();
}

std::uint16_t HttpServer::port() const {
    return listener_->port();
}

const HttpStats& HttpServer::stats() const {
    return context_->stats;
}

} // namespace hj212gw::http
