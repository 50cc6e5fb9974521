#include "sim/monitor/flag_schedule.hpp"
#include "sim/monitor/interval_stats.hpp"
#include "sim/monitor/packet_schedule.hpp"
#include "sim/monitor/time_units.hpp"

#include <gtest/gtest.h>

namespace hj212gw::sim {
namespace {

constexpr std::int64_t kDay = 1'767'225'600'000; // 2026-01-01 00:00 site time

TEST(FlagSchedule, CalibrationHourIsFlaggedCForAnalysersOnly) {
    const FlagSchedule flags({.calibration_hour = 3, .maintenance_per_day = 0}, 1);
    for (int d = 0; d < 10; ++d) {
        for (int h = 0; h < 24; ++h) {
            const std::int64_t t = kDay + d * kDayMs + h * kHourMs + 17 * kMinuteMs;
            EXPECT_EQ(flags.flag_at(t, true), h == 3 ? 'C' : 'N') << d << " " << h;
            EXPECT_EQ(flags.flag_at(t, false), 'N');
        }
    }
}

TEST(FlagSchedule, MaintenanceHappensNowAndThenInDaytimeWindows) {
    const FlagSchedule flags({.calibration_hour = 2, .maintenance_per_day = 0.3}, 9);
    int days_with = 0;
    for (int d = 0; d < 200; ++d) {
        const std::int64_t day = kDay + d * kDayMs;
        const auto w = flags.maintenance_on(day);
        if (!w) continue;
        ++days_with;
        EXPECT_GE(w->start_hour, 8);
        EXPECT_LE(w->start_hour + w->hours, 24);
        for (int h = 0; h < 24; ++h) {
            const bool in = h >= w->start_hour && h < w->start_hour + w->hours;
            EXPECT_EQ(flags.flag_at(day + h * kHourMs, false), in ? 'M' : 'N');
        }
    }
    EXPECT_GT(days_with, 30);
    EXPECT_LT(days_with, 90);
}

TEST(FlagSchedule, PacketsOfTheCalibrationHourCarryC) {
    ScheduleSettings s;
    s.flags = {.calibration_hour = 2, .maintenance_per_day = 0};
    const PacketSchedule schedule(make_profile(ProfileKind::water), s);
    const auto cal = schedule.make_upload(UploadKind::hourly, kDay + 2 * kHourMs).packet;
    EXPECT_EQ(*cal.find("w01018-Flag"), "C");
    EXPECT_EQ(*cal.find("w21003-Flag"), "C");
    EXPECT_EQ(*cal.find("w00000-Flag"), "N"); // the flow meter does not calibrate
    const auto normal = schedule.make_upload(UploadKind::hourly, kDay + 5 * kHourMs).packet;
    EXPECT_EQ(*normal.find("w01018-Flag"), "N");
    const auto rt = schedule.make_upload(UploadKind::realtime, kDay + 2 * kHourMs + 30000).packet;
    EXPECT_EQ(*rt.find("w01018-Flag"), "C");
    // Waste water: one abnormal hour flags the day (HJ 212 C.18 note).
    const auto day = schedule.make_upload(UploadKind::daily, kDay).packet;
    EXPECT_EQ(*day.find("w01018-Flag"), "C");
    EXPECT_EQ(*day.find("w00000-Flag"), "N");
}

TEST(CombinedFlag, WaterNeedsAllNormalGasSeventyFivePercent) {
    const std::vector<char> one_bad{'N', 'N', 'N', 'C'};
    EXPECT_EQ(combined_flag(one_bad, 1.0), 'C');
    EXPECT_EQ(combined_flag(one_bad, 0.75), 'N');
    const std::vector<char> half{'N', 'M', 'M', 'C'};
    EXPECT_EQ(combined_flag(half, 0.75), 'M');
}

} // namespace
} // namespace hj212gw::sim
