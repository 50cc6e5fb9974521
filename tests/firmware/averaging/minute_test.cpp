#include "averaging/minute_aggregator.hpp"
#include "averaging_test_support.hpp"

#include <gtest/gtest.h>

namespace hj212gw::averaging {
namespace {

using test::at;
using test::sample;

AveragingConfig water_config(WaterMethod method) {
    auto c = AveragingConfig::water("MN-W", method); // MinInterval 10, T = 30 s, flow w00000
    c.factors.push_back({"w01018", std::nullopt});   // COD, mg/L, amount kg
    return c;
}

// Three slices of 30 s: flow 2, 4, 4 L/s; COD 10, 40, 20 mg/L.
std::vector<IntervalResult> feed_water_minute(MinuteAggregator& agg) {
    const double flow[] = {2.0, 4.0, 4.0};
    const double cod[] = {10.0, 40.0, 20.0};
    for (int i = 0; i < 3; ++i) {
        const auto t = at(8, 0, 30 * i);
        EXPECT_TRUE(agg.add(sample(t, "w00000", flow[i])).empty());
        EXPECT_TRUE(agg.add(sample(t, "w01018", cod[i])).empty());
    }
    return agg.close_until(at(8, 10));
}

TEST(WaterMinute, ArithmeticAverageAndDischargeAmount) {
    MinuteAggregator agg(water_config(WaterMethod::arithmetic));
    const auto closed = feed_water_minute(agg);
    ASSERT_EQ(closed.size(), 1U);
    const auto& m = closed[0];
    EXPECT_EQ(m.kind, IntervalKind::minute);
    EXPECT_EQ(test::data_time(m.start_ms), "20240501080000");
    EXPECT_EQ(m.end_ms, at(8, 10));
    ASSERT_EQ(m.factors.size(), 2U);

    const auto* q = m.find("w00000");
    ASSERT_NE(q, nullptr);
    // V_i = Q x 30 s x 1e-3: 0.06 + 0.12 + 0.12 = 0.30 m3 (formulas 1, 2).
    EXPECT_DOUBLE_EQ(*q->cou, 0.30);
    EXPECT_DOUBLE_EQ(*q->avg, 10.0 / 3.0); // (2 + 4 + 4) / 3 L/s
    EXPECT_DOUBLE_EQ(*q->min, 2.0);
    EXPECT_DOUBLE_EQ(*q->max, 4.0);

    const auto* cod = m.find("w01018");
    ASSERT_NE(cod, nullptr);
    EXPECT_DOUBLE_EQ(*cod->avg, 70.0 / 3.0); // formula 15: (10 + 40 + 20) / 3 = 23.333 mg/L
    EXPECT_DOUBLE_EQ(*cod->min, 10.0);
    EXPECT_DOUBLE_EQ(*cod->max, 40.0);
    // Formula 8: G_i = D_i x C x 1e-3: 0.06x10 + 0.12x40 + 0.12x20 = 7.8 -> 0.0078 kg.
    EXPECT_NEAR(*cod->cou, 0.0078, 1e-12);
    EXPECT_EQ(cod->valid_count, 3);
    EXPECT_TRUE(cod->valid);
    EXPECT_EQ(cod->flag, 'N');
    EXPECT_FALSE(cod->zs_avg.has_value());
}

TEST(WaterMinute, FlowWeightedAverage) {
    MinuteAggregator agg(water_config(WaterMethod::flow_weighted));
    const auto closed = feed_water_minute(agg);
    ASSERT_EQ(closed.size(), 1U);
    const auto* cod = closed[0].find("w01018");
    ASSERT_NE(cod, nullptr);
    // Formula 12: C_m = G_m / D_m x 1e3 = 0.0078 kg / 0.30 m3 x 1e3 = 26 mg/L
    // (arithmetic would be 23.333: the 40 and 20 came with twice the flow of the 10).
    EXPECT_NEAR(*cod->avg, 26.0, 1e-12);
    EXPECT_NEAR(*cod->cou, 0.0078, 1e-12);
    EXPECT_DOUBLE_EQ(cod->paired_volume_m3, 0.30);
}

TEST(WaterMinute, OneCalibrationValueFlagsTheMinuteC) {
    MinuteAggregator agg(water_config(WaterMethod::arithmetic));
    agg.add(sample(at(8, 0, 0), "w01018", 10.0));
    agg.add(sample(at(8, 0, 30), "w01018", 999.0, false, 'C')); // calibration value
    agg.add(sample(at(8, 1, 0), "w01018", 20.0));
    const auto closed = agg.close_until(at(8, 10));
    ASSERT_EQ(closed.size(), 1U);
    const auto* cod = closed[0].find("w01018");
    ASSERT_NE(cod, nullptr);
    EXPECT_EQ(cod->flag, 'C');
    EXPECT_EQ(cod->total_count, 3);
    EXPECT_EQ(cod->valid_count, 2);
    EXPECT_DOUBLE_EQ(*cod->avg, 15.0); // (10 + 20) / 2: the C value is not averaged
    EXPECT_DOUBLE_EQ(*cod->max, 20.0);
    EXPECT_TRUE(cod->valid); // water needs one valid value (D.1: n counts the valid values)
    // No flow was sent: no amount.
    EXPECT_FALSE(cod->cou.has_value());
}

TEST(WaterMinute, SliceWithoutValidFlowAddsNoAmount) {
    MinuteAggregator agg(water_config(WaterMethod::arithmetic));
    agg.add(sample(at(8, 0, 0), "w00000", 2.0));
    agg.add(sample(at(8, 0, 0), "w01018", 10.0));
    agg.add(sample(at(8, 0, 30), "w00000", 4.0, false, 'D')); // flow meter fault
    agg.add(sample(at(8, 0, 30), "w01018", 40.0));
    const auto closed = agg.close_until(at(8, 10));
    ASSERT_EQ(closed.size(), 1U);
    // Only slice 1 is paired: 0.06 m3 x 10 mg/L x 1e-3 = 0.0006 kg; flow Cou = 0.06 m3.
    EXPECT_NEAR(*closed[0].find("w01018")->cou, 0.0006, 1e-12);
    EXPECT_DOUBLE_EQ(*closed[0].find("w00000")->cou, 0.06);
    EXPECT_EQ(closed[0].find("w00000")->flag, 'D');
}

AveragingConfig gas_config() {
    auto c = AveragingConfig::gas("MN-G"); // MinInterval 1, T = 5 s, 12 / 45 / 20
    c.factors.push_back({"a21026", 6.0});  // SO2, ZsAvg to 6 % O2
    return c;
}

// `count` SO2 values of 100 mg/m3 with flow 10 m3/s and O2 11 %, every 5 s from 08:00:00.
IntervalResult gas_minute(int count) {
    MinuteAggregator agg(gas_config());
    for (int i = 0; i < count; ++i) {
        const auto t = at(8, 0, 5 * i);
        agg.add(sample(t, "a00000", 10.0));
        agg.add(sample(t, "a19001", 11.0));
        agg.add(sample(t, "a21026", 100.0));
    }
    auto closed = agg.close_until(at(8, 1));
    EXPECT_EQ(closed.size(), 1U);
    return closed.empty() ? IntervalResult{} : closed[0];
}

TEST(GasMinute, ElevenValidSamplesAreNotEnough) {
    const auto m = gas_minute(11);
    const auto* so2 = m.find("a21026");
    ASSERT_NE(so2, nullptr);
    EXPECT_EQ(so2->valid_count, 11);
    EXPECT_FALSE(so2->valid); // formula 23 needs n >= 12
    EXPECT_EQ(so2->flag, 'D');
    EXPECT_DOUBLE_EQ(*so2->avg, 100.0); // still reported, but flagged D
}

TEST(GasMinute, TwelveValidSamplesMakeAValidMinute) {
    const auto m = gas_minute(12);
    const auto* so2 = m.find("a21026");
    ASSERT_NE(so2, nullptr);
    EXPECT_EQ(so2->valid_count, 12);
    EXPECT_TRUE(so2->valid);
    EXPECT_EQ(so2->flag, 'N');
    EXPECT_DOUBLE_EQ(*so2->avg, 100.0);
    // Amount: 12 slices x (100 mg/m3 x 10 m3/s x 5 s) = 12 x 5000 mg = 60000 mg = 0.06 kg.
    EXPECT_NEAR(*so2->cou, 0.06, 1e-12);
    // Flow volume: 12 x 10 m3/s x 5 s = 600 m3.
    EXPECT_DOUBLE_EQ(*m.find("a00000")->cou, 600.0);
    // ZsAvg, formula 28: 100 x (21 - 6) / (21 - 11) = 150 mg/m3.
    EXPECT_DOUBLE_EQ(*so2->zs_avg, 150.0);
    // O2 is averaged for the conversion, without amount or ZsAvg.
    EXPECT_DOUBLE_EQ(*m.find("a19001")->avg, 11.0);
    EXPECT_FALSE(m.find("a19001")->cou.has_value());
    EXPECT_FALSE(m.find("a19001")->zs_avg.has_value());
}

// Samples every 3 s (faster than the 5 s maximum), `invalid` of them flagged C.
FactorResult gas_minute_with_invalid(int valid, int invalid) {
    MinuteAggregator agg(gas_config());
    for (int i = 0; i < valid + invalid; ++i)
        agg.add(sample(at(8, 0, 3 * i), "a21026", 100.0, i >= valid ? false : true,
                       i >= valid ? 'C' : 'N'));
    auto closed = agg.close_until(at(8, 1));
    return closed.at(0).factors.at(0);
}

TEST(GasMinute, SeventyFivePercentRule) {
    // 12 valid of 16: 75 % normal -> N.
    const auto ok = gas_minute_with_invalid(12, 4);
    EXPECT_TRUE(ok.valid);
    EXPECT_EQ(ok.flag, 'N');
    // 12 valid of 17: 70.6 % normal -> D, although 12 valid values are there.
    const auto bad = gas_minute_with_invalid(12, 5);
    EXPECT_EQ(bad.valid_count, 12);
    EXPECT_FALSE(bad.valid);
    EXPECT_EQ(bad.flag, 'D');
}

TEST(MinuteAggregator, SampleInTheNextIntervalClosesTheOpenOne) {
    MinuteAggregator agg(water_config(WaterMethod::arithmetic));
    EXPECT_TRUE(agg.add(sample(at(8, 9, 59), "w01018", 10.0)).empty());
    // 08:10:00 belongs to the new interval and closes 08:00-08:10.
    const auto closed = agg.add(sample(at(8, 10, 0), "w01018", 30.0));
    ASSERT_EQ(closed.size(), 1U);
    EXPECT_EQ(test::data_time(closed[0].start_ms), "20240501080000");
    EXPECT_DOUBLE_EQ(*closed[0].find("w01018")->avg, 10.0);
    // close_until before the end keeps the interval open.
    EXPECT_TRUE(agg.close_until(at(8, 19, 59)).empty());
    const auto next = agg.close_until(at(8, 20));
    ASSERT_EQ(next.size(), 1U);
    EXPECT_EQ(test::data_time(next[0].start_ms), "20240501081000");
    EXPECT_DOUBLE_EQ(*next[0].find("w01018")->avg, 30.0);
}

TEST(MinuteAggregator, LateSamplesAndUnconfiguredFactorsAreIgnored) {
    MinuteAggregator agg(water_config(WaterMethod::arithmetic));
    agg.add(sample(at(8, 10, 0), "w01018", 10.0));
    EXPECT_TRUE(agg.add(sample(at(8, 9, 0), "w01018", 99.0)).empty()); // earlier interval
    EXPECT_TRUE(agg.add(sample(at(8, 10, 30), "w99999", 5.0)).empty());
    EXPECT_EQ(agg.dropped_late(), 1U);
    const auto closed = agg.close_until(at(8, 20));
    ASSERT_EQ(closed.size(), 1U);
    ASSERT_EQ(closed[0].factors.size(), 1U);
    EXPECT_EQ(closed[0].factors[0].total_count, 1);
}

} // namespace
} // namespace hj212gw::averaging
