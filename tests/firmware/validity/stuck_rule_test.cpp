// Rule 5: a stuck value. Default: 6 h from the run's first DataTime, at least 7 values.
#include "test_time.hpp"
#include "validity/engine.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace hj212gw::validity {
namespace {

using test::at;
using test::kHour;
using test::kMinuteMs;

// Feeds `values` at hourly DataTimes from `start`; returns each verdict's reason.
std::vector<Reason> hourly(ValidityEngine& engine, std::int64_t start,
                           const std::vector<double>& values, std::string_view factor = "w01018",
                           std::string_view suffix = "Avg") {
    std::vector<Reason> reasons;
    for (std::size_t i = 0; i < values.size(); ++i)
        reasons.push_back(engine
                              .judge("MN1", factor, suffix, values[i], 'N',
                                     start + static_cast<std::int64_t>(i) * kHour, 1)
                              .reason);
    return reasons;
}

constexpr Reason V = Reason::valid;
constexpr Reason S = Reason::stuck;

TEST(StuckRule, SeventhEqualHourlyValueIsTheFirstStuck) {
    ValidityEngine engine;
    // 00:00 .. 07:00: the value at 06:00 closes 6 h of the same value.
    const auto r =
        hourly(engine, at(2026, 3, 1, 0), {12.5, 12.5, 12.5, 12.5, 12.5, 12.5, 12.5, 12.5});
    EXPECT_EQ(r, (std::vector<Reason>{V, V, V, V, V, V, S, S}));
}

TEST(StuckRule, SixEqualValuesSpanningFiveHoursAreNotStuck) {
    ValidityEngine engine;
    const auto r = hourly(engine, at(2026, 3, 1, 0), {12.5, 12.5, 12.5, 12.5, 12.5, 12.5, 13.0});
    EXPECT_EQ(r, (std::vector<Reason>{V, V, V, V, V, V, V}));
}

TEST(StuckRule, RunCrossesMidnight) {
    ValidityEngine engine;
    // 21:00 on the 1st to 03:00 on the 2nd is 6 h; the 03:00 value is stuck.
    const auto r = hourly(engine, at(2026, 3, 1, 21), {40.1, 40.1, 40.1, 40.1, 40.1, 40.1, 40.1});
    EXPECT_EQ(r, (std::vector<Reason>{V, V, V, V, V, V, S}));
    const Verdict v = engine.judge("MN1", "w01018", "Avg", 40.1, 'N', at(2026, 3, 2, 4), 1);
    EXPECT_EQ(v.reason, Reason::stuck);
    EXPECT_EQ(v.detail, "40.1 unchanged since 20260301210000 (8 values)");
}

TEST(StuckRule, RunAcrossMonthAndYearEnd) {
    ValidityEngine engine;
    const auto r = hourly(engine, at(2025, 12, 31, 20), {7, 7, 7, 7, 7, 7, 7});
    EXPECT_EQ(r.back(), Reason::stuck); // 2026-01-01 02:00
}

TEST(StuckRule, ADifferentValueResetsTheRun) {
    ValidityEngine engine;
    // Stuck at 06:00, a change at 07:00 is valid and starts a new run: 07:00 .. 13:00.
    std::vector<double> values(7, 12.5);
    values.insert(values.end(), 7, 12.6);
    const auto r = hourly(engine, at(2026, 3, 1, 0), values);
    EXPECT_EQ(r, (std::vector<Reason>{V, V, V, V, V, V, S, V, V, V, V, V, V, S}));
}

TEST(StuckRule, AChangeInsideTheRunRestartsIt) {
    ValidityEngine engine;
    // 03:00 differs, so the run of 12.5 restarts at 04:00 and is 6 h long only at 10:00.
    const auto r = hourly(engine, at(2026, 3, 1, 0),
                          {12.5, 12.5, 12.5, 9.0, 12.5, 12.5, 12.5, 12.5, 12.5, 12.5, 12.5});
    EXPECT_EQ(r, (std::vector<Reason>{V, V, V, V, V, V, V, V, V, V, S}));
}

TEST(StuckRule, MinuteDataNeedsSixHoursNotSevenValues) {
    ValidityEngine engine;
    const auto start = at(2026, 3, 1, 8);
    Reason at_0559 = V, at_0600 = V;
    for (int m = 0; m <= 360; ++m) {
        const Verdict v = engine.judge("MN1", "a21026", "Rtd", 35.0, 'N', start + m * kMinuteMs, 1);
        if (m == 359) at_0559 = v.reason;
        if (m == 360) at_0600 = v.reason;
    }
    EXPECT_EQ(at_0559, V);
    EXPECT_EQ(at_0600, S);
}

TEST(StuckRule, TooFewValuesAcrossAGapAreNotStuck) {
    ValidityEngine engine;
    // Equal values 3 h apart: 6 h span at the 3rd value, but only 3 values (< 7).
    const auto t = at(2026, 3, 1, 0);
    EXPECT_TRUE(engine.judge("MN1", "w01018", "Avg", 5, 'N', t, 1).valid);
    EXPECT_TRUE(engine.judge("MN1", "w01018", "Avg", 5, 'N', t + 3 * kHour, 1).valid);
    EXPECT_TRUE(engine.judge("MN1", "w01018", "Avg", 5, 'N', t + 6 * kHour, 1).valid);
}

TEST(StuckRule, SuffixesAndMnsAreTrackedSeparately) {
    ValidityEngine engine;
    const auto t = at(2026, 3, 1, 0);
    // Avg stays 12.5 while Max changes every hour: only Avg is stuck.
    for (int h = 0; h <= 6; ++h) {
        const Verdict avg = engine.judge("MN1", "w01018", "Avg", 12.5, 'N', t + h * kHour, 1);
        const Verdict max = engine.judge("MN1", "w01018", "Max", 13.0 + h, 'N', t + h * kHour, 1);
        const Verdict other =
            engine.judge("MN2", "w01018", "Avg", 12.5 + (h == 3 ? 1 : 0), 'N', t + h * kHour, 1);
        EXPECT_EQ(avg.reason, h == 6 ? S : V) << h;
        EXPECT_TRUE(max.valid) << h;
        EXPECT_TRUE(other.valid) << h;
    }
}

TEST(StuckRule, ConditionsAndZeroFlowMayStayConstant) {
    ValidityEngine engine;
    const auto t = at(2026, 3, 1, 0);
    const std::vector<double> ten(10, 10.5);
    EXPECT_EQ(hourly(engine, t, ten, "a19001", "Avg").back(), V); // O2
    EXPECT_EQ(hourly(engine, t, ten, "a01012", "Avg").back(), V); // temperature
    EXPECT_EQ(hourly(engine, t, std::vector<double>(10, 0.0), "w00000", "Avg").back(), V);
    // ...but a constant non-zero flow is a stuck meter.
    EXPECT_EQ(hourly(engine, t, ten, "w00000", "Cou").back(), S);
}

TEST(StuckRule, OffWhenTheRunLengthIsZero) {
    ValidityRules rules;
    FactorRule r;
    r.stuck_run_ms = 0;
    rules.overrides[{"MN1", "w01018"}] = r;
    ValidityEngine engine(rules);
    EXPECT_EQ(hourly(engine, at(2026, 3, 1, 0), std::vector<double>(12, 3.0)).back(), V);
}

TEST(StuckRule, ConfigurableRunAndSampleCount) {
    ValidityRules rules;
    FactorRule r;
    r.stuck_run_ms = 2 * kHour;
    r.stuck_min_samples = 3;
    rules.overrides[{"MN1", "w01018"}] = r;
    ValidityEngine engine(rules);
    EXPECT_EQ(hourly(engine, at(2026, 3, 1, 0), {1, 1, 1, 1}), (std::vector<Reason>{V, V, S, S}));
}

TEST(StuckRule, AResentValueDoesNotLengthenTheRun) {
    ValidityEngine engine;
    const auto t = at(2026, 3, 1, 0);
    for (int h = 0; h <= 5; ++h) {
        EXPECT_TRUE(engine.judge("MN1", "w01018", "Avg", 8, 'N', t + h * kHour, 1).valid);
        // The same packet again: same verdict, still 6 values after 05:00.
        EXPECT_TRUE(engine.judge("MN1", "w01018", "Avg", 8, 'N', t + h * kHour, 1).valid);
    }
    EXPECT_EQ(engine.judge("MN1", "w01018", "Avg", 8, 'N', t + 6 * kHour, 1).reason, S);
    // Re-sent at 06:00: still stuck.
    EXPECT_EQ(engine.judge("MN1", "w01018", "Avg", 8, 'N', t + 6 * kHour, 1).reason, S);
}

TEST(StuckRule, AnOlderValueLeavesTheRunAlone) {
    ValidityEngine engine;
    const auto t = at(2026, 3, 1, 0);
    for (int h = 0; h <= 5; ++h)
        engine.judge("MN1", "w01018", "Avg", 8, 'N', t + h * kHour, 1);
    // A back-filled, different value from yesterday is judged without the stuck rule...
    EXPECT_TRUE(engine.judge("MN1", "w01018", "Avg", 9, 'N', t - 24 * kHour, 1).valid);
    // ...and does not reset today's run.
    EXPECT_EQ(engine.judge("MN1", "w01018", "Avg", 8, 'N', t + 6 * kHour, 1).reason, S);
}

TEST(StuckRule, AFlaggedValueStillCountsAsSensorOutput) {
    ValidityEngine engine;
    const auto t = at(2026, 3, 1, 0);
    // 00:00 .. 05:00 under maintenance (M), then N at 06:00 with the same value: the sensor has
    // output 8 for 6 h, so it is stuck.
    for (int h = 0; h <= 5; ++h)
        EXPECT_EQ(engine.judge("MN1", "w01018", "Avg", 8, 'M', t + h * kHour, 1).reason,
                  Reason::flag_maintenance);
    EXPECT_EQ(engine.judge("MN1", "w01018", "Avg", 8, 'N', t + 6 * kHour, 1).reason, S);
}

} // namespace
} // namespace hj212gw::validity
