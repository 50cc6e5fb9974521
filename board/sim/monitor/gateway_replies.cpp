#include "sim/monitor/gateway_replies.hpp"

#include <hj212/replies.hpp>

namespace hj212gw::sim {

IncomingOutcome handle_incoming(const hj212::PacketView& packet) {
    IncomingOutcome out;
    const auto cn = packet.command();
    if (!cn) {
        out.ignored = true;
        return out;
    }
    if (*cn == 9014) {
        if (packet.qn) out.acked_qn = std::string(*packet.qn);
        return out;
    }
    if (*cn >= 3011 && *cn <= 3021) {
        const auto to = hj212::ReplyTo::of(packet);
        out.replies.push_back(hj212::make_request_reply(to, hj212::QnRtn::ready));
        out.replies.push_back(hj212::make_execution_result(to, hj212::ExeRtn::ok));
        out.control_request = true;
        return out;
    }
    out.ignored = true;
    return out;
}

} // namespace hj212gw::sim
