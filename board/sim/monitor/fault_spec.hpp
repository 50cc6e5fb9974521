#pragma once
// --faults: which faults to inject and how often, parsed from
//   missing-hours=3,bad-crc=0.05,garbage=0.02,split=0.1,drip=0.05,disconnect=0.01,wrong-pw=0.01
// missing-hours is a count per simulated day; the others are probabilities per frame (0..1).
#include <hj212/result.hpp>

#include <string>
#include <string_view>

namespace hj212gw::sim {

struct FaultSpec {
    int missing_hours = 0; ///< hourly packets dropped per day, at seeded random hours
    double bad_crc = 0;    ///< frame sent with a wrong CRC
    double garbage = 0;    ///< random bytes written before the frame
    double split = 0;      ///< frame sent in several writes
    double drip = 0;       ///< frame sent byte by byte with small pauses
    double disconnect = 0; ///< connection closed after the frame, then reopened
    double wrong_pw = 0;   ///< frame sent with PW=999999

    bool any() const noexcept;
    /// The canonical text (only the faults that are on), "" when none.
    std::string to_string() const;
};

/// Parses a spec; the error names the offending part and says what was expected.
/// An empty text is "no faults".
hj212::Result<FaultSpec, std::string> parse_fault_spec(std::string_view text);

/// The names --faults accepts, for the help text.
std::string_view fault_spec_help() noexcept;

} // namespace hj212gw::sim
