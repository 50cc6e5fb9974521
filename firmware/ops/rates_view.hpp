#pragma once
// The month's hourly picture of each MN x factor for operators: which hours arrived valid,
// arrived invalid, or are missing, with the daily and month-to-date 传输有效率 next to it.
// The status page draws it; /api/rates serves it as JSON; the console prints its figures.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hj212gw::ops {

/// One character per hour of the month in HourGrid::hours.
namespace hour_state {
inline constexpr char valid = 'v';   ///< received, the value counts as valid
inline constexpr char invalid = 'i'; ///< received, but no copy was valid
inline constexpr char missing = 'm'; ///< due and not received
inline constexpr char not_due = '-'; ///< has not ended yet
} // namespace hour_state

struct DayFigures {
    int day = 0; ///< 1..31
    std::int64_t should = 0, received = 0, valid = 0;
    std::optional<double> effective; ///< valid / should, nullopt when nothing was due
};

struct HourGrid {
    std::string mn;
    std::string factor;
    std::string hours;            ///< days_in_month * 24 characters of hour_state
    std::vector<DayFigures> days; ///< the days that have begun, in order
    std::int64_t month_should = 0, month_received = 0, month_valid = 0;
    std::optional<double> month_effective;
};

struct RatesView {
    std::string month;               ///< "2026-11"
    std::int64_t month_start_ms = 0; ///< site-local epoch ms of the 1st, 00:00
    int days_in_month = 0;
    std::int64_t generated_ms = 0; ///< site-local time the view was computed
    std::vector<HourGrid> grids;   ///< ordered by MN, then factor
};

/// {"month":..., "days_in_month":..., "generated":...,
/// "grids":[{"mn","factor","name","name_zh","hours",
///  "month":{should,received,valid,effective_rate}, "days":[{day,should,...}]}]}
std::string rates_json(const RatesView& view);

} // namespace hj212gw::ops
