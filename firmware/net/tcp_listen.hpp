#pragma once
// Opening a TCP listening socket the same way everywhere (gateway listeners, the platform
// simulator): an error comes back as a value, to be reported before anything starts.
#include "net/asio.hpp"

#include <cstdint>
#include <string>

namespace hj212gw::net {

/// Opens, binds (with SO_REUSEADDR, so a restart does not wait for TIME_WAIT) and listens.
error_code listen_on(tcp::acceptor& acceptor, const std::string& host, std::uint16_t port);
/// The port actually bound (useful with port 0), or 0 when not listening.
std::uint16_t bound_port(const tcp::acceptor& acceptor);

} // namespace hj212gw::net
