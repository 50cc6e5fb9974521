#include "averaging/rules.hpp"
#include "averaging_test_support.hpp"

#include <gtest/gtest.h>

#include <array>

namespace hj212gw::averaging {
namespace {

using test::at;

TEST(IntervalStart, ValueAtTheFullHourOpensTheNewHour) {
    EXPECT_EQ(interval_start(at(9, 0, 0), kHourMs), at(9, 0));
    EXPECT_EQ(interval_start(at(9, 0, 0) - 1, kHourMs), at(8, 0));
    // MinInterval 10: 08:59:59 is in 08:50, 09:00:00 in 09:00.
    EXPECT_EQ(interval_start(at(8, 59, 59), 10 * kMinuteMs), at(8, 50));
    EXPECT_EQ(interval_start(at(9, 0, 0), 10 * kMinuteMs), at(9, 0));
    // Midnight opens the new day.
    EXPECT_EQ(interval_start(at(0, 0, 0, 2), kDayMs), at(0, 0, 0, 2));
    EXPECT_EQ(interval_start(at(23, 59, 59, 1), kDayMs), at(0, 0, 0, 1));
}

TEST(WaterFlagRollUp, OneAbnormalValueFlagsTheInterval) {
    EXPECT_EQ(roll_up_water_flag(std::array{'N', 'N', 'N'}), 'N');
    EXPECT_EQ(roll_up_water_flag(std::array{'N', 'N', 'C', 'N'}), 'C');
    // The most frequent abnormal letter wins: M once, C twice -> C.
    EXPECT_EQ(roll_up_water_flag(std::array{'M', 'C', 'C'}), 'C');
    // A tie keeps the earliest letter.
    EXPECT_EQ(roll_up_water_flag(std::array{'N', 'M', 'C'}), 'M');
}

TEST(GasFlagRollUp, NormalWhenAtLeast75PercentAreNormal) {
    EXPECT_TRUE(gas_share_normal(12, 16));  // 12/16 = 75 %: 4*12 = 48 >= 3*16 = 48
    EXPECT_FALSE(gas_share_normal(12, 17)); // 70.6 %: 48 < 51
    EXPECT_TRUE(gas_share_normal(45, 60));  // 75 %
    EXPECT_FALSE(gas_share_normal(44, 60)); // 73.3 %: 176 < 180
    EXPECT_FALSE(gas_share_normal(0, 0));
}

TEST(EffectiveFlag, InvalidValueKeepsItsLetterOrBecomesD) {
    EXPECT_EQ(effective_flag(Sample{0, "a21026", 1.0, 'N', true}), 'N');
    EXPECT_EQ(effective_flag(Sample{0, "a21026", 1.0, 'C', false}), 'C');
    // Flagged N by the device but rejected by validity (negative, stuck, ...): D.
    EXPECT_EQ(effective_flag(Sample{0, "a21026", -1.0, 'N', false}), 'D');
}

TEST(Units, SliceVolumeAndAmount) {
    // Water, formula 1: 2 L/s x 30 s = 60 L = 0.06 m3.
    EXPECT_DOUBLE_EQ(slice_volume_m3(SourceKind::water, 2.0, 30), 0.06);
    // Gas: 10 m3/s x 5 s = 50 m3.
    EXPECT_DOUBLE_EQ(slice_volume_m3(SourceKind::gas, 10.0, 5), 50.0);
    // Water, formula 8: 40 mg/L x 0.12 m3 = 4.8 (mg/L m3) = 4.8 g = 0.0048 kg.
    EXPECT_DOUBLE_EQ(amount_kg(SourceKind::water, 40.0 * 0.12), 0.0048);
    // Gas: 100 mg/m3 x 50 m3 = 5000 mg = 0.005 kg.
    EXPECT_DOUBLE_EQ(amount_kg(SourceKind::gas, 100.0 * 50.0), 0.005);
    EXPECT_TRUE(has_mass_amount("w01018"));  // COD: kg
    EXPECT_FALSE(has_mass_amount("w01001")); // pH: no amount
    EXPECT_FALSE(has_mass_amount("a19001")); // O2: no amount
}

TEST(ReferenceOxygen, Formula28) {
    // 100 mg/m3 at 11 % O2 to 6 % reference: 100 x (21-6)/(21-11) = 100 x 15/10 = 150.
    EXPECT_DOUBLE_EQ(*reference_oxygen_concentration(100.0, 6.0, 11.0), 150.0);
    // 200 at 15 % to 3 %: 200 x 18/6 = 600.
    EXPECT_DOUBLE_EQ(*reference_oxygen_concentration(200.0, 3.0, 15.0), 600.0);
    EXPECT_FALSE(reference_oxygen_concentration(100.0, 6.0, 21.0).has_value());
}

TEST(Thresholds, RequiredCounts) {
    auto gas = AveragingConfig::gas("MN");
    EXPECT_EQ(required_samples(gas), 12);
    EXPECT_EQ(required_children(gas, IntervalKind::hour), 45);
    EXPECT_EQ(required_children(gas, IntervalKind::day), 20);
    // MinInterval 10: 12 x 10 = 120 samples; 45 minutes -> ceil(45/10) = 5 intervals.
    gas.min_interval_minutes = 10;
    EXPECT_EQ(required_samples(gas), 120);
    EXPECT_EQ(required_children(gas, IntervalKind::hour), 5);
    const auto water = AveragingConfig::water("MN", WaterMethod::arithmetic);
    EXPECT_EQ(required_samples(water), 1);
    EXPECT_EQ(required_children(water, IntervalKind::hour), 1);
    EXPECT_EQ(required_children(water, IntervalKind::day), 1);
}

TEST(Config, Validation) {
    auto c = AveragingConfig::water("MN", WaterMethod::arithmetic);
    EXPECT_FALSE(validate(c).has_value());
    c.min_interval_minutes = 7; // does not divide 60
    EXPECT_TRUE(validate(c).has_value());
    c.min_interval_minutes = 10;
    c.factors.push_back({"w01018", 6.0}); // ZsAvg is flue gas only
    EXPECT_TRUE(validate(c).has_value());
    auto g = AveragingConfig::gas("MN");
    g.factors.push_back({"a21026", 6.0});
    EXPECT_FALSE(validate(g).has_value());
    // The O2 factor is averaged automatically when a ZsAvg needs it.
    EXPECT_EQ(g.ordered_factors(), (std::vector<std::string>{"a00000", "a21026", "a19001"}));
}

} // namespace
} // namespace hj212gw::averaging
