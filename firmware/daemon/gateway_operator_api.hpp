#pragma once
// GatewayOperatorApi: ops::OperatorApi over the running daemon, for the console and HTTP.
// Store reads run on the daemon's read worker and their replies are posted back to the
// network thread; runtime parameters go through the same CommandContext a platform's set
// command uses, so validation and persistence cannot differ between the two.
#include "commands/command_context.hpp"
#include "net/asio.hpp"
#include "net/clock.hpp"
#include "ops/operator_api.hpp"
#include "rates/rate_model.hpp"

#include <hj212gw/storage/store.hpp>

#include <functional>
#include <map>
#include <mutex>

namespace hj212gw::daemon {

/// What the API needs from the gateway besides the store.
struct OperatorHooks {
    /// The latest status snapshot.
    std::function<ops::GatewayStatus()> status;
    /// Sends a data segment on a platform link ("" = the first): where it went, or why not.
    std::function<ops::Outcome<std::string>(const std::string& upstream, const std::string& segment,
                                            const std::string& qn)>
        send;
    std::function<std::vector<std::string>()> upstream_names;
};

class GatewayOperatorApi final : public ops::OperatorApi {
public:
    GatewayOperatorApi(net::asio::io_context& io, net::asio::thread_pool& reads,
                       storage::Store& store, const net::GatewayClock& clock,
                       commands::CommandContext& params, rates::RateRules rate_rules,
                       OperatorHooks hooks);

    ops::GatewayStatus status() const override { return hooks_.status(); }
    void rates(std::string mn, ops::Reply<ops::RatesView> done) override;
    void params(ops::Reply<std::vector<ops::ParamRow>> done) override;
    void set_param(std::string name, std::string value, ops::Reply<ops::ParamRow> done) override;
    void history(ops::HistoryQuery query, ops::Reply<std::vector<ops::HistoryRow>> done) override;
    void events(std::size_t limit, ops::Reply<std::vector<ops::EventRow>> done) override;
    std::uint64_t tap(std::string mn, std::function<void(const ops::TapRecord&)> sink) override;
    void untap(std::uint64_t id) override;
    ops::Outcome<std::string> send(std::string upstream, std::string segment) override;
    ops::Outcome<std::string> set_log_level(std::string level) override;
    std::vector<std::string> upstream_names() const override { return hooks_.upstream_names(); }

    /// A packet passed the gateway: delivered to the taps that want its MN. Cheap without taps.
    void publish(std::string_view direction, std::string_view where, std::string_view segment);
    bool tapped() const { return !taps_.empty(); }

private:
    /// Runs `work` on the read worker and its result's reply on the network thread.
    template <class T>
    void on_reads(std::function<ops::Outcome<T>()> work, ops::Reply<T> done);
    std::vector<ops::ParamRow> param_rows();

    net::asio::io_context& io_;
    net::asio::thread_pool& reads_;
    storage::Store& store_;
    const net::GatewayClock& clock_;
    commands::CommandContext& params_;
    rates::RateRules rate_rules_;
    OperatorHooks hooks_;
    struct Tap {
        std::string mn;
        std::function<void(const ops::TapRecord&)> sink;
    };
    std::map<std::uint64_t, Tap> taps_;
    std::uint64_t next_tap_ = 1;
};

} // namespace hj212gw::daemon
