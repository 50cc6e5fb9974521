#include "net/serial_device.hpp"

#include "net/device_session.hpp"

#include <spdlog/spdlog.h>

#include <linux/serial.h>
#include <sys/ioctl.h>

namespace hj212gw::net {

using SerialSession = DeviceSession<asio::serial_port>;

SerialDevice::SerialDevice(DeviceServices& services, SerialSettings settings)
    : services_(services), settings_(std::move(settings)), timer_(services.io) {}

void SerialDevice::start() {
    asio::co_spawn(services_.io, shared_from_this()->supervise(), asio::detached);
}

void SerialDevice::stop() {
    stopped_ = true;
    timer_.cancel();
}

error_code SerialDevice::open_port(asio::serial_port& port) {
    using sp = asio::serial_port_base;
    error_code ec;
    port.open(settings_.device, ec);
    if (ec) return ec;
    port.set_option(sp::baud_rate(settings_.baud), ec);
    if (!ec) port.set_option(sp::character_size(settings_.data_bits), ec);
    if (!ec)
        port.set_option(sp::parity(settings_.parity == 'O'   ? sp::parity::odd
                                   : settings_.parity == 'E' ? sp::parity::even
                                                             : sp::parity::none),
                        ec);
    if (!ec)
        port.set_option(
            sp::stop_bits(settings_.stop_bits == 2 ? sp::stop_bits::two : sp::stop_bits::one), ec);
    if (!ec) port.set_option(sp::flow_control(sp::flow_control::none), ec);
    if (!ec && settings_.rs485) {
        // Let the UART drive the RS-485 transmitter (RTS) itself; boards without the driver
        // support keep working half-duplex through their own transceiver logic.
        serial_rs485 rs{};
        rs.flags = SER_RS485_ENABLED | SER_RS485_RTS_ON_SEND;
        if (::ioctl(port.native_handle(), TIOCSRS485, &rs) < 0)
            spdlog::warn("serial {}: RS-485 mode not supported by the driver, continuing",
                         settings_.device);
    }
    if (ec) port.close();
    return ec;
}

std::optional<DeviceStatus> SerialDevice::device_status() const {
    if (auto s = session_.lock(); s && !s->closed()) return s->status();
    return std::nullopt;
}

asio::awaitable<void> SerialDevice::supervise() {
    auto self = shared_from_this();
    while (!stopped_) {
        asio::serial_port port(services_.io);
        if (const auto ec = open_port(port); ec) {
            spdlog::warn("serial {} ({}): cannot open: {}; retrying in {} s", settings_.name,
                         settings_.device, ec.message(), settings_.reopen_delay.count() / 1000);
        } else {
            open_ = true;
            storage::Source source{settings_.name, 0, settings_.device};
            auto session = std::make_shared<SerialSession>(
                std::move(port), settings_.device, std::move(source), settings_.rules, services_);
            session_ = session;
            session->start();
            while (!stopped_ && !session->closed()) {
                timer_.expires_after(std::chrono::seconds(1));
                error_code wait_ec;
                co_await timer_.async_wait(asio::redirect_error(asio::use_awaitable, wait_ec));
            }
            if (stopped_) session->close("gateway stopping");
            open_ = false;
        }
        if (stopped_) break;
        timer_.expires_after(settings_.reopen_delay);
        error_code ec;
        co_await timer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
}

} // namespace hj212gw::net
