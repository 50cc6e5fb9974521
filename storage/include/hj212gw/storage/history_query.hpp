#pragma once
// History for platform pulls (2031/2051/2061 with BeginTime/EndTime) and the per-day counts
// that transmission/valid rates are computed from. Times are DataTime as site-local epoch ms
// (hj212::DateTime::to_epoch_ms); ranges are inclusive at both ends, as BeginTime/EndTime are.
#include "hj212gw/storage/database.hpp"
#include "hj212gw/storage/packet_record.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hj212gw::storage {

struct HistoryRequest {
    std::string mn;
    std::string cn; ///< "2061" for hourly data, ...
    std::int64_t begin_ms = 0;
    std::int64_t end_ms = 0;
    std::size_t limit = 10000;
    /// Page cursor: only packets strictly after (data_time_ms, id) in that order.
    std::optional<std::int64_t> after_data_time_ms;
    std::int64_t after_id = 0;
};

struct StoredPacket {
    PacketId id = 0;
    std::int64_t received_ms = 0;
    std::optional<std::int64_t> data_time_ms;
    std::string mn, st, cn, qn;
    std::optional<unsigned> flag;
    std::string version;
    Source source;
    bool parse_ok = false;
    bool backfill = false;
    std::int64_t n_values = 0;
    std::int64_t n_abnormal = 0;
    std::string raw;
};

/// Packets of one MN and CN with DataTime in [begin, end], ordered by DataTime then arrival.
StoreResult<std::vector<StoredPacket>> history(Database& db, const HistoryRequest& request);
StoreResult<std::optional<StoredPacket>> packet_by_id(Database& db, PacketId id);

struct SampleRequest {
    std::string mn, cn;
    std::string factor; ///< "" for every factor
    std::string suffix; ///< "" for every suffix
    std::int64_t begin_ms = 0;
    std::int64_t end_ms = 0;
    std::size_t limit = 100000;
};

struct StoredSample {
    PacketId packet_id = 0;
    std::string factor, suffix;
    double value = 0;
    std::string flag; ///< "" when the packet had no Flag for this factor
    std::int64_t data_time_ms = 0;
    std::optional<bool> valid; ///< the stored verdict; nullopt for rows written without one
    std::string reason;        ///< its reason name; "" without a verdict
};

/// Values ordered by DataTime, then factor, then arrival.
StoreResult<std::vector<StoredSample>> samples(Database& db, const SampleRequest& request);

struct DailyCount {
    std::int64_t day_start_ms = 0; ///< site-local midnight
    std::string factor;
    std::int64_t received = 0; ///< distinct DataTimes with a value (resends counted once)
    std::int64_t normal = 0;   ///< of those, flagged N or unflagged
};

/// Per site-local day and factor, for values of `suffix` (e.g. "Avg" of CN 2061 for the
/// hourly transmission rate), DataTime in [begin, end].
StoreResult<std::vector<DailyCount>> daily_counts(Database& db, std::string_view mn,
                                                  std::string_view cn, std::string_view suffix,
                                                  std::int64_t begin_ms, std::int64_t end_ms);

} // namespace hj212gw::storage
