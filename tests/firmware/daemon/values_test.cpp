// Verdicts, averages and rates through the real daemon: a known day of hourly data with gaps
// and bad flags gives exactly the hand-computed report numbers, device-side and per upstream;
// an MN that only sends real-time data and is configured for averaging gets 2051 packets.
#include "daemon_fixture.hpp"

#include <hj212gw/storage/database.hpp>

#include <cstdio>
#include <ctime>

namespace hj212gw::itest {
namespace {

/// Runs `hj212gw report ...` and returns its standard output.
std::string run_report(const fs::path& data_dir, const std::string& extra) {
    const std::string cmd = std::string(HJ212GW_BINARY) + " report --data-dir " +
                            data_dir.string() +
                            " --format json --from 2024-03-01 --to 2024-03-01 " + extra + " 2>&1";
    std::string out;
    if (FILE* p = ::popen(cmd.c_str(), "r")) {
        char buf[4096];
        for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;)
            out.append(buf, n);
        ::pclose(p);
    }
    return out;
}

/// The report's JSON object of one factor (the text between its braces), "" when absent.
std::string row_of(const std::string& json, const std::string& factor) {
    const auto at = json.find("\"factor\": \"" + factor + "\"");
    if (at == std::string::npos) return {};
    const auto begin = json.rfind('{', at);
    const auto end = json.find('}', at);
    return json.substr(begin, end - begin + 1);
}

std::string counts(int should, int received, int valid) {
    return "\"should\": " + std::to_string(should) + ", \"received\": " + std::to_string(received) +
           ", \"valid\": " + std::to_string(valid) + ",";
}

/// Hour `hour` of 2024-03-01: flow w00000 and pH w01001 with their flags.
std::string hourly(const std::string& mn, int hour, int seq, char flow_flag, char ph_flag) {
    std::ostringstream cp;
    cp << "DataTime=" << time14(2024, 3, 1, hour) << ";w00000-Avg=" << 10 + hour
       << ".5,w00000-Cou=" << 36 + hour << ".0,w00000-Flag=" << flow_flag << ";w01001-Avg=7."
       << 10 + hour << ",w01001-Flag=" << ph_flag;
    return make_segment(qn_at(200'000 + seq), "32", "2061", "123456", mn, 5, cp.str());
}

// The day (hand-computed; neither factor has the standard-check exemption, so should = 24):
//   missing hours 5, 6 and 17                       -> received 21 of 24 (hour 8 is sent twice)
//   w00000: C at 2 and 10, D at 20                  -> valid 18
//   w01001: D at 3                                  -> valid 20
// The platform acknowledges everything, so its view is the same.
TEST_F(DaemonTest, ReportCountsAKnownDayExactlyDeviceSideAndPerUpstream) {
    auto& platform = make_platform();
    GatewayOptions o;
    o.upstreams = {{"national", platform.port(), 4}};
    auto& gw = make_gateway(o);
    ASSERT_TRUE(gw.start());
    ASSERT_TRUE(platform.wait_connected(1, 10s));
    auto& dev = add_device(FakeDevice::tcp(gw.listen_port(), device_mn(7)));

    int seq = 0;
    for (int hour = 0; hour < 24; ++hour) {
        if (hour == 5 || hour == 6 || hour == 17) continue;
        const char flow = (hour == 2 || hour == 10) ? 'C' : hour == 20 ? 'D' : 'N';
        const char ph = hour == 3 ? 'D' : 'N';
        ASSERT_TRUE(dev.send_segment(hourly(dev.mn(), hour, seq++, flow, ph)));
        if (hour == 8) {
            ASSERT_TRUE(dev.send_segment(hourly(dev.mn(), hour, seq++, flow, ph)));
        }
    }
    ASSERT_TRUE(dev.wait_acked(22, 20s));
    ASSERT_TRUE(eventually([&] { return platform.segments(dev.mn(), "2061").size() >= 22; }, 20s));

    const auto data = gw.data_dir() / "data";
    const auto device_side = run_report(data, "");
    EXPECT_NE(row_of(device_side, "w00000").find(counts(24, 21, 18)), std::string::npos)
        << device_side;
    EXPECT_NE(row_of(device_side, "w01001").find(counts(24, 21, 20)), std::string::npos)
        << device_side;

    // The acknowledgements are committed shortly after the platform's 9014s.
    std::string upstream;
    EXPECT_TRUE(eventually(
        [&] {
            upstream = run_report(data, "--upstream national");
            return row_of(upstream, "w00000").find(counts(24, 21, 18)) != std::string::npos &&
                   row_of(upstream, "w01001").find(counts(24, 21, 20)) != std::string::npos;
        },
        20s))
        << upstream;
    EXPECT_NE(upstream.find("\"upstream\": \"national\""), std::string::npos) << upstream;

    // The verdicts are stored with the values (the reason names the flag).
    auto db = storage::Database::open(data / "hj212gw.db", storage::Database::Mode::read_only);
    ASSERT_TRUE(db.ok());
    auto calibration = db->query_int(
        "SELECT count(*) FROM samples WHERE factor = 'w00000' AND suffix = 'Avg' AND valid = 0 "
        "AND reason = 'flag_calibration'");
    ASSERT_TRUE(calibration.ok());
    EXPECT_EQ(*calibration, 2);
    auto unjudged = db->query_int("SELECT count(*) FROM samples WHERE valid IS NULL");
    ASSERT_TRUE(unjudged.ok());
    EXPECT_EQ(*unjudged, 0);
}

/// The daemon's civil clock: local wall time as hj212::DateTime epoch ms.
hj212::DateTime local_now() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    ::localtime_r(&t, &tm);
    return hj212::DateTime{
        tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, 0, 0};
}

// An MN that sends only 2011 and is configured for averaging: its minute values reach the store
// and the platform as 2051 packets, as if the device had sent them. DataTimes lie two hours
// ahead so the daemon's 1 s timer cannot close the minute before its samples arrive.
TEST_F(DaemonTest, RealtimeOnlyMnConfiguredForAveragingGets2051Packets) {
    auto& platform = make_platform();
    const std::string mn = device_mn(8);
    GatewayOptions o;
    o.upstreams = {{"national", platform.port(), 4}};
    o.extra_toml = "[[averaging]]\nmn = \"" + mn + "\"\nmin_interval = 1\nfactors = [\"w01001\"]\n";
    auto& gw = make_gateway(o);
    ASSERT_TRUE(gw.start());
    ASSERT_TRUE(platform.wait_connected(1, 10s));
    auto& dev = add_device(FakeDevice::tcp(gw.listen_port(), mn));

    const std::int64_t minute = local_now().to_epoch_ms() + 2 * 3'600'000;
    const auto rtd = [&](int seq, std::int64_t at, const char* flow, const char* ph) {
        const auto when = hj212::DateTime::from_epoch_ms(at).format14();
        const std::string cp = "DataTime=" + when + ";w00000-Rtd=" + flow +
                               ",w00000-Flag=N;w01001-Rtd=" + ph + ",w01001-Flag=N";
        return make_segment(qn_at(300'000 + seq), "32", "2011", "123456", mn, 5, cp);
    };
    ASSERT_TRUE(dev.send_segment(rtd(0, minute, "10", "7.0")));
    ASSERT_TRUE(dev.send_segment(rtd(1, minute + 30'000, "12", "7.2")));
    ASSERT_TRUE(dev.send_segment(rtd(2, minute + 60'000, "14", "7.4"))); // closes the minute
    ASSERT_TRUE(dev.wait_acked(3, 20s));

    ASSERT_TRUE(eventually([&] { return !platform.segments(mn, "2051").empty(); }, 20s));
    const auto minute_packet = platform.segments(mn, "2051").front();
    EXPECT_EQ(field(minute_packet, "DataTime"), hj212::DateTime::from_epoch_ms(minute).format14());
    EXPECT_EQ(field(minute_packet, "w01001-Avg"), "7.1") << minute_packet;
    EXPECT_EQ(field(minute_packet, "w00000-Avg"), "11") << minute_packet;
    EXPECT_EQ(field(minute_packet, "ST"), "32");
    EXPECT_EQ(field(minute_packet, "PW"), "123456");

    auto db = storage::Database::open(gw.data_dir() / "data" / "hj212gw.db",
                                      storage::Database::Mode::read_only);
    ASSERT_TRUE(db.ok());
    auto stored = db->query_int("SELECT count(*) FROM packets WHERE cn = '2051' AND mn = '" + mn +
                                "' AND listener = 'averaging'");
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(*stored, 1);
    auto queued = db->query_int("SELECT count(*) FROM deliveries d JOIN packets p ON p.id = "
                                "d.packet_id WHERE p.cn = '2051'");
    ASSERT_TRUE(queued.ok());
    EXPECT_EQ(*queued, 1);
}

} // namespace
} // namespace hj212gw::itest
