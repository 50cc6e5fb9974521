// Rules 3 and 4: negative values per rule class, and the configured instrument range.
#include "test_time.hpp"
#include "validity/engine.hpp"

#include <gtest/gtest.h>

namespace hj212gw::validity {
namespace {

using test::at;

Verdict judge_once(ValidityEngine& engine, std::string_view factor, std::string_view suffix,
                   double value, std::string_view mn = "MN1") {
    return engine.judge(mn, factor, suffix, value, 'N', at(2026, 3, 1, 12), 1);
}

TEST(Classification, RuleClassesOfKnownCodes) {
    EXPECT_EQ(classify_factor("w01018").rule_class, RuleClass::water_concentration);
    EXPECT_EQ(classify_factor("a21026").rule_class, RuleClass::gas_concentration);
    EXPECT_EQ(classify_factor("a19001").rule_class, RuleClass::gas_condition);
    EXPECT_EQ(classify_factor("a01012").rule_class, RuleClass::gas_condition);
    EXPECT_EQ(classify_factor("w01010").rule_class, RuleClass::gas_condition);
    EXPECT_EQ(classify_factor("w00000").rule_class, RuleClass::flow);
    EXPECT_EQ(classify_factor("a00000").rule_class, RuleClass::flow);
    EXPECT_EQ(classify_factor("d10001").rule_class, RuleClass::electricity);
    EXPECT_EQ(classify_factor("PolId").rule_class, RuleClass::other);
    // 2005 codes classify by their 2017 code.
    EXPECT_EQ(classify_factor("011").rule_class, RuleClass::water_concentration);
    EXPECT_TRUE(classify_factor("011").code_2005);
    EXPECT_EQ(classify_factor("B01").rule_class, RuleClass::flow);
    EXPECT_EQ(classify_factor("S01").rule_class, RuleClass::gas_condition);
    EXPECT_EQ(classify_factor("02").rule_class, RuleClass::gas_concentration);
}

TEST(NegativeRule, ConcentrationsAndFlowCannotBeNegative) {
    ValidityEngine engine;
    const Verdict cod = judge_once(engine, "w01018", "Rtd", -0.3);
    EXPECT_FALSE(cod.valid);
    EXPECT_EQ(cod.reason, Reason::negative);
    EXPECT_EQ(cod.detail, "-0.3 < 0");
    EXPECT_EQ(judge_once(engine, "a21026", "Avg", -1).reason, Reason::negative);
    EXPECT_EQ(judge_once(engine, "w00000", "Rtd", -0.01).reason, Reason::negative);
    EXPECT_EQ(judge_once(engine, "d10001", "Rtd", -5).reason, Reason::negative);
    // Negative applies to amounts and O2-converted values too.
    EXPECT_EQ(judge_once(engine, "w01018", "Cou", -2).reason, Reason::negative);
    EXPECT_EQ(judge_once(engine, "a21026", "ZsAvg", -2).reason, Reason::negative);
    // Zero is not negative.
    EXPECT_EQ(judge_once(engine, "w01018", "Avg", 0.0), Verdict::ok());
}

TEST(NegativeRule, ConditionsMayBeNegative) {
    ValidityEngine engine;
    EXPECT_EQ(judge_once(engine, "a01012", "Rtd", -12.5), Verdict::ok()); // flue gas temp
    EXPECT_EQ(judge_once(engine, "a01013", "Rtd", -0.2), Verdict::ok());  // pressure
    EXPECT_EQ(judge_once(engine, "a19001", "Rtd", -0.1), Verdict::ok());  // O2 drift
    EXPECT_EQ(judge_once(engine, "S03", "Rtd", -3), Verdict::ok());       // 2005 temperature
}

TEST(NegativeRule, OverrideAllowsNegativeForOneMnOnly) {
    ValidityRules rules;
    FactorRule r = rules.class_defaults[static_cast<std::size_t>(RuleClass::water_concentration)];
    r.negative_allowed = true;
    rules.overrides[{"MN1", "w01018"}] = r;
    ValidityEngine engine(rules);
    EXPECT_EQ(judge_once(engine, "w01018", "Rtd", -0.3, "MN1"), Verdict::ok());
    EXPECT_EQ(judge_once(engine, "w01018", "Rtd", -0.3, "MN2").reason, Reason::negative);
}

ValidityEngine cod_range_engine() {
    ValidityRules rules;
    FactorRule r;
    r.range_min = 2.0;
    r.range_max = 500.0;
    rules.overrides[{"", "w01018"}] = r; // every MN
    return ValidityEngine(rules);
}

TEST(RangeRule, EdgesAreInclusive) {
    ValidityEngine engine = cod_range_engine();
    EXPECT_EQ(judge_once(engine, "w01018", "Rtd", 2.0), Verdict::ok());
    EXPECT_EQ(judge_once(engine, "w01018", "Rtd", 500.0), Verdict::ok());
    const Verdict low = judge_once(engine, "w01018", "Rtd", 1.99);
    EXPECT_EQ(low.reason, Reason::below_range);
    EXPECT_EQ(low.detail, "1.99 < range minimum 2");
    const Verdict high = judge_once(engine, "w01018", "Max", 500.01);
    EXPECT_EQ(high.reason, Reason::above_range);
    EXPECT_EQ(high.detail, "500.01 > range maximum 500");
    EXPECT_EQ(judge_once(engine, "w01018", "Avg", 500.01).reason, Reason::above_range);
    EXPECT_EQ(judge_once(engine, "w01018", "Min", 0.5).reason, Reason::below_range);
}

TEST(RangeRule, AmountsAndConvertedValuesAreNotRangeChecked) {
    ValidityEngine engine = cod_range_engine();
    EXPECT_EQ(judge_once(engine, "w01018", "Cou", 6300.0), Verdict::ok());
    EXPECT_EQ(judge_once(engine, "w01018", "ZsAvg", 800.0), Verdict::ok());
}

TEST(RangeRule, NegativeIsReportedBeforeRange) {
    ValidityEngine engine = cod_range_engine();
    EXPECT_EQ(judge_once(engine, "w01018", "Rtd", -1.0).reason, Reason::negative);
}

TEST(RangeRule, The2017OverrideCoversA2005Device) {
    ValidityEngine engine = cod_range_engine();
    EXPECT_EQ(judge_once(engine, "011", "Rtd", 500.5).reason, Reason::above_range);
    EXPECT_EQ(judge_once(engine, "011", "Rtd", 499.5), Verdict::ok());
    // Without an override the default has no range.
    EXPECT_EQ(judge_once(engine, "w21003", "Rtd", 1e6), Verdict::ok());
}

} // namespace
} // namespace hj212gw::validity
