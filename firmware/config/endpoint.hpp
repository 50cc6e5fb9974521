#pragma once
// Parsers for the endpoint strings of the command line (and the host keys of the file), with
// errors that say exactly what is wrong, because a typo in `--listen` should not surface as a
// bind failure minutes later.
//   tcp://HOST:PORT          --listen
//   NAME=tcp://HOST:PORT     --upstream
//   DEV:BAUD[:FRAMING]       --serial, e.g. /dev/ttyS1:9600 or /dev/ttyS1:9600:8N1
//   HOST:PORT                --http
// HOST is an IPv4 address, an IPv6 address in brackets ([::1]) or a DNS name; it is stored
// without brackets. PORT is 1..65535.
#include "config/gateway_config.hpp"

#include <hj212/result.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace hj212gw::config {

struct HostPort {
    std::string host; ///< without brackets
    std::uint16_t port = 0;
    bool operator==(const HostPort&) const = default;
};

struct NamedEndpoint {
    std::string name;
    HostPort endpoint;
    bool operator==(const NamedEndpoint&) const = default;
};

struct SerialSpec {
    std::string device;
    std::uint32_t baud = 0;
    std::uint8_t data_bits = 8;
    Parity parity = Parity::none;
    std::uint8_t stop_bits = 1;
    bool operator==(const SerialSpec&) const = default;
};

struct EndpointError {
    std::string message;
};

template <class T>
using EndpointResult = hj212::Result<T, EndpointError>;

EndpointResult<HostPort> parse_tcp_url(std::string_view text);
EndpointResult<HostPort> parse_host_port(std::string_view text);
EndpointResult<NamedEndpoint> parse_upstream_spec(std::string_view text);
EndpointResult<SerialSpec> parse_serial_spec(std::string_view text);

/// Why `host` is not a usable host (IPv4, IPv6 with or without brackets, DNS name); nullopt
/// when it is.
std::optional<std::string> host_problem(std::string_view host);

/// Why `name` is not a valid upstream/listener name ([A-Za-z0-9_-]+, at most 64 characters).
std::optional<std::string> name_problem(std::string_view name);

/// The baud rates termios can set on Linux, which is what "standard" means for a UART.
std::span<const std::uint32_t> standard_bauds() noexcept;
bool is_standard_baud(std::uint32_t baud) noexcept;

/// "HOST:PORT" with IPv6 hosts in brackets.
std::string format_host_port(std::string_view host, std::uint16_t port);

} // namespace hj212gw::config
