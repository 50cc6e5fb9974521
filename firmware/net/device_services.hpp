#pragma once
// What a device connection needs from the rest of the gateway.
#include "net/asio.hpp"
#include "net/clock.hpp"
#include "net/device_registry.hpp"

#include <hj212gw/storage/store.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace hj212gw::net {

/// Counters over every device connection since the start (a closed session's own counters go
/// with it; these feed /metrics, which must only ever grow). Network thread only.
struct DeviceTotals {
    std::uint64_t connections = 0;
    std::uint64_t bytes = 0;
    std::uint64_t frames = 0; ///< data segments accepted for storing
    std::uint64_t stored = 0; ///< of those, durable
    std::map<std::string, std::uint64_t, std::less<>> errors_by_kind;
};

struct DeviceServices {
    asio::io_context& io;
    storage::Store& store;
    DeviceRegistry& registry;
    const GatewayClock& clock;
    /// A device's answer to a routed control command, for the platform that sent it.
    std::function<void(const std::string& segment, const std::string& qn)> relay_to_platform;
    /// A device packet became durable (upstreams may fetch it).
    std::function<void()> on_packet_stored;
    /// Builds the record stored for a device segment (parsed, with a verdict per value);
    /// unset: storage::make_packet_record. On the network thread.
    std::function<storage::PacketRecord(std::string_view segment, storage::Source source,
                                        std::int64_t received_ms)>
        make_record;
    /// The record of a device packet became durable (on the network thread, after the
    /// device's 9014 was decided, in store-completion order).
    std::function<void(const storage::PacketRecord&)> on_record_stored;
    /// Every data segment a device sent, as accepted (before storing), for `tap`. May be unset.
    std::function<void(std::string_view peer, std::string_view segment)> on_device_segment{};
    DeviceTotals totals{};
};

} // namespace hj212gw::net
