#include "sim/platform/command_script.hpp"

#include <gtest/gtest.h>

using namespace std::chrono_literals;
using hj212gw::sim::parse_command_script;
using hj212gw::sim::parse_duration;

TEST(CommandScript, ParsesTheIssueExamples) {
    const auto script = parse_command_script("# the issue's examples\n"
                                             "at 2s 1011\n"
                                             "\n"
                                             "at 3s 1062 RtdInterval=30   # set the interval\n"
                                             "at 5s 2061 BeginTime=20160801080000 "
                                             "EndTime=20160801090000\n"
                                             "at 6s 2061 mn=data last 24h\n"
                                             "at 8s 3011 mn=DEVICE_MN PolId=w01018\n");
    ASSERT_TRUE(script.ok());
    ASSERT_EQ(script->size(), 5U);
    const auto& c = *script;
    EXPECT_EQ(c[0].line, 2U);
    EXPECT_EQ(c[0].at, 2s);
    EXPECT_EQ(c[0].cn, 1011);
    EXPECT_TRUE(c[0].params.empty());
    EXPECT_EQ(c[1].line, 4U);
    EXPECT_EQ(c[1].cn, 1062);
    ASSERT_EQ(c[1].params.size(), 1U);
    EXPECT_EQ(c[1].params[0].first, "RtdInterval");
    EXPECT_EQ(c[1].params[0].second, "30");
    ASSERT_EQ(c[2].params.size(), 2U);
    EXPECT_EQ(c[2].params[1].first, "EndTime");
    EXPECT_FALSE(c[2].last);
    EXPECT_EQ(c[3].mn, "data");
    ASSERT_TRUE(c[3].last);
    EXPECT_EQ(*c[3].last, 24h);
    EXPECT_EQ(c[4].mn, "DEVICE_MN");
    EXPECT_EQ(c[4].at, 8s);
    ASSERT_EQ(c[4].params.size(), 1U);
    EXPECT_EQ(c[4].params[0].second, "w01018");
}

TEST(CommandScript, ReportsEveryBadLineWithItsNumber) {
    const auto script = parse_command_script("at 1s 1011\n"             // 1 good
                                             "send 1011\n"              // 2 no 'at'
                                             "at 2x 1011\n"             // 3 bad unit
                                             "at 2s 10\n"               // 4 short CN
                                             "at 2s 9014\n"             // 5 not a request
                                             "at 2s 1062 RtdInterval\n" // 6 no '='
                                             "at 2s 2061 last\n"        // 7 last without time
                                             "at 2s 1062 Rtd=3;0\n"     // 8 delimiter
                                             "at 0s 1011\n");           // 9 goes back in time
    ASSERT_FALSE(script.ok());
    const auto& errors = script.error();
    ASSERT_EQ(errors.size(), 8U);
    for (std::size_t i = 0; i < errors.size(); ++i)
        EXPECT_EQ(errors[i].line, i + 2);
    EXPECT_EQ(errors[0].describe(),
              "line 2: expected 'at TIME CN [KEY=VALUE ...]', got 'send 1011'");
    EXPECT_NE(errors[1].message.find("bad time '2x'"), std::string::npos);
    EXPECT_NE(errors[2].message.find("bad CN '10'"), std::string::npos);
    EXPECT_NE(errors[3].message.find("not a platform request"), std::string::npos);
    EXPECT_NE(errors[4].message.find("expected KEY=VALUE"), std::string::npos);
    EXPECT_NE(errors[5].message.find("'last' needs a duration"), std::string::npos);
    EXPECT_NE(errors[6].message.find("contains ; , = or &"), std::string::npos);
    EXPECT_NE(errors[7].message.find("earlier than the previous"), std::string::npos);
}

TEST(CommandScript, Durations) {
    EXPECT_EQ(parse_duration("500ms"), 500ms);
    EXPECT_EQ(parse_duration("2s"), 2s);
    EXPECT_EQ(parse_duration("5m"), 5min);
    EXPECT_EQ(parse_duration("24h"), 24h);
    EXPECT_EQ(parse_duration("1d"), 24h);
    EXPECT_FALSE(parse_duration("2"));
    EXPECT_FALSE(parse_duration("s"));
    EXPECT_FALSE(parse_duration("-1s"));
    EXPECT_FALSE(parse_duration("1.5s"));
}

TEST(CommandScript, DefaultScriptParses) {
    const auto script = parse_command_script(hj212gw::sim::default_script_text());
    ASSERT_TRUE(script.ok());
    ASSERT_GE(script->size(), 8U);
    EXPECT_EQ(script->front().cn, 1012); // 6.7: time first
    bool pulls_history = false;
    for (const auto& c : *script)
        pulls_history = pulls_history || (c.cn == 2061 && c.last);
    EXPECT_TRUE(pulls_history);
}
