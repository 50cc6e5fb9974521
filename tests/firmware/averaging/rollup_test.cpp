#include "averaging/averager.hpp"
#include "averaging/rollup_aggregator.hpp"
#include "averaging_test_support.hpp"

#include <gtest/gtest.h>

namespace hj212gw::averaging {
namespace {

using test::at;
using test::child;
using test::sample;

AveragingConfig gas_config() {
    auto c = AveragingConfig::gas("MN-G");
    c.factors.push_back({"a21026", std::nullopt});
    return c;
}

// An hour of 60 one-minute SO2 values: the first `valid` are 10 mg/m3 (N, 0.06 kg each), the
// rest invalid 99 mg/m3 (D).
IntervalResult gas_hour(int valid) {
    HourAggregator hours(gas_config(), IntervalKind::hour);
    for (int i = 0; i < 60; ++i) {
        const bool ok = i < valid;
        EXPECT_TRUE(hours
                        .add(child(IntervalKind::minute, at(8, i), kMinuteMs, "a21026",
                                   ok ? 10.0 : 99.0, ok, 0.06))
                        .empty());
    }
    auto closed = hours.close_until(at(9, 0));
    EXPECT_EQ(closed.size(), 1U);
    return closed.at(0);
}

TEST(GasHour, FortyFourValidMinutesAreNotEnough) {
    const auto h = gas_hour(44);
    const auto& so2 = h.factors.at(0);
    EXPECT_EQ(so2.valid_count, 44);
    EXPECT_EQ(so2.total_count, 60);
    EXPECT_FALSE(so2.valid); // formula 24 needs k >= 45
    EXPECT_EQ(so2.flag, 'D');
    EXPECT_DOUBLE_EQ(*so2.avg, 10.0); // mean of the valid minutes only
}

TEST(GasHour, FortyFiveValidMinutesMakeAValidHour) {
    const auto h = gas_hour(45);
    EXPECT_EQ(h.kind, IntervalKind::hour);
    EXPECT_EQ(test::data_time(h.start_ms), "20240501080000");
    const auto& so2 = h.factors.at(0);
    EXPECT_EQ(so2.valid_count, 45);
    EXPECT_TRUE(so2.valid); // 45 >= 45 and 45/60 = 75 % normal
    EXPECT_EQ(so2.flag, 'N');
    EXPECT_DOUBLE_EQ(*so2.avg, 10.0); // (45 x 10) / 45; the fifteen 99s are excluded
    EXPECT_DOUBLE_EQ(*so2.max, 10.0);
    EXPECT_NEAR(*so2.cou, 2.7, 1e-9); // 45 valid minutes x 0.06 kg
}

TEST(GasHour, FromRealTimeSamplesThroughThePipeline) {
    // 45 minutes with 12 valid samples (every 5 s) and 15 minutes with 11: hour valid;
    // with one more 11-sample minute it would have 44 valid minutes.
    for (int full : {45, 44}) {
        Averager avg(gas_config());
        std::vector<IntervalResult> out;
        for (int minute = 0; minute < 60; ++minute) {
            const int n = minute < full ? 12 : 11;
            for (int i = 0; i < n; ++i) {
                for (auto& r : avg.add(sample(at(8, minute, 5 * i), "a21026", 20.0 + minute)))
                    out.push_back(std::move(r));
            }
        }
        for (auto& r : avg.close_until(at(9, 0)))
            out.push_back(std::move(r));
        ASSERT_EQ(out.size(), 61U); // 60 minutes, then the hour
        const auto& hour = out.back();
        ASSERT_EQ(hour.kind, IntervalKind::hour);
        const auto& so2 = hour.factors.at(0);
        EXPECT_EQ(so2.valid_count, full);
        EXPECT_EQ(so2.valid, full == 45);
        EXPECT_EQ(so2.flag, full == 45 ? 'N' : 'D');
        // Valid minutes 0..full-1 have means 20..20+full-1: their mean is 20 + (full-1)/2.
        EXPECT_DOUBLE_EQ(*so2.avg, 20.0 + (full - 1) / 2.0);
    }
}

IntervalResult gas_day(int valid_hours) {
    DayAggregator days(gas_config(), IntervalKind::day);
    for (int h = 0; h < 24; ++h) {
        const bool ok = h < valid_hours;
        days.add(child(IntervalKind::hour, at(h, 0), kHourMs, "a21026", ok ? 30.0 : 99.0, ok, 2.7));
    }
    auto closed = days.close_until(at(0, 0, 0, 2));
    EXPECT_EQ(closed.size(), 1U);
    return closed.at(0);
}

TEST(GasDay, NineteenValidHoursAreNotEnough) {
    const auto d = gas_day(19);
    EXPECT_EQ(d.factors.at(0).valid_count, 19);
    EXPECT_FALSE(d.factors.at(0).valid); // formula 25 needs m >= 20
    EXPECT_EQ(d.factors.at(0).flag, 'D');
}

TEST(GasDay, TwentyValidHoursMakeAValidDay) {
    const auto d = gas_day(20);
    EXPECT_EQ(d.kind, IntervalKind::day);
    EXPECT_EQ(test::data_time(d.start_ms), "20240501000000");
    const auto& so2 = d.factors.at(0);
    EXPECT_EQ(so2.valid_count, 20);
    EXPECT_TRUE(so2.valid); // 20 >= 20 and 20/24 = 83 % normal
    EXPECT_EQ(so2.flag, 'N');
    EXPECT_DOUBLE_EQ(*so2.avg, 30.0);
    EXPECT_NEAR(*so2.cou, 54.0, 1e-9); // 20 valid hours x 2.7 kg
}

TEST(WaterHour, FlowWeightedFromMinuteAmounts) {
    auto c = AveragingConfig::water("MN-W", WaterMethod::flow_weighted);
    c.factors.push_back({"w01018", std::nullopt});
    // Minute 1: G = 0.0078 kg over 0.30 m3 (26 mg/L); minute 2: 0.001 kg over 0.10 m3 (10 mg/L).
    auto m1 = child(IntervalKind::minute, at(8, 0), 10 * kMinuteMs, "w01018", 26.0, true, 0.0078);
    m1.factors[0].weighted_sum = 7.8;
    m1.factors[0].paired_volume_m3 = 0.30;
    auto m2 = child(IntervalKind::minute, at(8, 10), 10 * kMinuteMs, "w01018", 10.0, true, 0.001);
    m2.factors[0].weighted_sum = 1.0;
    m2.factors[0].paired_volume_m3 = 0.10;
    m2.factors[0].flag = 'M'; // a maintenance value in minute 2
    const auto h = compute_rollup(c, IntervalKind::hour, at(8, 0), at(9, 0), {m1, m2});
    const auto& cod = h.factors.at(0);
    // Formula 13: C_h = G_h / D_h x 1e3 = (7.8 + 1.0) / (0.30 + 0.10) = 22 mg/L
    // (arithmetic, formula 16, would give (26 + 10) / 2 = 18).
    EXPECT_NEAR(*cod.avg, 22.0, 1e-12);
    EXPECT_NEAR(*cod.cou, 0.0088, 1e-12); // formula 10: 0.0078 + 0.001 kg
    EXPECT_EQ(cod.flag, 'M');             // one abnormal minute flags the hour
    EXPECT_TRUE(cod.valid);

    c.water_method = WaterMethod::arithmetic;
    const auto a = compute_rollup(c, IntervalKind::hour, at(8, 0), at(9, 0), {m1, m2});
    EXPECT_DOUBLE_EQ(*a.factors.at(0).avg, 18.0);
}

TEST(Pipeline, SampleAtTheFullHourClosesMinuteAndHour) {
    auto c = AveragingConfig::water("MN-W", WaterMethod::arithmetic);
    c.factors.push_back({"w01018", std::nullopt});
    Averager avg(c);
    EXPECT_TRUE(avg.add(sample(at(8, 59, 30), "w01018", 12.0)).empty());
    // 09:00:00 belongs to the new hour: it closes the 08:50 minute and the 08:00 hour.
    const auto out = avg.add(sample(at(9, 0, 0), "w01018", 50.0));
    ASSERT_EQ(out.size(), 2U);
    EXPECT_EQ(out[0].kind, IntervalKind::minute);
    EXPECT_EQ(test::data_time(out[0].start_ms), "20240501085000");
    EXPECT_EQ(out[1].kind, IntervalKind::hour);
    EXPECT_EQ(test::data_time(out[1].start_ms), "20240501080000");
    EXPECT_DOUBLE_EQ(*out[1].find("w01018")->avg, 12.0); // the 09:00:00 value is not in it
}

TEST(Pipeline, MidnightClosesTheDay) {
    auto c = AveragingConfig::water("MN-W", WaterMethod::arithmetic);
    c.factors.push_back({"w01018", std::nullopt});
    Averager avg(c);
    avg.add(sample(at(22, 15, 0), "w01018", 10.0)); // hour 22
    avg.add(sample(at(23, 45, 0), "w01018", 30.0)); // closes 22:10 minute and hour 22
    const auto out = avg.close_until(at(0, 0, 0, 2));
    // The 23:40 minute, the 23:00 hour, then the day of 2024-05-01.
    ASSERT_EQ(out.size(), 3U);
    EXPECT_EQ(test::data_time(out[0].start_ms), "20240501234000");
    EXPECT_EQ(out[1].kind, IntervalKind::hour);
    EXPECT_EQ(test::data_time(out[1].start_ms), "20240501230000");
    EXPECT_EQ(out[2].kind, IntervalKind::day);
    EXPECT_EQ(test::data_time(out[2].start_ms), "20240501000000");
    // Formula 17: mean of the two hourly means, (10 + 30) / 2 = 20.
    EXPECT_DOUBLE_EQ(*out[2].find("w01018")->avg, 20.0);
    EXPECT_EQ(out[2].find("w01018")->valid_count, 2);
}

} // namespace
} // namespace hj212gw::averaging
