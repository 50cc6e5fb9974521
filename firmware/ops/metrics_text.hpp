#pragma once
// /metrics: the status snapshot in the Prometheus text exposition format (version 0.0.4), for
// the platform operators' monitoring stack. Counters only ever grow while the daemon runs.
#include "ops/gateway_status.hpp"

#include <string>

namespace hj212gw::ops {

std::string prometheus_metrics(const GatewayStatus& s);

} // namespace hj212gw::ops
