#include "config/endpoint.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <charconv>

namespace hj212gw::config {
namespace {

constexpr std::array<std::uint32_t, 13> kStandardBauds{
    300, 600, 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600};

constexpr std::string_view kTcpScheme = "tcp://";

EndpointError error(std::string message) {
    return EndpointError{std::move(message)};
}

std::string quoted(std::string_view s) {
    return "'" + std::string(s) + "'";
}

bool all_digits(std::string_view s) noexcept {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<std::uint64_t> to_number(std::string_view s) noexcept {
    // Digits only: from_chars would accept nothing else either, but we also refuse "+1"
    // and " 1" explicitly, and cap the length so the value cannot overflow.
    if (!all_digits(s) || s.size() > 10) return std::nullopt;
    std::uint64_t v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}

bool is_ipv4(std::string_view s) {
    const std::string z(s);
    in_addr a{};
    return inet_pton(AF_INET, z.c_str(), &a) == 1;
}

bool is_ipv6(std::string_view s) {
    const std::string z(s);
    in6_addr a{};
    return inet_pton(AF_INET6, z.c_str(), &a) == 1;
}

bool is_label_char(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

std::optional<std::string> dns_name_problem(std::string_view host) {
    if (host.size() > 253) return "host name longer than 253 characters";
    std::string_view rest = host;
    while (true) {
        const auto dot = rest.find('.');
        const auto label = rest.substr(0, dot);
        if (label.empty()) return "host " + quoted(host) + " has an empty label";
        if (label.size() > 63) return "host " + quoted(host) + " has a label longer than 63";
        if (!std::all_of(label.begin(), label.end(), is_label_char))
            return "host " + quoted(host) + " contains a character not allowed in a host name";
        if (label.front() == '-' || label.back() == '-')
            return "host " + quoted(host) + " has a label starting or ending with '-'";
        if (dot == std::string_view::npos) break;
        rest = rest.substr(dot + 1);
        if (rest.empty()) break; // a trailing dot (fully qualified) is fine
    }
    return std::nullopt;
}

EndpointResult<std::uint16_t> parse_port(std::string_view text, std::string_view whole) {
    if (text.empty()) return hj212::fail(error("missing port in " + quoted(whole)));
    const auto v = to_number(text);
    if (!v) return hj212::fail(error("port " + quoted(text) + " is not a number"));
    if (*v < 1 || *v > 65535)
        return hj212::fail(error("port " + std::to_string(*v) + " is out of range 1..65535"));
    return static_cast<std::uint16_t>(*v);
}

EndpointResult<std::uint8_t> parse_framing_part(char c, std::string_view what, char low,
                                                char high) {
    if (c < low || c > high)
        return hj212::fail(error(std::string(what) + " '" + c + "' must be " + low + ".." + high));
    return static_cast<std::uint8_t>(c - '0');
}

} // namespace

std::span<const std::uint32_t> standard_bauds() noexcept {
    return kStandardBauds;
}

bool is_standard_baud(std::uint32_t baud) noexcept {
    return std::find(kStandardBauds.begin(), kStandardBauds.end(), baud) != kStandardBauds.end();
}

std::optional<std::string> host_problem(std::string_view host) {
    if (host.empty()) return "empty host";
    if (host.front() == '[') {
        if (host.back() != ']') return "host " + quoted(host) + " lacks its closing ']'";
        host = host.substr(1, host.size() - 2);
        if (!is_ipv6(host)) return quoted(host) + " is not a valid IPv6 address";
        return std::nullopt;
    }
    if (host.find(':') != std::string_view::npos) {
        if (!is_ipv6(host)) return quoted(host) + " is not a valid IPv6 address";
        return std::nullopt;
    }
    // A name made only of digits and dots is meant as an IPv4 address: 999.1.1.1 or 10.1.1
    // must not silently become a DNS lookup.
    if (std::all_of(host.begin(), host.end(),
                    [](char c) { return (c >= '0' && c <= '9') || c == '.'; })) {
        if (!is_ipv4(host)) return quoted(host) + " is not a valid IPv4 address";
        return std::nullopt;
    }
    return dns_name_problem(host);
}

std::optional<std::string> name_problem(std::string_view name) {
    if (name.empty()) return "empty name";
    if (name.size() > 64) return "name longer than 64 characters";
    const auto ok = [](char c) { return is_label_char(c) || c == '_'; };
    if (!std::all_of(name.begin(), name.end(), ok))
        return "name " + quoted(name) + " may only contain A-Z, a-z, 0-9, '_' and '-'";
    return std::nullopt;
}

EndpointResult<HostPort> parse_host_port(std::string_view text) {
    if (text.empty()) return hj212::fail(error("empty address: expected HOST:PORT"));
    std::string_view host;
    std::string_view port;
    if (text.front() == '[') {
        const auto close = text.find(']');
        if (close == std::string_view::npos)
            return hj212::fail(error("missing ']' after the IPv6 address in " + quoted(text)));
        host = text.substr(1, close - 1);
        const auto after = text.substr(close + 1);
        if (after.empty() || after.front() != ':')
            return hj212::fail(error("missing ':PORT' after ']' in " + quoted(text)));
        port = after.substr(1);
        if (!is_ipv6(host))
            return hj212::fail(error(quoted(host) + " is not a valid IPv6 address"));
    } else {
        const auto colon = text.rfind(':');
        if (colon == std::string_view::npos)
            return hj212::fail(
                error("missing ':PORT' in " + quoted(text) + ": expected HOST:PORT"));
        host = text.substr(0, colon);
        port = text.substr(colon + 1);
        if (host.find(':') != std::string_view::npos)
            return hj212::fail(error("IPv6 address in " + quoted(text) +
                                     " must be in brackets, as in [::1]:PORT"));
        if (host.empty()) return hj212::fail(error("missing host in " + quoted(text)));
        if (auto problem = host_problem(host)) return hj212::fail(error(*problem));
    }
    auto p = parse_port(port, text);
    if (!p) return hj212::fail(p.error());
    return HostPort{std::string(host), *p};
}

EndpointResult<HostPort> parse_tcp_url(std::string_view text) {
    if (text.substr(0, kTcpScheme.size()) != kTcpScheme) {
        const auto scheme_end = text.find("://");
        if (scheme_end != std::string_view::npos)
            return hj212::fail(error("unsupported scheme " + quoted(text.substr(0, scheme_end)) +
                                     " in " + quoted(text) + ": only tcp:// is supported"));
        return hj212::fail(
            error("missing 'tcp://' in " + quoted(text) + ": expected tcp://HOST:PORT"));
    }
    const auto rest = text.substr(kTcpScheme.size());
    if (rest.find('/') != std::string_view::npos)
        return hj212::fail(
            error("unexpected path in " + quoted(text) + ": expected tcp://HOST:PORT"));
    return parse_host_port(rest);
}

EndpointResult<NamedEndpoint> parse_upstream_spec(std::string_view text) {
    const auto eq = text.find('=');
    if (eq == std::string_view::npos)
        return hj212::fail(
            error("missing 'NAME=' in " + quoted(text) + ": expected NAME=tcp://HOST:PORT"));
    const auto name = text.substr(0, eq);
    if (auto problem = name_problem(name)) return hj212::fail(error(*problem));
    auto endpoint = parse_tcp_url(text.substr(eq + 1));
    if (!endpoint) return hj212::fail(endpoint.error());
    return NamedEndpoint{std::string(name), std::move(*endpoint)};
}

EndpointResult<SerialSpec> parse_serial_spec(std::string_view text) {
    // Split from the right: by-path device names contain colons
    // (/dev/serial/by-path/pci-0000:00:14.0-usb-0:1:1.0-port0).
    SerialSpec spec;
    std::string_view rest = text;
    auto colon = rest.rfind(':');
    if (colon == std::string_view::npos)
        return hj212::fail(error("missing ':BAUD' in " + quoted(text) + ": expected DEV:BAUD"));
    auto last = rest.substr(colon + 1);
    const bool framing = last.size() == 3 && !all_digits(last);
    if (framing) {
        auto bits = parse_framing_part(last[0], "data bits", '5', '8');
        if (!bits) return hj212::fail(bits.error());
        spec.data_bits = *bits;
        switch (last[1]) {
        case 'N':
        case 'n':
            spec.parity = Parity::none;
            break;
        case 'O':
        case 'o':
            spec.parity = Parity::odd;
            break;
        case 'E':
        case 'e':
            spec.parity = Parity::even;
            break;
        default:
            return hj212::fail(error(std::string("parity '") + last[1] + "' must be N, O or E"));
        }
        auto stop = parse_framing_part(last[2], "stop bits", '1', '2');
        if (!stop) return hj212::fail(stop.error());
        spec.stop_bits = *stop;
        rest = rest.substr(0, colon);
        colon = rest.rfind(':');
        if (colon == std::string_view::npos)
            return hj212::fail(
                error("missing ':BAUD' in " + quoted(text) + ": expected DEV:BAUD[:FRAMING]"));
        last = rest.substr(colon + 1);
    }
    const auto device = rest.substr(0, colon);
    if (device.empty()) return hj212::fail(error("missing device in " + quoted(text)));
    if (device.front() != '/')
        return hj212::fail(error("device " + quoted(device) + " must be an absolute path"));
    const auto baud = to_number(last);
    if (!baud) return hj212::fail(error("baud " + quoted(last) + " is not a number"));
    if (*baud > UINT32_MAX || !is_standard_baud(static_cast<std::uint32_t>(*baud))) {
        std::string list;
        for (const auto b : kStandardBauds)
            list += (list.empty() ? "" : ", ") + std::to_string(b);
        return hj212::fail(error("baud " + std::to_string(*baud) + " is not one of " + list));
    }
    spec.device = std::string(device);
    spec.baud = static_cast<std::uint32_t>(*baud);
    return spec;
}

std::string format_host_port(std::string_view host, std::uint16_t port) {
    const bool v6 = host.find(':') != std::string_view::npos;
    return (v6 ? "[" + std::string(host) + "]" : std::string(host)) + ":" + std::to_string(port);
}

} // namespace hj212gw::config
