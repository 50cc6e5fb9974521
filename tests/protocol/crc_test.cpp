#include "hj212/crc.hpp"
#include "test_frames.hpp"

#include <gtest/gtest.h>

#include <random>

namespace hj212 {
namespace {

TEST(Crc, StandardExampleIs1C80) {
    EXPECT_EQ(crc16(test::kSeg1062), 0x1C80);
    EXPECT_EQ(test::kSeg1062.size(), 101U);
}

TEST(Crc, CheckStringIs2F80) {
    EXPECT_EQ(crc16("123456789"), 0x2F80);
}

TEST(Crc, IsNotModbus) {
    // Modbus CRC16 of the same segment is 0759: a common mistake in public code.
    EXPECT_NE(crc16(test::kSeg1062), 0x0759);
}

TEST(Crc, EmptyInputKeepsTheInitialRegister) {
    EXPECT_EQ(crc16(""), 0xFFFF);
}

TEST(Crc, SlicedTableMatchesTheStandardsBitLoopForEveryLength) {
    std::mt19937 rng(42);
    std::string data;
    for (int len = 0; len < 300; ++len) {
        EXPECT_EQ(crc16(data), crc16_bitwise(data)) << "length " << len;
        data.push_back(static_cast<char>(rng() & 0xFF));
    }
}

TEST(Crc, HexIsUppercaseAndZeroPadded) {
    char out[4];
    write_crc_hex(0x0A0B, out);
    EXPECT_EQ(std::string_view(out, 4), "0A0B");
    write_crc_hex(0x1C80, out);
    EXPECT_EQ(std::string_view(out, 4), "1C80");
}

TEST(Crc, HexParseAcceptsEitherCase) {
    EXPECT_EQ(parse_crc_hex("1c80"), 0x1C80);
    EXPECT_EQ(parse_crc_hex("1C80"), 0x1C80);
    EXPECT_EQ(parse_crc_hex("abCD"), 0xABCD);
    EXPECT_FALSE(parse_crc_hex("1C8G"));
    EXPECT_FALSE(parse_crc_hex("1C8"));
}

} // namespace
} // namespace hj212
