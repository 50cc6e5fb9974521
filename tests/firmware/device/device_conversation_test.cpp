#include "device/device_conversation.hpp"

#include <hj212/encoder.hpp>

#include <gtest/gtest.h>

namespace hj212gw::device {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view kUpload =
    "QN=20260301120000123;ST=32;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=5;"
    "CP=&&DataTime=20260301120000;w01018-Rtd=42.1,w01018-Flag=N&&";

std::string frame(std::string_view seg) {
    return hj212::frame_segment(seg).value();
}

struct Harness {
    explicit Harness(DeviceRules r = {}) : conv(std::move(r)) { conv.on_open(now); }
    DeviceConversation conv;
    Now now{0ms, 1772366400000LL}; // 2026-03-01 12:00:00

    std::vector<DeviceAction> drain() {
        std::vector<DeviceAction> out;
        while (auto a = conv.poll())
            out.push_back(std::move(*a));
        return out;
    }
    template <class T>
    static std::vector<T> only(const std::vector<DeviceAction>& as) {
        std::vector<T> out;
        for (const auto& a : as)
            if (auto* t = std::get_if<T>(&a)) out.push_back(*t);
        return out;
    }
};

TEST(DeviceConversation, AcknowledgesOnlyAfterTheStoreSaysDurable) {
    Harness h;
    h.conv.on_bytes(frame(kUpload), h.now);
    auto a = h.drain();
    auto stores = Harness::only<StorePacket>(a);
    ASSERT_EQ(stores.size(), 1U);
    EXPECT_EQ(stores[0].segment, kUpload);
    EXPECT_EQ(stores[0].mn, "010000A8900016F000169DC0");
    EXPECT_TRUE(Harness::only<Write>(a).empty()) << "no 9014 before the commit";
    ASSERT_EQ(Harness::only<DeviceSeen>(a).size(), 1U);

    h.conv.on_stored(stores[0].token, true);
    auto writes = Harness::only<Write>(h.drain());
    ASSERT_EQ(writes.size(), 1U);
    EXPECT_EQ(writes[0].bytes,
              frame("QN=20260301120000123;ST=91;CN=9014;PW=123456;MN=010000A8900016F000169DC0;"
                    "Flag=4;CP=&&&&"));
    EXPECT_EQ(h.conv.stats().acked, 1U);
}

TEST(DeviceConversation, NoAckWhenTheStoreFailed) {
    Harness h;
    h.conv.on_bytes(frame(kUpload), h.now);
    auto token = Harness::only<StorePacket>(h.drain())[0].token;
    h.conv.on_stored(token, false);
    auto a = h.drain();
    EXPECT_TRUE(Harness::only<Write>(a).empty());
    ASSERT_EQ(Harness::only<Problem>(a).size(), 1U);
    EXPECT_EQ(Harness::only<Problem>(a)[0].kind, "store_failed");
}

TEST(DeviceConversation, NoAckWhenTheFlagDoesNotAskForOne) {
    Harness h;
    std::string seg(kUpload);
    seg.replace(seg.find("Flag=5"), 6, "Flag=4");
    h.conv.on_bytes(frame(seg), h.now);
    h.conv.on_stored(Harness::only<StorePacket>(h.drain())[0].token, true);
    EXPECT_TRUE(Harness::only<Write>(h.drain()).empty());
    EXPECT_EQ(h.conv.stats().stored, 1U);
}

TEST(DeviceConversation, BadFramesAreReportedAndCostNothingElse) {
    Harness h;
    std::string bad = frame(kUpload);
    bad[bad.size() - 3] = '0' == bad[bad.size() - 3] ? '1' : '0';
    h.conv.on_bytes("noise" + bad + frame(kUpload), h.now);
    auto a = h.drain();
    EXPECT_EQ(Harness::only<StorePacket>(a).size(), 1U);
    auto problems = Harness::only<Problem>(a);
    ASSERT_EQ(problems.size(), 2U);
    EXPECT_EQ(problems[0].kind, "garbage");
    EXPECT_EQ(problems[1].kind, "crc_mismatch");
}

TEST(DeviceConversation, GarbageFloodCloses) {
    DeviceRules r;
    r.max_garbage_bytes = 100;
    Harness h(r);
    h.conv.on_bytes(std::string(50, 'x'), h.now);
    EXPECT_TRUE(Harness::only<Close>(h.drain()).empty());
    h.conv.on_bytes(frame(kUpload), h.now); // a good frame resets the count
    h.conv.on_bytes(std::string(90, 'x'), h.now);
    EXPECT_TRUE(Harness::only<Close>(h.drain()).empty());
    h.conv.on_bytes(std::string(5000, 'x'), h.now);
    auto closes = Harness::only<Close>(h.drain());
    ASSERT_EQ(closes.size(), 1U);
    EXPECT_NE(closes[0].reason.find("without a valid frame"), std::string::npos);
}

TEST(DeviceConversation, IdleTimeoutCloses) {
    DeviceRules r;
    r.idle_timeout = 60s;
    Harness h(r);
    h.conv.on_tick(Now{59s, 0});
    EXPECT_TRUE(Harness::only<Close>(h.drain()).empty());
    h.conv.on_tick(Now{60s, 0});
    EXPECT_EQ(Harness::only<Close>(h.drain()).size(), 1U);
}

TEST(DeviceConversation, AllowListAndPasswordAnswerQnRtn) {
    DeviceRules r;
    r.allow_mn = {"OTHER"};
    Harness h(r);
    h.conv.on_bytes(frame(kUpload), h.now);
    auto a = h.drain();
    EXPECT_TRUE(Harness::only<StorePacket>(a).empty());
    ASSERT_EQ(Harness::only<Write>(a).size(), 1U);
    EXPECT_NE(Harness::only<Write>(a)[0].bytes.find("CN=9011;"), std::string::npos);
    EXPECT_NE(Harness::only<Write>(a)[0].bytes.find("QnRtn=4"), std::string::npos);

    DeviceRules p;
    p.password = "654321";
    Harness hp(p);
    hp.conv.on_bytes(frame(kUpload), hp.now);
    a = hp.drain();
    EXPECT_TRUE(Harness::only<StorePacket>(a).empty());
    EXPECT_NE(Harness::only<Write>(a)[0].bytes.find("QnRtn=3"), std::string::npos);
    EXPECT_EQ(hp.conv.stats().rejected, 1U);
}

TEST(DeviceConversation, TimeCalibrationRequestIsAnsweredThenTheClockSet) {
    Harness h;
    h.conv.on_bytes(frame("QN=20160801085857223;ST=32;CN=1013;PW=123456;"
                          "MN=010000A8900016F000169DC0;Flag=5;CP=&&PolId=w01018&&"),
                    h.now);
    auto writes = Harness::only<Write>(h.drain());
    ASSERT_EQ(writes.size(), 2U);
    EXPECT_EQ(writes[0].bytes, frame("QN=20160801085857223;ST=91;CN=9013;PW=123456;"
                                     "MN=010000A8900016F000169DC0;Flag=4;CP=&&&&"));
    EXPECT_NE(writes[1].bytes.find("CN=1012;"), std::string::npos);
    EXPECT_NE(writes[1].bytes.find("CP=&&PolId=w01018;SystemTime=20260301120000&&"),
              std::string::npos)
        << writes[1].bytes;
}

TEST(DeviceConversation, RoutedControlCommandRepliesAreRelayed) {
    Harness h;
    const std::string req = "QN=20160801085857223;ST=32;CN=3011;PW=123456;"
                            "MN=010000A8900016F000169DC0;Flag=5;CP=&&PolId=w01018&&";
    h.conv.route_request(req, "20160801085857223", h.now);
    auto writes = Harness::only<Write>(h.drain());
    ASSERT_EQ(writes.size(), 1U);
    EXPECT_EQ(writes[0].bytes, frame(req));
    const std::string r1 = "QN=20160801085857223;ST=91;CN=9011;PW=123456;"
                           "MN=010000A8900016F000169DC0;Flag=4;CP=&&QnRtn=1&&";
    const std::string r2 = "QN=20160801085857223;ST=91;CN=9012;PW=123456;"
                           "MN=010000A8900016F000169DC0;Flag=4;CP=&&ExeRtn=1&&";
    h.conv.on_bytes(frame(r1) + frame(r2) + frame(r2), h.now);
    auto relays = Harness::only<RelayToPlatform>(h.drain());
    ASSERT_EQ(relays.size(), 2U) << "the exchange ends with 9012";
    EXPECT_EQ(relays[0].segment, r1);
    EXPECT_EQ(relays[1].segment, r2);
}

} // namespace
} // namespace hj212gw::device
