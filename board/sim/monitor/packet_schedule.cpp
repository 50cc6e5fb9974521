#include "sim/monitor/packet_schedule.hpp"

#include "sim/monitor/time_units.hpp"

#include <hj212/datetime.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace hj212gw::sim {

std::string_view command_of(UploadKind kind) noexcept {
    switch (kind) {
    case UploadKind::realtime:
        return "2011";
    case UploadKind::minute:
        return "2051";
    case UploadKind::hourly:
        return "2061";
    case UploadKind::daily:
        return "2031";
    }
    return "";
}

std::string validate(const ScheduleSettings& s) {
    if (s.rtd_interval_s < 1 || s.rtd_interval_s > 3600)
        return "the real-time interval must be 1..3600 seconds";
    if (s.min_interval_min < 1 || s.min_interval_min > 60 || 60 % s.min_interval_min != 0)
        return "the minute interval must divide 60 (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60)";
    if (s.missing_hours < 0 || s.missing_hours > 24) return "missing-hours must be 0..24";
    if (s.flags.calibration_hour < -1 || s.flags.calibration_hour > 23)
        return "the calibration hour must be 0..23 (or -1 for none)";
    if (s.mn.empty()) return "the MN must not be empty";
    if (s.pw.empty()) return "the password must not be empty";
    return {};
}

std::string format_value(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    std::string out(buf);
    // "-0.00" is a valid number but reads as a sign error on a platform's screen.
    if (out.front() == '-' && out.find_first_not_of("-0.") == std::string::npos) out.erase(0, 1);
    return out;
}

PacketSchedule::PacketSchedule(const Profile& profile, ScheduleSettings settings)
    : settings_(std::move(settings)), model_(profile, settings_.seed),
      flags_(settings_.flags, settings_.seed) {
    // Summaries are computed from samples on a grid that contains every real-time instant
    // and every interval boundary, so 2011 values are among the samples 2051 summarises.
    sample_ms_ = std::gcd(rtd_interval_ms(), min_interval_ms());
}

std::int64_t PacketSchedule::rtd_interval_ms() const noexcept {
    return std::int64_t{settings_.rtd_interval_s} * kSecondMs;
}
std::int64_t PacketSchedule::min_interval_ms() const noexcept {
    return std::int64_t{settings_.min_interval_min} * kMinuteMs;
}

std::vector<int> PacketSchedule::missing_hours_of_day(std::int64_t t_ms) const {
    const int count = std::clamp(settings_.missing_hours, 0, 24);
    std::vector<int> hours(24);
    std::iota(hours.begin(), hours.end(), 0);
    // Partial Fisher-Yates with a key per (seed, day): the same hours on every run.
    const auto day = static_cast<std::uint64_t>(day_index(t_ms));
    for (int i = 0; i < count; ++i) {
        const double r =
            unit_random(mix64(settings_.seed ^ 0x4D495353ULL) ^ mix64(day * 31 + unsigned(i)));
        const int j = i + static_cast<int>(r * (24 - i));
        std::swap(hours[static_cast<std::size_t>(i)], hours[static_cast<std::size_t>(j)]);
    }
    hours.resize(static_cast<std::size_t>(count));
    std::sort(hours.begin(), hours.end());
    return hours;
}

hj212::Packet PacketSchedule::header(UploadKind kind, std::int64_t generated_ms) const {
    hj212::Packet p;
    // QN is the generation time; uploads generated at the same instant (a 2011, 2051, 2061
    // and 2031 at midnight) differ in the milliseconds so that every QN, and thus every 9014,
    // is distinct.
    p.qn =
        hj212::DateTime::from_epoch_ms(generated_ms + static_cast<std::int64_t>(kind)).format17();
    p.st = model_.profile().st;
    p.cn = std::string(command_of(kind));
    p.pw = settings_.pw;
    p.mn = settings_.mn;
    p.flag = settings_.flag;
    return p;
}

hj212::Packet PacketSchedule::realtime_packet(std::int64_t t_ms) const {
    hj212::Packet p = header(UploadKind::realtime, t_ms);
    p.cp.push_back({{"DataTime", hj212::DateTime::from_epoch_ms(t_ms).format14()}});
    const Profile& profile = model_.profile();
    for (std::size_t i = 0; i < profile.factors.size(); ++i) {
        const FactorSpec& f = profile.factors[i];
        p.cp.push_back({{f.code + "-Rtd", format_value(model_.value(i, t_ms), f.decimals)},
                        {f.code + "-Flag", std::string(1, flags_.flag_at(t_ms, f.calibrated))}});
    }
    return p;
}

