#include "ops/status_format.hpp"

#include <hj212/datetime.hpp>

#include <gtest/gtest.h>

#include <sstream>

namespace hj212gw::ops {
namespace {

GatewayStatus sample() {
    GatewayStatus s;
    s.version = "0.1.0";
    s.mn = "010000A8900016F0000000GW";
    s.now_ms = hj212::DateTime::parse("20260301120000")->to_epoch_ms();
    s.started_ms = s.now_ms - 3600'000;
    DeviceStatus d;
    d.peer = "10.0.0.5:40000";
    d.via = "tcp://0.0.0.0:9001";
    d.mns = {"010000A8900016F000169DC0"};
    d.frames = 120;
    d.stored = 118;
    d.errors = 2;
    d.last_packet_ms = s.now_ms - 30'000;
    s.devices.push_back(d);
    UpstreamStatus u;
    u.name = "national";
    u.endpoint = "10.1.2.3:7001";
    u.state = "up";
    u.pending = 3;
    u.in_flight = 1;
    u.acked = 115;
    u.rtt_ms = 42;
    s.upstreams.push_back(u);
    return s;
}

TEST(StatusFormat, TextIsAlignedAndFitsEightyColumns) {
    const auto text = status_text(sample());
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        EXPECT_LE(line.size(), 80U) << line;
    EXPECT_NE(
        text.find("national     up                3         1       115       0   42 ms        -"),
        std::string::npos)
        << text;
    EXPECT_NE(text.find("010000A8900016F000169DC0 10.0.0.5:40000"), std::string::npos) << text;
    EXPECT_NE(text.find("30 s ago"), std::string::npos);
}

TEST(StatusFormat, JsonCarriesLinksAndDevices) {
    auto s = sample();
    s.disk_alarm = true;
    const auto json = status_json(s);
    EXPECT_NE(json.find(R"("disk_alarm":true)"), std::string::npos);
    EXPECT_NE(
        json.find(R"("name":"national","endpoint":"10.1.2.3:7001","state":"up","in_flight":1)"),
        std::string::npos)
        << json;
    EXPECT_NE(json.find(R"("pending":3,"rtt_ms":42,"oldest_pending_age_ms":null)"),
              std::string::npos)
        << json;
    EXPECT_NE(json.find(R"("uptime_ms":3600000)"), std::string::npos) << json;
    EXPECT_NE(json.find(R"("store":{"file_bytes":0,"disk_free_bytes":0)"), std::string::npos)
        << json;
    EXPECT_NE(json.find(R"("mn":["010000A8900016F000169DC0"])"), std::string::npos) << json;
    EXPECT_NE(status_text(s).find("DISK FULL"), std::string::npos);
}

TEST(StatusFormat, RatesPerMnAndFactorTodayAndMonth) {
    auto s = sample();
    RateStatus r;
    r.mn = "MN1";
    r.factor = "w01001";
    r.today_should = 10;
    r.today_received = 10;
    r.today_valid = 9;
    r.today_effective = 0.9;
    r.month_should = 24;
    r.month_received = 21;
    r.month_valid = 20;
    r.month_effective = 20.0 / 24.0;
    s.rates.push_back(r);
    r.factor = "w00000";
    r.today_effective.reset();
    s.rates.push_back(r);
    const auto json = status_json(s);
    EXPECT_NE(json.find(R"("mn":"MN1","factor":"w01001","today_should":10,"today_received":10,)"
                        R"("today_valid":9,"today_effective_rate":0.9000,"month_should":24,)"
                        R"("month_received":21,"month_valid":20,"month_effective_rate":0.8333)"),
              std::string::npos)
        << json;
    EXPECT_NE(json.find(R"("today_effective_rate":null)"), std::string::npos) << json;
    const auto text = status_text(s);
    EXPECT_NE(text.find("w01001     90.00%   83.33%"), std::string::npos) << text;
    EXPECT_NE(text.find("w00000         NA   83.33%"), std::string::npos) << text;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        EXPECT_LE(line.size(), 80U) << line;
}

} // namespace
} // namespace hj212gw::ops
