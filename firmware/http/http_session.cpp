#include "http/http_session.hpp"

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

#include <chrono>
#include <optional>

namespace hj212gw::http {
namespace {

namespace asio = net::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using net::error_code;

// After a response that ends the connection, how long unread request bytes are drained before
// the socket closes: closing with unread input sends a RST that can destroy the response in
// the client's receive buffer (the "lingering close" of HTTP servers).
constexpr std::chrono::seconds kLinger{2};
constexpr std::size_t kLingerBytes = 64 * 1024;

std::string_view verb_text(bhttp::verb v) {
    const auto s = bhttp::to_string(v);
    return {s.data(), s.size()};
}

/// The router's asynchronous answer, or 503 when the gateway does not answer in time.
struct PendingReply {
    explicit PendingReply(asio::any_io_executor ex) : timer(std::move(ex)) {}
    asio::steady_timer timer;
    std::optional<Response> response;
    bool abandoned = false;
};

class BeastSession final : public HttpSession, public std::enable_shared_from_this<BeastSession> {
public:
    BeastSession(net::tcp::socket socket, std::string peer, std::shared_ptr<ServerContext> ctx)
        : stream_(std::move(socket)), peer_(std::move(peer)), ctx_(std::move(ctx)) {
        ++ctx_->stats.open_connections;
    }
    ~BeastSession() override { --ctx_->stats.open_connections; }

    void run() {
        asio::co_spawn(stream_.get_executor(), serve(shared_from_this()), asio::detached);
    }
    void run_refusal() {
        asio::co_spawn(stream_.get_executor(), refuse(shared_from_this()), asio::detached);
    }

    void close() override {
        closing_ = true;
        // Only an idle read is cut short; a response under way finishes first.
        if (reading_) stream_.cancel();
    }
    const std::string& peer() const override { return peer_; }

private:
    using Message = bhttp::response<bhttp::string_body>;

    asio::awaitable<void> serve(std::shared_ptr<BeastSession> self);
    asio::awaitable<void> refuse(std::shared_ptr<BeastSession> self);
    asio::awaitable<Response> route(const bhttp::request<bhttp::string_body>& req);
    asio::awaitable<bool> send(Response r, unsigned version, bool head, bool keep_alive);
    asio::awaitable<void> linger_and_close();
    /// Reads the next request; nullopt when the connection is over (an answer may have been
    /// written already: 413, 431, 400).
    asio::awaitable<std::optional<bhttp::request<bhttp::string_body>>> read_request();

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::string peer_;
    std::shared_ptr<ServerContext> ctx_;
    bool reading_ = false;
    bool closing_ = false;
};

asio::awaitable<std::optional<bhttp::request<bhttp::string_body>>> BeastSession::read_request() {
    const auto& s = ctx_->settings;
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(s.max_request_bytes));
    parser.body_limit(s.max_request_bytes);
    stream_.expires_after(s.idle_timeout);
    error_code ec;
    reading_ = true;
    co_await bhttp::async_read(stream_, buffer_, parser,
                               asio::redirect_error(asio::use_awaitable, ec));
    reading_ = false;
    if (!ec) co_return parser.release();

    std::optional<Response> answer;
    if (ec == bhttp::error::end_of_stream || ec == asio::error::operation_aborted ||
        ec == bhttp::error::partial_message || ec == asio::error::eof ||
        ec == asio::error::connection_reset) {
        // The client left, or stop() closed an idle connection: nothing to say.
    } else if (ec == beast::error::timeout) {
        ctx_->count_error("idle_timeout");
        spdlog::debug("http: {} idle for {} s, closed", peer_, s.idle_timeout.count());
    } else if (ec == bhttp::error::header_limit) {
        ctx_->count_error("too_large");
        spdlog::warn("http: {} sent a request header over {} bytes", peer_, s.max_request_bytes);
        answer = text_response(431, "431 request header fields too large");
    } else if (ec == bhttp::error::body_limit) {
        ctx_->count_error("too_large");
        spdlog::warn("http: {} sent a request body over {} bytes", peer_, s.max_request_bytes);
        answer = text_response(413, "413 content too large");
    } else if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category()) {
        ctx_->count_error("bad_request");
        spdlog::warn("http: {} sent a malformed request: {}", peer_, ec.message());
        answer = text_response(400, "400 bad request");
    } else {
        ctx_->count_error("read");
        spdlog::debug("http: {} read: {}", peer_, ec.message());
    }
    if (answer) {
        // The request was not read to its end: the connection cannot carry another one.
        const unsigned version = parser.is_header_done() ? parser.get().version() : 11;
        co_await send(std::move(*answer), version, false, false);
        co_await linger_and_close();
    } else {
        stream_.close();
    }
    co_return std::nullopt;
}

