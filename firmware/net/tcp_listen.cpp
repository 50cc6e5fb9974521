#include "net/tcp_listen.hpp"

namespace hj212gw::net {

error_code listen_on(tcp::acceptor& acceptor, const std::string& host, std::uint16_t port) {
    error_code ec;
    const auto address = asio::ip::make_address(host, ec);
    if (ec) return ec;
    const tcp::endpoint ep(address, port);
    acceptor.open(ep.protocol(), ec);
    if (ec) return ec;
    acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (ec) return ec;
    acceptor.bind(ep, ec);
    if (ec) return ec;
    acceptor.listen(asio::socket_base::max_listen_connections, ec);
    return ec;
}

std::uint16_t bound_port(const tcp::acceptor& acceptor) {
    error_code ec;
    const auto ep = acceptor.local_endpoint(ec);
    return ec ? 0 : ep.port();
}

} // namespace hj212gw::net
