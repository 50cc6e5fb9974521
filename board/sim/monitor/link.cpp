#include "sim/monitor/link.hpp"

#include "net/asio.hpp"

#include <poll.h>

namespace hj212gw::sim {

namespace asio = net::asio;

namespace {

// -1: closed or failed, 0: nothing before the timeout, 1: readable.
int wait_readable(int fd, std::chrono::milliseconds timeout) {
    pollfd p{fd, POLLIN, 0};
    const int r = ::poll(&p, 1, static_cast<int>(timeout.count()));
    if (r < 0) return errno == EINTR ? 0 : -1;
    if (r == 0) return 0;
    return 1;
}

template <class Stream>
long read_when_ready(Stream& stream, char* buffer, std::size_t size,
                     std::chrono::milliseconds timeout) {
    if (!stream.is_open()) return -1;
    const int ready = wait_readable(stream.native_handle(), timeout);
    if (ready <= 0) return ready;
    net::error_code ec;
    const std::size_t n = stream.read_some(asio::buffer(buffer, size), ec);
    if (ec) return -1;
    return static_cast<long>(n);
}

class TcpLink final : public Link {
public:
    explicit TcpLink(Target target) : target_(std::move(target)), socket_(io_) {}

    bool open(std::string& error) override {
        net::error_code ec;
        asio::ip::tcp::resolver resolver(io_);
        const auto endpoints = resolver.resolve(target_.host, std::to_string(target_.port), ec);
        if (ec) {
            error = ec.message();
            return false;
        }
        asio::connect(socket_, endpoints, ec);
        if (ec) {
            error = ec.message();
            socket_.close(ec);
            return false;
        }
        socket_.set_option(asio::ip::tcp::no_delay(true), ec);
        return true;
    }
    bool write(std::string_view bytes) override {
        net::error_code ec;
        asio::write(socket_, asio::buffer(bytes.data(), bytes.size()), ec);
        return !ec;
    }
    long read_some(char* buffer, std::size_t size, std::chrono::milliseconds timeout) override {
        return read_when_ready(socket_, buffer, size, timeout);
    }
    void close() override {
        net::error_code ec;
        socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
        socket_.close(ec);
    }
    bool is_open() const override { return socket_.is_open(); }

private:
    Target target_;
    asio::io_context io_;
    asio::ip::tcp::socket socket_;
};

class SerialLink final : public Link {
public:
    explicit SerialLink(Target target) : target_(std::move(target)), port_(io_) {}

    bool open(std::string& error) override {
        net::error_code ec;
        port_.open(target_.device, ec);
        if (ec) {
            error = ec.message();
            return false;
        }
        using sp = asio::serial_port;
        port_.set_option(sp::baud_rate(target_.baud), ec);
        port_.set_option(sp::character_size(8), ec);
        port_.set_option(sp::parity(sp::parity::none), ec);
        port_.set_option(sp::stop_bits(sp::stop_bits::one), ec);
        port_.set_option(sp::flow_control(sp::flow_control::none), ec);
        return true;
    }
    bool write(std::string_view bytes) override {
        net::error_code ec;
        asio::write(port_, asio::buffer(bytes.data(), bytes.size()), ec);
        return !ec;
    }
    long read_some(char* buffer, std::size_t size, std::chrono::milliseconds timeout) override {
        return read_when_ready(port_, buffer, size, timeout);
    }
    void close() override {
        net::error_code ec;
        port_.close(ec);
    }
    bool is_open() const override { return port_.is_open(); }

private:
    Target target_;
    asio::io_context io_;
    asio::serial_port port_;
};

} // namespace

std::unique_ptr<Link> make_link(const Target& target) {
    if (target.kind == Target::Kind::tcp) return std::make_unique<TcpLink>(target);
    return std::make_unique<SerialLink>(target);
}

} // namespace hj212gw::sim
