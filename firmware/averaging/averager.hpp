#pragma once
// One MN's averaging pipeline: real-time samples -> minute intervals -> hours -> days.
// The daemon feeds every sample of a 2011 packet (after the validity verdicts) with add(), calls
// close_until(now) from its timer so the last interval of a silent device still closes, and turns
// each returned interval into a packet with build_packet(). Results come in time order: a minute,
// then the hour it completes, then the day that hour completes.
#include "averaging/config.hpp"
#include "averaging/interval.hpp"
#include "averaging/minute_aggregator.hpp"
#include "averaging/rollup_aggregator.hpp"

#include <cstdint>
#include <vector>

namespace hj212gw::averaging {

class Averager {
public:
    explicit Averager(AveragingConfig config);

    /// Feeds one sample. Samples must come in time order per MN; a sample at time t also proves
    /// every interval ending at or before t complete, so those close first.
    std::vector<IntervalResult> add(const Sample& sample);
    /// Closes every interval that ends at or before `time_ms`.
    std::vector<IntervalResult> close_until(std::int64_t time_ms);

    const AveragingConfig& config() const noexcept { return config_; }
    std::uint64_t dropped_late() const noexcept;

private:
    void cascade(std::vector<IntervalResult> minutes, std::int64_t time_ms,
                 std::vector<IntervalResult>& out);

    AveragingConfig config_;
    MinuteAggregator minutes_;
    HourAggregator hours_;
    DayAggregator days_;
};

} // namespace hj212gw::averaging
