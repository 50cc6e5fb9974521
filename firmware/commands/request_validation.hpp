#pragma once
// The checks every platform command passes before anything is executed, in the order a platform
// operator fixes them: QN (7), then who (MN, 4), then authentication (PW, 3), then ST (5), then
// what (CN, 8). A failed check is answered with 9011 and that QnRtn, and nothing is executed.
#include "commands/command_context.hpp"

#include "hj212/codes.hpp"
#include "hj212/packet.hpp"
#include "hj212/result.hpp"

#include <cstdint>

namespace hj212gw::commands {

enum class Addressee : std::uint8_t {
    gateway, ///< the gateway's own MN
    device,  ///< a device behind the gateway
};

struct ValidRequest {
    Addressee addressee = Addressee::gateway;
    std::uint16_t cn = 0;
    hj212::CommandKind kind = hj212::CommandKind::request; ///< request or notification
};

/// 9013/9014 (and other interaction codes) are replies: never answered, never rejected.
bool is_interaction(const hj212::PacketView& packet) noexcept;

hj212::Result<ValidRequest, hj212::QnRtn> validate_request(const hj212::PacketView& request,
                                                           CommandContext& ctx);

} // namespace hj212gw::commands
