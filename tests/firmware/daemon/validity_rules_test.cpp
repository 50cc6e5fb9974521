// The [[validity]] entries of the configuration mapped onto the engine's rules.
#include "daemon/value_pipeline.hpp"

#include "hj212/version.hpp"

#include <gtest/gtest.h>

namespace hj212gw::daemon {
namespace {

constexpr std::int64_t kNoon = 1'772'366'400'000; // 2026-03-01 12:00 UTC

TEST(ValueValidityRules, AConfiguredRangeMakesValuesOutsideItInvalid) {
    config::ValidityEntry e;
    e.factor = "w01018";
    e.range_min = 0.0;
    e.range_max = 500.0;
    validity::ValidityEngine engine(validity_rules_of({e}));
    const auto above = engine.judge("MN1", "w01018", "Rtd", 600.0, 'N', kNoon, hj212::kVersion2017);
    EXPECT_FALSE(above.valid);
    EXPECT_EQ(above.reason, validity::Reason::above_range);
    EXPECT_TRUE(engine.judge("MN2", "w01018", "Rtd", 400.0, 'N', kNoon, hj212::kVersion2017).valid);
}

TEST(ValueValidityRules, UnsetKeysKeepTheClassDefault) {
    config::ValidityEntry e;
    e.mn = "MN1";
    e.factor = "w01018";
    e.stuck_hours = std::chrono::hours(0);
    e.flow_factor = "w00001";
    const auto rules = validity_rules_of({e});
    const auto& rule = rules.rule_for("MN1", "w01018");
    auto expected =
        rules.class_defaults[static_cast<std::size_t>(validity::RuleClass::water_concentration)];
    expected.stuck_run_ms = 0;
    EXPECT_EQ(rule, expected);
    EXPECT_EQ(rules.flow_factor_for("MN1", "w01018"), "w00001");
    EXPECT_EQ(
        rules.rule_for("MN2", "w01018"),
        rules.class_defaults[static_cast<std::size_t>(validity::RuleClass::water_concentration)]);
}

TEST(ValueValidityRules, NoEntriesAreTheStandardDefaults) {
    const auto rules = validity_rules_of({});
    EXPECT_TRUE(rules.overrides.empty());
    EXPECT_TRUE(rules.flow_factor_by_mn.empty());
    EXPECT_EQ(rules.class_defaults, validity::ValidityRules::standard_defaults());
}

} // namespace
} // namespace hj212gw::daemon
