#include "hj212/encoder.hpp"
#include "hj212/parser.hpp"
#include "hj212/replies.hpp"

#include <gtest/gtest.h>

namespace hj212 {
namespace {

constexpr std::string_view kRequest =
    "QN=20160801085857223;ST=32;CN=1000;PW=123456;MN=010000A8900016F000169DC0;Flag=5;"
    "CP=&&OverTime=5;ReCount=3&&";

ReplyTo request() {
    static PacketView v;
    EXPECT_TRUE(parse_segment(kRequest, v).ok());
    return ReplyTo::of(v);
}

// Expected texts are Appendix C.1 (9011, 9012), C.11 (9013) and C.14 (9014).
TEST(Replies, RequestReplyKeepsQn) {
    EXPECT_EQ(encode_segment(make_request_reply(request(), QnRtn::ready)),
              "QN=20160801085857223;ST=91;CN=9011;PW=123456;MN=010000A8900016F000169DC0;Flag=4;"
              "CP=&&QnRtn=1&&");
    EXPECT_NE(encode_segment(make_request_reply(request(), QnRtn::pw_error)).find("QnRtn=3"),
              std::string::npos);
}

TEST(Replies, ExecutionResult) {
    EXPECT_EQ(encode_segment(make_execution_result(request(), ExeRtn::ok)),
              "QN=20160801085857223;ST=91;CN=9012;PW=123456;MN=010000A8900016F000169DC0;Flag=4;"
              "CP=&&ExeRtn=1&&");
    EXPECT_NE(encode_segment(make_execution_result(request(), ExeRtn::no_data)).find("ExeRtn=100"),
              std::string::npos);
}

TEST(Replies, NotificationAndDataReplies) {
    EXPECT_EQ(encode_segment(make_notification_reply(request())),
              "QN=20160801085857223;ST=91;CN=9013;PW=123456;MN=010000A8900016F000169DC0;Flag=4;"
              "CP=&&&&");
    EXPECT_EQ(encode_segment(make_data_reply(request())),
              "QN=20160801085857223;ST=91;CN=9014;PW=123456;MN=010000A8900016F000169DC0;Flag=4;"
              "CP=&&&&");
}

TEST(Replies, VersionFollowsTheRequest) {
    PacketView v;
    ASSERT_TRUE(
        parse_segment("QN=20260301120000000;ST=32;CN=2011;PW=1;MN=A;Flag=9;CP=&&&&", v).ok());
    EXPECT_EQ(make_data_reply(ReplyTo::of(v)).flag, 8U) << "2025 replies carry 2025's version";
    const Packet owned = Packet::from(v);
    EXPECT_EQ(make_data_reply(ReplyTo::of(owned)).qn, "20260301120000000");
}

} // namespace
} // namespace hj212
