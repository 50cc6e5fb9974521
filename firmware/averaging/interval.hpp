#pragma once
// Value types that flow through the averaging pipeline: real-time samples in, closed intervals
// (minute / hour / day results per factor) out.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hj212gw::averaging {

/// One real-time value (a 2011 xxxxxx-Rtd with its -Flag). Validity is decided upstream (the
/// validity component): `valid` says whether the value counts, `flag` is its data flag letter.
struct Sample {
    std::int64_t data_time_ms = 0; ///< DataTime, hj212::DateTime::to_epoch_ms (site clock)
    std::string factor;
    double value = 0.0;
    char flag = 'N';
    bool valid = true;
};

enum class IntervalKind : std::uint8_t { minute, hour, day };
std::string_view to_string(IntervalKind kind) noexcept;

inline constexpr std::int64_t kMinuteMs = 60'000;
inline constexpr std::int64_t kHourMs = 3'600'000;
inline constexpr std::int64_t kDayMs = 86'400'000;

/// Start of the interval of length `length_ms` that holds `time_ms`. Intervals are aligned to the
/// site clock (00:00, 00:10, ...), and half-open: a value at exactly hh:00:00 opens the new hour.
constexpr std::int64_t interval_start(std::int64_t time_ms, std::int64_t length_ms) noexcept {
    const std::int64_t r = time_ms % length_ms;
    return r < 0 ? time_ms - r - length_ms : time_ms - r;
}

/// One factor's result for one closed interval.
struct FactorResult {
    std::string factor;
    std::optional<double> avg, min, max; ///< from valid data only; absent when there is none
    std::optional<double> cou;           ///< flow: volume (m3); pollutant with an amount: kg
    std::optional<double> zs_avg; ///< reference-oxygen converted mean (gas, where configured)
    int valid_count = 0;          ///< minute: valid samples; hour: valid minutes; day: valid hours
    int total_count = 0;          ///< every sample / child interval that carried the factor
    char flag = 'N';              ///< rolled-up flag (C.16-C.18 notes)
    bool valid = false; ///< enough valid data (and, for gas, the 75 % rule: then flag is N)

    // Carried up to the next level, not emitted (flow-weighted means, D.1.2.3):
    double weighted_sum = 0.0;     ///< sum of C_i x V_i over slices with valid C and valid flow
    double paired_volume_m3 = 0.0; ///< sum of V_i over the same slices
};

struct IntervalResult {
    IntervalKind kind = IntervalKind::minute;
    std::int64_t start_ms = 0; ///< DataTime of the 2051/2061/2031: the interval start
    std::int64_t end_ms = 0;   ///< exclusive
    std::vector<FactorResult> factors;

    const FactorResult* find(std::string_view factor) const noexcept;
};

} // namespace hj212gw::averaging
