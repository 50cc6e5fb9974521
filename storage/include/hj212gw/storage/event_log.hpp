#pragma once
// The event log (link up/down, errors, evictions, restarts, quarantines) and the persistent
// counters next to it (evicted packets survive restarts, so "how much did we drop" is
// answerable months later).
#include "hj212gw/storage/database.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hj212gw::storage {

namespace event_kind {
inline constexpr std::string_view start = "start";
inline constexpr std::string_view link_up = "link_up";
inline constexpr std::string_view link_down = "link_down";
inline constexpr std::string_view error = "error";
inline constexpr std::string_view eviction = "eviction";
inline constexpr std::string_view quarantine = "quarantine";
inline constexpr std::string_view disk_full = "disk_full";
inline constexpr std::string_view disk_ok = "disk_ok";
inline constexpr std::string_view upstream_added = "upstream_added";
} // namespace event_kind

namespace counter_name {
inline constexpr std::string_view evicted_delivered = "evicted_delivered";
inline constexpr std::string_view evicted_undelivered = "evicted_undelivered";
inline constexpr std::string_view evicted_events = "evicted_events";
inline constexpr std::string_view quarantines = "quarantines";
} // namespace counter_name

struct Event {
    std::int64_t id = 0;
    std::int64_t time_ms = 0;
    std::string kind;
    std::string detail;
};

Status append_event(Database& db, std::int64_t time_ms, std::string_view kind,
                    std::string_view detail);
/// Newest first; `kind` empty means every kind.
StoreResult<std::vector<Event>> recent_events(Database& db, std::size_t limit,
                                              std::string_view kind = {});

Status add_to_counter(Database& db, std::string_view name, std::int64_t delta);
/// 0 for a counter never incremented.
StoreResult<std::int64_t> read_counter(Database& db, std::string_view name);

} // namespace hj212gw::storage
