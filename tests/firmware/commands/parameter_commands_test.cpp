// Set/get commands on the gateway's own MN, compared with Appendix C.1 .. C.13, and the values
// they persist through the context.
#include "commands/platform_command_handler.hpp"

#include "command_test_support.hpp"
#include "fake_command_context.hpp"

#include <gtest/gtest.h>

#include <string>

namespace hj212gw::commands {
namespace {

using namespace testing;

/// A request as Appendix C writes them, with another CN and CP.
std::string request(const std::string& cn, const std::string& cp) {
    return "QN=20160801085857223;ST=32;CN=" + cn +
           ";PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&" + cp + "&&";
}
const std::string kReady = "QN=20160801085857223;ST=91;CN=9011;PW=123456;"
                           "MN=010000A8900016F000169DC0;Flag=4;CP=&&QnRtn=1&&";
std::string result(int exe_rtn) {
    return "QN=20160801085857223;ST=91;CN=9012;PW=123456;MN=010000A8900016F000169DC0;Flag=4;"
           "CP=&&ExeRtn=" +
           std::to_string(exe_rtn) + "&&";
}

class ParameterCommands : public ::testing::Test {
protected:
    /// Runs table `table` of Appendix C: its host request in, its field segments expected out.
    void expect_appendix_flow(const std::string& table) {
        const auto examples = appendix_c(table);
        ASSERT_FALSE(examples.empty()) << table;
        ASSERT_EQ(examples.front().role, "host");
        auto outcome = handle(handler, ctx, examples.front().segment);
        const auto out = drain(outcome);
        const auto expected = field_side(examples);
        ASSERT_EQ(out.size(), expected.size()) << table;
        for (std::size_t i = 0; i < out.size(); ++i) {
            SCOPED_TRACE(table + " field segment " + std::to_string(i + 1));
            expect_matches(out[i].segment, expected[i]);
            EXPECT_EQ(out[i].qn, "20160801085857223");
            EXPECT_FALSE(out[i].await_ack);
        }
    }

    std::vector<std::string> run(const std::string& segment) {
        auto outcome = handle(handler, ctx, segment);
        return segments_of(drain(outcome));
    }