asio::awaitable<void> BeastSession::serve([[maybe_unused]] std::shared_ptr<BeastSession> self) {
    ++ctx_->stats.connections;
    spdlog::debug("http: {} connected", peer_);
    while (!closing_) {
        auto req = co_await read_request();
        if (!req) co_return;
        const bool head = req->method() == bhttp::verb::head;
        const bool keep_alive = req->keep_alive() && !closing_;
        Response r = co_await route(*req);
        // The path only: a query may carry the token.
        const std::string_view target{req->target().data(), req->target().size()};
        spdlog::debug("http: {} {} {} -> {}", peer_, verb_text(req->method()),
                      target.substr(0, target.find('?')), r.status);
        if (!co_await send(std::move(r), req->version(), head, keep_alive && !closing_)) co_return;
        if (!keep_alive || closing_) break;
    }
    co_await linger_and_close();
}

asio::awaitable<Response> BeastSession::route(const bhttp::request<bhttp::string_body>& req) {
    auto pending = std::make_shared<PendingReply>(stream_.get_executor());
    const auto authorization = req[bhttp::field::authorization];
    const Request request{{req.method_string().data(), req.method_string().size()},
                          {req.target().data(), req.target().size()},
                          {authorization.data(), authorization.size()}};
    ctx_->router.handle(request, [pending](Response r) {
        if (pending->abandoned || pending->response) return;
        pending->response = std::move(r);
        pending->timer.cancel();
    });
    if (!pending->response) {
        // Only /api/rates waits (for the store); a gateway too busy to answer within the idle
        // timeout gets a 503 rather than a connection held forever.
        pending->timer.expires_after(ctx_->settings.idle_timeout);
        error_code ec;
        co_await pending->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    if (!pending->response) {
        pending->abandoned = true;
        ctx_->count_error("reply_timeout");
        spdlog::warn("http: the gateway did not answer {} within {} s",
                     request.target.substr(0, request.target.find('?')),
                     ctx_->settings.idle_timeout.count());
        co_return text_response(503, "503 the gateway is busy, try again");
    }
    co_return std::move(*pending->response);
}

asio::awaitable<bool> BeastSession::send(Response r, unsigned version, bool head, bool keep_alive) {
    Message m{static_cast<bhttp::status>(r.status), version};
    m.set(bhttp::field::server, "hj212gw");
    m.set(bhttp::field::content_type, r.content_type);
    for (const auto& [name, value] : r.headers)
        m.set(name, value);
    m.keep_alive(keep_alive);
    const auto length = r.body.size();
    if (!head) m.body() = std::move(r.body);
    // HEAD announces the length GET would send (RFC 9110 9.3.2), without the body.
    m.content_length(length);
    ++ctx_->stats.responses[r.status];
    stream_.expires_after(ctx_->settings.idle_timeout);
    error_code ec;
    co_await bhttp::async_write(stream_, m, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
        ctx_->count_error("write");
        spdlog::debug("http: {} write: {}", peer_, ec.message());
        stream_.close();
        co_return false;
    }
    co_return true;
}

asio::awaitable<void> BeastSession::linger_and_close() {
    error_code ec;
    stream_.socket().shutdown(net::tcp::socket::shutdown_send, ec);
    std::size_t drained = 0;
    char scratch[4096];
    stream_.expires_after(kLinger);
    while (!ec && drained < kLingerBytes) {
        drained += co_await stream_.async_read_some(asio::buffer(scratch),
                                                    asio::redirect_error(asio::use_awaitable, ec));
    }
    stream_.close();
}

asio::awaitable<void> BeastSession::refuse([[maybe_unused]] std::shared_ptr<BeastSession> self) {
    auto r = text_response(503, "503 too many connections, try again");
    r.headers.emplace_back("Retry-After", "5");
    if (co_await send(std::move(r), 11, false, false)) co_await linger_and_close();
}

} // namespace

std::shared_ptr<HttpSession> HttpSession::start(net::tcp::socket socket, std::string peer,
                                                std::shared_ptr<ServerContext> context) {
    auto session =
        std::make_shared<BeastSession>(std::move(socket), std::move(peer), std::move(context));
    session->run();
    return session;
}

void HttpSession::refuse(net::tcp::socket socket, std::string peer,
                         std::shared_ptr<ServerContext> context) {
    std::make_shared<BeastSession>(std::move(socket), std::move(peer), std::move(context))
        ->run_refusal();
}

} // namespace hj212gw::http
