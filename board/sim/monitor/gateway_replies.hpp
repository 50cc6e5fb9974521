#pragma once
// What the simulated monitor does with a packet from the gateway: a 9014 acknowledges one of
// its uploads; a routed instrument-control request (3011..3021) is answered like a cooperative
// instrument (9011 QnRtn=1, then 9012 ExeRtn=1, same QN). Sans-I/O.
#include <hj212/packet.hpp>

#include <optional>
#include <string>
#include <vector>

namespace hj212gw::sim {

struct IncomingOutcome {
    std::optional<std::string> acked_qn; ///< a 9014 for this QN
    std::vector<hj212::Packet> replies;  ///< to send back, in order
    bool control_request = false;        ///< a 3011..3021 was answered
    bool ignored = false;                ///< anything else
};

IncomingOutcome handle_incoming(const hj212::PacketView& packet);

} // namespace hj212gw::sim
