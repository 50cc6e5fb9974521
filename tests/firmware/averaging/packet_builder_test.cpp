#include "averaging/packet_builder.hpp"
#include "averaging/rollup_aggregator.hpp"
#include "averaging_test_support.hpp"

#include <hj212/encoder.hpp>
#include <hj212/parser.hpp>

#include <gtest/gtest.h>

namespace hj212gw::averaging {
namespace {

using test::at;

TEST(FormatValue, TrimsZeros) {
    EXPECT_EQ(format_value(40.1, 3), "40.1");
    EXPECT_EQ(format_value(3.0, 3), "3");
    EXPECT_EQ(format_value(70.0 / 3.0, 3), "23.333");
    EXPECT_EQ(format_value(0.0078, 3), "0.008");
    EXPECT_EQ(format_value(-0.0001, 3), "0");
    EXPECT_EQ(format_value(0.0088, 4), "0.0088");
}

TEST(PacketBuilder, CommandPerInterval) {
    EXPECT_EQ(command_for(IntervalKind::minute), 2051);
    EXPECT_EQ(command_for(IntervalKind::hour), 2061);
    EXPECT_EQ(command_for(IntervalKind::day), 2031);
}

TEST(PacketBuilder, HourPacketTextParsesStrictly) {
    auto c = AveragingConfig::gas("MN-G");
    c.factors.push_back({"a21026", 6.0});
    // Two valid minutes of each factor are not a valid gas hour; use the minute values as they
    // come and check the emitted text: flow 10 / 12 m3/s, O2 11 / 13 %, SO2 100 / 120 mg/m3.
    auto minute = [](int m, double flow, double o2, double so2) {
        auto r = test::child(IntervalKind::minute, at(8, m), kMinuteMs, "a00000", flow, true,
                             flow * 60.0);
        r.factors.push_back(test::child(IntervalKind::minute, at(8, m), kMinuteMs, "a21026", so2,
                                        true, so2 * flow * 60.0 * 1e-6)
                                .factors[0]);
        r.factors.push_back(
            test::child(IntervalKind::minute, at(8, m), kMinuteMs, "a19001", o2, true, 0.0)
                .factors[0]);
        r.factors.back().cou.reset();
        return r;
    };
    c.thresholds.hour_valid_minutes = 2; // so that two minutes make a valid hour here
    const auto hour = compute_rollup(c, IntervalKind::hour, at(8, 0), at(9, 0),
                                     {minute(0, 10.0, 11.0, 100.0), minute(1, 12.0, 13.0, 120.0)});
    // Flow: Cou = 600 + 720 = 1320 m3, Avg 11. O2 Avg 12.
    // SO2: Avg 110, Cou = 0.06 + 0.0864 = 0.1464 kg, ZsAvg = 110 x (21-6)/(21-12) = 183.333.
    const auto packet = build_packet(
        hour, PacketIdentity{"31", "123456", "010000A8900016F000169DC0"}, "20240501090000123");
    const std::string segment = hj212::encode_segment(packet);
    EXPECT_EQ(
        segment,
        "QN=20240501090000123;ST=31;CN=2061;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&"
        "DataTime=20240501080000;"
        "a00000-Cou=1320,a00000-Min=10,a00000-Avg=11,a00000-Max=12,a00000-Flag=N;"
        "a21026-Cou=0.146,a21026-Min=100,a21026-Avg=110,a21026-Max=120,"
        "a21026-ZsAvg=183.333,a21026-Flag=N;"
        "a19001-Min=11,a19001-Avg=12,a19001-Max=13,a19001-Flag=N&&");

    hj212::PacketView view;
    const auto parsed = hj212::parse_segment(segment, view, hj212::ParseMode::strict);
    ASSERT_TRUE(parsed.ok()) << hj212::describe(parsed.error());
    EXPECT_EQ(view.command(), 2061);
    EXPECT_TRUE(view.reply_wanted());
    EXPECT_EQ(view.find("DataTime"), "20240501080000");
    EXPECT_EQ(view.group_count(), 4U);
}

TEST(PacketBuilder, InvalidIntervalWithoutDataCarriesOnlyTheFlag) {
    IntervalResult minute;
    minute.kind = IntervalKind::minute;
    minute.start_ms = at(8, 10);
    minute.end_ms = at(8, 20);
    FactorResult f;
    f.factor = "w01018";
    f.flag = 'M';
    f.total_count = 3;
    minute.factors.push_back(f);
    const auto packet = build_packet(
        minute, PacketIdentity{"32", "123456", "010000A8900016F000169DC0"}, "20240501082000000");
    EXPECT_EQ(
        hj212::encode_segment(packet),
        "QN=20240501082000000;ST=32;CN=2051;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&"
        "DataTime=20240501081000;w01018-Flag=M&&");
}

} // namespace
} // namespace hj212gw::averaging
