#pragma once
// The status snapshot as JSON (status.json, /api/status) and as an aligned text page
// (status.txt, `hj212gw status`, the console's `status`).
#include "ops/gateway_status.hpp"

#include <string>

namespace hj212gw::ops {

std::string status_json(const GatewayStatus& s);
std::string status_text(const GatewayStatus& s);

} // namespace hj212gw::ops
