// Platform commands over real sockets: history pull (2061), the parameter commands of Appendix C
// answered by the gateway itself, and control commands (3011) routed to a device.
#include "daemon_fixture.hpp"

namespace hj212gw::itest {
namespace {

constexpr const char* kGatewayMn = "010000A8900016F000169DC0"; // the MN of Appendix C

/// Sends `request` and returns the segments carrying its QN up to its 9012 (or a lone 9011 whose
/// QnRtn is not 1, which ends the exchange).
std::vector<std::string> round_trip(FakePlatform& p, const std::string& request,
                                    Millis timeout = 20s) {
    const auto qn = field(request, "QN");
    const std::size_t from = p.count();
    if (!p.send(request)) return {};
    std::vector<std::string> out;
    eventually(
        [&] {
            out.clear();
            const auto all = p.received();
            for (std::size_t i = from; i < all.size(); ++i) {
                if (field(all[i].segment, "QN") != qn) continue;
                out.push_back(all[i].segment);
                const auto cn = field(all[i].segment, "CN");
                if (cn == "9012") return true;
                if (cn == "9011" && field(all[i].segment, "QnRtn") != "1") return true;
            }
            return false;
        },
        timeout);
    return out;
}

std::size_t occurrences(const std::string& text, std::string_view needle) {
    std::size_t n = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
        ++n;
    return n;
}

/// Hourly data (2061) as a device sends it.
std::string hourly(const std::string& mn, int hour, int seq) {
    std::ostringstream cp;
    cp << "DataTime=" << time14(2024, 3, 1, hour) << ";w01018-Min=" << hour
       << ".1,w01018-Avg=" << hour << ".5,w01018-Max=" << hour
       << ".9,w01018-Flag=N;w00000-Cou=" << 10 + hour << ".0,w00000-Flag=N";
    return make_segment(qn_at(100'000 + seq), "32", "2061", "123456", mn, 5, cp.str());
}

// (5) 2061 history pull: 9011, exactly the stored hourly packets in the range, in time order,
// then 9012 ExeRtn=1; a range with nothing stored: 9011 then 9012 ExeRtn=100.
TEST_F(DaemonTest, HistoryPullAnswersExactlyTheStoredPacketsInTheRange) {
    auto& platform = make_platform();
    GatewayOptions o;
    o.upstreams = {{"national", platform.port(), 4}};
    auto& gw = make_gateway(o);
    ASSERT_TRUE(gw.start());
    ASSERT_TRUE(platform.wait_connected(1, 10s));
    auto& dev = add_device(FakeDevice::tcp(gw.listen_port(), device_mn(1)));

    // Hours 0..11, sent out of time order (a device back-filling): the answer is by DataTime.
    std::vector<std::string> stored(12);
    const int order[] = {0, 1, 2, 7, 8, 9, 3, 4, 5, 6, 10, 11};
    for (int i = 0; i < 12; ++i) {
        stored[static_cast<std::size_t>(order[i])] = hourly(dev.mn(), order[i], i);
        ASSERT_TRUE(dev.send_segment(stored[static_cast<std::size_t>(order[i])]));
    }
    ASSERT_TRUE(dev.wait_acked(12, 20s));
    ASSERT_TRUE(eventually([&] { return platform.segments(dev.mn(), "2061").size() >= 12; }, 20s));

    const std::string qn = "20240301120000123";
    const auto request =
        request_segment(qn, "2061", dev.mn(), "123456",
                        "BeginTime=" + time14(2024, 3, 1, 3) + ";EndTime=" + time14(2024, 3, 1, 8));
    const auto reply = round_trip(platform, request);
    ASSERT_FALSE(reply.empty());
    EXPECT_EQ(reply.front(), reply_segment(qn, "9011", dev.mn(), "123456", "QnRtn=1"));
    EXPECT_EQ(reply.back(), reply_segment(qn, "9012", dev.mn(), "123456", "ExeRtn=1"));
    // The uploads carry new QNs: collect the 2061s between the 9011 and the 9012.
    std::vector<std::string> uploads;
    {
        const auto all = platform.received();
        bool inside = false;
        for (const auto& r : all) {
            if (field(r.segment, "QN") == qn && field(r.segment, "CN") == "9011")
                inside = true;
            else if (field(r.segment, "QN") == qn && field(r.segment, "CN") == "9012")
                break;
            else if (inside && field(r.segment, "CN") == "2061" &&
                     field(r.segment, "MN") == dev.mn())
                uploads.push_back(r.segment);
        }
    }
    ASSERT_EQ(uploads.size(), 6U) << "hours 3..8 inclusive";
    for (std::size_t i = 0; i < uploads.size(); ++i) {
        const auto& expected = stored[3 + i];
        EXPECT_EQ(cp_of(uploads[i]), cp_of(expected)) << "upload " << i;
        EXPECT_EQ(field(uploads[i], "ST"), "32");
        EXPECT_EQ(field(uploads[i], "PW"), "123456");
        EXPECT_NE(field(uploads[i], "QN"), qn);
        EXPECT_EQ(field(uploads[i], "Flag"), "5") << "history uploads ask for 9014 (history_ack)";
    }

    // Nothing stored in the range.
    const std::string empty_qn = "20240301120000456";
    const auto none =
        round_trip(platform, request_segment(empty_qn, "2061", dev.mn(), "123456",
                                             "BeginTime=20230101000000;EndTime=20230102000000"));
    ASSERT_EQ(none.size(), 2U);
    EXPECT_EQ(none[0], reply_segment(empty_qn, "9011", dev.mn(), "123456", "QnRtn=1"));
    EXPECT_EQ(none[1], reply_segment(empty_qn, "9012", dev.mn(), "123456", "ExeRtn=100"));
}

// Appendix C examples, one per line: TABLE, ROLE, WELLFORMED, SEGMENT.
struct Example {
    std::string table, role, wellformed, segment;
};
std::vector<Example> appendix_c(const std::string& table) {
    std::ifstream in(std::string(HJ212GW_SOURCE_DIR) + "/tests/data/appendix_c.txt");
    std::vector<Example> out;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream s(line);
        Example e;
        std::getline(s, e.table, '\t');
        std::getline(s, e.role, '\t');
        std::getline(s, e.wellformed, '\t');
        std::getline(s, e.segment);
        if (e.table == table) out.push_back(e);
    }
    return out;
}

/// The same segment with the stray space of the standard's typos ("CP=&& X") removed.
std::string without_typo(std::string s) {
    if (const auto at = s.find("CP=&& "); at != std::string::npos) s.erase(at + 5, 1);
    return s;
}

// (6) Every parameter command of Appendix C (C.1 1000, C.2 1011, C.3 1012, C.5 1061, C.6 1062,
// C.7 1063, C.8 1064, C.9 1072) sent verbatim to a gateway whose MN is the example's: the answer
// is the example's answer, segment for segment. Values set survive a restart.
TEST_F(DaemonTest, ParameterCommandsRoundTripPerAppendixC) {
    auto& platform = make_platform();
    GatewayOptions o;
    o.upstreams = {{"national", platform.port(), 1}};
    o.mn = kGatewayMn;
    auto& gw = make_gateway(o);
    ASSERT_TRUE(gw.start());
    ASSERT_TRUE(platform.wait_connected(1, 10s));

    for (const char* table : {"C.1", "C.2", "C.5", "C.6", "C.7", "C.8", "C.3", "C.9"}) {
        SCOPED_TRACE(table);
        const auto examples = appendix_c(table);
        ASSERT_GE(examples.size(), 3U);
        ASSERT_EQ(examples[0].role, "host");
        const auto reply = round_trip(platform, examples[0].segment);
        ASSERT_EQ(reply.size(), examples.size() - 1)
            << "answer: " << (reply.empty() ? "" : reply.back());
        for (std::size_t i = 0; i < reply.size(); ++i) {
            auto expected = without_typo(examples[i + 1].segment);
            auto got = reply[i];
            if (std::string(table) == "C.2" && field(expected, "CN") == "1011") {
                // The time is the gateway's own: same shape, a plausible value.
                const auto t = field(got, "SystemTime");
                ASSERT_EQ(t.size(), 14U) << got;
                EXPECT_TRUE(hj212::DateTime::parse(t).has_value()) << got;
                got.replace(got.find(t), 14, "20160801085857");
            }
            EXPECT_EQ(got, expected);
        }
    }

    // After C.9 (NewPW=654321) the old password is refused with QnRtn=3, the new one accepted.
    const std::string qn = "20240101000000001";
    auto refused = round_trip(platform, request_segment(qn, "1061", kGatewayMn, "123456", ""));
    ASSERT_EQ(refused.size(), 1U);
    EXPECT_EQ(refused[0], reply_segment(qn, "9011", kGatewayMn, "123456", "QnRtn=3"));

    // Set values that differ from the defaults, restart, and read them back.
    auto set_rtd = round_trip(platform, request_segment("20240101000000002", "1062", kGatewayMn,
                                                        "654321", "RtdInterval=120"));
    ASSERT_EQ(set_rtd.size(), 2U);
    EXPECT_EQ(field(set_rtd[1], "ExeRtn"), "1");
    auto set_min = round_trip(platform, request_segment("20240101000000003", "1064", kGatewayMn,
                                                        "654321", "MinInterval=15"));
    ASSERT_EQ(set_min.size(), 2U);
    EXPECT_EQ(field(set_min[1], "ExeRtn"), "1");
    // An invalid value is a condition error (ExeRtn=3) and changes nothing.
    auto bad = round_trip(platform, request_segment("20240101000000004", "1064", kGatewayMn,
                                                    "654321", "MinInterval=7"));
    ASSERT_EQ(bad.size(), 2U);
    EXPECT_EQ(field(bad[1], "ExeRtn"), "3");

    ASSERT_EQ(gw.stop(), 0);
    ASSERT_TRUE(gw.start()) << "restart failed";
    ASSERT_TRUE(platform.wait_connected(2, 15s));

    const std::string q1 = "20240101000000005";
    auto rtd = round_trip(platform, request_segment(q1, "1061", kGatewayMn, "654321", ""));
    ASSERT_EQ(rtd.size(), 3U);
    EXPECT_EQ(rtd[1], make_segment(q1, "32", "1061", "654321", kGatewayMn, 4, "RtdInterval=120"));
    const std::string q2 = "20240101000000006";
    auto min = round_trip(platform, request_segment(q2, "1063", kGatewayMn, "654321", ""));
    ASSERT_EQ(min.size(), 3U);
    EXPECT_EQ(min[1], make_segment(q2, "32", "1063", "654321", kGatewayMn, 4, "MinInterval=15"));
    const std::string q3 = "20240101000000007";
    auto old_pw = round_trip(platform, request_segment(q3, "1063", kGatewayMn, "123456", ""));
    ASSERT_EQ(old_pw.size(), 1U);
    EXPECT_EQ(field(old_pw[0], "QnRtn"), "3") << "the new password must survive a restart";
}

// (7) A 3011 for a device's MN goes to that device's live connection as sent; the device's 9011
// and 9012 come back to the platform unchanged. With the device offline: 9011, 9012 ExeRtn=2.
TEST_F(DaemonTest, ControlCommandIsRoutedToTheDeviceAndItsRepliesRelayed) {
    auto& platform = make_platform();
    GatewayOptions o;
    o.upstreams = {{"national", platform.port(), 1}};
    auto& gw = make_gateway(o);
    ASSERT_TRUE(gw.start());
    ASSERT_TRUE(platform.wait_connected(1, 10s));

    auto& dev = add_device(FakeDevice::tcp(gw.listen_port(), device_mn(7)));
    // Shared with the hook, which runs on the device's reader thread and may outlive this scope.
    struct Seen {
        std::mutex m;
        std::vector<std::string> requests;
    };
    auto seen = std::make_shared<Seen>();
    dev.set_request_hook([seen](FakeDevice& d, const std::string& seg) {
        if (field(seg, "CN") != "3011") return;
        {
            std::lock_guard lock(seen->m);
            seen->requests.push_back(seg);
        }
        const auto q = field(seg, "QN");
        d.send_segment(reply_segment(q, "9011", d.mn(), "123456", "QnRtn=1"));
        d.send_segment(reply_segment(q, "9012", d.mn(), "123456", "ExeRtn=1"));
    });
    ASSERT_TRUE(dev.send_data(0));
    ASSERT_TRUE(dev.wait_acked(1, 10s)); // the gateway knows the device's MN now

    const std::string qn = "20160801085857223";
    const auto request = request_segment(qn, "3011", dev.mn(), "123456", "PolId=w01018");
    const auto reply = round_trip(platform, request);
    ASSERT_EQ(reply.size(), 2U);
    EXPECT_EQ(reply[0], reply_segment(qn, "9011", dev.mn(), "123456", "QnRtn=1"));
    EXPECT_EQ(reply[1], reply_segment(qn, "9012", dev.mn(), "123456", "ExeRtn=1"));
    {
        std::lock_guard lock(seen->m);
        ASSERT_EQ(seen->requests.size(), 1U);
        EXPECT_EQ(seen->requests[0], request)
            << "the device gets the platform's request as it was sent";
    }

    // Wait until the gateway saw the device go (the start-up probe connection closed once).
    const auto closes = [&] { return occurrences(gw.log(), "disconnected: closed by the device"); };
    const auto before = closes();
    dev.disconnect();
    ASSERT_TRUE(eventually([&] { return closes() > before; }, 10s));
    const std::string qn2 = "20160801085857999";
    const auto offline =
        round_trip(platform, request_segment(qn2, "3011", dev.mn(), "123456", "PolId=w01018"));
    ASSERT_EQ(offline.size(), 2U);
    EXPECT_EQ(offline[0], reply_segment(qn2, "9011", dev.mn(), "123456", "QnRtn=1"));
    EXPECT_EQ(offline[1], reply_segment(qn2, "9012", dev.mn(), "123456", "ExeRtn=2"));
}

TEST_F(DaemonTest, DeviceThatNeverAnswersARoutedCommandTimesOut) {
    auto& platform = make_platform();
    GatewayOptions o;
    UpstreamSpec u{"national", platform.port(), 1};
    u.over_time = 1;
    u.re_count = 1;
    o.upstreams = {u};
    auto& gw = make_gateway(o);
    ASSERT_TRUE(gw.start());
    ASSERT_TRUE(platform.wait_connected(1, 10s));
    auto& dev = add_device(FakeDevice::tcp(gw.listen_port(), device_mn(8)));
    dev.set_request_hook([](FakeDevice&, const std::string&) {}); // receives, never answers
    ASSERT_TRUE(dev.send_data(0));
    ASSERT_TRUE(dev.wait_acked(1, 10s));

    const std::string qn = "20160801085857555";
    const auto started = std::chrono::steady_clock::now();
    const auto reply =
        round_trip(platform, request_segment(qn, "3011", dev.mn(), "123456", "PolId=w01018"));
    ASSERT_EQ(reply.size(), 2U);
    EXPECT_EQ(reply[0], reply_segment(qn, "9011", dev.mn(), "123456", "QnRtn=1"));
    EXPECT_EQ(reply[1], reply_segment(qn, "9012", dev.mn(), "123456", "ExeRtn=4"))
        << "the gateway answers for a silent device: communication timeout";
    EXPECT_GE(std::chrono::steady_clock::now() - started, 1900ms)
        << "only after OverTime x (ReCount + 1)";
}

} // namespace
} // namespace hj212gw::itest

namespace hj212gw::itest {
namespace {

// 1000 (C.1) changes OverTime and ReCount: the running links use the new values at once, not
// only after a restart. With the configured 5 s, no resend could come within 3 s.
TEST_F(DaemonTest, OverTimeSetByAPlatformAppliesToTheRunningLinks) {
    auto& platform = make_platform();
    GatewayOptions o;
    // Window 2: the gateway's own 2081 (restart time), when it is still unacknowledged as the
    // platform stops acking, must not hold the device's packet back (it did under load).
    o.upstreams = {{"national", platform.port(), 2, 5, 3}};
    o.mn = kGatewayMn;
    auto& gw = make_gateway(o);
    ASSERT_TRUE(gw.start());
    ASSERT_TRUE(platform.wait_connected(1, 10s));
    ASSERT_TRUE(eventually([&] { return !platform.segments(kGatewayMn, "2081").empty(); }, 10s));
    auto set = round_trip(platform, request_segment("20240101000000009", "1000", kGatewayMn,
                                                    "123456", "OverTime=1;ReCount=2"));
    ASSERT_EQ(set.size(), 2U);
    ASSERT_EQ(field(set[1], "ExeRtn"), "1");

    platform.set_ack_mode(FakePlatform::AckMode::none);
    auto& dev = add_device(FakeDevice::tcp(gw.listen_port(), device_mn(7)));
    ASSERT_TRUE(dev.send_data(1));
    const auto qn = field(data_segment(dev.mn(), 1), "QN");
    EXPECT_TRUE(eventually([&] { return platform.with_qn(qn).size() >= 2; }, 3s))
        << platform.with_qn(qn).size() << " copies";
}

} // namespace
} // namespace hj212gw::itest
