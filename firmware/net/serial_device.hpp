#pragma once
// SerialDevice: a monitor on an RS-232/RS-485 line. The port is opened with the configured line
// settings and watched: when the conversation closes it (idle, garbage) or the port fails
// (USB adapter unplugged), it is reopened after a pause, for as long as the gateway runs.
#include "net/asio.hpp"
#include "net/device_services.hpp"

#include "device/device_conversation.hpp"

#include <memory>
#include <optional>
#include <string>

namespace hj212gw::net {

struct SerialSettings {
    std::string name;
    std::string device;
    unsigned baud = 9600;
    unsigned data_bits = 8;
    char parity = 'N'; ///< N, O or E
    unsigned stop_bits = 1;
    bool rs485 = false;
    std::chrono::milliseconds reopen_delay{5'000};
    device::DeviceRules rules;
};

class SerialDevice : public std::enable_shared_from_this<SerialDevice> {
public:
    SerialDevice(DeviceServices& services, SerialSettings settings);
    void start();
    void stop();
    const SerialSettings& settings() const { return settings_; }
    bool open_now() const { return open_; }
    /// The line's connection while the port is open, for the status report.
    std::optional<DeviceStatus> device_status() const;

private:
    asio::awaitable<void> supervise();
    error_code open_port(asio::serial_port& port);

    DeviceServices& services_;
    SerialSettings settings_;
    asio::steady_timer timer_;
    bool stopped_ = false;
    bool open_ = false;
    std::weak_ptr<DeviceEndpoint> session_;
};

} // namespace hj212gw::net
