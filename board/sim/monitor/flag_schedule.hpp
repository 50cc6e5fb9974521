#pragma once
// When a monitor's data is not normal: the analysers calibrate for one hour every day at a
// fixed hour (flag C), and now and then the station is under maintenance for an hour or two
// (flag M, chosen per day from the seed). Everything else is N.
#include <cstdint>
#include <optional>

namespace hj212gw::sim {

struct FlagScheduleSettings {
    int calibration_hour = 2; ///< 0..23; -1: never calibrate
    /// Chance that a given day has one maintenance window (1 or 2 hours, never overlapping
    /// the calibration hour).
    double maintenance_per_day = 0.15;
};

struct MaintenanceWindow {
    int start_hour = 0;
    int hours = 1;
};

class FlagSchedule {
public:
    FlagSchedule(FlagScheduleSettings settings, std::uint64_t seed);

    /// The data flag at local time t_ms for a factor (calibrated: an analyser that calibrates).
    char flag_at(std::int64_t t_ms, bool calibrated) const noexcept;

    /// The maintenance window of the day containing t_ms, if that day has one.
    std::optional<MaintenanceWindow> maintenance_on(std::int64_t t_ms) const noexcept;

    const FlagScheduleSettings& settings() const noexcept { return settings_; }

private:
    FlagScheduleSettings settings_;
    std::uint64_t seed_;
};

} // namespace hj212gw::sim
