#pragma once
// A closed interval as the packet a device would have sent: 2051 (minute, C.16), 2061 (hour,
// C.17) or 2031 (day, C.18), so the daemon stores and forwards it like device data.
#include "averaging/interval.hpp"

#include <hj212/packet.hpp>
#include <hj212/version.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace hj212gw::averaging {

/// The header fields the device would have used.
struct PacketIdentity {
    std::string st;
    std::string pw;
    std::string mn;
    std::uint8_t version_bits = hj212::kVersion2017;
};

/// 2051 / 2061 / 2031.
std::uint16_t command_for(IntervalKind kind) noexcept;

/// Value text: fixed `decimals` digits, trailing zeros and a trailing point dropped, never "-0"
/// (40.100 -> "40.1", 3.000 -> "3").
std::string format_value(double value, int decimals);

/// QN as given (the daemon's clock, YYYYMMDDhhmmsszzz), Flag = version with A set (reply wanted,
/// as the examples of C.16-C.18 send it), CP: DataTime = interval start in its own group, then one
/// group per factor: code-Cou, code-Min, code-Avg, code-Max, code-ZsAvg (those present), code-Flag.
hj212::Packet build_packet(const IntervalResult& interval, const PacketIdentity& identity,
                           std::string qn, int decimals = 3);

} // namespace hj212gw::averaging
