#pragma once
// Runs the simulated monitor: history replay, then live uploads, over a link with reconnect,
// a bounded window of unacknowledged uploads, fault injection and a summary at the end.
#include "sim/monitor/monitor_options.hpp"

#include <atomic>
#include <cstdint>
#include <iosfwd>
#include <string>

namespace hj212gw::sim {

struct RunSummary {
    std::uint64_t sent = 0, realtime = 0, minute = 0, hourly = 0, daily = 0;
    std::uint64_t acked = 0, unacked = 0, replies = 0, connects = 0;
    std::uint64_t faults = 0;
    std::string fault_detail;
};

/// Exit codes: 0 done, 1 runtime failure, 2 bad options.
struct RunResult {
    int exit_code = 0;
    std::string error;
    RunSummary summary;
};

/// Blocks until the run ends (duration, count, or `stop` becoming true).
RunResult run_monitor(const MonitorOptions& options, const std::atomic<bool>& stop,
                      std::ostream& out);

} // namespace hj212gw::sim
