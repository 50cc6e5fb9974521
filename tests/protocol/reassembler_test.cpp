#include "hj212/encoder.hpp"
#include "hj212/parser.hpp"
#include "hj212/reassembler.hpp"

#include <gtest/gtest.h>

namespace hj212 {
namespace {

using namespace std::chrono_literals;
using Ms = Reassembler::Clock;

// C.50's two parts (with the '…' of the printed standard left out).
constexpr std::string_view kPart1 =
    "QN=20160801085857534;ST=32;CN=2061;PW=123456;MN=010000A8900016F000169DC0;Flag=7;PNUM=2;"
    "PNO=1;CP=&&DataTime=20160801080000;w00000-Cou=63.0,w00000-Min=16.4,w00000-Avg=17.5,"
    "w00000-Max=20.1,w00000-Flag=N;w01001-Min=7.1,w01001-Avg=7.5,w01001-Max=7.8,w01001-Flag=N&&";
constexpr std::string_view kPart2 =
    "QN=20160801085857535;ST=32;CN=2061;PW=123456;MN=010000A8900016F000169DC0;Flag=7;PNUM=2;"
    "PNO=2;CP=&&DataTime=20160801080000;w01018-Cou=63.0,w01018-Min=40.1,w01018-Avg=40.1,"
    "w01018-Max=40.1,w01018-Flag=N&&";

Reassembler::AddResult add(Reassembler& r, std::string_view seg, Ms now) {
    PacketView v;
    EXPECT_TRUE(parse_segment(seg, v).ok());
    return r.add(v, now);
}

TEST(Reassembler, JoinsTheStandardsSplitExample) {
    Reassembler r;
    EXPECT_EQ(add(r, kPart1, Ms{0}).status, Reassembler::Status::incomplete);
    EXPECT_EQ(r.pending(), 1U);
    auto res = add(r, kPart2, Ms{10});
    ASSERT_EQ(res.status, Reassembler::Status::complete);
    ASSERT_TRUE(res.packet);
    const Packet& p = *res.packet;
    EXPECT_EQ(p.qn, "20160801085857534");
    EXPECT_FALSE(p.pnum);
    EXPECT_FALSE(p.pno);
    EXPECT_EQ(p.flag, 5U);
    ASSERT_EQ(p.cp.size(), 4U) << "DataTime once, then the three factor groups";
    EXPECT_EQ(p.cp[0][0].key, "DataTime");
    EXPECT_EQ(p.cp[3][0].key, "w01018-Cou");
    EXPECT_EQ(r.pending(), 0U);
    EXPECT_EQ(r.bytes_held(), 0U);
    EXPECT_EQ(r.stats().completed, 1U);
}

TEST(Reassembler, PartsInAnyOrder) {
    Reassembler r;
    EXPECT_EQ(add(r, kPart2, Ms{0}).status, Reassembler::Status::incomplete);
    auto res = add(r, kPart1, Ms{1});
    ASSERT_EQ(res.status, Reassembler::Status::complete);
    EXPECT_EQ(res.packet->qn, "20160801085857534") << "the header comes from part 1";
    EXPECT_EQ(res.packet->cp[1][0].key, "w00000-Cou");
}

TEST(Reassembler, SplitThenJoinRestoresThePacket) {
    Packet p;
    p.qn = "20260301120000000";
    p.st = "31";
    p.cn = "2061";
    p.pw = "123456";
    p.mn = "010000A8900016F000169DC0";
    p.flag = 5;
    p.cp.push_back({{"DataTime", "20260301110000"}});
    for (int i = 0; i < 30; ++i)
        p.cp.push_back({{"a2100" + std::to_string(i) + "-Avg", std::to_string(i * 1.5)},
                        {"a2100" + std::to_string(i) + "-Flag", "N"}});
    auto parts = split_packet(p, {300, SplitQn::increment});
    ASSERT_TRUE(parts.ok());
    ASSERT_GT(parts->size(), 2U);
    Reassembler r;
    std::optional<Packet> whole;
    for (const auto& part : *parts) {
        const std::string seg = encode_segment(part);
        auto res = add(r, seg, Ms{0});
        if (res.packet) whole = std::move(res.packet);
    }
    ASSERT_TRUE(whole);
    EXPECT_EQ(*whole, p);
}

TEST(Reassembler, DuplicatePartReplacesTheEarlierCopy) {
    Reassembler r;
    add(r, kPart1, Ms{0});
    EXPECT_EQ(add(r, kPart1, Ms{1}).status, Reassembler::Status::duplicate);
    EXPECT_EQ(r.stats().duplicates, 1U);
    EXPECT_EQ(add(r, kPart2, Ms{2}).status, Reassembler::Status::complete);
}

TEST(Reassembler, IncompletePacketsExpire) {
    Reassembler r(ReassemblerLimits{32, 256 * 1024, 1000, 5000ms});
    add(r, kPart1, Ms{0});
    EXPECT_EQ(r.expire(Ms{4999}), 0U);
    EXPECT_EQ(r.expire(Ms{5000}), 1U);
    EXPECT_EQ(r.pending(), 0U);
    EXPECT_EQ(r.bytes_held(), 0U);
    EXPECT_EQ(r.stats().expired, 1U);
    // The late second part starts a new, incomplete packet: nothing wrong is emitted.
    EXPECT_EQ(add(r, kPart2, Ms{6000}).status, Reassembler::Status::incomplete);
}

TEST(Reassembler, BoundedInSlotsAndBytes) {
    Reassembler r(ReassemblerLimits{2, 100000, 1000, 60000ms});
    std::string a(kPart1), b(kPart1), c(kPart1);
    b.replace(b.find("MN=010000A8900016F000169DC0"), 27, "MN=010000A8900016F000169DC1");
    c.replace(c.find("MN=010000A8900016F000169DC0"), 27, "MN=010000A8900016F000169DC2");
    add(r, a, Ms{0});
    add(r, b, Ms{1});
    add(r, c, Ms{2});
    EXPECT_EQ(r.pending(), 2U);
    EXPECT_EQ(r.stats().evicted, 1U);
    EXPECT_EQ(r.bytes_held(), b.size() + c.size());

    Reassembler small(ReassemblerLimits{32, kPart1.size() + 10, 1000, 60000ms});
    add(small, a, Ms{0});
    add(small, b, Ms{0});
    EXPECT_LE(small.bytes_held(), kPart1.size() + 10);
    EXPECT_EQ(small.pending(), 1U);
}

TEST(Reassembler, RefusesPartsWithoutValidNumbers) {
    Reassembler r(ReassemblerLimits{32, 256 * 1024, 10, 60000ms});
    PacketView v;
    ASSERT_TRUE(parse_segment("QN=1;ST=32;CN=2061;MN=X;Flag=5;CP=&&&&", v).ok());
    EXPECT_EQ(r.add(v, Ms{0}).status, Reassembler::Status::refused);
    ASSERT_TRUE(parse_segment("QN=1;ST=32;CN=2061;MN=X;Flag=7;PNUM=11;PNO=1;CP=&&&&", v).ok());
    EXPECT_EQ(r.add(v, Ms{0}).status, Reassembler::Status::refused) << "more parts than allowed";
    EXPECT_EQ(r.stats().refused, 2U);
}

TEST(Reassembler, NewPnumForTheSameSourceAbandonsTheOldPacket) {
    Reassembler r;
    add(r, kPart1, Ms{0});
    std::string three(kPart1);
    three.replace(three.find("PNUM=2"), 6, "PNUM=3");
    add(r, three, Ms{1});
    EXPECT_EQ(r.pending(), 1U);
    EXPECT_EQ(r.stats().evicted, 1U);
}

} // namespace
} // namespace hj212

