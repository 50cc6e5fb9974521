#pragma once
// Gateway: the daemon's wiring. Opens the store, the device listeners and serial ports and one
// client per platform; routes platform commands to the handlers or to devices; runs until a
// signal asks it to stop (SIGTERM, SIGINT) or to reload its configuration (SIGHUP).
#include "config/gateway_config.hpp"

#include <memory>
#include <string>

namespace hj212gw::daemon {

enum class StopReason { terminate, reload };

class Gateway {
public:
    explicit Gateway(config::GatewayConfig config);
    ~Gateway();
    Gateway(const Gateway&) = delete;
    Gateway& operator=(const Gateway&) = delete;

    /// Opens the store and binds every port. An error is a sentence for the operator.
    std::string open();
    /// Serves until a signal; returns why it stopped. Everything acknowledged is durable.
    StopReason run();

private:
    struct Parts;
    std::unique_ptr<Parts> parts_;
};

} // namespace hj212gw::daemon
