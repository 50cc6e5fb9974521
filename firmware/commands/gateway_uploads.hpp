#pragma once
// Packets the gateway originates under its own MN: 2081 restart time (C.24), sent once each time
// the daemon starts, and the HJ 212-2025 9015 heartbeat, sent at a configured interval while the
// link is idle. Both take their QN from the gateway-wide QnSource.
#include "commands/command_context.hpp"
#include "commands/exchange.hpp"
#include "commands/qn_source.hpp"

#include <cstdint>

namespace hj212gw::commands {

/// 2081 (C.24): CP=&&DataTime=<now>;RestartTime=<restart>&&, ST = gateway_st(), Flag with the
/// configured version bits and A set (answered by 9014, as C.24 shows).
Outgoing make_restart_time_upload(CommandContext& ctx, QnSource& qns, std::int64_t restart_ms);

/// 9015 heartbeat (HJ 212-2025): CP=&&&&, Flag with version bits 2 (2025) and A set, answered by
/// 9013 (ack_cn). The 9015 command exists only in 2025, so the version bits are 2025's whatever
/// the configured version; ST = gateway_st() (the 2025 text was not available to confirm ST).
Outgoing make_heartbeat(CommandContext& ctx, QnSource& qns);

} // namespace hj212gw::commands
