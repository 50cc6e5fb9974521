// Request validation: QN, MN, PW, ST and CN errors are answered by 9011 alone, and nothing runs.
#include "commands/platform_command_handler.hpp"

#include "command_test_support.hpp"
#include "fake_command_context.hpp"

#include <gtest/gtest.h>

#include <string>

namespace hj212gw::commands {
namespace {

using namespace testing;

std::string rejection(int qn_rtn, const std::string& qn = "20160801085857223",
                      const std::string& pw = "123456",
                      const std::string& mn = "010000A8900016F000169DC0") {
    std::string s;
    if (!qn.empty()) s += "QN=" + qn + ";";
    s += "ST=91;CN=9011;";
    if (!pw.empty()) s += "PW=" + pw + ";";
    if (!mn.empty()) s += "MN=" + mn + ";";
    return s + "Flag=4;CP=&&QnRtn=" + std::to_string(qn_rtn) + "&&";
}

class RequestValidation : public ::testing::Test {
protected:
    std::vector<std::string> run(const std::string& segment) {
        auto outcome = handle(handler, ctx, segment);
        return segments_of(drain(outcome));
    }

    FakeCommandContext ctx;
    QnSource qns;
    PlatformCommandHandler handler{qns};
};

TEST_F(RequestValidation, WrongPasswordIsQnRtn3AndChangesNothing) {
    const auto out = run("QN=20160801085857223;ST=32;CN=1062;PW=999999;"
                         "MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=60&&");
    EXPECT_EQ(out, (std::vector<std::string>{rejection(3, "20160801085857223", "999999")}));
    EXPECT_TRUE(ctx.params.empty());
}

TEST_F(RequestValidation, MissingPasswordIsQnRtn3) {
    const auto out = run("QN=20160801085857223;ST=32;CN=2011;MN=010000A8900016F000169DC0;"
                         "Flag=5;CP=&&&&");
    EXPECT_EQ(out, (std::vector<std::string>{rejection(3, "20160801085857223", "")}));
    EXPECT_TRUE(ctx.params.empty());
}

TEST_F(RequestValidation, UnknownMnIsQnRtn4EvenWithAWrongPassword) {
    const auto out = run("QN=20160801085857223;ST=32;CN=1011;PW=000000;MN=FFFF;Flag=5;CP=&&&&");
    EXPECT_EQ(out, (std::vector<std::string>{rejection(4, "20160801085857223", "000000", "FFFF")}));
}

TEST_F(RequestValidation, UnknownOrFieldOnlyCnIsQnRtn8) {
    for (const std::string cn : {"1999", "2081", "1013", "12345", "abcd"}) {
        SCOPED_TRACE(cn);
        const auto out = run("QN=20160801085857223;ST=32;CN=" + cn +
                             ";PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&&&");
        EXPECT_EQ(out, (std::vector<std::string>{rejection(8)}));
    }
    const auto no_cn =
        run("QN=20160801085857223;ST=32;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&&&");
    EXPECT_EQ(no_cn, (std::vector<std::string>{rejection(8)}));
}

TEST_F(RequestValidation, BadQnIsQnRtn7) {
    EXPECT_EQ(run("QN=2016080108585722;ST=32;CN=1011;PW=123456;MN=010000A8900016F000169DC0;"
                  "Flag=5;CP=&&&&"),
              (std::vector<std::string>{rejection(7, "2016080108585722")}));
    EXPECT_EQ(run("QN=20161301085857223;ST=32;CN=1011;PW=123456;MN=010000A8900016F000169DC0;"
                  "Flag=5;CP=&&&&"),
              (std::vector<std::string>{rejection(7, "20161301085857223")}));
    EXPECT_EQ(run("ST=32;CN=1011;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&&&"),
              (std::vector<std::string>{rejection(7, "")}));
}

TEST_F(RequestValidation, UnknownStIsQnRtn5) {
    EXPECT_EQ(run("QN=20160801085857223;ST=99;CN=1011;PW=123456;MN=010000A8900016F000169DC0;"
                  "Flag=5;CP=&&&&"),
              (std::vector<std::string>{rejection(5)}));
}

TEST_F(RequestValidation, NotificationWithWrongPasswordIsRejectedNotActedOn) {
    ctx.params[RuntimeParam::realtime_upload] = "1";
    const auto out = run("QN=20160801085857223;ST=32;CN=2012;PW=000000;"
                         "MN=010000A8900016F000169DC0;Flag=5;CP=&&&&");
    EXPECT_EQ(out, (std::vector<std::string>{rejection(3, "20160801085857223", "000000")}));
    EXPECT_EQ(ctx.params[RuntimeParam::realtime_upload], "1");
}

TEST_F(RequestValidation, PlatformRepliesAreNeverAnswered) {
    // A 9014 or 9013 belongs to an exchange in progress; answering it would start a loop.
    for (const std::string cn : {"9013", "9014"}) {
        const auto out =
            run("QN=20160801085857534;ST=91;CN=" + cn + ";PW=000000;MN=FFFF;Flag=4;CP=&&&&");
        EXPECT_TRUE(out.empty()) << cn;
    }
}

TEST_F(RequestValidation, DevicePasswordIsCheckedWhenConfigured) {
    ctx.mn = "GATEWAY0000000000000001";
    ctx.devices["010000A8900016F000169DC0"] = "654321";
    ctx.online.insert("010000A8900016F000169DC0");
    const auto out = run(appendix_c("C.30").front().segment); // PW=123456
    EXPECT_EQ(out, (std::vector<std::string>{rejection(3)}));
}

TEST_F(RequestValidation, DevicePasswordUnknownToTheGatewayIsLeftToTheDevice) {
    ctx.mn = "GATEWAY0000000000000001";
    ctx.devices["010000A8900016F000169DC0"] = std::nullopt;
    ctx.online.insert("010000A8900016F000169DC0");
    auto outcome = handle(handler, ctx, appendix_c("C.30").front().segment);
    EXPECT_TRUE(std::holds_alternative<RouteToDevice>(outcome));
}

TEST_F(RequestValidation, GatewayDoesNotTakeTheGatewayPasswordForADevice) {
    // The gateway's MN with a device's password (and vice versa) is a PW error.
    ctx.devices["DEVICE01"] = "111111";
    const auto out = run("QN=20160801085857223;ST=32;CN=1011;PW=111111;"
                         "MN=010000A8900016F000169DC0;Flag=5;CP=&&&&");
    EXPECT_EQ(out, (std::vector<std::string>{rejection(3, "20160801085857223", "111111")}));
}

} // namespace
} // namespace hj212gw::commands
