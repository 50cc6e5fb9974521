#pragma once
// The command handlers' view of this gateway (commands::CommandContext) over its configuration,
// store, clock and live device connections. One per platform link: history_ack is per link.
#include "commands/command_context.hpp"
#include "config/gateway_config.hpp"
#include "net/clock.hpp"
#include "net/device_registry.hpp"

#include <hj212gw/storage/store.hpp>

#include <functional>

namespace hj212gw::daemon {

class GatewayCommandContext final : public commands::CommandContext {
public:
    GatewayCommandContext(const config::GatewayConfig& config, const config::UpstreamConfig& link,
                          storage::Store& store, net::GatewayClock& clock,
                          net::DeviceRegistry& devices);

    std::string gateway_mn() const override { return config_.gateway.mn; }
    std::string gateway_pw() const override { return config_.gateway.pw; }
    std::string gateway_st() const override { return config_.gateway.st; }
    std::int64_t now_ms() override { return clock_.civil_ms(); }
    bool is_device(std::string_view mn) override;
    std::optional<std::string> device_password(std::string_view mn) override;
    bool device_online(std::string_view mn) override;
    std::optional<std::string> param(commands::RuntimeParam p) override;
    bool set_param(commands::RuntimeParam p, std::string_view value) override;
    commands::ClockSetResult set_clock(std::int64_t epoch_ms) override;
    storage::StoreResult<std::vector<storage::StoredPacket>>
    history(const commands::HistoryPageQuery& query) override;
    commands::CommandSettings settings() const override;

    /// Called after a parameter is durably set (by a platform or the console), to apply it.
    void set_param_hook(std::function<void(commands::RuntimeParam)> hook) {
        on_param_set_ = std::move(hook);
    }

private:
    const config::GatewayConfig& config_;
    const config::UpstreamConfig& link_;
    storage::Store& store_;
    net::GatewayClock& clock_;
    net::DeviceRegistry& devices_;
    std::function<void(commands::RuntimeParam)> on_param_set_;
};

/// Scope under which the gateway's runtime parameters are persisted.
inline constexpr std::string_view kGatewayScope = "gateway";

} // namespace hj212gw::daemon
