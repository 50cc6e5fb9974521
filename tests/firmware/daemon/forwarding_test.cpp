// Store-and-forward over real sockets: hj212gw as a child process, devices on TCP and on a pty,
// fake platforms acknowledging (or not) with 9014.
#include "daemon_fixture.hpp"

namespace hj212gw::itest {
namespace {

// (1) monitors -> gateway -> two platforms: every packet arrives exactly once, in order, at both.
TEST_F(DaemonTest, TwoPlatformsReceiveEveryPacketInOrder) {
    auto& national = make_platform();
    auto& province = make_platform();
    auto pty = FakeDevice::pty(device_mn(3));
    GatewayOptions o;
    o.upstreams = {{"national", national.port(), 1}, {"province", province.port(), 8}};
    o.serial = {pty->slave_path() + ":9600"};
    auto& gw = make_gateway(o);
    ASSERT_TRUE(gw.start());
    ASSERT_TRUE(national.wait_connected(1, 10s));
    ASSERT_TRUE(province.wait_connected(1, 10s));

    auto& serial = add_device(std::move(pty));
    auto& a = add_device(FakeDevice::tcp(gw.listen_port(), device_mn(1)));
    auto& b = add_device(FakeDevice::tcp(gw.listen_port(), device_mn(2)));
    const std::vector<std::pair<FakeDevice*, int>> plan{{&a, 80}, {&b, 70}, {&serial, 50}};
    std::vector<std::thread> senders;
    std::atomic<int> failures{0};
    for (const auto& [dev, n] : plan)
        senders.emplace_back([dev = dev, n = n, &failures] {
            if (!dev->send_run(0, n, 8, 30s) || !dev->wait_acked(static_cast<std::size_t>(n), 30s))
                ++failures;
        });
    for (auto& t : senders)
        t.join();
    ASSERT_EQ(failures.load(), 0) << "a device did not get a 9014 for every packet";

    for (auto* platform : {&national, &province}) {
        for (const auto& [dev, n] : plan) {
            EXPECT_TRUE(eventually(
                [&] {
                    return platform->segments(dev->mn(), "2011").size() >=
                           static_cast<std::size_t>(n);
                },
                60s))
                << "platform on port " << platform->port() << " got "
                << platform->segments(dev->mn(), "2011").size() << " of " << n << " from "
                << dev->mn();
            // Exactly once and in the order the device sent them, byte for byte.
            EXPECT_EQ(platform->segments(dev->mn(), "2011"), dev->sent()) << dev->mn();
        }
        EXPECT_EQ(platform->connection_count(), 1);
    }
}

// (2) platform down at start: devices are still acknowledged (stored), and when the platform
// comes up it gets the complete backlog, in order.
TEST_F(DaemonTest, PlatformDownThenUpGetsCompleteBackfillInOrder) {
    const std::uint16_t port = free_port();
    GatewayOptions o;
    o.upstreams = {{"national", port, 4, 5, 3, 1, 1}};
    auto& gw = make_gateway(o);
    ASSERT_TRUE(gw.start());
    auto& dev = add_device(FakeDevice::tcp(gw.listen_port(), device_mn(1)));
    ASSERT_TRUE(dev.send_run(0, 120, 16, 30s));
    ASSERT_TRUE(dev.wait_acked(120, 30s))
        << "stored packets must be acknowledged with no platform up";

    auto& platform = make_platform(port);
    ASSERT_TRUE(platform.wait_connected(1, 15s));
    EXPECT_TRUE(eventually([&] { return platform.segments(dev.mn(), "2011").size() >= 120; }, 60s))
        << platform.segments(dev.mn(), "2011").size() << " of 120 back-filled";
    EXPECT_EQ(platform.segments(dev.mn(), "2011"), dev.sent());

    // New data after the backfill still flows.
    ASSERT_TRUE(dev.send_run(120, 10, 4, 10s));
    EXPECT_TRUE(eventually([&] { return platform.segments(dev.mn(), "2011").size() >= 130; }, 30s));
    EXPECT_EQ(platform.segments(dev.mn(), "2011"), dev.sent());
}

// (3) a platform that never acknowledges: the packet is resent after OverTime, ReCount times,
// then the link is dropped and reconnected; once the platform acknowledges nothing is missing.
TEST_F(DaemonTest, PlatformThatNeverAcksGetsResendsThenReconnectNothingDropped) {
    auto& platform = make_platform();
    platform.set_ack_mode(FakePlatform::AckMode::none);
    GatewayOptions o;
    o.upstreams = {{"national", platform.port(), 1, /*over_time*/ 1, /*re_count*/ 2, 1, 1}};
    auto& gw = make_gateway(o);
    ASSERT_TRUE(gw.start());
    ASSERT_TRUE(platform.wait_connected(1, 10s));
    auto& dev = add_device(FakeDevice::tcp(gw.listen_port(), device_mn(1)));
    ASSERT_TRUE(dev.send_run(0, 20, 20, 10s));
    ASSERT_TRUE(dev.wait_acked(20, 20s));

    ASSERT_TRUE(platform.wait_connected(2, 20s))
        << "the link was not dropped after ReCount resends";
    // First connection: the first packet, sent once and resent twice (window 1: nothing else),
    // each resend OverTime (1 s) after the previous send.
    std::vector<FakePlatform::Received> first_link;
    for (const auto& r : platform.received())
        if (r.connection == 1 && field(r.segment, "MN") == dev.mn()) first_link.push_back(r);
    ASSERT_EQ(first_link.size(), 3U) << "expected 1 send + re_count (2) resends on the first link";
    for (std::size_t i = 0; i < first_link.size(); ++i) {
        EXPECT_EQ(first_link[i].segment, dev.sent().front());
        if (i > 0) {
            EXPECT_GE(first_link[i].at - first_link[i - 1].at, 900ms) << "resend " << i;
        }
    }

    platform.set_ack_mode(FakePlatform::AckMode::ack);
    EXPECT_TRUE(eventually([&] { return all_in_order(platform, dev); }, 60s))
        << first_arrivals(platform.segments(dev.mn(), "2011")).size() << " of 20 distinct packets";
}

// (3b) a platform that drops the link instead of acknowledging, twice: nothing is lost.
TEST_F(DaemonTest, PlatformDroppingTheLinkBeforeAckingLosesNothing) {
    auto& platform = make_platform();
    platform.set_ack_mode(FakePlatform::AckMode::drop_link);
    GatewayOptions o;
    o.upstreams = {{"national", platform.port(), 4, 2, 2, 1, 1}};
    auto& gw = make_gateway(o);
    ASSERT_TRUE(gw.start());
    auto& dev = add_device(FakeDevice::tcp(gw.listen_port(), device_mn(1)));
    ASSERT_TRUE(dev.send_run(0, 30, 30, 10s));
    ASSERT_TRUE(dev.wait_acked(30, 20s));
    ASSERT_TRUE(platform.wait_connected(3, 20s)) << "the gateway did not reconnect after the drops";
    platform.set_ack_mode(FakePlatform::AckMode::ack);
    EXPECT_TRUE(eventually([&] { return all_in_order(platform, dev); }, 60s))
        << first_arrivals(platform.segments(dev.mn(), "2011")).size() << " of 30 distinct packets";
}

// (4) kill -9 of the gateway mid-stream: after a restart on the same data directory, every
// packet a device got a 9014 for reaches the platform (distinct packets still in order).
TEST_F(DaemonTest, KillNineMidStreamDeliversEverythingAcknowledgedAfterRestart) {
    auto& platform = make_platform();
    platform.set_ack_delay(15ms); // a slow platform: a backlog builds up in the store
    GatewayOptions o;
    o.upstreams = {{"national", platform.port(), 1, 5, 3, 1, 1}};
    auto& gw = make_gateway(o);
    ASSERT_TRUE(gw.start());
    auto& dev = add_device(FakeDevice::tcp(gw.listen_port(), device_mn(1)));

    std::atomic<bool> sending{true};
    std::thread sender([&] {
        for (int i = 0; i < 400 && sending; ++i)
            if (!dev.send_run(i, 1, 16, 5s)) break;
    });
    ASSERT_TRUE(eventually(
        [&] { return dev.acked_count() >= 150 && platform.segments(dev.mn()).size() >= 20; }, 60s));
    gw.kill_now(); // SIGKILL mid-stream
    sending = false;
    sender.join();
    const auto acked = dev.acked_qns();
    const auto sent = dev.sent();
    ASSERT_LT(platform.segments(dev.mn(), "2011").size(), acked.size())
        << "the crash came too late to matter";

    platform.set_ack_delay(0ms);
    ASSERT_TRUE(gw.start()) << "restart on the same data directory failed";
    std::map<std::string, std::string> by_qn;
    for (const auto& s : sent)
        by_qn[field(s, "QN")] = s;
    auto missing = [&] {
        std::set<std::string> got;
        for (const auto& s : platform.segments(dev.mn(), "2011"))
            got.insert(field(s, "QN"));
        std::size_t n = 0;
        for (const auto& qn : acked)
            if (got.count(qn) == 0) ++n;
        return n;
    };
    EXPECT_TRUE(eventually([&] { return missing() == 0; }, 60s))
        << missing() << " of " << acked.size()
        << " acknowledged packets never reached the platform";
    // Distinct packets arrive in the order the device sent them (a resend may repeat one).
    const auto arrivals = first_arrivals(platform.segments(dev.mn(), "2011"));
    std::vector<std::string> expected(
        sent.begin(),
        sent.begin() + static_cast<std::ptrdiff_t>(std::min(arrivals.size(), sent.size())));
    EXPECT_EQ(arrivals, expected);
}

} // namespace
} // namespace hj212gw::itest
