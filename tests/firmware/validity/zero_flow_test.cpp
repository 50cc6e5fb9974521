// Rule 6: a discharge amount (Cou) > 0 while the MN's flow is a valid zero at that DataTime.
#include "test_time.hpp"
#include "validity/engine.hpp"

#include <gtest/gtest.h>

namespace hj212gw::validity {
namespace {

using test::at;
using test::kHour;

TEST(ZeroFlowRule, AmountWithZeroFlowIsInvalid) {
    ValidityEngine engine;
    const auto t = at(2026, 3, 1, 8);
    EXPECT_TRUE(engine.judge("MN1", "w00000", "Cou", 0.0, 'N', t, 1).valid);
    const Verdict cou = engine.judge("MN1", "w01018", "Cou", 5.2, 'N', t, 1);
    EXPECT_FALSE(cou.valid);
    EXPECT_EQ(cou.reason, Reason::zero_flow_with_discharge);
    EXPECT_EQ(cou.detail, "5.2 discharged while the flow w00000 is 0 at 20260301080000");
    // The concentration itself stays valid, and a zero amount is consistent.
    EXPECT_TRUE(engine.judge("MN1", "w01018", "Avg", 40.1, 'N', t, 1).valid);
    EXPECT_TRUE(engine.judge("MN1", "w21003", "Cou", 0.0, 'N', t, 1).valid);
}

TEST(ZeroFlowRule, OnlyTheSameDataTimeAndMnCount) {
    ValidityEngine engine;
    const auto t = at(2026, 3, 1, 8);
    engine.judge("MN1", "w00000", "Cou", 0.0, 'N', t, 1);
    EXPECT_TRUE(engine.judge("MN1", "w01018", "Cou", 5.2, 'N', t + kHour, 1).valid);
    EXPECT_TRUE(engine.judge("MN2", "w01018", "Cou", 5.2, 'N', t, 1).valid);
    // Flow back up at 10:00.
    engine.judge("MN1", "w00000", "Cou", 63.0, 'N', t + 2 * kHour, 1);
    EXPECT_TRUE(engine.judge("MN1", "w01018", "Cou", 5.2, 'N', t + 2 * kHour, 1).valid);
}

TEST(ZeroFlowRule, AnInvalidFlowZeroDoesNotCondemnTheAmount) {
    ValidityEngine engine;
    const auto t = at(2026, 3, 1, 8);
    // A faulty meter's 0 is already invalid on its own; the amount keeps its verdict.
    EXPECT_EQ(engine.judge("MN1", "w00000", "Cou", 0.0, 'D', t, 1).reason, Reason::flag_fault);
    EXPECT_TRUE(engine.judge("MN1", "w01018", "Cou", 5.2, 'N', t, 1).valid);
}

TEST(ZeroFlowRule, FlowAvgDecidesWhenThereIsNoFlowCou) {
    ValidityEngine engine;
    const auto t = at(2026, 3, 1, 8);
    engine.judge("MN1", "a00000", "Avg", 0.0, 'N', t, 1);
    EXPECT_EQ(engine.judge("MN1", "a21026", "Cou", 1.5, 'N', t, 1).reason,
              Reason::zero_flow_with_discharge);
    // Gas amounts are not compared with the water flow.
    engine.judge("MN1", "w00000", "Cou", 0.0, 'N', t + kHour, 1);
    EXPECT_TRUE(engine.judge("MN1", "a21026", "Cou", 1.5, 'N', t + kHour, 1).valid);
}

TEST(ZeroFlowRule, ConfiguredFlowFactorPerMn) {
    ValidityRules rules;
    rules.flow_factor_by_mn["MN1"] = "w00001"; // a second flow meter
    ValidityEngine engine(rules);
    const auto t = at(2026, 3, 1, 8);
    engine.judge("MN1", "w00000", "Cou", 0.0, 'N', t, 1);
    EXPECT_TRUE(engine.judge("MN1", "w01018", "Cou", 5.2, 'N', t, 1).valid);
    engine.judge("MN1", "w00001", "Cou", 0.0, 'N', t + kHour, 1);
    EXPECT_EQ(engine.judge("MN1", "w01018", "Cou", 5.2, 'N', t + kHour, 1).reason,
              Reason::zero_flow_with_discharge);
}

TEST(ZeroFlowRule, Edition2005CodesUseTheirFlowCode) {
    ValidityEngine engine;
    const auto t = at(2026, 3, 1, 8);
    engine.judge("MN1", "B01", "Cou", 0.0, 'N', t, 0);
    EXPECT_EQ(engine.judge("MN1", "011", "Cou", 3.0, 'N', t, 0).reason,
              Reason::zero_flow_with_discharge);
}

} // namespace
} // namespace hj212gw::validity
