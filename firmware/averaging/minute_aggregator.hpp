#pragma once
// Minute values (MinInterval) from real-time samples: D.1 formulas 1, 2, 5, 8, 9, 12, 15 (water)
// and D.2.2 formula 23 (flue gas). Sans-I/O: time comes only from the samples and close_until.
#include "averaging/config.hpp"
#include "averaging/interval.hpp"

#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

namespace hj212gw::averaging {

class MinuteAggregator {
public:
    explicit MinuteAggregator(AveragingConfig config);

    /// Feeds one sample (samples in time order). Factors not configured are ignored. A sample in
    /// a later interval first closes the open one, which is returned. A sample earlier than the
    /// open interval (or than an interval already closed) is dropped and counted.
    std::vector<IntervalResult> add(const Sample& sample);

    /// Closes the open interval when it ends at or before `time_ms` (no more data can come).
    std::vector<IntervalResult> close_until(std::int64_t time_ms);

    std::int64_t interval_ms() const noexcept;
    std::uint64_t dropped_late() const noexcept { return dropped_late_; }

private:
    IntervalResult close();

    AveragingConfig config_;
    std::optional<std::int64_t> open_start_;
    std::int64_t closed_until_ =
        std::numeric_limits<std::int64_t>::min(); ///< end of the last closed interval
    std::vector<Sample> samples_;                 ///< of the open interval
    std::uint64_t dropped_late_ = 0;
};

/// The minute result of one interval's samples (exposed for tests and replays).
IntervalResult compute_minute(const AveragingConfig& config, std::int64_t start_ms,
                              std::int64_t end_ms, const std::vector<Sample>& samples);

} // namespace hj212gw::averaging
