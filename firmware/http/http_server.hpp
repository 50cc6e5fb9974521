#pragma once
// The operators' HTTP endpoint as the daemon sees it: construct, open (an error is a sentence
// for the operator, reported before the gateway starts), start, stop. See http/README.md.
#include "http/http_settings.hpp"
#include "http/http_stats.hpp"

#include "net/asio.hpp"
#include "ops/operator_api.hpp"

#include <cstdint>
#include <memory>
#include <string>

namespace hj212gw::http {

class HttpListener;
struct ServerContext;

class HttpServer {
public:
    /// `api` must outlive the server and its sessions (the io_context's run).
    HttpServer(net::asio::io_context& io, ops::OperatorApi& api, HttpSettings settings);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /// Binds and listens: "" or why not ("cannot listen on 127.0.0.1:8080: Address already in
    /// use").
    std::string open();
    /// Accepts connections; logs the address and every limit once.
    void start();
    /// Stops accepting and closes every connection (responses under way are finished first).
    void stop();
    /// The bound port (the real one when the settings asked for 0).
    std::uint16_t port() const;
    const HttpStats& stats() const;

private:
    net::asio::io_context& io_;
    std::shared_ptr<ServerContext> context_;
    std::shared_ptr<HttpListener> listener_;
};

} // namespace hj212gw::http
