#include "averaging/minute_aggregator.hpp"

#include "averaging/rules.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace hj212gw::averaging {

namespace {

FactorResult compute_factor(const AveragingConfig& config, const std::string& code,
                            const std::vector<Sample>& samples,
                            const std::map<std::int64_t, double>& slice_volumes) {
    FactorResult r;
    r.factor = code;
    std::vector<char> flags;
    double sum = 0.0;
    const bool is_flow = code == config.flow_factor;
    double volume = 0.0;
    for (const auto& s : samples) {
        if (s.factor != code) continue;
        ++r.total_count;
        flags.push_back(effective_flag(s));
        if (!s.valid) continue;
        ++r.valid_count;
        sum += s.value;
        r.min = r.min ? std::min(*r.min, s.value) : s.value;
        r.max = r.max ? std::max(*r.max, s.value) : s.value;
        if (is_flow) {
            volume += slice_volume_m3(config.kind, s.value, config.slice_seconds);
            continue;
        }
        // G_i needs the flow of the same slice (same DataTime); without a valid flow the slice
        // has no known discharge and adds no amount.
        const auto v = slice_volumes.find(s.data_time_ms);
        if (v == slice_volumes.end()) continue;
        r.weighted_sum += s.value * v->second;
        r.paired_volume_m3 += v->second;
    }
    if (r.total_count == 0) return r;
    if (r.valid_count > 0) {
        // Formulas 15 / 23: C_m = sum(C_i) / n over the valid values.
        r.avg = sum / static_cast<double>(r.valid_count);
        // Formula 12: C_m = G_m / D_m x 1e3 = sum(C_i V_i) / sum(V_i) (the 1e-3 and 1e3 cancel).
        // Without any paired flow the arithmetic mean stands in.
        if (!is_flow && config.kind == SourceKind::water &&
            config.water_method == WaterMethod::flow_weighted && r.paired_volume_m3 > 0.0)
            r.avg = r.weighted_sum / r.paired_volume_m3;
        if (is_flow)
            r.cou = volume; // formula 2: D_m = sum(D_i), m3
        else if (!config.flow_factor.empty() && has_mass_amount(code) && r.paired_volume_m3 > 0.0)
            r.cou = amount_kg(config.kind, r.weighted_sum); // formula 9: G_m = sum(G_i), kg
    }
    finish_validity(r, config.kind, flags, required_samples(config));
    return r;
}

} // namespace

IntervalResult compute_minute(const AveragingConfig& config, std::int64_t start_ms,
                              std::int64_t end_ms, const std::vector<Sample>& samples) {
    IntervalResult out;
    out.kind = IntervalKind::minute;
    out.start_ms = start_ms;
    out.end_ms = end_ms;
    // V_i per slice (DataTime) from the valid flow values.
    std::map<std::int64_t, double> slice_volumes;
    if (!config.flow_factor.empty())
        for (const auto& s : samples)
            if (s.valid && s.factor == config.flow_factor)
                slice_volumes[s.data_time_ms] =
                    slice_volume_m3(config.kind, s.value, config.slice_seconds);
    for (const auto& code : config.ordered_factors()) {
        auto r = compute_factor(config, code, samples, slice_volumes);
        if (r.total_count > 0) out.factors.push_back(std::move(r));
    }
    apply_reference_oxygen(out, config);
    return out;
}

MinuteAggregator::MinuteAggregator(AveragingConfig config) : config_(std::move(config)) {}

std::int64_t MinuteAggregator::interval_ms() const noexcept {
    return config_.min_interval_minutes * kMinuteMs;
}

std::vector<IntervalResult> MinuteAggregator::add(const Sample& sample) {
    std::vector<IntervalResult> closed;
    if (!config_.is_averaged(sample.factor)) return closed;
    const auto start = interval_start(sample.data_time_ms, interval_ms());
    if (start < closed_until_ || (open_start_ && start < *open_start_)) {
        ++dropped_late_;
        return closed;
    }
    if (open_start_ && start != *open_start_) closed.push_back(close());
    open_start_ = start;
    samples_.push_back(sample);
    return closed;
}

std::vector<IntervalResult> MinuteAggregator::close_until(std::int64_t time_ms) {
    std::vector<IntervalResult> closed;
    if (open_start_ && *open_start_ + interval_ms() <= time_ms) closed.push_back(close());
    return closed;
}

IntervalResult MinuteAggregator::close() {
    const auto start = *open_start_;
    auto result = compute_minute(config_, start, start + interval_ms(), samples_);
    closed_until_ = start + interval_ms();
    open_start_.reset();
    samples_.clear();
    return result;
}

} // namespace hj212gw::averaging
