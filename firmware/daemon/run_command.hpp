#pragma once
// `hj212gw run`: builds the effective configuration, reports every problem before anything
// starts, then serves; SIGHUP re-reads the configuration and restarts the gateway in-process
// (a bad new configuration is reported and the old one keeps running).
#include "config/command_line.hpp"

namespace hj212gw::daemon {

/// Exit status: 0 after a clean stop, 2 for a bad configuration, 1 when the gateway could not
/// start (port in use, store unusable).
int run_gateway(const config::CommandLineOverrides& overrides);

} // namespace hj212gw::daemon
