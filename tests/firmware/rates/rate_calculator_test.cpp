// Hand-computed expectations for every counting rule and formula of the rates.
#include "rates/rate_calculator.hpp"
#include "rates/store_reader.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace hj212gw::rates {
namespace {

const std::int64_t kDay = *parse_day("2024-05-01"); // site-local midnight

HourObservation obs(const std::string& factor, int hour, bool valid = true,
                    const std::string& mn = "MN1", std::int64_t day = kDay) {
    return HourObservation{mn, factor, day + hour * kHourMs, valid, 0, {}};
}

/// Hours [from, to) of `factor`, all valid.
std::vector<HourObservation> hours(const std::string& factor, int from, int to) {
    std::vector<HourObservation> out;
    for (int h = from; h < to; ++h)
        out.push_back(obs(factor, h));
    return out;
}

std::vector<RateRow> one_day(const RateRules& rules, const std::vector<HourObservation>& in,
                             const View& view = {}) {
    RateCalculator calc(rules);
    calc.add(in);
    return calc.daily(DayRange{kDay, kDay}, view);
}

TEST(RateCalculator, FullDayIsAllHundredPercent) {
    const auto rows = one_day(RateRules{}, hours("a21026", 0, 24));
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(rows[0].mn, "MN1");
    EXPECT_EQ(rows[0].factor, "a21026");
    EXPECT_EQ(rows[0].period, "2024-05-01");
    EXPECT_EQ(rows[0].counts, (Counts{24, 24, 24}));
    EXPECT_DOUBLE_EQ(*transmission_rate(rows[0].counts), 1.0);
    EXPECT_DOUBLE_EQ(*validity_rate(rows[0].counts), 1.0);
    EXPECT_DOUBLE_EQ(*effective_rate(rows[0].counts), 1.0);
}

TEST(RateCalculator, TwentyReceivedTwoFlaggedC) {
    auto in = hours("a21026", 0, 20);
    in[3].valid = false; // e.g. flag C at 03:00 and 04:00
    in[4].valid = false;
    const auto rows = one_day(RateRules{}, in);
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(rows[0].counts, (Counts{24, 20, 18}));
    EXPECT_DOUBLE_EQ(*transmission_rate(rows[0].counts), 20.0 / 24.0);
    EXPECT_DOUBLE_EQ(*validity_rate(rows[0].counts), 18.0 / 20.0);
    EXPECT_DOUBLE_EQ(*effective_rate(rows[0].counts), 18.0 / 24.0);
}

TEST(RateCalculator, ExemptionMakesTwentyThreeOfTwentyFourAHundredPercent) {
    RateRules rules;
    rules.exemption_hours_per_day = RateRules::wastewater_exemptions();
    // COD missing the standard-check hour 12:00: 23 received of 24 -> 23/23.
    auto in = hours("w01018", 0, 12);
    for (auto& o : hours("w01018", 13, 24))
        in.push_back(o);
    auto rows = one_day(rules, in);
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(rows[0].counts, (Counts{23, 23, 23}));
    EXPECT_DOUBLE_EQ(*effective_rate(rows[0].counts), 1.0);

    // All 24 received, the check hour flagged C: the exemption takes the invalid hour.
    in = hours("w01018", 0, 24);
    in[12].valid = false;
    rows = one_day(rules, in);
    EXPECT_EQ(rows[0].counts, (Counts{23, 23, 23}));

    // A full valid day stays 100 % (received capped at should, never 24/23).
    rows = one_day(rules, hours("w01018", 0, 24));
    EXPECT_EQ(rows[0].counts, (Counts{23, 23, 23}));

    // Two missing: only one is forgiven -> 22/23.
    rows = one_day(rules, hours("w01018", 0, 22));
    EXPECT_EQ(rows[0].counts, (Counts{23, 22, 22}));

    // 24 received, 2 invalid: one invalid hour is exempted -> 23 received, 22 valid.
    in = hours("w01018", 0, 24);
    in[5].valid = false;
    in[12].valid = false;
    rows = one_day(rules, in);
    EXPECT_EQ(rows[0].counts, (Counts{23, 23, 22}));

    // A factor without exemption is not affected.
    rows = one_day(rules, hours("a21026", 0, 23));
    EXPECT_EQ(rows[0].counts, (Counts{24, 23, 23}));
}

TEST(RateCalculator, ShutdownHoursAreExcludedFromShouldAndReceived) {
    RateRules rules;
    // 08:30-12:00 overlaps hours 08, 09, 10, 11 -> should = 20.
    rules.shutdowns.push_back(
        ShutdownPeriod{"MN1", "", kDay + 8 * kHourMs + 30 * 60'000, kDay + 12 * kHourMs});
    auto in = hours("a21026", 0, 18); // 00..17: 14 outside the shutdown, 4 inside
    const auto rows = one_day(rules, in);
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(rows[0].counts, (Counts{20, 14, 14}));
    EXPECT_DOUBLE_EQ(*transmission_rate(rows[0].counts), 14.0 / 20.0);

    // A shutdown of another MN or factor changes nothing.
    rules.shutdowns = {ShutdownPeriod{"MN2", "", kDay, kDay + kDayMs},
                       ShutdownPeriod{"MN1", "w01018", kDay, kDay + kDayMs}};
    EXPECT_EQ(one_day(rules, in)[0].counts, (Counts{24, 18, 18}));
}

TEST(RateCalculator, WholeDayShutdownHasNoRatesRatherThanNaN) {
    RateRules rules;
    rules.shutdowns.push_back(ShutdownPeriod{"MN1", "", kDay - kHourMs, kDay + 2 * kDayMs});
    const auto rows = one_day(rules, hours("a21026", 0, 3));
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(rows[0].counts, (Counts{0, 0, 0}));
    EXPECT_FALSE(transmission_rate(rows[0].counts));
    EXPECT_FALSE(validity_rate(rows[0].counts));
    EXPECT_FALSE(effective_rate(rows[0].counts));
}

TEST(RateCalculator, DuplicateHoursCountOnce) {
    auto in = hours("a21026", 0, 10);
    in.push_back(obs("a21026", 3));         // resend
    in.push_back(obs("a21026", 4, false));  // invalid copy of a valid hour
    in.push_back(obs("a21026", 20, false)); // invalid, then
    in.push_back(obs("a21026", 20, true));  // a valid copy: the hour is valid
    auto late = obs("a21026", 5);           // DataTime 05:00:07 is still hour 05
    late.hour_ms += 7000;
    in.push_back(late);
    const auto rows = one_day(RateRules{}, in);
    EXPECT_EQ(rows[0].counts, (Counts{24, 11, 11}));
}

TEST(RateCalculator, AssessedFactorsDefaultToThoseSeen) {
    auto in = hours("w01018", 0, 24);
    for (auto& o : hours("w21003", 0, 12))
        in.push_back(o);
    in.push_back(obs("w00000", 0, true, "MN1", kDay - kDayMs)); // seen only the day before
    const auto rows = one_day(RateRules{}, in);
    ASSERT_EQ(rows.size(), 2U);
    EXPECT_EQ(rows[0].factor, "w01018");
    EXPECT_EQ(rows[0].counts, (Counts{24, 24, 24}));
    EXPECT_EQ(rows[1].factor, "w21003");
    EXPECT_EQ(rows[1].counts, (Counts{24, 12, 12}));
}

TEST(RateCalculator, ConfiguredAssessedFactorsIncludeSilentOnesAndDropOthers) {
    RateRules rules;
    rules.assessed_factors["MN1"] = {"w01018", "w21011"}; // TP never reported
    rules.assessed_factors["MN9"] = {"a21026"};           // an MN that sent nothing
    auto in = hours("w01018", 0, 24);
    for (auto& o : hours("w21003", 0, 24)) // NH3-N is not assessed here
        in.push_back(o);
    const auto rows = one_day(rules, in);
    ASSERT_EQ(rows.size(), 3U);
    EXPECT_EQ(rows[0].factor, "w01018");
    EXPECT_EQ(rows[0].counts, (Counts{24, 24, 24}));
    EXPECT_EQ(rows[1].factor, "w21011");
    EXPECT_EQ(rows[1].counts, (Counts{24, 0, 0}));
    EXPECT_DOUBLE_EQ(*transmission_rate(rows[1].counts), 0.0);
    EXPECT_FALSE(validity_rate(rows[1].counts)); // 0 received: NA
    EXPECT_EQ(rows[2].mn, "MN9");
    EXPECT_EQ(rows[2].counts, (Counts{24, 0, 0}));
}

TEST(RateCalculator, HoursNotYetDueAreNotMissing) {
    RateRules rules;
    rules.due_until_ms = kDay + 10 * kHourMs + 30 * 60'000; // 10:30: hours 00..09 have ended
    RateCalculator calc(rules);
    calc.add(hours("a21026", 0, 11)); // the 10:00 value is early but not yet due
    const auto rows = calc.daily(DayRange{kDay - kDayMs, kDay + 5 * kDayMs}, View{});
    ASSERT_EQ(rows.size(), 2U); // the day before and today; later days have not begun
    EXPECT_EQ(rows[0].counts, (Counts{24, 0, 0}));
    EXPECT_EQ(rows[1].period, "2024-05-01");
    EXPECT_EQ(rows[1].counts, (Counts{10, 10, 10}));
}

TEST(RateCalculator, MonthSumsCountsThenTakesRatios) {
    RateCalculator calc(RateRules{});
    calc.add(hours("a21026", 0, 24));
    auto second = hours("a21026", 0, 12);
    for (auto& o : second) {
        o.hour_ms += kDayMs;
        o.valid = o.hour_ms % (2 * kHourMs) == 0; // 6 of 12 valid
    }
    calc.add(second);
    calc.add(obs("a21026", 0, true, "MN1", *parse_day("2024-06-01")));
    const auto days =
        calc.daily(DayRange{*parse_day("2024-04-30"), *parse_day("2024-06-01")}, View{});
    ASSERT_EQ(days.size(), 33U);
    const auto months = monthly(days);
    ASSERT_EQ(months.size(), 3U);
    EXPECT_EQ(months[0].period, "2024-04");
    EXPECT_EQ(months[0].counts, (Counts{24, 0, 0}));
    EXPECT_EQ(months[1].period, "2024-05");
    // 31 days x 24 = 744 should; 24 + 12 received; 24 + 6 valid.
    EXPECT_EQ(months[1].counts, (Counts{744, 36, 30}));
    EXPECT_DOUBLE_EQ(*validity_rate(months[1].counts), 30.0 / 36.0);
    EXPECT_DOUBLE_EQ(*effective_rate(months[1].counts), 30.0 / 744.0);
    EXPECT_EQ(months[2].counts, (Counts{24, 1, 1}));

    const auto mn_totals = totals_per_mn(months);
    ASSERT_EQ(mn_totals.size(), 1U);
    EXPECT_EQ(mn_totals[0].counts, (Counts{792, 37, 31}));
    EXPECT_EQ(overall_total(months).counts, (Counts{792, 37, 31}));
}

TEST(RateCalculator, UpstreamViewSplitsOnTimeAndBackfilled) {
    RateRules rules; // on time: acked within 1 h of the hour's end; site = UTC+8
    const std::int64_t utc_day = kDay - 8 * kHourMs;
    auto acked = [&](int hour, std::optional<std::int64_t> ack_utc, bool valid = true) {
        auto o = obs("a21026", hour, valid);
        o.acks.push_back(UpstreamAck{"national", ack_utc});
        o.acks.push_back(UpstreamAck{"province", utc_day + 2 * kDayMs});
        return o;
    };
    std::vector<HourObservation> in{
        // 10:00-11:00 ends 11:00; deadline 12:00 local = utc_day + 12 h.
        acked(10, utc_day + 12 * kHourMs),     // on time, exactly at the deadline
        acked(11, utc_day + 13 * kHourMs + 1), // 1 ms late: back-filled
        acked(12, std::nullopt),               // never acknowledged: not received
        acked(13, utc_day + 14 * kHourMs, false),
        acked(14, utc_day + 20 * kHourMs), // back-filled
    };
    // 15:00 sent twice: the first copy acked late, the resend on time -> on time.
    in.push_back(acked(15, utc_day + 30 * kHourMs));
    in.push_back(acked(15, utc_day + 16 * kHourMs));

    const auto device = one_day(rules, in);
    EXPECT_EQ(device[0].counts, (Counts{24, 6, 5}));
    EXPECT_FALSE(device[0].on_time);

    const auto national = one_day(rules, in, View{"national"});
    ASSERT_EQ(national.size(), 1U);
    EXPECT_EQ(national[0].counts, (Counts{24, 5, 4}));
    ASSERT_TRUE(national[0].on_time);
    EXPECT_EQ(*national[0].on_time, (Counts{24, 3, 2})); // hours 10, 13, 15; 13 invalid
    EXPECT_EQ(national[0].backfilled(), 2);

    const auto province = one_day(rules, in, View{"province"});
    EXPECT_EQ(province[0].counts, (Counts{24, 6, 5}));
    EXPECT_EQ(*province[0].on_time, (Counts{24, 0, 0}));
    EXPECT_EQ(province[0].backfilled(), 6);

    const auto unknown = one_day(rules, in, View{"other"});
    EXPECT_EQ(unknown[0].counts, (Counts{24, 0, 0}));
}

TEST(RateCalculator, DayStartsAndDatesAreSiteLocal) {
    EXPECT_EQ(format_day(kDay), "2024-05-01");
    EXPECT_EQ(day_start(kDay + kDayMs - 1), kDay);
    EXPECT_EQ(day_start(-1), -kDayMs);
    EXPECT_FALSE(parse_day("2024-02-30"));
    EXPECT_FALSE(parse_day("2024-5-01"));
    EXPECT_FALSE(parse_day("yesterday"));
    EXPECT_EQ(*parse_day("2024-05-02") - kDay, kDayMs);
}

TEST(FlagValidity, OnlyNormalOrUnflaggedValuesAreValid) {
    EXPECT_TRUE(flag_counts_as_valid("N", "2017"));
    EXPECT_TRUE(flag_counts_as_valid("", "2017"));
    EXPECT_TRUE(flag_counts_as_valid("N", "2005"));
    for (const char* f : {"F", "M", "S", "D", "C", "T", "B"})
        EXPECT_FALSE(flag_counts_as_valid(f, "2017")) << f;
    EXPECT_FALSE(flag_counts_as_valid("P", "2005"));
    EXPECT_FALSE(flag_counts_as_valid("X", "2017"));
    EXPECT_FALSE(flag_counts_as_valid("NN", "2017"));
}

} // namespace
} // namespace hj212gw::rates
