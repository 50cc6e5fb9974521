#pragma once
// What a running gateway reports about itself: one snapshot per second, shown by the status
// files, the console, the HTTP status page, /api/status and /metrics. Plain values only, so the
// operators' surfaces depend on this and nothing else of the daemon.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hj212gw::ops {

/// One device connection (TCP peer or serial port).
struct DeviceStatus {
    std::string peer;
    std::string via;              ///< listener or serial port name
    std::vector<std::string> mns; ///< device MNs seen on it
    std::uint64_t bytes = 0;
    std::uint64_t frames = 0;
    std::uint64_t stored = 0;
    std::uint64_t acked = 0;
    std::uint64_t errors = 0;        ///< frame errors + bad segments + rejections
    std::int64_t last_packet_ms = 0; ///< civil time of the last packet, 0: none yet
    /// errors by kind: deframe error names, bad_segment, rejected, store_failed (non-zero only)
    std::map<std::string, std::uint64_t> errors_by_kind;
};

/// One platform link and its delivery queue.
struct UpstreamStatus {
    std::string name;
    std::string endpoint; ///< host:port
    std::string state;    ///< up, connecting, down
    std::uint64_t in_flight = 0;
    std::uint64_t sent = 0;
    std::uint64_t resent = 0;
    std::uint64_t acked = 0;
    std::uint64_t timeouts = 0;
    std::uint64_t connects = 0;
    std::optional<std::int64_t> rtt_ms;
    std::int64_t pending = 0; ///< in the store's queue, not yet acknowledged (incl. in flight)
    std::optional<std::int64_t> oldest_open_id;
    /// How long the oldest unacknowledged packet has waited (gateway clock), nullopt: none.
    std::optional<std::int64_t> oldest_pending_age_ms;
};

/// One MN x factor's transmission-effective rate (传输有效率) figures, from the store.
struct RateStatus {
    std::string mn;
    std::string factor;
    std::int64_t today_should = 0, today_received = 0, today_valid = 0;
    std::int64_t month_should = 0, month_received = 0, month_valid = 0;
    std::optional<double> today_effective; ///< valid / should; nullopt when nothing was due
    std::optional<double> month_effective;
};

/// The store's file and what retention had to give up.
struct StoreStatus {
    std::uint64_t file_bytes = 0;         ///< database + WAL
    std::uint64_t disk_free_bytes = 0;    ///< on the data partition
    std::uint64_t disk_total_bytes = 0;   ///< of the data partition
    std::int64_t evicted_delivered = 0;   ///< since the database was created
    std::int64_t evicted_undelivered = 0; ///< lost before a platform acknowledged them
};

/// Since the start, over every device connection (closed ones included).
struct DeviceTotalsStatus {
    std::uint64_t connections = 0;
    std::uint64_t bytes = 0;
    std::uint64_t frames = 0;
    std::uint64_t stored = 0;
    std::map<std::string, std::uint64_t> errors_by_kind;
};

struct GatewayStatus {
    std::string version;
    std::string mn;
    std::int64_t started_ms = 0; ///< civil time
    std::int64_t now_ms = 0;
    std::int64_t clock_offset_ms = 0;
    bool disk_alarm = false;
    StoreStatus store;
    DeviceTotalsStatus device_totals;
    std::vector<DeviceStatus> devices;
    std::vector<UpstreamStatus> upstreams;
    std::vector<RateStatus> rates; ///< computed once a minute (empty before the first)
};

} // namespace hj212gw::ops
