// judge_packet over parsed packets, and the cap on tracked keys.
#include "test_time.hpp"
#include "validity/engine.hpp"

#include <hj212/parser.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace hj212gw::validity {
namespace {

using test::at;
using test::kHour;

// Appendix C.17 (2061 hourly data), the ellipsis item of the standard's text included.
const std::string kC17 =
    "QN=20160801090000001;ST=32;CN=2061;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&"
    "DataTime=20160801080000;w00000-Cou=63.0,w00000-Min=16.4,w00000-Avg=17.5,w00000-Max=20.1,"
    "w00000-Flag=N;w01001-Min=7.1,w01001-Avg=7.5,w01001-Max=7.8,w01001-Flag=N;w01018-Cou=63.0,"
    "w01018-Min=40.1,w01018-Avg=40.1,w01018-Max=40.1,w01018-Flag=N;…&&";

hj212::PacketView parse(const std::string& segment) {
    hj212::PacketView v;
    EXPECT_TRUE(hj212::parse_segment(segment, v, hj212::ParseMode::lenient).ok()) << segment;
    return v;
}

std::vector<std::string> keys(const std::vector<ItemVerdict>& vs) {
    std::vector<std::string> out;
    for (const auto& v : vs)
        out.emplace_back(v.key);
    return out;
}

TEST(JudgePacket, AppendixC17AllValid) {
    ValidityEngine engine;
    const auto packet = parse(kC17);
    const auto verdicts = engine.judge_packet(packet);
    EXPECT_EQ(keys(verdicts),
              (std::vector<std::string>{"w00000-Cou", "w00000-Min", "w00000-Avg", "w00000-Max",
                                        "w01001-Min", "w01001-Avg", "w01001-Max", "w01018-Cou",
                                        "w01018-Min", "w01018-Avg", "w01018-Max"}));
    for (const auto& v : verdicts)
        EXPECT_EQ(v.verdict, Verdict::ok()) << v.key;
    // item_index points back into the packet: w00000-Cou follows DataTime.
    EXPECT_EQ(verdicts.front().item_index, 1U);
    EXPECT_EQ(packet.items[verdicts.back().item_index].key, "w01018-Max");
}

TEST(JudgePacket, GroupFlagAppliesToItsFactorOnly) {
    std::string seg = kC17;
    seg.replace(seg.find("w01018-Flag=N"), 13, "w01018-Flag=D");
    ValidityEngine engine;
    for (const auto& v : engine.judge_packet(parse(seg))) {
        if (v.key.starts_with("w01018")) {
            EXPECT_EQ(v.verdict.reason, Reason::flag_fault) << v.key;
        } else {
            EXPECT_TRUE(v.verdict.valid) << v.key;
        }
    }
}

TEST(JudgePacket, ZeroFlowWhateverTheItemOrder) {
    // The concentration's group comes before the flow's.
    const std::string seg = "QN=20160801090000001;ST=32;CN=2061;PW=123456;MN=MN1;Flag=5;CP=&&"
                            "DataTime=20160801080000;w01018-Cou=5.0,w01018-Avg=40.1,w01018-Flag=N;"
                            "w00000-Cou=0.0,w00000-Avg=0.0,w00000-Flag=N&&";
    ValidityEngine engine;
    const auto verdicts = engine.judge_packet(parse(seg));
    ASSERT_EQ(verdicts.size(), 4U);
    EXPECT_EQ(verdicts[0].key, "w01018-Cou");
    EXPECT_EQ(verdicts[0].verdict.reason, Reason::zero_flow_with_discharge);
    EXPECT_TRUE(verdicts[1].verdict.valid);
    EXPECT_TRUE(verdicts[2].verdict.valid);
    EXPECT_TRUE(verdicts[3].verdict.valid);
}

TEST(JudgePacket, Edition2005PacketWithPowerFault) {
    const std::string seg =
        "ST=32;CN=2011;PW=123456;MN=88888880000001;CP=&&"
        "DataTime=20260301120000;011-Rtd=12.5,011-Flag=P;060-Rtd=-1,060-Flag=N&&";
    ValidityEngine engine;
    const auto verdicts = engine.judge_packet(parse(seg));
    ASSERT_EQ(verdicts.size(), 2U);
    EXPECT_EQ(verdicts[0].verdict.reason, Reason::flag_power_fault);
    EXPECT_EQ(verdicts[1].verdict.reason, Reason::negative);
}

TEST(JudgePacket, TextThatIsNoNumber) {
    const std::string seg = "QN=20260301120000001;ST=32;CN=2011;PW=123456;MN=MN1;Flag=5;CP=&&"
                            "DataTime=20260301120000;w01018-Rtd=abc,w01018-Flag=N&&";
    ValidityEngine engine;
    const auto verdicts = engine.judge_packet(parse(seg));
    ASSERT_EQ(verdicts.size(), 1U);
    EXPECT_EQ(verdicts[0].verdict.reason, Reason::not_a_number);
    EXPECT_EQ(verdicts[0].verdict.detail, "'abc' is not a number");
}

TEST(JudgePacket, FlagInAGroupOfItsOwnAndMissingFlag) {
    const std::string seg = "QN=20260301120000001;ST=32;CN=2011;PW=123456;MN=MN1;Flag=5;CP=&&"
                            "DataTime=20260301120000;w01018-Rtd=40.1;w21003-Rtd=1.2;"
                            "w01018-Flag=C&&";
    ValidityEngine engine;
    const auto verdicts = engine.judge_packet(parse(seg));
    ASSERT_EQ(verdicts.size(), 2U);
    EXPECT_EQ(verdicts[0].verdict.reason, Reason::flag_calibration);
    EXPECT_TRUE(verdicts[1].verdict.valid); // no flag at all
}

TEST(JudgePacket, StuckAcrossHourlyPackets) {
    ValidityEngine engine;
    std::vector<Reason> cou_reasons;
    for (int h = 0; h <= 6; ++h) {
        std::string seg = kC17;
        const std::string hour = (h < 10 ? "0" : "") + std::to_string(h);
        seg.replace(seg.find("DataTime=20160801080000"), 23, "DataTime=20160801" + hour + "0000");
        const auto verdicts = engine.judge_packet(parse(seg));
        cou_reasons.push_back(verdicts[7].verdict.reason); // w01018-Cou = 63.0 every hour
    }
    EXPECT_EQ(cou_reasons.back(), Reason::stuck);
    EXPECT_EQ(cou_reasons[5], Reason::valid);
}

TEST(JudgePacket, WithoutDataTimeNoStateIsKept) {
    const std::string seg = "QN=20260301120000001;ST=32;CN=2011;PW=123456;MN=MN1;Flag=5;CP=&&"
                            "w01018-Rtd=40.1,w01018-Flag=N&&";
    ValidityEngine engine;
    const auto verdicts = engine.judge_packet(parse(seg));
    ASSERT_EQ(verdicts.size(), 1U);
    EXPECT_TRUE(verdicts[0].verdict.valid);
    EXPECT_EQ(engine.tracker().size(), 0U);
}

TEST(KeyCap, LeastRecentlyUsedKeyIsForgotten) {
    ValidityRules rules;
    rules.max_tracked_keys = 2;
    ValidityEngine engine(rules);
    const auto t = at(2026, 3, 1, 0);
    // Six equal hourly values of A (00:00 .. 05:00), with B touched each hour as well.
    for (int h = 0; h <= 5; ++h) {
        engine.judge("MN1", "w01018", "Avg", 8, 'N', t + h * kHour, 1); // A
        engine.judge("MN1", "w21003", "Avg", h, 'N', t + h * kHour, 1); // B
    }
    EXPECT_EQ(engine.tracker().size(), 2U);
    // C at 05:30 evicts the least recently used: A (B was used after A at 05:00).
    engine.judge("MN1", "w21011", "Avg", 1, 'N', t + 5 * kHour + kHour / 2, 1);
    EXPECT_EQ(engine.tracker().size(), 2U);
    EXPECT_EQ(engine.tracker().evictions(), 1U);
    // A's 7th equal value would have been stuck; its run restarted instead.
    EXPECT_TRUE(engine.judge("MN1", "w01018", "Avg", 8, 'N', t + 6 * kHour, 1).valid);
    EXPECT_EQ(engine.tracker().size(), 2U);
    EXPECT_EQ(engine.tracker().evictions(), 2U);
}

TEST(KeyCap, RecentUseKeepsAKey) {
    ValidityRules rules;
    rules.max_tracked_keys = 2;
    ValidityEngine engine(rules);
    const auto t = at(2026, 3, 1, 0);
    for (int h = 0; h <= 5; ++h) {
        engine.judge("MN1", "w21003", "Avg", h, 'N', t + h * kHour, 1); // B
        engine.judge("MN1", "w01018", "Avg", 8, 'N', t + h * kHour, 1); // A, used last
    }
    engine.judge("MN1", "w21011", "Avg", 1, 'N', t + 5 * kHour, 1); // evicts B
    EXPECT_EQ(engine.judge("MN1", "w01018", "Avg", 8, 'N', t + 6 * kHour, 1).reason, Reason::stuck);
}

TEST(KeyCap, DefaultCapIsTenThousand) {
    EXPECT_EQ(ValidityRules{}.max_tracked_keys, 10'000U);
    ValidityEngine engine;
    EXPECT_EQ(engine.tracker().max_keys(), 10'000U);
}

} // namespace
} // namespace hj212gw::validity
