#pragma once
// --target: where the monitor sends. "tcp://HOST:PORT" (a gateway's device listener),
// "serial:DEV[:BAUD]" or "serial DEV" as two words on the command line (a pty pair or a real
// RS-232/485 port; 9600 8N1 by default).
#include <hj212/result.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace hj212gw::sim {

struct Target {
    enum class Kind { tcp, serial } kind = Kind::tcp;
    std::string host;       ///< tcp
    std::uint16_t port = 0; ///< tcp
    std::string device;     ///< serial
    unsigned baud = 9600;   ///< serial
    std::string to_string() const;
};

hj212::Result<Target, std::string> parse_target(std::string_view text);

} // namespace hj212gw::sim
