// The sans-I/O parts of the link: target parsing and the answers to the gateway's packets.
#include "sim/monitor/gateway_replies.hpp"
#include "sim/monitor/target.hpp"

#include <hj212/encoder.hpp>
#include <hj212/parser.hpp>

#include <gtest/gtest.h>

namespace hj212gw::sim {
namespace {

TEST(Target, ParsesTcpAndSerial) {
    const auto tcp = parse_target("tcp://127.0.0.1:9000");
    ASSERT_TRUE(tcp) << tcp.error();
    EXPECT_EQ(tcp->kind, Target::Kind::tcp);
    EXPECT_EQ(tcp->host, "127.0.0.1");
    EXPECT_EQ(tcp->port, 9000);
    const auto v6 = parse_target("tcp://[::1]:9001");
    ASSERT_TRUE(v6);
    EXPECT_EQ(v6->host, "::1");
    const auto words = parse_target("serial /dev/pts/4");
    ASSERT_TRUE(words);
    EXPECT_EQ(words->kind, Target::Kind::serial);
    EXPECT_EQ(words->device, "/dev/pts/4");
    EXPECT_EQ(words->baud, 9600U);
    const auto colon = parse_target("serial:/dev/ttyUSB0:115200");
    ASSERT_TRUE(colon);
    EXPECT_EQ(colon->device, "/dev/ttyUSB0");
    EXPECT_EQ(colon->baud, 115200U);
    for (const char* bad : {"127.0.0.1:9000", "tcp://host", "tcp://host:0", "tcp://host:70000",
                            "serial:", "serial:/dev/x:fast", "udp://h:1"}) {
        EXPECT_FALSE(parse_target(bad)) << bad;
    }
}

TEST(GatewayReplies, A9014AcknowledgesItsQn) {
    const std::string seg =
        "QN=20260101010000002;ST=91;CN=9014;PW=123456;MN=010000A8900016F000169DC0;Flag=4;CP=&&&&";
    hj212::PacketView v;
    ASSERT_TRUE(hj212::parse_segment(seg, v));
    const auto out = handle_incoming(v);
    ASSERT_TRUE(out.acked_qn);
    EXPECT_EQ(*out.acked_qn, "20260101010000002");
    EXPECT_TRUE(out.replies.empty());
}

TEST(GatewayReplies, ControlRequestsAreAnsweredReadyThenDone) {
    for (const char* cn : {"3011", "3015", "3021"}) {
        const std::string seg = std::string("QN=20260101010203456;ST=32;CN=") + cn +
                                ";PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&PolId=w01018&&";
        hj212::PacketView v;
        ASSERT_TRUE(hj212::parse_segment(seg, v));
        const auto out = handle_incoming(v);
        EXPECT_TRUE(out.control_request);
        ASSERT_EQ(out.replies.size(), 2U);
        EXPECT_EQ(out.replies[0].cn, "9011");
        EXPECT_EQ(*out.replies[0].find("QnRtn"), "1");
        EXPECT_EQ(out.replies[1].cn, "9012");
        EXPECT_EQ(*out.replies[1].find("ExeRtn"), "1");
        for (const auto& r : out.replies) {
            EXPECT_EQ(r.qn, "20260101010203456");
            EXPECT_EQ(r.mn, "010000A8900016F000169DC0");
            hj212::PacketView parsed;
            const auto seg2 = hj212::encode_segment(r);
            EXPECT_TRUE(hj212::parse_segment(seg2, parsed, hj212::ParseMode::strict));
        }
    }
    const std::string other =
        "QN=20260101010203456;ST=32;CN=1011;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&&&";
    hj212::PacketView v;
    ASSERT_TRUE(hj212::parse_segment(other, v));
    const auto out = handle_incoming(v);
    EXPECT_TRUE(out.ignored);
    EXPECT_TRUE(out.replies.empty());
}

} // namespace
} // namespace hj212gw::sim
