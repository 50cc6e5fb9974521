// QnSource: unique, increasing QNs whatever the clock does.
#include "commands/qn_source.hpp"

#include "fake_command_context.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace hj212gw::commands {
namespace {

using testing::ms;

TEST(QnSource, FirstQnIsTheTimePassedIn) {
    QnSource qns;
    EXPECT_EQ(qns.next(ms("20160801085857223")), "20160801085857223");
    EXPECT_EQ(qns.last_ms(), ms("20160801085857223"));
}

TEST(QnSource, SameMillisecondGivesTheNextMillisecond) {
    QnSource qns;
    const auto t = ms("20160801085857534");
    EXPECT_EQ(qns.next(t), "20160801085857534");
    EXPECT_EQ(qns.next(t), "20160801085857535");
    EXPECT_EQ(qns.next(t), "20160801085857536");
}

TEST(QnSource, CarriesIntoTheNextSecondDayAndYear) {
    QnSource qns;
    const auto t = ms("20161231235959999");
    EXPECT_EQ(qns.next(t), "20161231235959999");
    EXPECT_EQ(qns.next(t), "20170101000000000");
}

TEST(QnSource, ClockSteppedBackKeepsCountingUp) {
    QnSource qns;
    EXPECT_EQ(qns.next(ms("20160801090000000")), "20160801090000000");
    // The clock is set back an hour (1012, NTP): QNs must not repeat the last hour's.
    EXPECT_EQ(qns.next(ms("20160801080000000")), "20160801090000001");
    EXPECT_EQ(qns.next(ms("20160801080000500")), "20160801090000002");
    // Once the clock is past the last QN again, QNs follow the clock.
    EXPECT_EQ(qns.next(ms("20160801090000100")), "20160801090000100");
}

TEST(QnSource, ManyCallsAreUniqueAndIncreasing) {
    QnSource qns;
    std::set<std::string> seen;
    std::string previous;
    std::int64_t t = ms("20160801085857000");
    for (int i = 0; i < 2000; ++i) {
        // The clock advances, stalls and jumps back by turns.
        t += (i % 7 == 0) ? -5 : (i % 3 == 0 ? 0 : 1);
        const std::string qn = qns.next(t);
        ASSERT_EQ(qn.size(), 17U);
        EXPECT_TRUE(seen.insert(qn).second) << "duplicate " << qn;
        EXPECT_GT(qn, previous); // fixed width: text order is time order
        previous = qn;
    }
}

} // namespace
} // namespace hj212gw::commands
