#include "averaging/rules.hpp"

#include <hj212/codes.hpp>

#include <algorithm>
#include <array>

namespace hj212gw::averaging {

char effective_flag(const Sample& sample) noexcept {
    if (sample.valid) return 'N';
    return sample.flag == 'N' ? 'D' : sample.flag;
}

char roll_up_water_flag(std::span<const char> flags) noexcept {
    std::array<int, 256> counts{};
    char best = 'N';
    int best_count = 0;
    for (char f : flags) {
        if (f == 'N') continue;
        const int n = ++counts[static_cast<unsigned char>(f)];
        if (n > best_count) { // strictly more: an earlier letter keeps a tie
            best = f;
            best_count = n;
        }
    }
    return best;
}

bool gas_share_normal(int normal, int total) noexcept {
    return total > 0 && 4 * normal >= 3 * total;
}

void finish_validity(FactorResult& result, SourceKind kind, std::span<const char> flags,
                     int required) noexcept {
    const bool enough = result.valid_count >= required;
    if (kind == SourceKind::water) {
        result.valid = enough;
        result.flag = roll_up_water_flag(flags);
        return;
    }
    const auto normal = static_cast<int>(std::count(flags.begin(), flags.end(), 'N'));
    result.valid = enough && gas_share_normal(normal, static_cast<int>(flags.size()));
    result.flag = result.valid ? 'N' : 'D';
}

int required_samples(const AveragingConfig& config) noexcept {
    return std::max(1, config.thresholds.samples_per_minute * config.min_interval_minutes);
}

int required_children(const AveragingConfig& config, IntervalKind parent) noexcept {
    if (parent == IntervalKind::day) return std::max(1, config.thresholds.day_valid_hours);
    // Valid minutes counted in minutes of data: with MinInterval 10, 45 minutes need 5 intervals.
    const int m = config.min_interval_minutes;
    const int minutes = std::max(1, config.thresholds.hour_valid_minutes);
    return (minutes + m - 1) / m;
}

double slice_volume_m3(SourceKind kind, double flow, int slice_seconds) noexcept {
    const double volume = flow * static_cast<double>(slice_seconds);
    return kind == SourceKind::water ? volume * 1e-3 : volume;
}

double amount_kg(SourceKind kind, double weighted_sum) noexcept {
    return kind == SourceKind::water ? weighted_sum * 1e-3 : weighted_sum * 1e-6;
}

bool has_mass_amount(std::string_view code) noexcept {
    const auto* info = hj212::find_pollutant(code);
    return info != nullptr && info->amount_unit == "kg";
}

std::optional<double> reference_oxygen_concentration(double concentration, double o2_reference,
                                                     double o2_measured) noexcept {
    if (o2_measured >= 21.0) return std::nullopt; // no flue gas, the ratio is meaningless
    return concentration * (21.0 - o2_reference) / (21.0 - o2_measured);
}

void apply_reference_oxygen(IntervalResult& interval, const AveragingConfig& config) {
    if (config.kind != SourceKind::gas) return;
    const auto* o2 = interval.find(config.oxygen_factor);
    if (o2 == nullptr || !o2->avg) return;
    const double o2_measured = *o2->avg;
    for (auto& f : interval.factors) {
        const auto* setting = config.find(f.factor);
        if (setting == nullptr || !setting->reference_o2 || !f.avg) continue;
        f.zs_avg = reference_oxygen_concentration(*f.avg, *setting->reference_o2, o2_measured);
    }
}

} // namespace hj212gw::averaging
