#include "sim/monitor/target.hpp"

#include <charconv>

namespace hj212gw::sim {

std::string Target::to_string() const {
    if (kind == Kind::tcp) return "tcp://" + host + ":" + std::to_string(port);
    return "serial:" + device + ":" + std::to_string(baud);
}

namespace {

template <class T>
bool parse_uint(std::string_view s, T& out) {
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc{} && end == s.data() + s.size() && !s.empty();
}

} // namespace

hj212::Result<Target, std::string> parse_target(std::string_view text) {
    Target t;
    if (text.starts_with("tcp://")) {
        const std::string_view rest = text.substr(6);
        const std::size_t colon = rest.rfind(':');
        if (colon == std::string_view::npos || colon == 0)
            return hj212::fail("'" + std::string(text) + "': expected tcp://HOST:PORT");
        unsigned port = 0;
        if (!parse_uint(rest.substr(colon + 1), port) || port == 0 || port > 65535)
            return hj212::fail("'" + std::string(text) + "': the port must be 1..65535");
        t.kind = Target::Kind::tcp;
        t.host = std::string(rest.substr(0, colon));
        // [::1]:9000 style
        if (t.host.size() > 2 && t.host.front() == '[' && t.host.back() == ']')
            t.host = t.host.substr(1, t.host.size() - 2);
        t.port = static_cast<std::uint16_t>(port);
        return t;
    }
    std::string_view rest;
    if (text.starts_with("serial:")) {
        rest = text.substr(7);
    } else if (text.starts_with("serial ")) {
        rest = text.substr(7);
    } else {
        return hj212::fail("'" + std::string(text) +
                           "': expected tcp://HOST:PORT, serial:DEV[:BAUD] or serial DEV");
    }
    while (!rest.empty() && rest.front() == ' ')
        rest.remove_prefix(1);
    t.kind = Target::Kind::serial;
    // DEV[:BAUD]: a device path has no ':' in practice, so the last ':' separates the baud.
    const std::size_t colon = rest.rfind(':');
    if (colon != std::string_view::npos) {
        unsigned baud = 0;
        if (!parse_uint(rest.substr(colon + 1), baud) || baud == 0)
            return hj212::fail("'" + std::string(text) + "': the baud rate must be a number");
        t.baud = baud;
        rest = rest.substr(0, colon);
    }
    if (rest.empty()) return hj212::fail("'" + std::string(text) + "': no serial device given");
    t.device = std::string(rest);
    return t;
}

} // namespace hj212gw::sim
