#pragma once
// What the field console and the HTTP endpoint may see and do in a running gateway. The daemon
// implements it; the console and HTTP sessions only talk to this, so they are tested against a
// fake. Threads: every method is called on the network thread, and every callback is invoked
// on the network thread too (slow work - SQLite reads - happens on the daemon's read worker in
// between). A callback may be invoked after the caller's session ended: capture weak/shared
// pointers, not references.
#include "ops/gateway_status.hpp"
#include "ops/rates_view.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <hj212/result.hpp>
#include <string>
#include <vector>

namespace hj212gw::ops {

/// Errors are sentences for the operator ("unknown parameter 'Foo' (known: ...)").
template <class T>
using Outcome = hj212::Result<T, std::string>;
template <class T>
using Reply = std::function<void(Outcome<T>)>;

/// A runtime parameter (the ones platforms set with 1000, 1062, 1064, 1072, 2012, ...).
struct ParamRow {
    std::string name;   ///< OverTime, ReCount, RtdInterval, MinInterval, PW, RtdEnabled, ...
    std::string value;  ///< "" when unset and without a default
    std::string origin; ///< "set" (platform or console, persisted) or "default"
    std::string help;   ///< unit and range, e.g. "seconds, 1..99"
};

struct HistoryQuery {
    std::string mn;
    std::string cn;
    std::int64_t from_ms = 0; ///< DataTime range, site-local epoch ms, inclusive
    std::int64_t to_ms = 0;
    std::size_t limit = 50;
};

struct HistoryRow {
    std::int64_t data_time_ms = 0;
    std::int64_t received_ms = 0; ///< gateway clock
    std::string mn, cn, qn;
    std::string source;  ///< device peer or "gateway"
    std::string segment; ///< the stored data segment
};

struct EventRow {
    std::int64_t at_ms = 0; ///< gateway clock
    std::string kind;
    std::string detail;
};

/// One packet as it passes the gateway, for `tap`.
struct TapRecord {
    std::int64_t at_ms = 0; ///< civil time
    std::string direction;  ///< "dev" from a device, "up" to a platform, "down" from a platform
    std::string where;      ///< device peer or platform name
    std::string mn;
    std::string cn;
    std::string segment;
};

class OperatorApi {
public:
    virtual ~OperatorApi() = default;

    /// The latest status snapshot (at most about a second old).
    virtual GatewayStatus status() const = 0;
    /// The current month's hour grid and rates; `mn` "" for every MN.
    virtual void rates(std::string mn, Reply<RatesView> done) = 0;

    virtual void params(Reply<std::vector<ParamRow>> done) = 0;
    /// Validates like a platform's set command, persists, applies; the reply is the new row.
    virtual void set_param(std::string name, std::string value, Reply<ParamRow> done) = 0;

    virtual void history(HistoryQuery query, Reply<std::vector<HistoryRow>> done) = 0;
    virtual void events(std::size_t limit, Reply<std::vector<EventRow>> done) = 0;

    /// Live packets (of one MN, or all for ""), until untap(id).
    virtual std::uint64_t tap(std::string mn, std::function<void(const TapRecord&)> sink) = 0;
    virtual void untap(std::uint64_t id) = 0;

    /// Frames `segment` (CRC, length) and sends it on an upstream's link ("" = the first).
    /// The reply says where it went; a platform's answer shows up in `tap`.
    virtual Outcome<std::string> send(std::string upstream, std::string segment) = 0;

    /// trace, debug, info, warn, error, critical, off.
    virtual Outcome<std::string> set_log_level(std::string level) = 0;
    virtual std::vector<std::string> upstream_names() const = 0;
};

} // namespace hj212gw::ops
