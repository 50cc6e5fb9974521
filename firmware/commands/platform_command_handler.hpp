#pragma once
// Answers a platform's command, sans I/O: the daemon parses a segment from the platform, calls
// handle(), then either sends the Exchange's segments in order (waiting for 9014 where asked) or
// routes the request to a device. The daemon passes the platform's 9013/9014 to the exchange in
// progress, not here (handle() returns an empty Exchange for them).
//
// For the gateway's own MN: 1000, 1011, 1012, 1061..1064, 1072, 2011/2012, 2021/2022 and history
// 2031/2041/2051/2061, as Appendix C shows. For a device MN: history from the store; every other
// host command (3011..3024 control, and also 1xxx/2011/2021, which set the device's own clock and
// intervals) is routed to the device when it is online, else answered 9011 QnRtn=1 + 9012
// ExeRtn=2 (see device_unreachable()).
#include "commands/command_context.hpp"
#include "commands/exchange.hpp"
#include "commands/qn_source.hpp"

#include "hj212/packet.hpp"

namespace hj212gw::commands {

class PlatformCommandHandler {
public:
    /// `qns` is the gateway-wide QN source (shared with gateway_uploads); it must outlive the
    /// handler and every Exchange it returns, as must the context passed to handle().
    explicit PlatformCommandHandler(QnSource& qns) : qns_(qns) {}

    Outcome handle(const hj212::PacketView& request, CommandContext& ctx);

private:
    QnSource& qns_;
};

/// What the platform gets when a request for a device cannot be delivered: 9011 QnRtn=1 (the
/// request itself is valid: right MN, PW and CN, so QnRtn=2..8 would send the operator looking
/// for a configuration error that does not exist), then 9012 ExeRtn=2 (execution failed) at once,
/// instead of silence that would cost the platform OverTime x ReCount and count against the link.
Exchange device_unreachable(const hj212::PacketView& request);

/// What the platform gets when a routed request's device stops answering (the daemon's OverTime
/// on the device link ran out): 9012 ExeRtn=4 (communication timeout), preceded by 9011 QnRtn=1
/// when the device had not even sent its own 9011. Distinct from device_unreachable()'s ExeRtn=2
/// so the operator can tell "never sent" from "sent, no answer".
Exchange device_timed_out(const hj212::PacketView& request, bool device_sent_request_reply);

} // namespace hj212gw::commands
