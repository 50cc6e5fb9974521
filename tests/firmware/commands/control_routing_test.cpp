// Control commands (C.30 .. C.46) for a device behind the gateway: routed to its live connection,
// or an honest failure when it has none; and what the gateway does with them for its own MN.
#include "commands/platform_command_handler.hpp"

#include "command_test_support.hpp"
#include "fake_command_context.hpp"

#include <gtest/gtest.h>

#include <string>

namespace hj212gw::commands {
namespace {

using namespace testing;

const std::string kGatewayMn = "GATEWAY0000000000000001";

class ControlRouting : public ::testing::Test {
protected:
    ControlRouting() {
        ctx.mn = kGatewayMn;
        ctx.devices[kMn] = std::nullopt; // Appendix C's MN is a device behind the gateway
    }

    FakeCommandContext ctx;
    QnSource qns;
    PlatformCommandHandler handler{qns};
};

TEST_F(ControlRouting, EveryControlRequestGoesToTheOnlineDeviceUnchanged) {
    ctx.online.insert(kMn);
    for (const char* table : {"C.30", "C.31", "C.32", "C.33", "C.34", "C.35", "C.36", "C.37",
                              "C.38", "C.41", "C.45", "C.46"}) {
        SCOPED_TRACE(table);
        const auto request = appendix_c(table).front();
        ASSERT_EQ(request.role, "host");
        auto outcome = handle(handler, ctx, request.segment);
        const auto* route = std::get_if<RouteToDevice>(&outcome);
        ASSERT_NE(route, nullptr);
        EXPECT_EQ(route->mn, kMn);
        EXPECT_EQ(route->qn, "20160801085857223");
        EXPECT_EQ(route->cn, read(request.segment).cn);
        EXPECT_EQ(route->segment, request.segment);
    }
    EXPECT_TRUE(ctx.params.empty());
}

TEST_F(ControlRouting, OfflineDeviceGetsReadyThenFailed) {
    const auto c30 = appendix_c("C.30");
    auto outcome = handle(handler, ctx, c30.front().segment);
    const auto out = drain(outcome);
    ASSERT_EQ(out.size(), 2U);
    EXPECT_EQ(out[0].segment, c30[1].segment); // 9011 QnRtn=1, as C.30 shows
    EXPECT_EQ(out[1].segment, "QN=20160801085857223;ST=91;CN=9012;PW=123456;"
                              "MN=010000A8900016F000169DC0;Flag=4;CP=&&ExeRtn=2&&");
    EXPECT_FALSE(out[0].await_ack);
    EXPECT_FALSE(out[1].await_ack);
}

TEST_F(ControlRouting, DeviceParameterCommandsAreTheDevicesToo) {
    // 1062 for a device MN sets the device's interval, not the gateway's.
    ctx.online.insert(kMn);
    auto outcome = handle(handler, ctx, appendix_c("C.6").front().segment);
    EXPECT_TRUE(std::holds_alternative<RouteToDevice>(outcome));
    EXPECT_TRUE(ctx.params.empty());

    ctx.online.clear();
    auto offline = handle(handler, ctx, appendix_c("C.6").front().segment);
    const auto out = drain(offline);
    ASSERT_EQ(out.size(), 2U);
    EXPECT_NE(out[1].segment.find("ExeRtn=2"), std::string::npos);
    EXPECT_TRUE(ctx.params.empty());
}

TEST_F(ControlRouting, StopNotificationForAnOfflineDeviceIsAcknowledged) {
    const auto c11 = appendix_c("C.11");
    auto outcome = handle(handler, ctx, c11.front().segment);
    const auto out = drain(outcome);
    ASSERT_EQ(out.size(), 1U);
    EXPECT_EQ(out[0].segment, c11[1].segment); // 9013
    EXPECT_TRUE(ctx.params.empty());           // the gateway's own switch is untouched

    ctx.online.insert(kMn);
    auto online = handle(handler, ctx, c11.front().segment);
    EXPECT_TRUE(std::holds_alternative<RouteToDevice>(online));
}

TEST_F(ControlRouting, ControlForTheGatewayItselfIsRejected) {
    // The gateway has no instrument to calibrate: QnRtn=2 at once, no 9012.
    std::string request = appendix_c("C.30").front().segment;
    request.replace(request.find(kMn), std::string(kMn).size(), kGatewayMn);
    auto outcome = handle(handler, ctx, request);
    const auto out = drain(outcome);
    ASSERT_EQ(out.size(), 1U);
    EXPECT_EQ(out[0].segment, "QN=20160801085857223;ST=91;CN=9011;PW=123456;MN=" + kGatewayMn +
                                  ";Flag=4;CP=&&QnRtn=2&&");
}

TEST_F(ControlRouting, DeviceUnreachableKeepsTheRequestsIdentity) {
    hj212::PacketView view;
    const std::string request = "QN=20240102030405006;ST=31;CN=3012;PW=abc;MN=DEV9;Flag=9;"
                                "CP=&&PolId=a21026&&";
    ASSERT_TRUE(hj212::parse_segment(request, view).ok());
    auto exchange = device_unreachable(view);
    const auto first = exchange.next();
    const auto second = exchange.next();
    ASSERT_TRUE(first && second);
    EXPECT_FALSE(exchange.next());
    EXPECT_EQ(first->segment,
              "QN=20240102030405006;ST=91;CN=9011;PW=abc;MN=DEV9;Flag=8;CP=&&QnRtn=1&&");
    EXPECT_EQ(second->segment,
              "QN=20240102030405006;ST=91;CN=9012;PW=abc;MN=DEV9;Flag=8;CP=&&ExeRtn=2&&");
}

TEST_F(ControlRouting, SilentDeviceIsACommunicationTimeout) {
    const auto c30 = appendix_c("C.30");
    hj212::PacketView view;
    ASSERT_TRUE(hj212::parse_segment(c30.front().segment, view).ok());
    const std::string timeout = "QN=20160801085857223;ST=91;CN=9012;PW=123456;"
                                "MN=010000A8900016F000169DC0;Flag=4;CP=&&ExeRtn=4&&";

    auto before_ready = device_timed_out(view, false);
    Outcome first{std::move(before_ready)};
    EXPECT_EQ(segments_of(drain(first)), (std::vector<std::string>{c30[1].segment, timeout}));

    auto after_ready = device_timed_out(view, true);
    Outcome second{std::move(after_ready)};
    EXPECT_EQ(segments_of(drain(second)), (std::vector<std::string>{timeout}));
}

} // namespace
} // namespace hj212gw::commands
