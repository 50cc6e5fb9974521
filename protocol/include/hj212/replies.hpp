#pragma once
// Builders for the interaction replies. Every reply keeps the request's QN, PW and MN, uses
// ST=91 (system interaction) and the request's version bits with A and D clear (Flag=4 for
// 2017), as in Appendix C.
#include "hj212/codes.hpp"
#include "hj212/packet.hpp"

#include <cstdint>
#include <string_view>

namespace hj212 {

/// What a reply needs from the request it answers.
struct ReplyTo {
    std::string_view qn, pw, mn;
    std::uint8_t version_bits = 1;

    static ReplyTo of(const PacketView& request) noexcept;
    static ReplyTo of(const Packet& request) noexcept;
};

Packet make_request_reply(const ReplyTo& to, QnRtn rtn);     ///< CN=9011, CP=&&QnRtn=n&&
Packet make_execution_result(const ReplyTo& to, ExeRtn rtn); ///< CN=9012, CP=&&ExeRtn=n&&
Packet make_notification_reply(const ReplyTo& to);           ///< CN=9013, CP=&&&&
Packet make_data_reply(const ReplyTo& to);                   ///< CN=9014, CP=&&&&

} // namespace hj212
