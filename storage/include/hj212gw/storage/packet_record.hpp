#pragma once
// What the store keeps of one accepted packet, extracted from its data segment with the
// protocol library's lenient parser. Owning value type: it crosses to the writer thread.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hj212gw::storage {

using PacketId = std::int64_t;

/// Where a packet came from.
struct Source {
    std::string listener; ///< listener name from the configuration
    std::uint16_t port = 0;
    std::string peer; ///< "ip:port" or the serial device
};

/// One numeric value of a CP item `code-Suffix` (Rtd, Avg, Min, Max, Cou, ZsRtd, RS, ...).
struct SampleRecord {
    std::string factor; ///< "w01018"
    std::string suffix; ///< "Avg"
    double value = 0;
    std::string flag; ///< the group's `code-Flag`, "" when absent
    /// The gateway's verdict on the value (validity engine); nullopt when none was given
    /// (stored as NULL: readers fall back to the flag).
    std::optional<bool> valid;
    std::string reason; ///< stable reason name ("valid", "flag_fault", ...); "" with no verdict
};

struct PacketRecord {
    std::string raw; ///< the data segment as received
    std::int64_t received_ms = 0;
    std::optional<std::int64_t> data_time_ms; ///< CP DataTime (site-local ms), if valid
    std::string mn, st, cn, qn;               ///< "" when absent
    std::optional<unsigned> flag;
    std::string version; ///< "2005", "2017", "2025", "unknown"
    Source source;
    bool parse_ok = false;
    bool backfill = false; ///< HJ 212-2025 header RF=1
    std::vector<SampleRecord> samples;
    std::int64_t abnormal = 0; ///< samples whose flag is present and not "N"
};

/// Parses `segment` leniently and extracts what is stored. A segment the lenient parser
/// refuses is still kept (raw text, parse_ok = false): it was accepted by the daemon.
PacketRecord make_packet_record(std::string_view segment, Source source, std::int64_t received_ms);

} // namespace hj212gw::storage
