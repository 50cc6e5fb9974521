#include "averaging/config.hpp"

#include <algorithm>
#include <utility>

namespace hj212gw::averaging {

AveragingConfig AveragingConfig::water(std::string mn, WaterMethod method) {
    AveragingConfig c;
    c.mn = std::move(mn);
    c.kind = SourceKind::water;
    c.flow_factor = "w00000";
    c.water_method = method;
    return c;
}

AveragingConfig AveragingConfig::gas(std::string mn) {
    AveragingConfig c;
    c.mn = std::move(mn);
    c.kind = SourceKind::gas;
    c.min_interval_minutes = 1;
    c.slice_seconds = 5; // D.2.2: instantaneous values at most every 5 s
    c.flow_factor = "a00000";
    c.thresholds = Thresholds{12, 45, 20};
    return c;
}

bool AveragingConfig::any_reference_o2() const noexcept {
    return std::any_of(factors.begin(), factors.end(),
                       [](const FactorSetting& f) { return f.reference_o2.has_value(); });
}

std::vector<std::string> AveragingConfig::ordered_factors() const {
    std::vector<std::string> out;
    auto push = [&out](const std::string& code) {
        if (!code.empty() && std::find(out.begin(), out.end(), code) == out.end())
            out.push_back(code);
    };
    push(flow_factor);
    for (const auto& f : factors)
        push(f.code);
    if (kind == SourceKind::gas && any_reference_o2()) push(oxygen_factor);
    return out;
}

bool AveragingConfig::is_averaged(std::string_view code) const noexcept {
    if (code.empty()) return false;
    if (code == flow_factor) return true;
    if (find(code) != nullptr) return true;
    return kind == SourceKind::gas && code == oxygen_factor && any_reference_o2();
}

const FactorSetting* AveragingConfig::find(std::string_view code) const noexcept {
    for (const auto& f : factors)
        if (f.code == code) return &f;
    return nullptr;
}

std::optional<std::string> validate(const AveragingConfig& config) {
    if (config.mn.empty()) return "averaging: MN is empty";
    const int m = config.min_interval_minutes;
    if (m <= 0 || 60 % m != 0)
        return "averaging: MinInterval must divide 60 minutes (1, 2, 3, 5, 10, 15, 30, 60)";
    if (config.slice_seconds <= 0) return "averaging: slice_seconds must be positive";
    if (config.decimals < 0 || config.decimals > 6) return "averaging: decimals must be 0..6";
    for (const auto& f : config.factors) {
        if (f.code.empty()) return "averaging: empty factor code";
        if (!f.reference_o2) continue;
        if (config.kind != SourceKind::gas)
            return "averaging: reference O2 (ZsAvg) is for flue gas only (" + f.code + ")";
        if (*f.reference_o2 < 0.0 || *f.reference_o2 >= 21.0)
            return "averaging: reference O2 of " + f.code + " must be in [0, 21)";
        if (config.oxygen_factor.empty())
            return "averaging: ZsAvg of " + f.code + " needs the O2 factor";
    }
    const auto& t = config.thresholds;
    if (t.samples_per_minute < 0 || t.hour_valid_minutes < 0 || t.hour_valid_minutes > 60 ||
        t.day_valid_hours < 0 || t.day_valid_hours > 24)
        return "averaging: thresholds out of range";
    return std::nullopt;
}

} // namespace hj212gw::averaging
