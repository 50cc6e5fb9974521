#include "averaging/averager.hpp"

#include <utility>

namespace hj212gw::averaging {

Averager::Averager(AveragingConfig config)
    : config_(std::move(config)), minutes_(config_), hours_(config_, IntervalKind::hour),
      days_(config_, IntervalKind::day) {}

std::uint64_t Averager::dropped_late() const noexcept {
    return minutes_.dropped_late() + hours_.dropped_late() + days_.dropped_late();
}

std::vector<IntervalResult> Averager::add(const Sample& sample) {
    std::vector<IntervalResult> out;
    if (!config_.is_averaged(sample.factor)) return out;
    // Close what the sample proves complete; an hour ends with its last minute interval.
    const auto boundary = interval_start(sample.data_time_ms, minutes_.interval_ms());
    cascade(minutes_.close_until(boundary), boundary, out);
    cascade(minutes_.add(sample), boundary, out);
    return out;
}

std::vector<IntervalResult> Averager::close_until(std::int64_t time_ms) {
    std::vector<IntervalResult> out;
    cascade(minutes_.close_until(time_ms), time_ms, out);
    return out;
}

void Averager::cascade(std::vector<IntervalResult> minutes, std::int64_t time_ms,
                       std::vector<IntervalResult>& out) {
    std::vector<IntervalResult> hours;
    for (auto& minute : minutes) {
        for (auto& h : hours_.add(minute))
            hours.push_back(std::move(h));
        out.push_back(std::move(minute));
        for (auto& h : hours_.close_until(out.back().end_ms))
            hours.push_back(std::move(h));
    }
    for (auto& h : hours_.close_until(time_ms))
        hours.push_back(std::move(h));
    for (auto& hour : hours) {
        auto days = days_.add(hour);
        for (auto& d : days_.close_until(hour.end_ms))
            days.push_back(std::move(d));
        out.push_back(std::move(hour));
        for (auto& d : days)
            out.push_back(std::move(d));
    }
    for (auto& d : days_.close_until(time_ms))
        out.push_back(std::move(d));
}

} // namespace hj212gw::averaging
