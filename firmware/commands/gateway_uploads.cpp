#include "commands/gateway_uploads.hpp"

#include "hj212/datetime.hpp"
#include "hj212/packet.hpp"
#include "hj212/version.hpp"

#include <string>

namespace hj212gw::commands {
namespace {

hj212::Packet gateway_packet(CommandContext& ctx, QnSource& qns, std::int64_t now,
                             std::string_view cn, std::uint8_t version_bits) {
    hj212::Packet p;
    p.qn = qns.next(now);
    p.st = ctx.gateway_st();
    p.cn = std::string(cn);
    p.pw = current_password(ctx);
    p.mn = ctx.gateway_mn();
    p.flag = hj212::make_flag(version_bits, false, true);
    return p;
}

} // namespace

Outgoing make_restart_time_upload(CommandContext& ctx, QnSource& qns, std::int64_t restart_ms) {
    const std::int64_t now = ctx.now_ms();
    hj212::Packet p = gateway_packet(ctx, qns, now, "2081", ctx.settings().version_bits);
    p.cp.push_back({{"DataTime", hj212::DateTime::from_epoch_ms(now).format14()}});
    p.cp.push_back({{"RestartTime", hj212::DateTime::from_epoch_ms(restart_ms).format14()}});
    return Outgoing::of(p, 9014);
}

Outgoing make_heartbeat(CommandContext& ctx, QnSource& qns) {
    const hj212::Packet p = gateway_packet(ctx, qns, ctx.now_ms(), "9015", hj212::kVersion2025);
    return Outgoing::of(p, 9013);
}

} // namespace hj212gw::commands
