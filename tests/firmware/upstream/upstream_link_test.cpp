#include "upstream/upstream_link.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace hj212gw::upstream {
namespace {

using namespace std::chrono_literals;

OutgoingPacket packet(std::int64_t id, bool ack = true) {
    const std::string qn = "20260301120000" + std::to_string(100 + id);
    return {id, "QN=" + qn + ";ST=32;CN=2011;PW=123456;MN=A;Flag=" + (ack ? "5" : "4") + ";CP=&&&&",
            qn, ack};
}

// Drives a link and records what it asks for.
struct Harness {
    explicit Harness(LinkSettings s = {}) : link(s, 42) {}
    UpstreamLink link;
    std::vector<Action> actions;

    std::vector<Action> drain() {
        std::vector<Action> out;
        while (auto a = link.poll())
            out.push_back(std::move(*a));
        actions.insert(actions.end(), out.begin(), out.end());
        return out;
    }
    template <class T>
    std::vector<T> only(const std::vector<Action>& as) {
        std::vector<T> out;
        for (const auto& a : as)
            if (auto* t = std::get_if<T>(&a)) out.push_back(*t);
        return out;
    }
    // Starts, connects, and answers the first fetch with the given packets.
    std::vector<Action> up(std::vector<OutgoingPacket> store, Millis now = 0ms) {
        link.start(now);
        drain();
        link.on_connected(now);
        auto first = drain();
        EXPECT_EQ(only<Fetch>(first).size(), 1U);
        link.on_fetched(std::move(store));
        link.on_tick(now);
        return drain();
    }
};

TEST(UpstreamLink, ConnectsThenFetchesThenSendsOneAtATime) {
    Harness h;
    h.link.start(0ms);
    auto a = h.drain();
    ASSERT_EQ(a.size(), 1U);
    EXPECT_TRUE(std::holds_alternative<Connect>(a[0]));
    EXPECT_EQ(h.link.state(), LinkState::connecting);
    h.link.on_connected(1ms);
    a = h.drain();
    auto fetches = h.only<Fetch>(a);
    ASSERT_EQ(fetches.size(), 1U);
    EXPECT_EQ(fetches[0].after_id, 0);
    h.link.on_fetched({packet(1), packet(2), packet(3)});
    h.link.on_tick(2ms);
    a = h.drain();
    auto sends = h.only<Send>(a);
    ASSERT_EQ(sends.size(), 1U) << "window 1: stop and wait";
    EXPECT_EQ(sends[0].ids, std::vector<std::int64_t>{1});
    EXPECT_EQ(sends[0].frame.substr(0, 2), "##");
    EXPECT_EQ(sends[0].frame.substr(sends[0].frame.size() - 2), "\r\n");
    EXPECT_EQ(h.only<MarkInFlight>(a).size(), 1U);

    EXPECT_TRUE(h.link.on_ack(packet(1).qn, 50ms));
    a = h.drain();
    ASSERT_EQ(h.only<MarkAcked>(a).size(), 1U);
    EXPECT_EQ(h.only<MarkAcked>(a)[0].id, 1);
    ASSERT_EQ(h.only<Send>(a).size(), 1U);
    EXPECT_EQ(h.only<Send>(a)[0].ids, std::vector<std::int64_t>{2});
    EXPECT_EQ(h.link.stats().last_rtt, 48ms);
}

TEST(UpstreamLink, WindowSendsSeveralAndAcksInAnyOrder) {
    LinkSettings s;
    s.window = 3;
    Harness h(s);
    auto a = h.up({packet(1), packet(2), packet(3), packet(4)});
    EXPECT_EQ(h.only<Send>(a).size(), 3U);
    EXPECT_EQ(h.link.in_flight(), 3U);
    EXPECT_TRUE(h.link.on_ack(packet(2).qn, 1ms));
    a = h.drain();
    EXPECT_EQ(h.only<MarkAcked>(a)[0].id, 2);
    ASSERT_EQ(h.only<Send>(a).size(), 1U);
    EXPECT_EQ(h.only<Send>(a)[0].ids[0], 4);
}

TEST(UpstreamLink, ResendsAfterOverTimeThenReconnectsWithoutDropping) {
    LinkSettings s;
    s.over_time = 10s;
    s.re_count = 3;
    Harness h(s);
    h.up({packet(1), packet(2)});
    for (int i = 1; i <= 3; ++i) {
        h.link.on_tick(Millis{10'000 * i - 1});
        EXPECT_TRUE(h.only<Send>(h.drain()).empty()) << "not yet";
        h.link.on_tick(Millis{10'000 * i});
        auto sends = h.only<Send>(h.drain());
        ASSERT_EQ(sends.size(), 1U) << "resend " << i;
        EXPECT_TRUE(sends[0].resend);
        EXPECT_EQ(sends[0].ids[0], 1);
    }
    h.link.on_tick(40s);
    auto a = h.drain();
    ASSERT_EQ(h.only<Disconnect>(a).size(), 1U);
    EXPECT_NE(h.only<Disconnect>(a)[0].reason.find(packet(1).qn), std::string::npos);
    EXPECT_EQ(h.only<RequeueInFlight>(a).size(), 1U);
    EXPECT_TRUE(h.only<MarkAcked>(h.actions).empty()) << "nothing counted as delivered";
    EXPECT_EQ(h.link.state(), LinkState::disconnected);
    EXPECT_EQ(h.link.stats().timeouts, 1U);
    EXPECT_EQ(h.link.buffered(), 2U) << "both packets are still held, in order";

    // Reconnect after the backoff: packet 1 goes first again.
    h.link.on_tick(h.link.next_connect_at());
    ASSERT_EQ(h.only<Connect>(h.drain()).size(), 1U);
    h.link.on_connected(h.link.next_connect_at());
    auto sends = h.only<Send>(h.drain());
    ASSERT_EQ(sends.size(), 1U);
    EXPECT_EQ(sends[0].ids[0], 1);
    EXPECT_FALSE(sends[0].resend);
}

TEST(UpstreamLink, PeerCloseRequeuesInOrder) {
    LinkSettings s;
    s.window = 2;
    Harness h(s);
    h.up({packet(1), packet(2), packet(3)});
    h.link.on_disconnected(5ms);
    auto a = h.drain();
    EXPECT_EQ(h.only<RequeueInFlight>(a).size(), 1U);
    EXPECT_EQ(h.link.buffered(), 3U);
    // A fetch answered late with the same ids does not duplicate them.
    h.link.on_fetched({packet(1), packet(2), packet(3)});
    EXPECT_EQ(h.link.buffered(), 3U);
    h.link.on_tick(h.link.next_connect_at());
    h.drain();
    h.link.on_connected(h.link.next_connect_at());
    auto sends = h.only<Send>(h.drain());
    ASSERT_EQ(sends.size(), 2U);
    EXPECT_EQ(sends[0].ids[0], 1);
    EXPECT_EQ(sends[1].ids[0], 2);
}

TEST(UpstreamLink, PacketWithoutReplyIsDeliveredOnceWritten) {
    Harness h;
    auto a = h.up({packet(1, false), packet(2, false)});
    ASSERT_EQ(h.only<Send>(a).size(), 1U);
    EXPECT_TRUE(h.only<MarkAcked>(a).empty()) << "not before the bytes are out";
    h.link.on_written({1});
    h.link.on_tick(1ms);
    a = h.drain();
    ASSERT_EQ(h.only<MarkAcked>(a).size(), 1U);
    EXPECT_EQ(h.only<MarkAcked>(a)[0].id, 1);
    EXPECT_EQ(h.only<Send>(a).size(), 1U);
}

TEST(UpstreamLink, BackoffDoublesWithJitterUpToTheCap) {
    LinkSettings s;
    s.backoff_initial = 1s;
    s.backoff_max = 8s;
    s.jitter = 0.2;
    Harness h(s);
    h.link.start(0ms);
    h.drain();
    Millis now = 0ms;
    std::vector<Millis> delays;
    for (int i = 0; i < 6; ++i) {
        h.link.on_connect_failed(now);
        delays.push_back(h.link.next_connect_at() - now);
        now = h.link.next_connect_at();
        h.link.on_tick(now);
        ASSERT_EQ(h.only<Connect>(h.drain()).size(), 1U);
    }
    const double base[] = {1000, 2000, 4000, 8000, 8000, 8000};
    for (std::size_t i = 0; i < delays.size(); ++i) {
        EXPECT_GE(static_cast<double>(delays[i].count()), base[i] * 0.8) << i;
        EXPECT_LE(static_cast<double>(delays[i].count()), base[i] * 1.2) << i;
    }
    EXPECT_NE(delays[3], delays[4]) << "jitter spreads reconnects of many boxes";
    // A successful connection resets the backoff.
    h.link.on_connected(now);
    h.link.on_disconnected(now);
    EXPECT_LE(h.link.next_connect_at() - now, 1200ms);
}

TEST(UpstreamLink, ConnectTimeout) {
    LinkSettings s;
    s.connect_timeout = 5s;
    Harness h(s);
    h.link.start(0ms);
    h.drain();
    h.link.on_tick(5s);
    auto a = h.drain();
    EXPECT_EQ(h.only<Disconnect>(a).size(), 1U);
    EXPECT_EQ(h.link.state(), LinkState::disconnected);
    EXPECT_EQ(h.link.stats().connect_failures, 1U);
}

TEST(UpstreamLink, ControlTrafficGoesFirstAndWaitsForItsAck) {
    Harness h;
    h.up({});
    h.link.on_fetched({packet(1)}); // data arrives while a history exchange is running
    OutgoingPacket reply{0, "QN=1;ST=91;CN=9011;Flag=4;CP=&&QnRtn=1&&", "1", false};
    OutgoingPacket upload{0, "QN=2;ST=32;CN=2061;Flag=5;CP=&&&&", "2", true};
    OutgoingPacket done{0, "QN=1;ST=91;CN=9012;Flag=4;CP=&&ExeRtn=1&&", "1", false};
    h.link.send_control(reply, 1ms);
    h.link.send_control(upload, 1ms);
    h.link.send_control(done, 1ms);
    auto sends = h.only<Send>(h.drain());
    ASSERT_EQ(sends.size(), 2U) << "the reply and the upload; 9012 waits for the upload's 9014";
    EXPECT_NE(sends[0].frame.find("CN=9011"), std::string::npos);
    EXPECT_NE(sends[1].frame.find("CN=2061"), std::string::npos);
    EXPECT_FALSE(h.link.control_idle());
    EXPECT_TRUE(h.link.on_ack("2", 2ms));
    sends = h.only<Send>(h.drain());
    ASSERT_EQ(sends.size(), 2U);
    EXPECT_NE(sends[0].frame.find("CN=9012"), std::string::npos);
    EXPECT_EQ(sends[1].ids, std::vector<std::int64_t>{1}) << "then queued data resumes";
    EXPECT_TRUE(h.link.control_idle());
}

TEST(UpstreamLink, UnknownAckIsCountedNotActedOn) {
    Harness h;
    h.up({packet(1)});
    EXPECT_FALSE(h.link.on_ack("nope", 1ms));
    EXPECT_EQ(h.link.stats().unexpected_acks, 1U);
    EXPECT_TRUE(h.only<MarkAcked>(h.drain()).empty());
}

TEST(UpstreamLink, FetchesMoreWhenRunningLowAndWhenToldOfNewData) {
    LinkSettings s;
    s.fetch_batch = 4;
    Harness h(s);
    h.up({packet(1), packet(2), packet(3), packet(4)});
    h.link.on_ack(packet(1).qn, 1ms);
    h.link.on_ack(packet(2).qn, 2ms);
    auto fetches = h.only<Fetch>(h.drain());
    ASSERT_EQ(fetches.size(), 1U);
    EXPECT_EQ(fetches[0].after_id, 4);
    h.link.on_fetched({});
    h.link.on_ack(packet(3).qn, 3ms);
    EXPECT_TRUE(h.only<Fetch>(h.drain()).empty()) << "the store said it has no more";
    h.link.on_new_data();
    EXPECT_EQ(h.only<Fetch>(h.drain()).size(), 1U);
}

} // namespace
} // namespace hj212gw::upstream
