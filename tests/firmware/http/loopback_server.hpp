#pragma once
// An HttpServer on 127.0.0.1, an ephemeral port and its own io_context thread, serving a
// FakeOperatorApi: what the loopback and browser tests talk to.
#include "http/http_server.hpp"

#include "fake_operator_api.hpp"

#include "net/asio.hpp"

#include <future>
#include <memory>
#include <stdexcept>
#include <thread>

namespace hj212gw::http::testing {

class LoopbackServer {
public:
    explicit LoopbackServer(HttpSettings settings = defaults()) {
        settings.host = "127.0.0.1";
        settings.port = 0;
        api.post = [this](std::function<void()> f) { net::asio::post(io_, std::move(f)); };
        server_ = std::make_unique<HttpServer>(io_, api, std::move(settings));
        if (auto error = server_->open(); !error.empty()) throw std::runtime_error(error);
        server_->start();
        thread_ = std::thread([this] { io_.run(); });
    }
    ~LoopbackServer() {
        io_.stop();
        thread_.join();
    }
    LoopbackServer(const LoopbackServer&) = delete;
    LoopbackServer& operator=(const LoopbackServer&) = delete;

    static HttpSettings defaults() {
        HttpSettings s;
        s.idle_timeout = std::chrono::seconds(10);
        return s;
    }
    std::uint16_t port() const { return server_->port(); }
    HttpServer& server() { return *server_; }

    /// Runs `f` on the server's thread and waits for it (the server is not thread-safe).
    template <class F>
    auto on_io(F f) {
        std::packaged_task<decltype(f())()> task(std::move(f));
        auto result = task.get_future();
        net::asio::post(io_, [&task] { task(); });
        return result.get();
    }
    HttpStats stats() {
        return on_io([this] { return server_->stats(); });
    }

    FakeOperatorApi api;

private:
    net::asio::io_context io_;
    std::unique_ptr<HttpServer> server_;
    std::thread thread_;
};

} // namespace hj212gw::http::testing
