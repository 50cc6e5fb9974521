#include "sim/platform/rate_counter.hpp"

#include "test_support.hpp"

#include <hj212/datetime.hpp>

#include <gtest/gtest.h>

using hj212gw::sim::RateCounter;
using hj212gw::sim::test::hourly_segment;
using hj212gw::sim::test::Parsed;

namespace {

std::int64_t civil(std::string_view text) {
    return hj212::DateTime::parse(text)->to_epoch_ms();
}

std::string hour_text(int day, int hour) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "202601%02d%02d0000", day, hour);
    return buf;
}

bool add(RateCounter& rc, const std::string& segment) {
    const Parsed p(segment);
    return rc.add(p.view);
}

} // namespace

TEST(RateCounter, TwentyOfTwentyFourHoursTwoOfThemCalibration) {
    RateCounter rc;
    // 2026-01-05: hours 0..19 received, hours 3 and 7 flagged C (calibration).
    for (int h = 0; h < 20; ++h)
        ASSERT_TRUE(add(rc, hourly_segment("MN1", hour_text(5, h), h == 3 || h == 7 ? "C" : "N")));
    const auto rates = rc.report(civil("20260106120000")); // the next day: 5th is over
    ASSERT_EQ(rates.size(), 2U);                           // w00000 and w01018
    const auto& cod = rates[1];
    EXPECT_EQ(cod.mn, "MN1");
    EXPECT_EQ(cod.factor, "w01018");
    ASSERT_EQ(cod.days.size(), 2U); // the 5th, and the 6th with nothing yet (12 hours elapsed)
    EXPECT_EQ(cod.days[0].date, "20260105");
    const auto& c = cod.days[0].counts;
    EXPECT_EQ(c.received, 20);
    EXPECT_EQ(c.valid, 18);
    EXPECT_EQ(c.should, 24);
    EXPECT_DOUBLE_EQ(c.transmission_rate(), 20.0 / 24.0);
    EXPECT_DOUBLE_EQ(c.validity_rate(), 18.0 / 20.0);
    EXPECT_DOUBLE_EQ(c.effective_rate(), 18.0 / 24.0);
    EXPECT_EQ(cod.days[1].counts.received, 0);
    EXPECT_EQ(cod.days[1].counts.should, 12);
    EXPECT_EQ(cod.total.should, 36);
    // The flow factor had all 20 hours N.
    EXPECT_EQ(rates[0].factor, "w00000");
    EXPECT_EQ(rates[0].days[0].counts.valid, 20);
}

TEST(RateCounter, DuplicatesOfAnHourCountOnceAndTheNewestFlagWins) {
    RateCounter rc;
    const auto when = civil("20260105235959");
    add(rc, hourly_segment("MN1", "20260105080000", "N"));
    add(rc, hourly_segment("MN1", "20260105080000", "N", 5, "20260105090000002"));
    add(rc, hourly_segment("MN1", "20260105090000", "N"));
    auto c = rc.report(when)[1].days[0].counts;
    EXPECT_EQ(c.received, 2);
    EXPECT_EQ(c.valid, 2);
    EXPECT_EQ(c.should, 23);                               // today: 23 hours completed at 23:59:59
    add(rc, hourly_segment("MN1", "20260105090000", "D")); // a resend now says fault
    c = rc.report(when)[1].days[0].counts;
    EXPECT_EQ(c.received, 2);
    EXPECT_EQ(c.valid, 1);
}

TEST(RateCounter, OnlyHourlyPacketsWithAvgCount) {
    RateCounter rc;
    std::string minute = hourly_segment("MN1", "20260105080000", "N");
    minute.replace(minute.find("CN=2061"), 7, "CN=2051");
    EXPECT_FALSE(add(rc, minute));
    EXPECT_FALSE(add(rc, "QN=1;ST=32;CN=2061;PW=1;MN=MN1;Flag=4;CP=&&w01018-Avg=1&&")); // no time
    EXPECT_FALSE(add(rc, "QN=1;ST=23;CN=2061;PW=1;MN=MN1;Flag=4;CP=&&DataTime=20260105080000;"
                         "Leq-Data=50.0&&")); // noise has no Avg
    EXPECT_TRUE(rc.empty());
    // A factor without its Flag is received but not valid (only N is).
    EXPECT_TRUE(add(rc, "QN=1;ST=32;CN=2061;PW=1;MN=MN1;Flag=4;CP=&&DataTime=20260105080000;"
                        "w01018-Avg=40.1&&"));
    const auto c = rc.report(civil("20260106000000"))[0].days[0].counts;
    EXPECT_EQ(c.received, 1);
    EXPECT_EQ(c.valid, 0);
}

TEST(RateCounter, SplitPartsAndSeparateMns) {
    RateCounter rc;
    // C.49's two parts: w00000/w01001 in part 1, w01018 in part 2, DataTime in both.
    for (const auto& a : hj212gw::sim::test::appendix_c()) {
        if (a.table == "C.49" && a.segment.find("PNO=") != std::string::npos) {
            EXPECT_TRUE(add(rc, a.segment));
        }
    }
    add(rc, hourly_segment("MN2", "20160801080000", "N"));
    const auto rates = rc.report(civil("20160802000000"));
    ASSERT_EQ(rates.size(), 5U); // 3 factors of 010000A8900016F000169DC0, 2 of MN2
    EXPECT_EQ(rates[0].mn, "010000A8900016F000169DC0");
    EXPECT_EQ(rates[0].factor, "w00000");
    EXPECT_EQ(rates[2].factor, "w01018");
    EXPECT_EQ(rates[2].total.received, 1);
    EXPECT_EQ(rates[2].total.valid, 1);
    EXPECT_EQ(rates[2].total.should, 24);
    EXPECT_EQ(rates[3].mn, "MN2");
}

TEST(RateCounter, MissingDaysBetweenCountAsZero) {
    RateCounter rc;
    add(rc, hourly_segment("MN1", "20260105000000", "N"));
    add(rc, hourly_segment("MN1", "20260107000000", "N"));
    const auto r = rc.report(civil("20260108000000"))[1];
    ASSERT_EQ(r.days.size(), 4U); // 5th, 6th (silent), 7th, 8th (today, 0 hours done)
    EXPECT_EQ(r.days[1].date, "20260106");
    EXPECT_EQ(r.days[1].counts.received, 0);
    EXPECT_EQ(r.days[1].counts.should, 24);
    EXPECT_EQ(r.total.received, 2);
    EXPECT_EQ(r.total.should, 72);
}

TEST(RateCounter, DataAheadOfTheClockNeverExceedsShould) {
    RateCounter rc;
    add(rc, hourly_segment("MN1", "20260105100000", "N"));
    const auto c = rc.report(civil("20260105050000"))[1].days[0].counts;
    EXPECT_EQ(c.received, 1);
    EXPECT_EQ(c.should, 11); // hours 0..10 by the packet's own clock
    EXPECT_LE(c.transmission_rate(), 1.0);
}
