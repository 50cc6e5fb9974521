#include "sim/monitor/flag_schedule.hpp"

#include "sim/monitor/signal_model.hpp"
#include "sim/monitor/time_units.hpp"

namespace hj212gw::sim {

FlagSchedule::FlagSchedule(FlagScheduleSettings settings, std::uint64_t seed)
    : settings_(settings), seed_(seed) {}

std::optional<MaintenanceWindow> FlagSchedule::maintenance_on(std::int64_t t_ms) const noexcept {
    const std::int64_t day = day_index(t_ms);
    const std::uint64_t k = mix64(seed_ ^ 0x4D41494E54ULL ^ mix64(static_cast<std::uint64_t>(day)));
    if (unit_random(k) >= settings_.maintenance_per_day) return std::nullopt;
    MaintenanceWindow w;
    w.hours = unit_random(k + 1) < 0.5 ? 1 : 2;
    // Daytime (08..16), when engineers are on site, away from the calibration hour.
    w.start_hour = 8 + static_cast<int>(unit_random(k + 2) * 8);
    const int cal = settings_.calibration_hour;
    if (cal >= w.start_hour && cal < w.start_hour + w.hours)
        w.start_hour = cal + 1 + w.hours <= 24 ? cal + 1 : cal - w.hours;
    return w;
}

char FlagSchedule::flag_at(std::int64_t t_ms, bool calibrated) const noexcept {
    const int hour = hour_of_day(t_ms);
    if (calibrated && hour == settings_.calibration_hour) return 'C';
    if (const auto w = maintenance_on(t_ms)) {
        if (hour >= w->start_hour && hour < w->start_hour + w->hours) return 'M';
    }
    return 'N';
}

} // namespace hj212gw::sim
