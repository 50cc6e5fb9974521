#pragma once
// A verdict on one reported value: valid or not, and why. Nothing is ever deleted; the store
// keeps the verdict next to the value, so the reason names below are stored text and must
// stay stable (add new ones, never rename).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace hj212gw::validity {

enum class Reason : std::uint8_t {
    valid,
    flag_calibration,         ///< C (2017 calibration, 2005 check)
    flag_maintenance,         ///< M
    flag_fault,               ///< D
    flag_stopped,             ///< F (2017 instrument stopped, 2005 source stopped)
    flag_comm_fault,          ///< B (2017)
    flag_manual,              ///< S: value set by hand
    flag_over_range,          ///< T
    flag_power_fault,         ///< P (2005 only)
    flag_unknown,             ///< a letter the packet's edition does not define
    negative,                 ///< below zero where the factor cannot be negative
    below_range,              ///< below the configured instrument range
    above_range,              ///< above the configured instrument range
    stuck,                    ///< the same value for at least the configured run
    zero_flow_with_discharge, ///< a discharge amount (Cou) > 0 while the flow is zero
    not_a_number,             ///< the text is not a number (or NaN/infinity)
};

/// Stable machine name: "valid", "flag_calibration", ..., "not_a_number".
std::string_view to_string(Reason r) noexcept;
/// Inverse of to_string, for reading stored verdicts back; nullopt for a name this build does
/// not know (never silently flag_unknown, which means something else).
std::optional<Reason> reason_from_string(std::string_view name) noexcept;

struct Verdict {
    bool valid = true;
    Reason reason = Reason::valid;
    /// Human-readable specifics for an invalid value ("-0.3 < 0"); empty when valid, so the
    /// normal path does not allocate.
    std::string detail;

    static Verdict ok() { return {}; }
    static Verdict invalid(Reason r, std::string why) { return {false, r, std::move(why)}; }

    friend bool operator==(const Verdict&, const Verdict&) = default;
};

} // namespace hj212gw::validity
