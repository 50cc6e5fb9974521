#pragma once
// Retention: a disk budget in bytes and a maximum age for delivered data. Delivered packets
// go first (oldest first); undelivered packets are only evicted past the hard limit. Every
// eviction is counted (counters table) and logged as an event. Space is reused inside the file
// (the freelist); the file is never VACUUMed on the hot path.
#include "hj212gw/storage/database.hpp"

#include <cstdint>

namespace hj212gw::storage {

inline constexpr std::uint64_t kDefaultBudgetCap = 1ULL << 30; // 1 GiB

struct RetentionLimits {
    /// 0: min(1 GiB, 80 % of (free space + the current file)).
    std::uint64_t budget_bytes = 0;
    /// Undelivered data is evicted only above this. 0: budget + 25 %, at most 95 % of
    /// (free space + the current file) and never below the budget.
    std::uint64_t hard_limit_bytes = 0;
    /// Delivered packets older than this (by receive time) are evicted even under budget.
    std::int64_t delivered_max_age_ms = 400LL * 24 * 3600 * 1000;
    /// The event log keeps at most this many rows.
    std::int64_t max_events = 100000;
    /// Packets deleted per transaction, so the writer is never blocked for long.
    std::int64_t chunk = 500;
};

struct ResolvedLimits {
    std::uint64_t budget_bytes = 0;
    std::uint64_t hard_limit_bytes = 0;
    std::int64_t delivered_max_age_ms = 0;
    std::int64_t max_events = 0;
    std::int64_t chunk = 500;
};

ResolvedLimits resolve_limits(const RetentionLimits& limits, std::uint64_t free_bytes,
                              std::uint64_t file_bytes) noexcept;

struct EvictionReport {
    std::int64_t delivered_by_age = 0;
    std::int64_t delivered_by_size = 0;
    std::int64_t undelivered = 0; ///< packets still pending for some upstream: data lost
    std::int64_t events = 0;
    std::uint64_t used_before = 0;
    std::uint64_t used_after = 0;
};

/// Bytes in use by live pages (page_count - freelist_count) * page_size.
StoreResult<std::uint64_t> used_bytes(Database& db);

/// Runs every retention rule on the writer connection (outside any transaction; each chunk is
/// its own transaction).
StoreResult<EvictionReport> enforce_retention(Database& db, const ResolvedLimits& limits,
                                              std::int64_t now_ms);

} // namespace hj212gw::storage
