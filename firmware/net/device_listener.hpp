#pragma once
// DeviceListener: accepts device connections on one TCP endpoint (Beast's listener/session
// split: the listener only accepts and hands each socket to a DeviceSession).
#include "net/asio.hpp"
#include "net/device_services.hpp"

#include "device/device_conversation.hpp"

#include <memory>
#include <string>
#include <vector>

namespace hj212gw::net {

struct ListenerSettings {
    std::string name;
    std::string host = "0.0.0.0";
    std::uint16_t port = 0;
    std::size_t max_connections = 64;
    device::DeviceRules rules;
};

class DeviceListener : public std::enable_shared_from_this<DeviceListener> {
public:
    DeviceListener(DeviceServices& services, ListenerSettings settings);

    /// Binds and listens; an error here is reported before the gateway starts.
    error_code open();
    void start();
    void stop();
    std::uint16_t bound_port() const;
    const ListenerSettings& settings() const { return settings_; }
    std::size_t connections() const;
    /// The live connections, for the status report.
    std::vector<DeviceStatus> device_status() const;

private:
    asio::awaitable<void> accept_loop();

    DeviceServices& services_;
    ListenerSettings settings_;
    tcp::acceptor acceptor_;
    std::vector<std::weak_ptr<DeviceEndpoint>> sessions_;
};

} // namespace hj212gw::net
