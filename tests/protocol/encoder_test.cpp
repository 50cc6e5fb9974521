#include "hj212/datetime.hpp"
#include "hj212/deframer.hpp"
#include "hj212/encoder.hpp"
#include "hj212/parser.hpp"
#include "hj212/version.hpp"
#include "test_frames.hpp"

#include <gtest/gtest.h>

#include <random>

namespace hj212 {
namespace {

Packet parse_packet(std::string_view seg, ParseMode mode = ParseMode::strict) {
    PacketView v;
    auto r = parse_segment(seg, v, mode);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : describe(r.error())) << "\n" << seg;
    return Packet::from(v);
}

TEST(Encoder, ReencodesAStrictSegmentByteIdentically) {
    EXPECT_EQ(encode_segment(parse_packet(test::kSeg1062)), test::kSeg1062);
    EXPECT_EQ(encode_segment(parse_packet(test::kSeg2011)), test::kSeg2011);
}

TEST(Encoder, FramesWithPaddedLengthAndUppercaseCrc) {
    EXPECT_EQ(frame_segment("123456789").value(), "##0009123456789"
                                                  "2F80\r\n");
    const std::string f = frame_segment(test::kSeg1062).value();
    EXPECT_EQ(f, "##0101" + std::string(test::kSeg1062) + "1C80\r\n");
    EXPECT_EQ(frame_segment("").value(), "##0000FFFF\r\n");
    EXPECT_FALSE(frame_segment(std::string(10000, 'x')).ok());
}

TEST(Encoder, CanonicalOrderWhateverTheInputOrder) {
    const Packet p = parse_packet("MN=ABC;CN=2011;ST=32;Flag=5;PW=123456;QN=20260301120000123;"
                                  "CP=&&a=1&&",
                                  ParseMode::lenient);
    EXPECT_EQ(encode_segment(p),
              "QN=20260301120000123;ST=32;CN=2011;PW=123456;MN=ABC;Flag=5;CP=&&a=1&&");
}

TEST(Encoder, FlagDBitFollowsPacketNumbers) {
    Packet p = parse_packet(test::kSeg1062);
    p.pnum = 3;
    p.pno = 2;
    EXPECT_NE(encode_segment(p).find(";Flag=7;PNUM=3;PNO=2;CP="), std::string::npos);
    p.pnum.reset();
    p.pno.reset();
    p.flag = 7; // D set without numbers: we never emit that
    EXPECT_NE(encode_segment(p).find(";Flag=5;CP="), std::string::npos);
}

TEST(Encoder, AbsentFieldsAreNotInvented) {
    const Packet p =
        parse_packet("ST=32;CN=2011;PW=1;MN=8888;CP=&&011-Rtd=1&&", ParseMode::lenient);
    EXPECT_EQ(encode_segment(p), "ST=32;CN=2011;PW=1;MN=8888;CP=&&011-Rtd=1&&");
}

Packet big_hourly(int factors) {
    Packet p;
    p.qn = "20160801085857534";
    p.st = "32";
    p.cn = "2061";
    p.pw = "123456";
    p.mn = "010000A8900016F000169DC0";
    p.flag = 5;
    p.cp.push_back({{"DataTime", "20160801080000"}});
    for (int i = 0; i < factors; ++i) {
        const std::string c = "w0" + std::to_string(1000 + i);
        p.cp.push_back({{c + "-Cou", "63.0"},
                        {c + "-Min", "16.4"},
                        {c + "-Avg", "17.5"},
                        {c + "-Max", "20.1"},
                        {c + "-Flag", "N"}});
    }
    return p;
}

TEST(Encoder, SmallPacketIsNotSplit) {
    const Packet p = big_hourly(3);
    auto parts = split_packet(p);
    ASSERT_TRUE(parts.ok());
    ASSERT_EQ(parts->size(), 1U);
    EXPECT_EQ((*parts)[0], p);
}

TEST(Encoder, SplitsAtGroupBoundariesRepeatingDataTime) {
    const Packet p = big_hourly(40);
    ASSERT_GT(encode_segment(p).size(), 1024U);
    auto parts = split_packet(p);
    ASSERT_TRUE(parts.ok());
    ASSERT_GE(parts->size(), 3U);
    std::size_t groups = 0;
    for (std::size_t k = 0; k < parts->size(); ++k) {
        const Packet& part = (*parts)[k];
        const std::string seg = encode_segment(part);
        EXPECT_LE(seg.size(), 1024U);
        PacketView v;
        ASSERT_TRUE(parse_segment(seg, v, ParseMode::strict).ok()) << seg;
        EXPECT_EQ(v.pnum, parts->size());
        EXPECT_EQ(v.pno, k + 1);
        EXPECT_EQ(v.flag, 7U) << "version 2017, split, reply wanted";
        EXPECT_EQ(v.group(0)[0].key, "DataTime") << "each part carries the interval start";
        groups += v.group_count() - 1;
    }
    EXPECT_EQ(groups, 40U);
    // Appendix C.49/C.50: each part has its own QN, one millisecond apart.
    EXPECT_EQ((*parts)[0].qn, "20160801085857534");
    EXPECT_EQ((*parts)[1].qn, "20160801085857535");
}

TEST(Encoder, SplitCanKeepTheQn) {
    auto parts = split_packet(big_hourly(40), {1024, SplitQn::keep});
    ASSERT_TRUE(parts.ok());
    for (const auto& part : *parts)
        EXPECT_EQ(part.qn, "20160801085857534");
}

TEST(Encoder, QnIncrementCarriesAcrossMidnight) {
    Packet p = big_hourly(40);
    p.qn = "20161231235959999";
    auto parts = split_packet(p);
    ASSERT_TRUE(parts.ok());
    EXPECT_EQ((*parts)[1].qn, "20170101000000000");
}

TEST(Encoder, GroupLargerThanAPartIsCutBetweenItems) {
    Packet p = big_hourly(0);
    OwnedGroup huge;
    for (int i = 0; i < 100; ++i)
        huge.push_back({"i1300" + std::to_string(i % 10) + "-Info", std::string(20, 'v')});
    p.cp.push_back(huge);
    auto parts = split_packet(p, {300, SplitQn::increment});
    ASSERT_TRUE(parts.ok());
    std::size_t items = 0;
    for (const auto& part : *parts) {
        EXPECT_LE(encode_segment(part).size(), 300U);
        for (std::size_t g = 1; g < part.cp.size(); ++g)
            items += part.cp[g].size();
    }
    EXPECT_EQ(items, 100U);
}

TEST(Encoder, ItemThatCannotFitIsAnError) {
    Packet p = big_hourly(0);
    p.cp.push_back({{"i11001-Info", std::string(2000, 'x')}});
    auto parts = split_packet(p);
    ASSERT_FALSE(parts.ok());
    EXPECT_EQ(parts.error(), EncodeError::item_too_long);
}

// Property: encode -> frame -> deframe -> parse gives the same packet, for generated packets.
TEST(Encoder, RoundTripOfGeneratedPackets) {
    std::mt19937 rng(2026);
    auto pick = [&](std::string_view alphabet, std::size_t n) {
        std::string s;
        for (std::size_t i = 0; i < n; ++i)
            s += alphabet[rng() % alphabet.size()];
        return s;
    };
    const std::string_view digits = "0123456789";
    const std::string_view value_chars = "0123456789.-ABCNabc/_";
    for (int round = 0; round < 2000; ++round) {
        Packet p;
        p.qn = DateTime::from_epoch_ms(static_cast<std::int64_t>(rng()) * 1000 +
                                       static_cast<std::int64_t>(rng() % 1000))
                   .format17();
        p.st = pick("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", 2);
        p.cn = pick(digits, 4);
        p.pw = pick("0123456789abcdef", 1 + rng() % 6);
        p.mn = pick("0123456789ABCDEF", 24);
        p.flag = make_flag(static_cast<std::uint8_t>(rng() % 3), false, rng() % 2 == 0);
        const auto groups = rng() % 12;
        for (std::size_t g = 0; g < groups; ++g) {
            OwnedGroup group;
            const auto items = 1 + rng() % 5;
            for (std::size_t i = 0; i < items; ++i)
                group.push_back({"w" + pick(digits, 5) + "-X" + pick("RtdAvgFlag", 3),
                                 pick(value_chars, rng() % 10)});
            p.cp.push_back(group);
        }
        const auto parts = split_packet(p, {400, SplitQn::keep});
        ASSERT_TRUE(parts.ok());
        std::string stream;
        for (const auto& part : *parts)
            stream += frame_segment(encode_segment(part)).value();
        Deframer d;
        std::string_view in = stream;
        std::vector<Packet> decoded;
        while (!in.empty()) {
            in.remove_prefix(d.feed(in));
            while (auto ev = d.next()) {
                ASSERT_TRUE(std::holds_alternative<DeframedFrame>(*ev));
                decoded.push_back(parse_packet(std::get<DeframedFrame>(*ev).segment));
            }
        }
        ASSERT_EQ(decoded, *parts) << "round " << round;
    }
}

} // namespace
} // namespace hj212

namespace hj212 {
namespace {

// Found by fuzzing: QN + 1 ms past year 9999 would need 18 digits; the QN is kept instead.
TEST(Encoder, SplitQnNeverGrowsPast17Digits) {
    Packet p = big_hourly(40);
    p.qn = "99991231235959999";
    auto parts = split_packet(p);
    ASSERT_TRUE(parts.ok());
    for (const auto& part : *parts)
        EXPECT_EQ(part.qn.size(), 17U);
}

} // namespace
} // namespace hj212
