#include "daemon/gateway_operator_api.hpp"

#include "commands/runtime_param.hpp"
#include "rates/month_view.hpp"
#include "rates/rate_calculator.hpp"
#include "rates/store_reader.hpp"

#include <hj212/parser.hpp>
#include <spdlog/spdlog.h>

#include <array>
#include <set>

namespace hj212gw::daemon {

namespace asio = net::asio;
using commands::RuntimeParam;

namespace {

constexpr std::array kParams{RuntimeParam::over_time,     RuntimeParam::re_count,
                             RuntimeParam::rtd_interval,  RuntimeParam::min_interval,
                             RuntimeParam::password,      RuntimeParam::realtime_upload,
                             RuntimeParam::status_upload, RuntimeParam::clock_offset_ms};

std::string_view param_help(RuntimeParam p) {
    switch (p) {
    case RuntimeParam::over_time:
        return "seconds a platform ack may take, 1..99";
    case RuntimeParam::re_count:
        return "resends before reconnecting, 1..99";
    case RuntimeParam::rtd_interval:
        return "real-time upload interval, 30..3600 s";
    case RuntimeParam::min_interval:
        return "minute data interval, divisor of 60";
    case RuntimeParam::password:
        return "access password, 1..6 letters/digits";
    case RuntimeParam::realtime_upload:
        return "real-time uploads on (1) / off (0)";
    case RuntimeParam::status_upload:
        return "status uploads on (1) / off (0)";
    case RuntimeParam::clock_offset_ms:
        return "platform minus gateway time, ms";
    }
    return "";
}

std::optional<RuntimeParam> param_named(std::string_view name) {
    for (auto p : kParams)
        if (commands::param_key(p) == name) return p;
    return std::nullopt;
}

std::string known_params() {
    std::string out;
    for (auto p : kParams)
        out += (out.empty() ? "" : ", ") + std::string(commands::param_key(p));
    return out;
}

} // namespace

GatewayOperatorApi::GatewayOperatorApi(asio::io_context& io, asio::thread_pool& reads,
                                       storage::Store& store, const net::GatewayClock& clock,
                                       commands::CommandContext& params,
                                       rates::RateRules rate_rules, OperatorHooks hooks)
    : io_(io), reads_(reads), store_(store), clock_(clock), params_(params),
      rate_rules_(std::move(rate_rules)), hooks_(std::move(hooks)) {}

template <class T>
void GatewayOperatorApi::on_reads(std::function<ops::Outcome<T>()> work, ops::Reply<T> done) {
    asio::post(reads_, [this, work = std::move(work), done = std::move(done)]() mutable {
        auto result = std::make_shared<ops::Outcome<T>>(work());
        asio::post(io_, [result, done = std::move(done)] { done(std::move(*result)); });
    });
}

void GatewayOperatorApi::rates(std::string mn, ops::Reply<ops::RatesView> done) {
    const std::int64_t now_local = clock_.civil_ms();
    on_reads<ops::RatesView>(
        [this, mn = std::move(mn), now_local]() -> ops::Outcome<ops::RatesView> {
            const auto first = rates::month_start(now_local);
            auto obs = rates::load_hourly_observations(
                store_.path(), rates::ObservationQuery{first, now_local, mn, ""});
            if (!obs) return hj212::fail("cannot read the store: " + obs.error().message);
            return rates::month_view(*obs, rate_rules_, now_local);
        },
        std::move(done));
}

// One read of what was set, then each parameter's value as a platform's get would answer it.
// Thread-safe: the store serialises its reads and the context only adds configured defaults.
std::vector<ops::ParamRow> GatewayOperatorApi::param_rows() {
    std::set<std::string, std::less<>> set_keys;
    if (auto stored = store_.params("gateway"); stored.ok())
        for (const auto& [key, value] : *stored)
            set_keys.insert(key);
    std::vector<ops::ParamRow> rows;
    for (auto p : kParams) {
        ops::ParamRow row;
        row.name = std::string(commands::param_key(p));
        if (auto v = params_.param(p)) row.value = *v;
        if (p == RuntimeParam::password && !row.value.empty()) row.value = "(set)";
        row.origin = set_keys.contains(row.name) ? "set" : "default";
        row.help = std::string(param_help(p));
        rows.push_back(std::move(row));
    }
    return rows;
}

void GatewayOperatorApi::params(ops::Reply<std::vector<ops::ParamRow>> done) {
    on_reads<std::vector<ops::ParamRow>>(
        [this]() -> ops::Outcome<std::vector<ops::ParamRow>> { return param_rows(); },
        std::move(done));
}

void GatewayOperatorApi::set_param(std::string name, std::string value,
                                   ops::Reply<ops::ParamRow> done) {
    const auto p = param_named(name);
    if (!p)
        return done(
            hj212::fail("unknown parameter '" + name + "' (known: " + known_params() + ")"));
    if (!commands::is_valid_value(*p, value))
        return done(hj212::fail("'" + value + "' is not a valid " + name + ": " +
                                std::string(param_help(*p))));
    // The same path as a platform's set command; it waits for the commit (about one batch).
    if (!params_.set_param(*p, value)) return done(hj212::fail("the store did not save it"));
    spdlog::info("parameter {} set to {} on the console", name, value);
    for (auto& row : param_rows())
        if (row.name == name) return done(std::move(row));
    done(hj212::fail("saved, but cannot read it back"));
}

void GatewayOperatorApi::history(ops::HistoryQuery q,
                                 ops::Reply<std::vector<ops::HistoryRow>> done) {
    on_reads<std::vector<ops::HistoryRow>>(
        [this, q = std::move(q)]() -> ops::Outcome<std::vector<ops::HistoryRow>> {
            storage::HistoryRequest r{q.mn, q.cn, q.from_ms, q.to_ms, q.limit, {}, 0};
            auto packets = store_.history(r);
            if (!packets) return hj212::fail("cannot read the store: " + packets.error().message);
            std::vector<ops::HistoryRow> rows;
            for (auto& p : *packets)
                rows.push_back({p.data_time_ms.value_or(0), p.received_ms, p.mn, p.cn, p.qn,
                                p.source.peer.empty() ? p.source.listener : p.source.peer,
                                std::move(p.raw)});
            return rows;
        },
        std::move(done));
}

void GatewayOperatorApi::events(std::size_t limit, ops::Reply<std::vector<ops::EventRow>> done) {
    on_reads<std::vector<ops::EventRow>>(
        [this, limit]() -> ops::Outcome<std::vector<ops::EventRow>> {
            auto events = store_.recent_events(limit);
            if (!events) return hj212::fail("cannot read the store: " + events.error().message);
            std::vector<ops::EventRow> rows;
            for (auto& e : *events)
                rows.push_back({e.time_ms, std::move(e.kind), std::move(e.detail)});
            // The store lists the newest first; a console reads top to bottom, oldest first.
            std::reverse(rows.begin(), rows.end());
            return rows;
        },
        std::move(done));
}

std::uint64_t GatewayOperatorApi::tap(std::string mn,
                                      std::function<void(const ops::TapRecord&)> sink) {
    const auto id = next_tap_++;
    taps_[id] = Tap{std::move(mn), std::move(sink)};
    return id;
}

void GatewayOperatorApi::untap(std::uint64_t id) {
    taps_.erase(id);
}

void GatewayOperatorApi::publish(std::string_view direction, std::string_view where,
                                 std::string_view segment) {
    if (taps_.empty()) return;
    hj212::PacketView view;
    (void)hj212::parse_segment(segment, view); // an unreadable one is shown raw
    ops::TapRecord record{clock_.civil_ms(),
                          std::string(direction),
                          std::string(where),
                          std::string(view.mn.value_or("?")),
                          std::string(view.cn.value_or("?")),
                          std::string(segment)};
    // A sink may untap (and so erase itself) while we iterate: walk a copy of the ids.
    std::vector<std::uint64_t> ids;
    for (const auto& [id, t] : taps_)
        ids.push_back(id);
    for (auto id : ids) {
        auto it = taps_.find(id);
        if (it == taps_.end()) continue;
        if (it->second.mn.empty() || it->second.mn == record.mn) it->second.sink(record);
    }
}

ops::Outcome<std::string> GatewayOperatorApi::send(std::string upstream, std::string segment) {
    hj212::PacketView view;
    if (auto r = hj212::parse_segment(segment, view); !r.ok())
        return hj212::fail("not a data segment: " + hj212::describe(r.error()));
    return hooks_.send(upstream, segment, std::string(view.qn.value_or("")));
}

ops::Outcome<std::string> GatewayOperatorApi::set_log_level(std::string level) {
    const auto parsed = spdlog::level::from_str(level);
    // from_str answers "off" for anything it does not know: only accept a real name.
    if (parsed == spdlog::level::off && level != "off")
        return hj212::fail("unknown level '" + level +
                           "' (trace, debug, info, warn, error, critical, off)");
    spdlog::set_level(parsed);
    spdlog::warn("log level set to {} on the console", level);
    return "log level is now " + level + " (until the next restart or reload)";
}

} // namespace hj212gw::daemon
