#pragma once
// The gateway's status, written every second to the data directory as status.json (for the
// demo, scripts and monitoring) and status.txt (aligned, 80 columns, for people: what
// `hj212gw status` prints). Written atomically (temp file + rename): a reader never sees half.
#include "net/device_registry.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace hj212gw::daemon {

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
    std::int64_t pending = 0; ///< in the store's queue, not yet acknowledged
    std::optional<std::int64_t> oldest_open_id;
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

struct GatewayStatus {
    std::string version;
    std::string mn;
    std::int64_t started_ms = 0; ///< civil time
    std::int64_t now_ms = 0;
    std::int64_t clock_offset_ms = 0;
    bool disk_alarm = false;
    std::vector<net::DeviceStatus> devices;
    std::vector<UpstreamStatus> upstreams;
    std::vector<RateStatus> rates; ///< computed once a minute (empty before the first)
};

std::string status_json(const GatewayStatus& s);
std::string status_text(const GatewayStatus& s);
/// Writes `text` to dir/name through a temporary file and a rename.
bool write_atomically(const std::filesystem::path& dir, const std::string& name,
                      const std::string& text);

} // namespace hj212gw::daemon