IntervalStats PacketSchedule::minute_stats(std::int64_t start_ms) const {
    return sample_interval(model_, flags_, start_ms, min_interval_ms(), sample_ms_);
}

IntervalStats PacketSchedule::hourly_stats(std::int64_t start_ms) const {
    std::vector<IntervalStats> parts;
    for (std::int64_t t = start_ms; t < start_ms + kHourMs; t += min_interval_ms())
        parts.push_back(minute_stats(t));
    return combine_intervals(parts, model_.profile().normal_share);
}

IntervalStats PacketSchedule::daily_stats(std::int64_t start_ms) const {
    std::vector<IntervalStats> parts;
    for (std::int64_t t = start_ms; t < start_ms + kDayMs; t += kHourMs)
        parts.push_back(hourly_stats(t));
    return combine_intervals(parts, model_.profile().normal_share);
}

hj212::Packet PacketSchedule::summary_packet(UploadKind kind, std::int64_t start_ms,
                                             std::int64_t end_ms,
                                             const IntervalStats& stats) const {
    hj212::Packet p = header(kind, end_ms);
    p.cp.push_back({{"DataTime", hj212::DateTime::from_epoch_ms(start_ms).format14()}});
    const Profile& profile = model_.profile();
    for (std::size_t i = 0; i < profile.factors.size(); ++i) {
        const FactorSpec& f = profile.factors[i];
        const FactorStats& s = stats[i];
        hj212::OwnedGroup g;
        // Item order as in Appendix C.16-C.18: Cou, Min, Avg, Max, Flag.
        if (f.accumulation != Accumulation::none)
            g.push_back({f.code + "-Cou", format_value(s.cou, f.cou_decimals)});
        g.push_back({f.code + "-Min", format_value(s.min, f.decimals)});
        g.push_back({f.code + "-Avg", format_value(s.avg, f.decimals)});
        g.push_back({f.code + "-Max", format_value(s.max, f.decimals)});
        g.push_back({f.code + "-Flag", std::string(1, s.flag)});
        p.cp.push_back(std::move(g));
    }
    return p;
}

Upload PacketSchedule::make_upload(UploadKind kind, std::int64_t data_time_ms) const {
    Upload u;
    u.kind = kind;
    u.data_time_ms = data_time_ms;
    switch (kind) {
    case UploadKind::realtime:
        u.generated_ms = data_time_ms;
        u.packet = realtime_packet(data_time_ms);
        break;
    case UploadKind::minute:
        u.generated_ms = data_time_ms + min_interval_ms();
        u.packet = summary_packet(kind, data_time_ms, u.generated_ms, minute_stats(data_time_ms));
        break;
    case UploadKind::hourly:
        u.generated_ms = data_time_ms + kHourMs;
        u.packet = summary_packet(kind, data_time_ms, u.generated_ms, hourly_stats(data_time_ms));
        break;
    case UploadKind::daily:
        u.generated_ms = data_time_ms + kDayMs;
        u.packet = summary_packet(kind, data_time_ms, u.generated_ms, daily_stats(data_time_ms));
        break;
    }
    return u;
}

std::vector<Upload> PacketSchedule::uploads(std::int64_t from_ms, std::int64_t to_ms,
                                            UploadKinds kinds, std::uint64_t* dropped) const {
    std::vector<Upload> out;
    auto each_end = [&](UploadKind kind, std::int64_t step) {
        if (!kinds.has(kind)) return;
        // Real-time packets are generated at their instant, summaries at their interval's end.
        const std::int64_t lead = kind == UploadKind::realtime ? 0 : step;
        for (std::int64_t t = align_up(from_ms, step); t < to_ms; t += step) {
            const std::int64_t start = t - lead;
            if (kind == UploadKind::hourly) {
                const auto missing = missing_hours_of_day(start);
                if (std::binary_search(missing.begin(), missing.end(), hour_of_day(start))) {
                    if (dropped != nullptr) ++*dropped;
                    continue;
                }
            }
            out.push_back(make_upload(kind, start));
        }
    };
    each_end(UploadKind::realtime, rtd_interval_ms());
    each_end(UploadKind::minute, min_interval_ms());
    each_end(UploadKind::hourly, kHourMs);
    each_end(UploadKind::daily, kDayMs);
    std::stable_sort(out.begin(), out.end(), [](const Upload& a, const Upload& b) {
        if (a.generated_ms != b.generated_ms) return a.generated_ms < b.generated_ms;
        return a.kind < b.kind;
    });
    return out;
}

} // namespace hj212gw::sim