    FakeCommandContext ctx;
    QnSource qns;
    PlatformCommandHandler handler{qns};
};

TEST_F(ParameterCommands, C1SetsOverTimeAndReCount) {
    expect_appendix_flow("C.1");
    EXPECT_EQ(ctx.params[RuntimeParam::over_time], "5");
    EXPECT_EQ(ctx.params[RuntimeParam::re_count], "3");
}

TEST_F(ParameterCommands, OverTimeAndReCountRangesAreChecked) {
    for (const std::string bad :
         {"OverTime=0;ReCount=3", "OverTime=100;ReCount=3", "OverTime=5;ReCount=0",
          "OverTime=5;ReCount=100", "OverTime=5.0", "OverTime=-1", "OverTime=", ""}) {
        SCOPED_TRACE(bad);
        EXPECT_EQ(run(request("1000", bad)), (std::vector<std::string>{kReady, result(3)}));
    }
    // Nothing is half applied: OverTime=5 was valid but ReCount=100 was not.
    EXPECT_TRUE(ctx.params.empty());
    EXPECT_EQ(run(request("1000", "OverTime=1;ReCount=99")),
              (std::vector<std::string>{kReady, result(1)}));
    EXPECT_EQ(run(request("1000", "ReCount=7")), (std::vector<std::string>{kReady, result(1)}));
    EXPECT_EQ(ctx.params[RuntimeParam::over_time], "1");
    EXPECT_EQ(ctx.params[RuntimeParam::re_count], "7");
}

TEST_F(ParameterCommands, PersistFailureIsASystemFault) {
    ctx.persist_fails = true;
    EXPECT_EQ(run(request("1062", "RtdInterval=60")),
              (std::vector<std::string>{kReady, result(6)}));
}

TEST_F(ParameterCommands, C2ReportsTheGatewayTime) {
    ctx.now = ms("20160801085857000");
    expect_appendix_flow("C.2");
}

TEST_F(ParameterCommands, GetTimeWithoutPolIdReportsOnlySystemTime) {
    ctx.now = ms("20200229235959999");
    const auto out = run(request("1011", ""));
    ASSERT_EQ(out.size(), 3U);
    EXPECT_EQ(out[1], "QN=20160801085857223;ST=32;CN=1011;PW=123456;MN=010000A8900016F000169DC0;"
                      "Flag=4;CP=&&SystemTime=20200229235959&&");
}

TEST_F(ParameterCommands, C3SetsTheClockWhenPermitted) {
    ctx.clock_behaviour = ClockSetResult::set;
    ctx.now = ms("20160801090000000");
    expect_appendix_flow("C.3");
    ASSERT_EQ(ctx.clock_sets.size(), 1U);
    EXPECT_EQ(ctx.clock_sets[0], ms("20160801085857"));
    EXPECT_FALSE(ctx.params.contains(RuntimeParam::clock_offset_ms));
}

TEST_F(ParameterCommands, C3RecordsTheOffsetWhenNotPermitted) {
    ctx.clock_behaviour = ClockSetResult::not_permitted;
    ctx.now = ms("20160801085900500"); // the gateway is 3.5 s ahead of the platform
    expect_appendix_flow("C.3");
    EXPECT_EQ(ctx.params[RuntimeParam::clock_offset_ms], "-3500");
    EXPECT_EQ(ctx.now, ms("20160801085900500")); // the clock was not touched
}

TEST_F(ParameterCommands, ClockRefusedBySystemIsAFailure) {
    ctx.clock_behaviour = ClockSetResult::failed;
    EXPECT_EQ(run(request("1012", "SystemTime=20160801085857")),
              (std::vector<std::string>{kReady, result(2)}));
}

TEST_F(ParameterCommands, InvalidSystemTimeIsAConditionError) {
    ctx.clock_behaviour = ClockSetResult::set;
    for (const std::string bad :
         {"SystemTime=20160230085857", "SystemTime=2016080108585", "PolId=w01018", ""}) {
        SCOPED_TRACE(bad);
        EXPECT_EQ(run(request("1012", bad)), (std::vector<std::string>{kReady, result(3)}));
    }
    EXPECT_TRUE(ctx.clock_sets.empty());
}

TEST_F(ParameterCommands, C5ReportsRtdInterval) {
    ctx.params[RuntimeParam::rtd_interval] = "30";
    expect_appendix_flow("C.5");
}

TEST_F(ParameterCommands, RtdIntervalDefaultsTo30AndReportsWhatWasSet) {
    expect_appendix_flow("C.5"); // nothing set: the default of C.5
    EXPECT_EQ(run(request("1062", "RtdInterval=120"))[1], result(1));
    const auto out = run(request("1061", ""));
    ASSERT_EQ(out.size(), 3U);
    EXPECT_EQ(read(out[1]).cp, (std::vector<hj212::OwnedGroup>{{{"RtdInterval", "120"}}}));
}

TEST_F(ParameterCommands, C6SetsRtdIntervalWithinRange) {
    expect_appendix_flow("C.6");
    EXPECT_EQ(ctx.params[RuntimeParam::rtd_interval], "30");
    EXPECT_EQ(run(request("1062", "RtdInterval=3600"))[1], result(1));
    EXPECT_EQ(ctx.params[RuntimeParam::rtd_interval], "3600");
    for (const std::string bad : {"RtdInterval=29", "RtdInterval=3601", "RtdInterval=abc", ""}) {
        SCOPED_TRACE(bad);
        EXPECT_EQ(run(request("1062", bad)), (std::vector<std::string>{kReady, result(3)}));
    }
    EXPECT_EQ(ctx.params[RuntimeParam::rtd_interval], "3600");
}

TEST_F(ParameterCommands, C7ReportsMinInterval) {
    expect_appendix_flow("C.7"); // the default, 10
    ctx.params[RuntimeParam::min_interval] = "10";
    expect_appendix_flow("C.7");
}

TEST_F(ParameterCommands, C8SetsMinIntervalToADivisorOfAnHour) {
    expect_appendix_flow("C.8");
    EXPECT_EQ(ctx.params[RuntimeParam::min_interval], "10");
    for (const std::string good : {"1", "2", "3", "4", "5", "6", "10", "12", "15", "20", "30"}) {
        EXPECT_EQ(run(request("1064", "MinInterval=" + good))[1], result(1)) << good;
        EXPECT_EQ(ctx.params[RuntimeParam::min_interval], good);
    }
    for (const std::string bad : {"0", "7", "8", "9", "11", "25", "60", "x"})
        EXPECT_EQ(run(request("1064", "MinInterval=" + bad))[1], result(3)) << bad;
    EXPECT_EQ(ctx.params[RuntimeParam::min_interval], "30");
}

TEST_F(ParameterCommands, C9ChangesThePasswordForTheNextRequest) {
    expect_appendix_flow("C.9"); // the replies still carry the old PW
    EXPECT_EQ(ctx.params[RuntimeParam::password], "654321");

    auto old_pw = run(request("1061", ""));
    ASSERT_EQ(old_pw.size(), 1U);
    EXPECT_EQ(old_pw[0], "QN=20160801085857223;ST=91;CN=9011;PW=123456;"
                         "MN=010000A8900016F000169DC0;Flag=4;CP=&&QnRtn=3&&");

    std::string with_new_pw = request("1061", "");
    with_new_pw.replace(with_new_pw.find("PW=123456"), 9, "PW=654321");
    EXPECT_EQ(run(with_new_pw).size(), 3U);
}

TEST_F(ParameterCommands, InvalidNewPasswordIsRefused) {
    for (const std::string bad : {"NewPW=1234567", "NewPW=", "NewPW=12-456", "NewPW=密码", ""}) {
        SCOPED_TRACE(bad);
        EXPECT_EQ(run(request("1072", bad)), (std::vector<std::string>{kReady, result(3)}));
    }
    EXPECT_FALSE(ctx.params.contains(RuntimeParam::password));
}

TEST_F(ParameterCommands, C10AndC11SwitchRealTimeUploads) {
    expect_appendix_flow("C.10");
    EXPECT_EQ(ctx.params[RuntimeParam::realtime_upload], "1");
    expect_appendix_flow("C.11");
    EXPECT_EQ(ctx.params[RuntimeParam::realtime_upload], "0");
}

TEST_F(ParameterCommands, C12AndC13SwitchEquipmentStatusUploads) {
    expect_appendix_flow("C.12");
    EXPECT_EQ(ctx.params[RuntimeParam::status_upload], "1");
    expect_appendix_flow("C.13");
    EXPECT_EQ(ctx.params[RuntimeParam::status_upload], "0");
    EXPECT_FALSE(ctx.params.contains(RuntimeParam::realtime_upload));
}

TEST_F(ParameterCommands, RepliesKeepTheRequestsVersion) {
    // A 2025 platform (Flag=9) gets 2025 replies (Flag=8).
    std::string req = request("1062", "RtdInterval=30");
    req.replace(req.find("Flag=5"), 6, "Flag=9");
    const auto out = run(req);
    ASSERT_EQ(out.size(), 2U);
    EXPECT_EQ(read(out[0]).flag, 8U);
    EXPECT_EQ(read(out[1]).flag, 8U);
}

} // namespace
} // namespace hj212gw::commands