namespace hj212 {
namespace {

// Found by fuzzing: one packet alone larger than the byte budget must not exceed it.
TEST(Reassembler, OnePacketLargerThanTheBudgetIsRefused) {
    Reassembler r(ReassemblerLimits{32, 2 * kPart1.size() + 10, 1000, 60000ms});
    std::string three(kPart1);
    three.replace(three.find("PNUM=2"), 6, "PNUM=3");
    std::string second = three;
    second.replace(second.find("PNO=1"), 5, "PNO=2");
    std::string third = three;
    third.replace(third.find("PNO=1"), 5, "PNO=3");
    EXPECT_EQ(add(r, three, Ms{0}).status, Reassembler::Status::incomplete);
    EXPECT_EQ(add(r, second, Ms{0}).status, Reassembler::Status::incomplete);
    EXPECT_EQ(add(r, third, Ms{0}).status, Reassembler::Status::refused);
    EXPECT_LE(r.bytes_held(), 2 * kPart1.size() + 10);
    EXPECT_EQ(r.pending(), 0U);
}

// Found by fuzzing: a group cut between items whose first piece has no factor keys is data,
// not a shared header, and must not be dropped from later parts.
TEST(Reassembler, CutGroupWithoutFactorKeysSurvives) {
    Packet p;
    p.qn = "20260301120000000";
    p.st = "32";
    p.cn = "3020";
    p.pw = "123456";
    p.mn = "010000A8900016F000169DC0";
    p.flag = 5;
    OwnedGroup g;
    for (int i = 0; i < 40; ++i)
        g.push_back({"InfoId", "i1300" + std::to_string(i % 10)});
    g.push_back({"w01018-Info", "x"});
    p.cp.push_back(g);
    auto parts = split_packet(p, {200, SplitQn::keep});
    ASSERT_TRUE(parts.ok());
    ASSERT_GT(parts->size(), 2U);
    Reassembler r;
    std::optional<Packet> whole;
    for (const auto& part : *parts) {
        const std::string seg = encode_segment(part);
        if (auto res = add(r, seg, Ms{0}); res.packet) whole = std::move(res.packet);
    }
    ASSERT_TRUE(whole);
    std::size_t items = 0;
    for (const auto& grp : whole->cp)
        items += grp.size();
    EXPECT_EQ(items, 41U);
}

} // namespace
} // namespace hj212
