// The operators' HTTP endpoint through the real daemon: hourly values from a device over TCP
// show up in /api/rates as the hours of the month (valid, invalid, missing) with the counts
// the rate calculator gives, /api/status and /metrics show the live link and the device, and
// the token is enforced.
#include "../http/http_client.hpp"
#include "../http/json_value.hpp"
#include "daemon_fixture.hpp"

#include "net/clock.hpp"

namespace hj212gw::itest {
namespace {

using http::testing::http_get;
using http::testing::parse_json;

constexpr std::int64_t kHour = 3'600'000;

std::string hourly_segment(const std::string& mn, std::int64_t hour_ms, double value, char flag) {
    const auto dt = hj212::DateTime::from_epoch_ms(hour_ms);
    return make_segment(dt.format17(), "32", "2061", "123456", mn, 5,
                        "DataTime=" + dt.format14() + ";a21026-Avg=" + std::to_string(value) +
                            ",a21026-Flag=" + std::string(1, flag));
}

TEST_F(DaemonTest, HttpRatesStatusAndMetricsFromRealData) {
    const std::int64_t now = net::GatewayClock().civil_ms();
    const std::int64_t this_hour = now / kHour * kHour;
    auto first = hj212::DateTime::from_epoch_ms(now);
    first.day = 1;
    first.hour = first.minute = first.second = 0;
    first.millisecond = 0;
    const std::int64_t month_start = first.to_epoch_ms();
    if (this_hour - 6 * kHour < month_start)
        GTEST_SKIP() << "the first six hours of a month have too few due hours for this test";

    auto& platform = make_platform();
    GatewayOptions o;
    o.upstreams = {{"national", platform.port()}};
    const std::uint16_t http_port = free_port();
    o.extra_toml = "[http]\nhost = \"127.0.0.1\"\nport = " + std::to_string(http_port) +
                   "\ntoken = \"s3cr3t-token\"\n";
    auto& gw = make_gateway(o);
    ASSERT_TRUE(gw.start());
    ASSERT_TRUE(platform.wait_connected(1, 10s));

    // The last six finished hours: valid, missing, invalid (flag D), valid, valid, valid.
    auto& dev = add_device(FakeDevice::tcp(gw.listen_port(), device_mn(4)));
    const std::string plan = "vmivvv";
    std::size_t sent = 0;
    for (std::size_t i = 0; i < plan.size(); ++i) {
        const std::int64_t hour = this_hour - static_cast<std::int64_t>(plan.size() - i) * kHour;
        if (plan[i] == 'm') continue;
        ASSERT_TRUE(dev.send_segment(hourly_segment(dev.mn(), hour, 10.0 + static_cast<double>(i),
                                                    plan[i] == 'i' ? 'D' : 'N')));
        ++sent;
    }
    ASSERT_TRUE(dev.wait_acked(sent, 10s));

    const std::string auth = "Authorization: Bearer s3cr3t-token\r\n";
    auto denied = http_get(http_port, "/api/rates");
    ASSERT_TRUE(denied);
    EXPECT_EQ(denied->status, 401U);

    auto rates = http_get(http_port, "/api/rates", auth);
    ASSERT_TRUE(rates);
    ASSERT_EQ(rates->status, 200U) << rates->body;
    auto json = parse_json(rates->body);
    ASSERT_TRUE(json) << rates->body;
    const auto& grids = (*json)["grids"];
    const http::testing::Json* grid = nullptr;
    for (const auto& g : grids.items)
        if (g["mn"].text == dev.mn() && g["factor"].text == "a21026") grid = &g;
    ASSERT_NE(grid, nullptr) << rates->body;
    const std::string hours = (*grid)["hours"].text;
    const auto index = [&](std::int64_t hour) {
        return static_cast<std::size_t>((hour - month_start) / kHour);
    };
    ASSERT_EQ(hours.size() % 24, 0U);
    for (std::size_t i = 0; i < plan.size(); ++i) {
        const std::int64_t hour = this_hour - static_cast<std::int64_t>(plan.size() - i) * kHour;
        EXPECT_EQ(hours.at(index(hour)), plan[i]) << "hour " << i << " of the plan";
    }
    EXPECT_EQ(hours.at(index(this_hour)), '-') << "the current hour is not due yet";
    // Every finished hour of the month is due; 5 arrived, 4 of them valid.
    const auto& month = (*grid)["month"];
    EXPECT_EQ(month["should"].number(), static_cast<double>((this_hour - month_start) / kHour));
    EXPECT_EQ(month["received"].number(), 5.0);
    EXPECT_EQ(month["valid"].number(), 4.0);

    auto status = http_get(http_port, "/api/status?token=s3cr3t-token");
    ASSERT_TRUE(status);
    ASSERT_EQ(status->status, 200U);
    EXPECT_NE(status->body.find("\"national\""), std::string::npos) << status->body;
    EXPECT_NE(status->body.find(dev.mn()), std::string::npos) << status->body;

    auto metrics = http_get(http_port, "/metrics", auth);
    ASSERT_TRUE(metrics);
    ASSERT_EQ(metrics->status, 200U);
    EXPECT_NE(metrics->body.find("hj212gw_upstream_up{upstream=\"national\"} 1"), std::string::npos)
        << metrics->body;
    EXPECT_NE(metrics->body.find("hj212gw_packets_stored_total 5"), std::string::npos)
        << metrics->body;

    auto page = http_get(http_port, "/", auth);
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200U);
    EXPECT_NE(page->body.find("传输有效率"), std::string::npos);
    EXPECT_NE(gw.log().find("127.0.0.1:" + std::to_string(http_port)), std::string::npos);
}

} // namespace
} // namespace hj212gw::itest
