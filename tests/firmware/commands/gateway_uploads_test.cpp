// What the gateway originates: 2081 restart time (C.24) and the 2025 9015 heartbeat.
#include "commands/gateway_uploads.hpp"

#include "command_test_support.hpp"
#include "fake_command_context.hpp"

#include <gtest/gtest.h>

namespace hj212gw::commands {
namespace {

using namespace testing;

TEST(GatewayUploads, RestartTimeIsC24) {
    FakeCommandContext ctx;
    ctx.now = ms("20160801085857223");
    QnSource qns;
    const auto out = make_restart_time_upload(ctx, qns, ms("20160801085624"));
    const auto c24 = appendix_c("C.24");
    ASSERT_EQ(c24.size(), 2U);
    EXPECT_EQ(out.segment, c24[0].segment);
    EXPECT_EQ(out.qn, "20160801085857223");
    EXPECT_TRUE(out.await_ack);
    EXPECT_EQ(out.ack_cn, 9014);
}

TEST(GatewayUploads, RestartTimeUsesThePasswordSetBy1072) {
    FakeCommandContext ctx;
    ctx.now = ms("20160801085857223");
    ctx.params[RuntimeParam::password] = "654321";
    QnSource qns;
    const auto out = make_restart_time_upload(ctx, qns, ms("20160801085624"));
    EXPECT_EQ(read(out.segment).pw, "654321");
}

TEST(GatewayUploads, HeartbeatIs2025WithReplyWanted) {
    FakeCommandContext ctx;
    ctx.now = ms("20260101120000000");
    QnSource qns;
    const auto out = make_heartbeat(ctx, qns);
    EXPECT_EQ(out.segment, "QN=20260101120000000;ST=32;CN=9015;PW=123456;"
                           "MN=010000A8900016F000169DC0;Flag=9;CP=&&&&");
    EXPECT_TRUE(out.await_ack);
    EXPECT_EQ(out.ack_cn, 9013);
}

TEST(GatewayUploads, SameMillisecondUploadsGetDistinctQns) {
    FakeCommandContext ctx;
    ctx.now = ms("20260101120000000");
    QnSource qns;
    const auto restart = make_restart_time_upload(ctx, qns, ctx.now - 1000);
    const auto heartbeat = make_heartbeat(ctx, qns);
    EXPECT_EQ(restart.qn, "20260101120000000");
    EXPECT_EQ(heartbeat.qn, "20260101120000001");
}

TEST(GatewayUploads, RestartTimeFollowsConfiguredVersion) {
    FakeCommandContext ctx;
    ctx.config.version_bits = hj212::kVersion2025;
    QnSource qns;
    const auto out = make_restart_time_upload(ctx, qns, ctx.now);
    EXPECT_EQ(read(out.segment).flag, 9U); // 2025, A set
}

} // namespace
} // namespace hj212gw::commands
