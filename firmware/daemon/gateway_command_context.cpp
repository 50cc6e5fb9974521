#include "daemon/gateway_command_context.hpp"

#include <spdlog/spdlog.h>

#include <ctime>
#include <future>

#include <sys/time.h>

namespace hj212gw::daemon {

GatewayCommandContext::GatewayCommandContext(const config::GatewayConfig& config,
                                             const config::UpstreamConfig& link,
                                             storage::Store& store, net::GatewayClock& clock,
                                             net::DeviceRegistry& devices)
    : config_(config), link_(link), store_(store), clock_(clock), devices_(devices) {}

bool GatewayCommandContext::is_device(std::string_view mn) {
    if (devices_.find(mn)) return true;
    // A device the gateway stored data of, even when it is not connected now.
    storage::HistoryRequest probe{std::string(mn), "2011", 0, INT64_MAX, 1, {}, 0};
    for (const char* cn : {"2011", "2051", "2061", "2031"}) {
        probe.cn = cn;
        auto rows = store_.history(probe);
        if (rows.ok() && !rows->empty()) return true;
    }
    return false;
}

std::optional<std::string> GatewayCommandContext::device_password(std::string_view mn) {
    for (const auto& l : config_.listeners)
        if (l.check_password && !l.allow_mn.empty())
            for (const auto& allowed : l.allow_mn)
                if (allowed == mn) return l.password.empty() ? config_.gateway.pw : l.password;
    return std::nullopt;
}

bool GatewayCommandContext::device_online(std::string_view mn) {
    return devices_.find(mn) != nullptr;
}

std::optional<std::string> GatewayCommandContext::param(commands::RuntimeParam p) {
    auto stored = store_.param(kGatewayScope, commands::param_key(p));
    if (stored.ok() && stored->has_value()) return **stored;
    using commands::RuntimeParam;
    switch (p) {
    case RuntimeParam::over_time:
        return std::to_string(link_.over_time.count());
    case RuntimeParam::re_count:
        return std::to_string(link_.re_count);
    case RuntimeParam::rtd_interval:
        return std::to_string(config_.runtime.rtd_interval.count());
    case RuntimeParam::min_interval:
        return std::to_string(config_.runtime.min_interval.count());
    case RuntimeParam::realtime_upload:
        return config_.runtime.realtime_upload ? "1" : "0";
    default:
        return std::nullopt;
    }
}

bool GatewayCommandContext::set_param(commands::RuntimeParam p, std::string_view value) {
    // The platform is answered only after the value is durable: wait for the store's commit.
    std::promise<bool> done;
    auto result = done.get_future();
    store_.set_param(std::string(kGatewayScope), std::string(commands::param_key(p)),
                     std::string(value),
                     [&done](const storage::Status& st) { done.set_value(st.ok()); });
    const bool ok = result.get();
    if (ok) spdlog::info("parameter {} set to {}", commands::param_key(p), value);
    if (ok && p == commands::RuntimeParam::clock_offset_ms) {
        try {
            clock_.set_offset_ms(clock_.offset_ms() + std::stoll(std::string(value)));
        } catch (...) {
        }
    }
    if (ok && on_param_set_) on_param_set_(p);
    return ok;
}

commands::ClockSetResult GatewayCommandContext::set_clock(std::int64_t epoch_ms) {
    if (!config_.clock.allow_set) return commands::ClockSetResult::not_permitted;
    // epoch_ms is local civil time: shift by the current local-vs-UTC difference.
    const std::int64_t local_now = clock_.civil_ms() - clock_.offset_ms();
    const auto utc_now = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
    const std::int64_t target_utc = epoch_ms - (local_now - utc_now);
    timeval tv{static_cast<time_t>(target_utc / 1000),
               static_cast<suseconds_t>((target_utc % 1000) * 1000)};
    if (::settimeofday(&tv, nullptr) != 0) {
        spdlog::error("1012: setting the system clock failed (needs CAP_SYS_TIME)");
        return commands::ClockSetResult::failed;
    }
    spdlog::warn("1012: system clock set by a platform");
    return commands::ClockSetResult::set;
}

storage::StoreResult<std::vector<storage::StoredPacket>>
GatewayCommandContext::history(const commands::HistoryPageQuery& q) {
    storage::HistoryRequest r{
        std::string(q.mn), std::string(q.cn), q.begin_ms, q.end_ms, q.limit, {}, 0};
    if (q.after) {
        r.after_data_time_ms = q.after->data_time_ms;
        r.after_id = q.after->id;
    }
    return store_.history(r);
}

commands::CommandSettings GatewayCommandContext::settings() const {
    commands::CommandSettings s;
    s.history_ack = link_.history_ack;
    s.emit_limit = config_.protocol.emit_segment;
    return s;
}

} // namespace hj212gw::daemon
