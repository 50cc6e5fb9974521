#include "config/command_line.hpp"

#include "config/endpoint.hpp"
#include "config/enum_text.hpp"

namespace hj212gw::config {
namespace {

std::string indexed(std::string_view flag, std::size_t i, std::size_t count) {
    // "--listen" when the flag was given once, "--listen[1]" to say which one otherwise.
    return count == 1 ? std::string(flag) : std::string(flag) + "[" + std::to_string(i) + "]";
}

} // namespace

hj212::Result<void, ConfigErrors> apply(GatewayConfig& config,
                                        const CommandLineOverrides& overrides) {
    GatewayConfig next = config;
    ConfigErrors errors;

    if (overrides.data_dir) {
        if (overrides.data_dir->empty())
            errors.push_back({"--data-dir", "empty directory"});
        else
            next.data_dir = *overrides.data_dir;
    }

    if (!overrides.listen.empty()) {
        next.listeners.clear();
        for (std::size_t i = 0; i < overrides.listen.size(); ++i) {
            auto endpoint = parse_tcp_url(overrides.listen[i]);
            if (!endpoint) {
                errors.push_back(
                    {indexed("--listen", i, overrides.listen.size()), endpoint.error().message});
                continue;
            }
            ListenerConfig listener;
            listener.host = endpoint->host;
            listener.port = endpoint->port;
            next.listeners.push_back(std::move(listener));
        }
    }

    if (!overrides.serial.empty()) {
        next.serial_ports.clear();
        for (std::size_t i = 0; i < overrides.serial.size(); ++i) {
            auto spec = parse_serial_spec(overrides.serial[i]);
            if (!spec) {
                errors.push_back(
                    {indexed("--serial", i, overrides.serial.size()), spec.error().message});
                continue;
            }
            SerialConfig port;
            port.device = spec->device;
            port.baud = spec->baud;
            port.data_bits = spec->data_bits;
            port.parity = spec->parity;
            port.stop_bits = spec->stop_bits;
            next.serial_ports.push_back(std::move(port));
        }
    }

    if (!overrides.upstream.empty()) {
        next.upstreams.clear();
        for (std::size_t i = 0; i < overrides.upstream.size(); ++i) {
            auto spec = parse_upstream_spec(overrides.upstream[i]);
            if (!spec) {
                errors.push_back(
                    {indexed("--upstream", i, overrides.upstream.size()), spec.error().message});
                continue;
            }
            UpstreamConfig upstream;
            upstream.name = spec->name;
            upstream.host = spec->endpoint.host;
            upstream.port = spec->endpoint.port;
            next.upstreams.push_back(std::move(upstream));
        }
    }

    if (overrides.mn) next.gateway.mn = *overrides.mn;
    if (overrides.pw) next.gateway.pw = *overrides.pw;

    if (overrides.http) {
        auto endpoint = parse_host_port(*overrides.http);
        if (!endpoint) {
            errors.push_back({"--http", endpoint.error().message});
        } else {
            HttpConfig http = next.http.value_or(HttpConfig{});
            http.host = endpoint->host;
            http.port = endpoint->port;
            next.http = std::move(http);
        }
    }

    if (overrides.log_level) {
        if (auto level = parse_log_level(*overrides.log_level)) {
            next.log.level = *level;
        } else {
            errors.push_back({"--log-level", "'" + *overrides.log_level + "' is not one of " +
                                                 std::string(kLogLevelChoices)});
        }
    }

    if (!errors.empty()) return hj212::fail(std::move(errors));
    config = std::move(next);
    return {};
}

} // namespace hj212gw::config
