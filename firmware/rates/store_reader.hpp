#pragma once
// Store adapter: loads the hourly observations (CN 2061, suffix Avg) of a period from the
// gateway's SQLite file over its own read-only connection.
//
// Why not Store::samples(): the rates need what the store's read API does not return - the
// packet's protocol edition (to read its flags), its arrival time, and each upstream's
// acknowledgement - and a report must not start a writer thread or migrate the file of a
// running daemon. So the SQL lives here, over storage's Database wrapper opened by path with
// Mode::read_only (SQLITE_OPEN_READONLY). The daemon keeps the file in WAL mode, so this
// connection reads a consistent snapshot without blocking the daemon's writer.
// Tables used (schema 3, storage/src/schema.cpp; samples.valid NULL
// in rows written before verdicts: then the flag decides): packets, samples, upstreams, deliveries.
#include "rates/rate_model.hpp"

#include "hj212gw/storage/store_error.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace hj212gw::rates {

struct ObservationQuery {
    std::int64_t begin_ms = 0; ///< DataTime range, site-local, inclusive
    std::int64_t end_ms = 0;
    std::string mn;       ///< "" for every MN
    std::string upstream; ///< "" for the device view: no acknowledgements are loaded
};

/// Whether a value's flag counts as valid for the rate: N, or no flag at all (hourly data of
/// many devices carries none; the store counts it as normal too). Letters are read in the
/// packet's edition ("2005", "2017", "2025"); an unknown letter is invalid.
bool flag_counts_as_valid(std::string_view flag, std::string_view version);

/// Reads the observations. Errors: the file is missing or not a gateway database, or the
/// upstream is unknown (the message lists the known ones).
storage::StoreResult<std::vector<HourObservation>>
load_hourly_observations(const std::filesystem::path& db_file, const ObservationQuery& query);

} // namespace hj212gw::rates
