#pragma once
// Minute, hourly and daily summaries of the underlying series. A minute interval is computed
// from the instantaneous samples; an hour is combined from its minute intervals and a day from
// its hours, so an hourly Avg is exactly the mean of the minute Avgs it summarises and an
// hourly Cou exactly their sum (HJ 212 Appendix D averages of the same series).
#include "sim/monitor/flag_schedule.hpp"
#include "sim/monitor/signal_model.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace hj212gw::sim {

struct FactorStats {
    double avg = 0, min = 0, max = 0;
    double cou = 0; ///< meaningful when the factor's accumulation is not none
    char flag = 'N';
    /// Share of the parts (samples, minutes, hours) that were flagged N, for the 75 % rule.
    double normal_share = 1;
};

/// One summary: a value per factor of the profile, in profile order.
using IntervalStats = std::vector<FactorStats>;

/// Summary of [start_ms, start_ms + length_ms) from samples every sample_ms.
IntervalStats sample_interval(const SignalModel& model, const FlagSchedule& flags,
                              std::int64_t start_ms, std::int64_t length_ms,
                              std::int64_t sample_ms);

/// Summary of equal-length consecutive parts (minutes into an hour, hours into a day).
/// `normal_share` is the profile's rule: the share of normal parts needed for a normal whole.
IntervalStats combine_intervals(std::span<const IntervalStats> parts, double normal_share);

/// The flag of a whole from its parts' flags: N when the share of N parts reaches
/// `normal_share`, otherwise the most frequent abnormal flag (C during calibration, ...).
char combined_flag(std::span<const char> flags, double normal_share);

} // namespace hj212gw::sim
