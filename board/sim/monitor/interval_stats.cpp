#include "sim/monitor/interval_stats.hpp"

#include <algorithm>
#include <array>
#include <limits>

namespace hj212gw::sim {

char combined_flag(std::span<const char> flags, double normal_share) {
    if (flags.empty()) return 'N';
    std::array<std::size_t, 128> counts{};
    for (char f : flags)
        counts[static_cast<unsigned char>(f) & 0x7FU]++;
    const double share = static_cast<double>(counts['N']) / static_cast<double>(flags.size());
    // A tiny tolerance so that "all normal" (share 1.0) compares as it reads.
    if (share + 1e-9 >= normal_share) return 'N';
    char worst = 'N';
    std::size_t most = 0;
    for (char f : flags) {
        const std::size_t n = counts[static_cast<unsigned char>(f) & 0x7FU];
        if (f != 'N' && n > most) {
            most = n;
            worst = f;
        }
    }
    return worst;
}

IntervalStats sample_interval(const SignalModel& model, const FlagSchedule& flags,
                              std::int64_t start_ms, std::int64_t length_ms,
                              std::int64_t sample_ms) {
    const Profile& profile = model.profile();
    const std::size_t n = profile.factors.size();
    const std::int64_t count = std::max<std::int64_t>(1, length_ms / sample_ms);
    const double dt_s = static_cast<double>(sample_ms) / 1000.0;
    IntervalStats out(n);
    for (std::size_t i = 0; i < n; ++i) {
        const FactorSpec& f = profile.factors[i];
        FactorStats& s = out[i];
        s.min = std::numeric_limits<double>::max();
        s.max = std::numeric_limits<double>::lowest();
        double sum = 0;
        double cou = 0;
        std::vector<char> sample_flags;
        sample_flags.reserve(static_cast<std::size_t>(count));
        for (std::int64_t k = 0; k < count; ++k) {
            const std::int64_t t = start_ms + k * sample_ms;
            const double v = model.value(i, t);
            sum += v;
            s.min = std::min(s.min, v);
            s.max = std::max(s.max, v);
            sample_flags.push_back(flags.flag_at(t, f.calibrated));
            if (f.accumulation == Accumulation::volume) {
                cou += v * dt_s * f.cou_scale;
            } else if (f.accumulation == Accumulation::emission && profile.flow_factor >= 0) {
                const auto flow_index = static_cast<std::size_t>(profile.flow_factor);
                const FactorSpec& flow = profile.factors[flow_index];
                const double volume_m3 = model.value(flow_index, t) * dt_s * flow.cou_scale;
                cou += v * volume_m3 * f.cou_scale;
            }
        }
        s.avg = sum / static_cast<double>(count);
        if (f.accumulation == Accumulation::counter) {
            cou = model.value(i, start_ms + length_ms) - model.value(i, start_ms);
        }
        s.cou = cou;
        s.flag = combined_flag(sample_flags, profile.normal_share);
        s.normal_share =
            static_cast<double>(std::count(sample_flags.begin(), sample_flags.end(), 'N')) /
            static_cast<double>(count);
    }
    return out;
}

IntervalStats combine_intervals(std::span<const IntervalStats> parts, double normal_share) {
    if (parts.empty()) return {};
    const std::size_t n = parts.front().size();
    IntervalStats out(n);
    std::vector<char> part_flags;
    for (std::size_t i = 0; i < n; ++i) {
        FactorStats& s = out[i];
        s.min = std::numeric_limits<double>::max();
        s.max = std::numeric_limits<double>::lowest();
        double sum = 0;
        part_flags.clear();
        for (const IntervalStats& p : parts) {
            sum += p[i].avg;
            s.min = std::min(s.min, p[i].min);
            s.max = std::max(s.max, p[i].max);
            s.cou += p[i].cou;
            part_flags.push_back(p[i].flag);
        }
        s.avg = sum / static_cast<double>(parts.size());
        s.flag = combined_flag(part_flags, normal_share);
        s.normal_share =
            static_cast<double>(std::count(part_flags.begin(), part_flags.end(), 'N')) /
            static_cast<double>(parts.size());
    }
    return out;
}

} // namespace hj212gw::sim
