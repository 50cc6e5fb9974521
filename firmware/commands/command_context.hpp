#pragma once
// What the command handlers need from the rest of the gateway. The daemon implements it over its
// configuration, the Store and its device sessions; tests fake it. Every call is synchronous and
// must not throw: the handlers run on the daemon's I/O thread and keep no state of their own
// beyond an Exchange in progress.
#include "commands/runtime_param.hpp"

#include "hj212/encoder.hpp"
#include "hj212/version.hpp"
#include "hj212gw/storage/history_query.hpp"
#include "hj212gw/storage/store_error.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hj212gw::commands {

/// Configuration of how commands are answered (per platform link).
struct CommandSettings {
    /// History uploads ask for 9014 (Flag A set, C.48/C.50) and wait for it; off: C.47/C.49.
    bool history_ack = false;
    /// Longest data segment we emit; longer history uploads are split (Flag D, PNUM/PNO).
    std::size_t emit_limit = hj212::kStandardMaxSegment;
    /// Version bits of what the gateway originates itself (2081): 1 = HJ 212-2017.
    std::uint8_t version_bits = hj212::kVersion2017;
    /// Stored packets read per history query: bounds memory whatever range the platform asks.
    std::size_t history_page_size = 64;
};

/// Position of the last stored packet of a page; the next page starts strictly after it in
/// (DataTime, id) order.
struct HistoryCursor {
    std::int64_t data_time_ms = 0;
    std::int64_t id = 0;
};

/// One page of stored packets of one MN and CN with DataTime in [begin_ms, end_ms] (inclusive,
/// site-local epoch ms), ordered by (DataTime, id), strictly after `after` when set, at most
/// `limit` of them. A page shorter than `limit` is taken as the last one.
struct HistoryPageQuery {
    std::string_view mn;
    std::string_view cn;
    std::int64_t begin_ms = 0;
    std::int64_t end_ms = 0;
    std::optional<HistoryCursor> after;
    std::size_t limit = 64;
};

enum class ClockSetResult : std::uint8_t {
    set,           ///< the system clock now shows the platform's time
    not_permitted, ///< configured not to touch the clock (NTP/GPS disciplined): offset recorded
    failed,        ///< permitted but the system refused (9012 ExeRtn=2)
};

class CommandContext {
public:
    virtual ~CommandContext() = default;

    // --- Identity --------------------------------------------------------------------------
    /// The gateway's own MN.
    virtual std::string gateway_mn() const = 0;
    /// The configured access password. A password set by CN 1072 (RuntimeParam::password)
    /// takes precedence: see current_password().
    virtual std::string gateway_pw() const = 0;
    /// ST of the packets the gateway originates (2081, 9015), e.g. "32".
    virtual std::string gateway_st() const = 0;

    /// Site-local civil time as ms since 1970 (hj212::DateTime::to_epoch_ms of the wall clock).
    virtual std::int64_t now_ms() = 0;

    // --- Devices behind the gateway ----------------------------------------------------------
    /// A device MN the gateway knows (configured, or seen in the store).
    virtual bool is_device(std::string_view mn) = 0;
    /// The device's access password when configured; nullopt: the gateway cannot know it and
    /// does not check PW for that MN (a routed command is checked by the device itself).
    virtual std::optional<std::string> device_password(std::string_view mn) = 0;
    /// Whether the device has a live connection to route a control command to.
    virtual bool device_online(std::string_view mn) = 0;

    // --- Runtime parameters ------------------------------------------------------------------
    /// The value in force (persisted by a platform, else configured), nullopt when neither.
    virtual std::optional<std::string> param(RuntimeParam p) = 0;
    /// Sets and persists (Store::set_param under param_key(p)). False when it could not be
    /// persisted: the platform gets ExeRtn=6.
    virtual bool set_param(RuntimeParam p, std::string_view value) = 0;

    /// Sets the system clock to `epoch_ms` (site-local) when configured to.
    virtual ClockSetResult set_clock(std::int64_t epoch_ms) = 0;

    // --- Store -------------------------------------------------------------------------------
    /// One page of history (see HistoryPageQuery for the contract).
    virtual storage::StoreResult<std::vector<storage::StoredPacket>>
    history(const HistoryPageQuery& query) = 0;

    virtual CommandSettings settings() const = 0;
};

/// The password a request for the gateway's own MN must carry: set by 1072, else configured.
std::string current_password(CommandContext& ctx);

} // namespace hj212gw::commands
