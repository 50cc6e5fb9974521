#include "commands/request_validation.hpp"

#include "hj212/datetime.hpp"

#include <string>

namespace hj212gw::commands {

bool is_interaction(const hj212::PacketView& packet) noexcept {
    const auto cn = packet.command();
    return cn && *cn >= 9000 && *cn <= 9999;
}

hj212::Result<ValidRequest, hj212::QnRtn> validate_request(const hj212::PacketView& request,
                                                           CommandContext& ctx) {
    using hj212::QnRtn;
    ValidRequest valid;

    // QN identifies the exchange (every reply echoes it): it must be a real time stamp.
    if (!request.qn || request.qn->size() != 17 || !hj212::DateTime::parse(*request.qn))
        return hj212::fail(QnRtn::qn_error);

    const std::string_view mn = request.mn.value_or("");
    std::optional<std::string> expected_pw;
    if (!mn.empty() && mn == ctx.gateway_mn()) {
        valid.addressee = Addressee::gateway;
        expected_pw = current_password(ctx);
    } else if (!mn.empty() && ctx.is_device(mn)) {
        valid.addressee = Addressee::device;
        expected_pw = ctx.device_password(mn);
    } else {
        return hj212::fail(QnRtn::mn_error);
    }

    if (expected_pw && request.pw.value_or("") != *expected_pw) return hj212::fail(QnRtn::pw_error);

    if (!request.st || !hj212::find_system_code(*request.st)) return hj212::fail(QnRtn::st_error);

    const auto cn = request.command();
    const hj212::CommandInfo* info =
        cn ? hj212::find_command(*cn, hj212::Direction::host_to_field) : nullptr;
    if (!info || (info->kind != hj212::CommandKind::request &&
                  info->kind != hj212::CommandKind::notification))
        return hj212::fail(QnRtn::cn_error);
    valid.cn = info->cn;
    valid.kind = info->kind;
    return valid;
}

} // namespace hj212gw::commands
