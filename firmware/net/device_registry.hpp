#pragma once
// Which device MN is reachable on which live connection, for routing platform control
// commands (3011..3021) to the device they name.
#include "ops/gateway_status.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hj212gw::net {

/// What the status report shows of one device connection.
using DeviceStatus = ops::DeviceStatus;

/// A live device connection, as the router sees it.
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
