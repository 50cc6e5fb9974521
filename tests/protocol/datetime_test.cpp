#include "hj212/datetime.hpp"

#include <gtest/gtest.h>

namespace hj212 {
namespace {

TEST(DateTime, ParsesSecondsAndMilliseconds) {
    auto dt = DateTime::parse("20160801085857");
    ASSERT_TRUE(dt);
    EXPECT_EQ(dt->year, 2016);
    EXPECT_EQ(dt->hour, 8);
    EXPECT_EQ(dt->second, 57);
    auto qn = DateTime::parse("20160801085857223");
    ASSERT_TRUE(qn);
    EXPECT_EQ(qn->millisecond, 223);
    EXPECT_EQ(qn->format17(), "20160801085857223");
    EXPECT_EQ(qn->format14(), "20160801085857");
}

TEST(DateTime, RejectsImpossibleValues) {
    EXPECT_FALSE(DateTime::parse("20260230000000"));
    EXPECT_FALSE(DateTime::parse("20250229000000"));
    EXPECT_TRUE(DateTime::parse("20240229000000"));
    EXPECT_FALSE(DateTime::parse("20260101240000"));
    EXPECT_FALSE(DateTime::parse("2026010100000"));
    EXPECT_FALSE(DateTime::parse("2026010100000x"));
    EXPECT_FALSE(DateTime::parse("20261301000000"));
}

TEST(DateTime, EpochRoundTrip) {
    EXPECT_EQ(DateTime::parse("19700101000000")->to_epoch_ms(), 0);
    EXPECT_EQ(DateTime::parse("20260101000000")->to_epoch_ms(), 1767225600000LL);
    for (std::int64_t ms : {0LL, 1LL, 86399999LL, 951782400000LL, 1767225600123LL, -1LL}) {
        EXPECT_EQ(DateTime::from_epoch_ms(ms).to_epoch_ms(), ms) << ms;
    }
    EXPECT_EQ(DateTime::from_epoch_ms(-1).format17(), "19691231235959999");
}

} // namespace
} // namespace hj212
