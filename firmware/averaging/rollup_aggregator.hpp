#pragma once
// Hourly values from minute intervals and daily values from hours, as Appendix D does (hours
// aggregate minutes, days aggregate hours, never raw samples): D.1 formulas 3, 4, 6, 7, 10, 11,
// 13, 14, 16, 17 (water) and D.2.2 formulas 24, 25 (flue gas).
#include "averaging/config.hpp"
#include "averaging/interval.hpp"

#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

namespace hj212gw::averaging {

class RollupAggregator {
public:
    /// `level` is IntervalKind::hour (fed minute intervals) or IntervalKind::day (fed hours).
    RollupAggregator(AveragingConfig config, IntervalKind level);

    /// Feeds one closed child interval (children in time order). A child in a later hour/day
    /// first closes the open one. A child earlier than the open interval is dropped and counted.
    std::vector<IntervalResult> add(const IntervalResult& child);
    /// Closes the open interval when it ends at or before `time_ms`.
    std::vector<IntervalResult> close_until(std::int64_t time_ms);

    IntervalKind level() const noexcept { return level_; }
    std::int64_t interval_ms() const noexcept;
    std::uint64_t dropped_late() const noexcept { return dropped_late_; }

private:
    IntervalResult close();

    AveragingConfig config_;
    IntervalKind level_;
    std::optional<std::int64_t> open_start_;
    std::int64_t closed_until_ = std::numeric_limits<std::int64_t>::min();
    std::vector<IntervalResult> children_;
    std::uint64_t dropped_late_ = 0;
};

using HourAggregator = RollupAggregator;
using DayAggregator = RollupAggregator;

/// The hour or day result of its child intervals (exposed for tests and replays).
IntervalResult compute_rollup(const AveragingConfig& config, IntervalKind level,
                              std::int64_t start_ms, std::int64_t end_ms,
                              const std::vector<IntervalResult>& children);

} // namespace hj212gw::averaging
