#pragma once
// Checks that need the whole, merged configuration (file + flags): things no single key can
// know, such as two listeners on one port or a backoff_max below backoff_initial, and the
// content of identity strings, which end up inside HJ 212 segments. Run before anything
// starts, so a bad config is one clear list of errors rather than a half-started gateway.
#include "config/config_error.hpp"
#include "config/gateway_config.hpp"

namespace hj212gw::config {

/// Every problem found, in key order; empty when the configuration can be used.
ConfigErrors validate(const GatewayConfig& config);

} // namespace hj212gw::config
