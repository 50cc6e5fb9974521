#pragma once
// What the simulated platform prints and writes: one line per packet (--verbose), the rate
// table per MN x factor, the script summary, and the JSON document of --json (read by tests and
// by the demo's live summary).
#include "sim/platform/flow_check.hpp"
#include "sim/platform/platform_session.hpp"
#include "sim/platform/rate_counter.hpp"

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace hj212gw::sim {

struct PlatformReport {
    std::int64_t now_civil_ms = 0;
    std::size_t connections = 0; ///< gateways accepted so far
    std::vector<ReceivedPacket> packets;
    std::vector<FactorRate> rates;
    std::vector<FlowResult> flows;
    std::size_t commands_sent = 0;
    std::uint64_t stream_errors = 0;
    std::uint64_t parse_errors = 0;

    std::size_t flows_passed() const noexcept;
    std::size_t flows_failed() const noexcept; ///< failed or not sent
};

/// "20260101120000.123 10.0.0.2:5123 CN=2061 MN=... QN=... Flag=5 ack=sent".
std::string format_packet_line(const ReceivedPacket& p);

void print_rate_table(std::ostream& out, const std::vector<FactorRate>& rates);
void print_flow_summary(std::ostream& out, const PlatformReport& report);

/// The whole report as one JSON object (UTF-8 passes through; control characters escaped).
std::string to_json(const PlatformReport& report);

/// Writes to PATH.tmp and renames, so a reader never sees half a document. False on error.
bool write_file_atomically(const std::string& path, const std::string& text);

} // namespace hj212gw::sim
