#include "sim/monitor/profile.hpp"
#include "sim/monitor/signal_model.hpp"
#include "sim/monitor/time_units.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace hj212gw::sim {
namespace {

constexpr std::int64_t kDay = 1'767'225'600'000; // 2026-01-01 00:00 site time

TEST(Profile, KindsHaveTheirSystemCodesAndFactors) {
    EXPECT_EQ(make_profile(ProfileKind::water).st, "32");
    EXPECT_EQ(make_profile(ProfileKind::gas).st, "31");
    EXPECT_EQ(make_profile(ProfileKind::power).st, "44");
    std::vector<std::string> water;
    for (const auto& f : make_profile(ProfileKind::water).factors)
        water.push_back(f.code);
    EXPECT_EQ(water, (std::vector<std::string>{"w01018", "w21003", "w21011", "w21001", "w01001",
                                               "w00000"}));
    std::vector<std::string> gas;
    for (const auto& f : make_profile(ProfileKind::gas).factors)
        gas.push_back(f.code);
    EXPECT_EQ(gas, (std::vector<std::string>{"a21026", "a21002", "a34013", "a19001", "a01012",
                                             "a01013", "a01014", "a01011", "a00000"}));
    EXPECT_EQ(make_profile(ProfileKind::power).factors.size(), 8U);
    EXPECT_EQ(parse_profile_kind("gas"), ProfileKind::gas);
    EXPECT_FALSE(parse_profile_kind("air"));
}

TEST(Profile, ValuesStayInTheirRangeAndArePlausible) {
    for (auto kind : {ProfileKind::water, ProfileKind::gas, ProfileKind::power}) {
        const Profile p = make_profile(kind);
        const SignalModel model(p, 42);
        for (std::size_t i = 0; i < p.factors.size(); ++i) {
            const FactorSpec& f = p.factors[i];
            if (f.accumulation == Accumulation::counter) continue;
            double lo = 1e300, hi = -1e300;
            for (std::int64_t t = kDay; t < kDay + 3 * kDayMs; t += 30 * kSecondMs) {
                const double v = model.value(i, t);
                ASSERT_GE(v, f.low) << f.code;
                ASSERT_LE(v, f.high) << f.code;
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
            // Plausible: near the designed mean, and actually moving (not a stuck sensor).
            const double spread = f.amplitude + f.drift + f.noise;
            EXPECT_GE(lo, f.base - spread - 1e-9) << f.code;
            EXPECT_LE(hi, f.base + spread + 1e-9) << f.code;
            EXPECT_GT(hi - lo, f.noise) << f.code;
        }
    }
    const Profile water = make_profile(ProfileKind::water);
    const SignalModel model(water, 1);
    for (std::int64_t t = kDay; t < kDay + kDayMs; t += kHourMs) {
        EXPECT_GT(model.value(4, t), 6.5); // pH of a treated effluent
        EXPECT_LT(model.value(4, t), 8.0);
    }
}

TEST(Profile, SameSeedSameValuesOtherSeedOtherValues) {
    const Profile p = make_profile(ProfileKind::gas);
    const SignalModel a(p, 7), b(p, 7), c(p, 8);
    int differ = 0;
    for (std::int64_t t = kDay; t < kDay + kDayMs; t += 10 * kMinuteMs) {
        for (std::size_t i = 0; i < p.factors.size(); ++i) {
            ASSERT_EQ(a.value(i, t), b.value(i, t));
            if (a.value(i, t) != c.value(i, t)) ++differ;
        }
    }
    EXPECT_GT(differ, 1000);
}

TEST(Profile, PowerFollowsCurrentAndEnergyGrowsWithPower) {
    const Profile p = make_profile(ProfileKind::power);
    const SignalModel model(p, 3);
    const double kw_per_amp = 1.7320508 * 380 * 0.9 / 1000;
    for (std::int64_t t = kDay; t < kDay + kDayMs; t += 7 * kMinuteMs) {
        EXPECT_NEAR(model.value(2, t), model.value(0, t) * kw_per_amp, 1e-6); // production
        EXPECT_NEAR(model.value(6, t), model.value(4, t) * kw_per_amp, 1e-6); // treatment
    }
    // Energy over a day = integral of the power's daily cycle = base power x 24 h.
    const double used = model.value(3, kDay + kDayMs) - model.value(3, kDay);
    EXPECT_NEAR(used, p.factors[2].base * 24, 1e-3);
    for (std::int64_t t = kDay; t < kDay + kDayMs; t += kHourMs)
        EXPECT_LT(model.value(3, t), model.value(3, t + kHourMs));
}

} // namespace
} // namespace hj212gw::sim
