#pragma once
// Log sinks of the daemon: the console (journald captures it under systemd) and a size-rotated
// file in the data directory, small by default because the box writes to flash.
#include "config/gateway_config.hpp"

namespace hj212gw::daemon {

void setup_logging(const config::GatewayConfig& config);
void set_log_level(config::LogLevel level);

} // namespace hj212gw::daemon
