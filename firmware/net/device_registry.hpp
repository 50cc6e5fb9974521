#pragma once
// Which device MN is reachable on which live connection, for routing platform control
// commands (3011..3021) to the device they name.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hj212gw::net {

/// A live device connection, as the router sees it.
/// What the status report shows of one device connection.
struct DeviceStatus {
    std::string peer;
    std::string via;              ///< listener or serial port name
    std::vector<std::string> mns; ///< device MNs seen on it
    std::uint64_t frames = 0;
    std::uint64_t stored = 0;
    std::uint64_t acked = 0;
    std::uint64_t errors = 0;        ///< frame errors + bad segments + rejections
    std::int64_t last_packet_ms = 0; ///< civil time of the last packet, 0: none yet
};

class DeviceEndpoint {
public:
    virtual ~DeviceEndpoint() = default;
    /// Writes a platform's request to the device; its replies (same QN) come back through the
    /// relay hook given to the session.
    virtual void route_request(std::string segment, std::string qn) = 0;
    virtual std::string peer() const = 0;
    /// True once the connection is closed: the session object may outlive the socket for a
    /// moment (its coroutines are still unwinding), but it can no longer reach the device.
    virtual bool closed() const { return false; }
    virtual DeviceStatus status() const = 0;
};

class DeviceRegistry {
public:
    void add(const std::string& mn, const std::shared_ptr<DeviceEndpoint>& endpoint);
    /// The live connection of this MN (the most recent one), or nullptr.
    std::shared_ptr<DeviceEndpoint> find(std::string_view mn);
    std::vector<std::string> online();

private:
    std::map<std::string, std::weak_ptr<DeviceEndpoint>, std::less<>> by_mn_;
};

} // namespace hj212gw::net
