#include "hj212/parser.hpp"
#include "hj212/version.hpp"
#include "test_frames.hpp"

#include <gtest/gtest.h>

namespace hj212 {
namespace {

PacketView parse_ok(std::string_view seg, ParseMode mode = ParseMode::lenient) {
    PacketView v;
    auto r = parse_segment(seg, v, mode);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : describe(r.error())) << "\n" << seg;
    return v;
}

ParseError parse_err(std::string_view seg, ParseMode mode = ParseMode::strict) {
    PacketView v;
    auto r = parse_segment(seg, v, mode);
    EXPECT_FALSE(r.ok()) << seg;
    return r.ok() ? ParseError{} : r.error();
}

TEST(Parser, HeaderFieldsAndFlagBits) {
    auto v = parse_ok(test::kSeg1062, ParseMode::strict);
    EXPECT_EQ(v.qn, "20160801085857223");
    EXPECT_EQ(v.st, "32");
    EXPECT_EQ(v.cn, "1062");
    EXPECT_EQ(v.pw, "100000");
    EXPECT_EQ(v.mn, "010000A8900016F000169DC0");
    EXPECT_EQ(v.flag, 5U);
    EXPECT_TRUE(v.reply_wanted());
    EXPECT_FALSE(v.has_packet_numbers());
    EXPECT_EQ(v.version_bits(), kVersion2017);
    EXPECT_EQ(version_name(v.flag), "2017");
    EXPECT_EQ(v.command(), 1062);
    ASSERT_EQ(v.group_count(), 1U);
    EXPECT_EQ(v.group(0)[0].key, "RtdInterval");
    EXPECT_EQ(v.group(0)[0].value, "30");
}

TEST(Parser, GroupsAndItemsKeepOriginalOrderAndText) {
    auto v = parse_ok(test::kSeg2011, ParseMode::strict);
    ASSERT_EQ(v.group_count(), 9U);
    EXPECT_EQ(v.group(0).size(), 1U);
    EXPECT_EQ(v.group(0)[0].key, "DataTime");
    EXPECT_EQ(v.group(1)[0].key, "a21026-Rtd");
    EXPECT_EQ(v.group(1)[0].value, "35.21");
    EXPECT_EQ(v.group(1)[1].key, "a21026-Flag");
    EXPECT_EQ(v.group(6)[0].value, "-0.215");
    EXPECT_EQ(v.find("a01011-Rtd"), "12.35");
    EXPECT_FALSE(v.find("w01018-Rtd"));
    EXPECT_EQ(v.items.size(), 17U);
}

TEST(Parser, TypedAccessors) {
    const auto k = split_item_key("w01018-SampleTime");
    EXPECT_EQ(k.code, "w01018");
    EXPECT_EQ(k.suffix, "SampleTime");
    EXPECT_EQ(split_item_key("DataTime").code, "DataTime");
    EXPECT_EQ(split_item_key("DataTime").suffix, "");
    EXPECT_EQ(split_item_key("SB1-RS").suffix, "RS");
    EXPECT_DOUBLE_EQ(*parse_number("-0.215"), -0.215);
    EXPECT_DOUBLE_EQ(*parse_number("+12"), 12.0);
    EXPECT_DOUBLE_EQ(*parse_number("63.0"), 63.0);
    EXPECT_FALSE(parse_number("N"));
    EXPECT_FALSE(parse_number("1.2.3"));
    EXPECT_FALSE(parse_number(""));
    EXPECT_FALSE(parse_number("1e5")) << "the standard writes fixed-point numbers only";
}

TEST(Parser, EmptyCp) {
    auto v = parse_ok("QN=20160801085857223;ST=91;CN=9014;PW=123456;MN=010000A8900016F000169DC0;"
                      "Flag=4;CP=&&&&",
                      ParseMode::strict);
    EXPECT_EQ(v.group_count(), 0U);
    EXPECT_FALSE(v.reply_wanted());
}

TEST(Parser, SplitPacketNumbers) {
    auto v = parse_ok("QN=20160801085857534;ST=32;CN=2061;PW=123456;MN=010000A8900016F000169DC0;"
                      "Flag=7;PNUM=2;PNO=1;CP=&&DataTime=20160801080000;w00000-Cou=63.0&&",
                      ParseMode::strict);
    EXPECT_EQ(v.pnum, 2U);
    EXPECT_EQ(v.pno, 1U);
    EXPECT_TRUE(v.has_packet_numbers());
}

TEST(Parser, Version2005WithoutQnOrFlag) {
    auto v = parse_ok("ST=32;CN=2011;PW=123456;MN=88888880000001;CP=&&DataTime=20260301120000;"
                      "011-Rtd=12.5,011-Flag=N&&");
    EXPECT_FALSE(v.qn);
    EXPECT_FALSE(v.flag);
    EXPECT_EQ(version_name(v.flag), "2005");
    EXPECT_EQ(v.find("011-Rtd"), "12.5");
    EXPECT_EQ(parse_err("ST=32;CN=2011;PW=123456;MN=88888880000001;CP=&&X=1&&").field, Field::qn);
}

TEST(Parser, Version2025HeaderFieldRfIsKept) {
    const std::string_view seg = "QN=20260301120000123;ST=32;CN=2061;PW=123456;"
                                 "MN=010000A8900016F000169DC0;Flag=9;RF=1;CP=&&DataTime="
                                 "20260301110000;w01018-Avg=20.1&&";
    auto v = parse_ok(seg, ParseMode::strict);
    EXPECT_EQ(version_name(v.flag), "2025");
    EXPECT_EQ(v.header_field("RF"), "1");
    // RF is not a 2017 field.
    std::string old(seg);
    old.replace(old.find("Flag=9"), 6, "Flag=5");
    auto e = parse_err(old);
    EXPECT_EQ(e.field, Field::header);
    EXPECT_EQ(e.reason, ParseReason::unexpected);
    EXPECT_EQ(version_name(63U << 2), "unknown");
}

TEST(Parser, LenientAcceptsWhatDevicesSend) {
    // Any order, ',' between header fields, spaces, trailing ';', item without '=', empty items.
    auto v = parse_ok("MN=ABC123 ; ST=32,CN=2011;QN=20260301120000123;Flag=5;CP=&& w01018-Rtd ="
                      " 12.5 ,w01018-Flag=N;;X;&&  ");
    EXPECT_EQ(v.mn, "ABC123");
    EXPECT_EQ(v.st, "32");
    EXPECT_EQ(v.cn, "2011");
    EXPECT_FALSE(v.pw);
    EXPECT_EQ(v.find("w01018-Rtd"), "12.5");
    ASSERT_EQ(v.group_count(), 2U);
    EXPECT_EQ(v.group(1)[0].key, "X");
    EXPECT_EQ(v.group(1)[0].value, "");
}

TEST(Parser, FlagMustBeANumberEvenWhenLenient) {
    auto e = parse_err("QN=1;ST=32;CN=2011;Flag=x;CP=&&&&", ParseMode::lenient);
    EXPECT_EQ(e.field, Field::flag);
    EXPECT_EQ(e.reason, ParseReason::bad_format);
    EXPECT_EQ(parse_err("QN=1;Flag=256;CP=&&&&", ParseMode::lenient).field, Field::flag);
}

TEST(Parser, CpMustBeTerminated) {
    auto e = parse_err("QN=1;ST=32;CN=2011;CP=&&a=1", ParseMode::lenient);
    EXPECT_EQ(e.field, Field::cp);
    EXPECT_EQ(e.reason, ParseReason::unterminated);
    EXPECT_EQ(parse_err("QN=1;ST=32;CN=2011", ParseMode::lenient).reason, ParseReason::missing);
    EXPECT_EQ(parse_err("QN=1;CP=&&&", ParseMode::lenient).reason, ParseReason::unterminated);
}

TEST(Parser, PnumAndPnoTravelTogether) {
    EXPECT_EQ(parse_err("QN=1;PNUM=2;CP=&&&&", ParseMode::lenient).field, Field::pno);
    EXPECT_EQ(parse_err("QN=1;PNUM=2;PNO=3;CP=&&&&", ParseMode::lenient).reason,
              ParseReason::out_of_range);
    EXPECT_EQ(parse_err("QN=1;PNUM=0;PNO=0;CP=&&&&", ParseMode::lenient).reason,
              ParseReason::out_of_range);
}

struct StrictCase {
    std::string_view segment;
    Field field;
    ParseReason reason;
};

class StrictDiagnostics : public ::testing::TestWithParam<StrictCase> {};

TEST_P(StrictDiagnostics, NameTheFieldAndTheReason) {
    const auto& c = GetParam();
    const auto e = parse_err(c.segment);
    EXPECT_EQ(to_string(e.field), to_string(c.field)) << c.segment;
    EXPECT_EQ(to_string(e.reason), to_string(c.reason)) << c.segment;
    EXPECT_NE(describe(e).find(to_string(c.field)), std::string::npos);
    // Lenient mode still reads them all.
    PacketView v;
    EXPECT_TRUE(parse_segment(c.segment, v, ParseMode::lenient).ok()) << c.segment;
}

#define MN24 "010000A8900016F000169DC0"
INSTANTIATE_TEST_SUITE_P(
    Parser, StrictDiagnostics,
    ::testing::Values(
        StrictCase{"QN=2016080108585722;ST=32;CN=1062;PW=1;MN=" MN24 ";Flag=5;CP=&&&&", Field::qn,
                   ParseReason::bad_format},
        StrictCase{"QN=20161301085857223;ST=32;CN=1062;PW=1;MN=" MN24 ";Flag=5;CP=&&&&", Field::qn,
                   ParseReason::bad_format},
        StrictCase{"QN=20160801085857223;ST=3;CN=1062;PW=1;MN=" MN24 ";Flag=5;CP=&&&&", Field::st,
                   ParseReason::bad_format},
        StrictCase{"QN=20160801085857223;ST=32;CN=106;PW=1;MN=" MN24 ";Flag=5;CP=&&&&", Field::cn,
                   ParseReason::bad_format},
        StrictCase{"QN=20160801085857223;ST=32;CN=1062;PW=1234567;MN=" MN24 ";Flag=5;CP=&&&&",
                   Field::pw, ParseReason::too_long},
        StrictCase{"QN=20160801085857223;ST=32;CN=1062;PW=1;MN=88888880000001;Flag=5;CP=&&&&",
                   Field::mn, ParseReason::bad_format},
        StrictCase{"QN=20160801085857223;ST=32;CN=1062;PW=1;MN=010000a8900016f000169dc0;Flag=5;"
                   "CP=&&&&",
                   Field::mn, ParseReason::bad_format},
        StrictCase{"QN=20160801085857223;ST=32;CN=1062;PW=1;MN=" MN24 ";CP=&&&&", Field::flag,
                   ParseReason::missing},
        StrictCase{"QN=20160801085857223;ST=32;CN=1062;PW=1;MN=" MN24 ";Flag=7;CP=&&&&",
                   Field::flag, ParseReason::inconsistent},
        StrictCase{"ST=32;QN=20160801085857223;CN=1062;PW=1;MN=" MN24 ";Flag=5;CP=&&&&", Field::qn,
                   ParseReason::out_of_order},
        StrictCase{"QN=20160801085857223;ST=32;CN=1062;PW=1;MN=" MN24 ";Flag=5;X=1;CP=&&&&",
                   Field::header, ParseReason::unexpected},
        StrictCase{"QN=20160801085857223,ST=32;CN=1062;PW=1;MN=" MN24 ";Flag=5;CP=&&&&", Field::qn,
                   ParseReason::bad_format},
        StrictCase{"QN=20160801085857223;ST=32;CN=1062;PW=1;MN=" MN24 ";Flag=5CP=&&&&",
                   Field::header, ParseReason::bad_format},
        StrictCase{"QN=20160801085857223;ST=32;CN=1062;PW=1;MN=" MN24 ";Flag=5;CP=&& a=1&&",
                   Field::item, ParseReason::bad_format},
        StrictCase{"QN=20160801085857223;ST=32;CN=1062;PW=1;MN=" MN24 ";Flag=5;CP=&&a=1;;b=2&&",
                   Field::item, ParseReason::bad_format},
        StrictCase{"QN=20160801085857223;ST=32;CN=1062;PW=1;MN=" MN24 ";Flag=5;CP=&&a=1;&&",
                   Field::item, ParseReason::bad_format},
        StrictCase{"QN=20160801085857223;ST=32;CN=1062;PW=1;MN=" MN24 ";Flag=5;CP=&&abc&&",
                   Field::item, ParseReason::bad_format},
        StrictCase{"QN=20160801085857223;ST=32;ST=32;CN=1062;PW=1;MN=" MN24 ";Flag=5;CP=&&&&",
                   Field::st, ParseReason::out_of_order}));

TEST(Parser, StrictLimitsTheSegmentTo1024) {
    // With the 75-byte minimal strict header, a segment of at most 1024 bytes also keeps CP
    // within its 950-character limit.
    std::string seg = "QN=20160801085857223;ST=32;CN=2011;PW=1;MN=" MN24 ";Flag=5;CP=&&X=";
    seg += std::string(1024 - seg.size() - 2, '1');
    seg += "&&";
    ASSERT_EQ(seg.size(), 1024U);
    PacketView v;
    EXPECT_TRUE(parse_segment(seg, v, ParseMode::strict).ok());
    seg.insert(seg.find("X=") + 2, "1");
    const auto e = parse_err(seg);
    EXPECT_EQ(e.field, Field::segment);
    EXPECT_EQ(e.reason, ParseReason::too_long);
}

TEST(Parser, StrictItemValues) {
    const std::string head = "QN=20160801085857223;ST=32;CN=2011;PW=1;MN=" MN24 ";Flag=5;CP=&&";
    auto strict_ok = [&](std::string_view cp) {
        PacketView v;
        return parse_segment(head + std::string(cp) + "&&", v, ParseMode::strict).ok();
    };
    EXPECT_TRUE(strict_ok("w01018-Rtd=-12.5,w01018-Flag=N,w01018-EFlag=A01"));
    EXPECT_FALSE(strict_ok("w01018-Rtd=12.5x")) << "Rtd is a number";
    EXPECT_FALSE(strict_ok("w01018-Avg=")) << "an empty number";
    EXPECT_FALSE(strict_ok("w01018-Rtd=2.2\xe2\x80\xa6")) << "the standard's ellipsis";
    EXPECT_TRUE(strict_ok("i11001-Info=//清洗 管路//")) << "logs may be Chinese, with spaces";
    EXPECT_FALSE(strict_ok("i13004-Info=168.0 ")) << "but not padded";
    EXPECT_FALSE(strict_ok("w01018_Rtd=1")) << "keys are letters, digits and '-'";
    EXPECT_FALSE(strict_ok("PolId=w0 1018"));
}

TEST(Parser, ViewIsReusableWithoutLeftovers) {
    PacketView v;
    ASSERT_TRUE(parse_segment(test::kSeg2011, v).ok());
    ASSERT_TRUE(parse_segment(test::kSeg1062, v).ok());
    EXPECT_EQ(v.items.size(), 1U);
    EXPECT_EQ(v.group_count(), 1U);
    EXPECT_EQ(v.cn, "1062");
}

} // namespace
} // namespace hj212

namespace hj212 {
namespace {

// Found by fuzzing: lenient mode must read everything strict mode accepts, like a ',' in PW.
TEST(Parser, LenientKeepsCommaInsideAValue) {
    const std::string seg =
        "QN=20160801085857223;ST=32;CN=1062;PW=12,456;MN=" MN24 ";Flag=5;CP=&&&&";
    PacketView v;
    ASSERT_TRUE(parse_segment(seg, v, ParseMode::strict).ok());
    ASSERT_TRUE(parse_segment(seg, v, ParseMode::lenient).ok());
    EXPECT_EQ(v.pw, "12,456");
}

} // namespace
} // namespace hj212
