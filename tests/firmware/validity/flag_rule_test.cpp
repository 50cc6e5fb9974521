// Rule 1: the data flag, read in the packet's edition. Only N is valid.
#include "test_time.hpp"
#include "validity/engine.hpp"

#include <hj212/version.hpp>

#include <gtest/gtest.h>

#include <limits>

namespace hj212gw::validity {
namespace {

using test::at;

Verdict judge_flag(char flag, std::uint8_t version) {
    ValidityEngine engine;
    return engine.judge("MN1", "w01018", "Rtd", 40.1, flag, at(2026, 3, 1, 12), version);
}

TEST(FlagRule, Edition2017EveryLetter) {
    EXPECT_EQ(judge_flag('N', hj212::kVersion2017), Verdict::ok());
    const std::pair<char, Reason> invalid[] = {
        {'C', Reason::flag_calibration}, {'M', Reason::flag_maintenance},
        {'D', Reason::flag_fault},       {'F', Reason::flag_stopped},
        {'B', Reason::flag_comm_fault},  {'S', Reason::flag_manual},
        {'T', Reason::flag_over_range},
    };
    for (const auto& [letter, reason] : invalid) {
        const Verdict v = judge_flag(letter, hj212::kVersion2017);
        EXPECT_FALSE(v.valid) << letter;
        EXPECT_EQ(v.reason, reason) << letter;
        EXPECT_EQ(v.detail.substr(0, 7), std::string("flag ") + letter + ":") << v.detail;
    }
    // P is a 2005 letter only; 2017 dropped it.
    const Verdict p = judge_flag('P', hj212::kVersion2017);
    EXPECT_EQ(p.reason, Reason::flag_unknown);
    EXPECT_EQ(p.detail, "flag P is not defined in 2017");
    EXPECT_EQ(judge_flag('X', hj212::kVersion2017).reason, Reason::flag_unknown);
}

TEST(FlagRule, Edition2005EveryLetter) {
    EXPECT_EQ(judge_flag('N', hj212::kVersion2005), Verdict::ok());
    const std::pair<char, Reason> invalid[] = {
        {'P', Reason::flag_power_fault}, {'F', Reason::flag_stopped},
        {'C', Reason::flag_calibration}, {'M', Reason::flag_maintenance},
        {'T', Reason::flag_over_range},  {'D', Reason::flag_fault},
        {'S', Reason::flag_manual},
    };
    for (const auto& [letter, reason] : invalid) {
        const Verdict v = judge_flag(letter, hj212::kVersion2005);
        EXPECT_FALSE(v.valid) << letter;
        EXPECT_EQ(v.reason, reason) << letter;
    }
    // B (comms fault) is new in 2017.
    EXPECT_EQ(judge_flag('B', hj212::kVersion2005).reason, Reason::flag_unknown);
}

TEST(FlagRule, Edition2025ReadsLike2017) {
    EXPECT_EQ(judge_flag('B', hj212::kVersion2025).reason, Reason::flag_comm_fault);
    EXPECT_EQ(judge_flag('N', hj212::kVersion2025), Verdict::ok());
}

TEST(FlagRule, NoFlagIsNoEvidenceAgainstTheValue) {
    ValidityEngine engine;
    EXPECT_EQ(engine.judge("MN1", "w01018", "Rtd", 40.1, std::nullopt, at(2026, 3, 1, 12),
                           hj212::kVersion2017),
              Verdict::ok());
}

TEST(FlagRule, FlagComesBeforeEveryOtherRule) {
    ValidityEngine engine;
    // Negative and flagged D: the flag is the reason.
    const Verdict v =
        engine.judge("MN1", "w01018", "Rtd", -1.0, 'D', at(2026, 3, 1, 12), hj212::kVersion2017);
    EXPECT_EQ(v.reason, Reason::flag_fault);
}

TEST(NumberRule, NanAndInfinityAreNotANumber) {
    ValidityEngine engine;
    const auto t = at(2026, 3, 1, 12);
    const Verdict nan =
        engine.judge("MN1", "w01018", "Rtd", std::numeric_limits<double>::quiet_NaN(), 'N', t, 1);
    EXPECT_FALSE(nan.valid);
    EXPECT_EQ(nan.reason, Reason::not_a_number);
    EXPECT_EQ(
        engine.judge("MN1", "w01018", "Avg", std::numeric_limits<double>::infinity(), 'N', t, 1)
            .reason,
        Reason::not_a_number);
    // A flag still wins: the value was flagged before it was garbled.
    EXPECT_EQ(
        engine.judge("MN1", "w01018", "Min", std::numeric_limits<double>::quiet_NaN(), 'M', t, 1)
            .reason,
        Reason::flag_maintenance);
}

} // namespace
} // namespace hj212gw::validity
