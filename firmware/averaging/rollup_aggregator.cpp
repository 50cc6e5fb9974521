#include "averaging/rollup_aggregator.hpp"

#include "averaging/rules.hpp"

#include <algorithm>
#include <utility>

namespace hj212gw::averaging {

namespace {

FactorResult roll_up_factor(const AveragingConfig& config, IntervalKind level,
                            const std::string& code, const std::vector<IntervalResult>& children) {
    FactorResult r;
    r.factor = code;
    std::vector<char> flags;
    double sum = 0.0;
    int averaged = 0;
    std::optional<double> cou;
    for (const auto& child : children) {
        const auto* c = child.find(code);
        if (c == nullptr) continue;
        ++r.total_count;
        flags.push_back(c->flag);
        // Only valid children enter the means and sums: k (formula 24), m (16), h (17) count
        // the validly measured minute / hour values.
        if (!c->valid) continue;
        ++r.valid_count;
        if (c->avg) {
            sum += *c->avg;
            ++averaged;
        }
        if (c->min) r.min = r.min ? std::min(*r.min, *c->min) : *c->min;
        if (c->max) r.max = r.max ? std::max(*r.max, *c->max) : *c->max;
        if (c->cou) cou = cou.value_or(0.0) + *c->cou; // formulas 3, 4, 10, 11: sums
        r.weighted_sum += c->weighted_sum;
        r.paired_volume_m3 += c->paired_volume_m3;
    }
    if (r.total_count == 0) return r;
    if (averaged > 0) {
        // Formulas 16, 17, 24, 25: the arithmetic mean of the valid child means.
        r.avg = sum / static_cast<double>(averaged);
        // Formulas 13, 14: C = G / D x 1e3 = sum(C_i V_i) / sum(V_i) over the same slices.
        if (code != config.flow_factor && config.kind == SourceKind::water &&
            config.water_method == WaterMethod::flow_weighted && r.paired_volume_m3 > 0.0)
            r.avg = r.weighted_sum / r.paired_volume_m3;
    }
    r.cou = cou;
    finish_validity(r, config.kind, flags, required_children(config, level));
    return r;
}

} // namespace

IntervalResult compute_rollup(const AveragingConfig& config, IntervalKind level,
                              std::int64_t start_ms, std::int64_t end_ms,
                              const std::vector<IntervalResult>& children) {
    IntervalResult out;
    out.kind = level;
    out.start_ms = start_ms;
    out.end_ms = end_ms;
    for (const auto& code : config.ordered_factors()) {
        auto r = roll_up_factor(config, level, code, children);
        if (r.total_count > 0) out.factors.push_back(std::move(r));
    }
    apply_reference_oxygen(out, config);
    return out;
}

RollupAggregator::RollupAggregator(AveragingConfig config, IntervalKind level)
    : config_(std::move(config)), level_(level == IntervalKind::day ? level : IntervalKind::hour) {}

std::int64_t RollupAggregator::interval_ms() const noexcept {
    return level_ == IntervalKind::day ? kDayMs : kHourMs;
}

std::vector<IntervalResult> RollupAggregator::add(const IntervalResult& child) {
    std::vector<IntervalResult> closed;
    const auto start = interval_start(child.start_ms, interval_ms());
    if (start < closed_until_ || (open_start_ && start < *open_start_)) {
        ++dropped_late_;
        return closed;
    }
    if (open_start_ && start != *open_start_) closed.push_back(close());
    open_start_ = start;
    children_.push_back(child);
    return closed;
}

std::vector<IntervalResult> RollupAggregator::close_until(std::int64_t time_ms) {
    std::vector<IntervalResult> closed;
    if (open_start_ && *open_start_ + interval_ms() <= time_ms) closed.push_back(close());
    return closed;
}

IntervalResult RollupAggregator::close() {
    const auto start = *open_start_;
    auto result = compute_rollup(config_, level_, start, start + interval_ms(), children_);
    closed_until_ = start + interval_ms();
    open_start_.reset();
    children_.clear();
    return result;
}

} // namespace hj212gw::averaging
