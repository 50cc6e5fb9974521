#pragma once
// What a device connection needs from the rest of the gateway.
#include "net/asio.hpp"
#include "net/clock.hpp"
#include "net/device_registry.hpp"

#include <hj212gw/storage/store.hpp>

#include <functional>
#include <string>

namespace hj212gw::net {

struct DeviceServices {
    asio::io_context& io;
    storage::Store& store;
    DeviceRegistry& registry;
    const GatewayClock& clock;
    /// A device's answer to a routed control command, for the platform that sent it.
    std::function<void(const std::string& segment, const std::string& qn)> relay_to_platform;
    /// A device packet became durable (upstreams may fetch it).
    std::function<void()> on_packet_stored;
};

} // namespace hj212gw::net
