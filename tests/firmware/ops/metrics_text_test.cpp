#include "ops/metrics_text.hpp"

#include <gtest/gtest.h>

#include <set>
#include <sstream>

namespace hj212gw::ops {
namespace {

GatewayStatus sample() {
    GatewayStatus s;
    s.version = "0.1.0";
    s.mn = "GW\"1";
    s.started_ms = 1'000;
    s.now_ms = 61'000;
    s.store.disk_free_bytes = 1'000;
    s.store.disk_total_bytes = 4'000;
    UpstreamStatus u;
    u.name = "national";
    u.state = "up";
    u.rtt_ms = 40;
    u.oldest_pending_age_ms = 2'500;
    s.upstreams.push_back(u);
    RateStatus r;
    r.mn = "88888880000001";
    r.factor = "w01018";
    r.month_effective = 0.5;
    s.rates.push_back(r);
    return s;
}

TEST(MetricsText, DiskSizeIsThereToComputeItsUse) {
    const auto text = prometheus_metrics(sample());
    EXPECT_NE(text.find("hj212gw_disk_free_bytes 1000\n"), std::string::npos) << text;
    EXPECT_NE(text.find("# TYPE hj212gw_disk_total_bytes gauge\nhj212gw_disk_total_bytes 4000\n"),
              std::string::npos)
        << text;
}

TEST(MetricsText, SamplesBelongToDeclaredFamiliesDeclaredOnce) {
    const auto text = prometheus_metrics(sample());
    std::set<std::string> families;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("# TYPE ", 0) == 0) {
            const auto name = line.substr(7, line.find(' ', 7) - 7);
            EXPECT_TRUE(families.insert(name).second) << name;
        } else if (line.rfind("# HELP ", 0) != 0) {
            EXPECT_TRUE(families.count(line.substr(0, line.find_first_of("{ "))) != 0) << line;
        }
    }
    EXPECT_NE(text.find(R"(hj212gw_info{version="0.1.0",mn="GW\"1"} 1)"), std::string::npos);
    EXPECT_NE(text.find("hj212gw_uptime_seconds 60\n"), std::string::npos);
    EXPECT_NE(text.find("hj212gw_queue_oldest_pending_seconds{upstream=\"national\"} 2.5\n"),
              std::string::npos);
    EXPECT_NE(
        text.find(
            R"(hj212gw_effective_rate{mn="88888880000001",factor="w01018",period="month"} 0.5)"),
        std::string::npos);
}

} // namespace
} // namespace hj212gw::ops
