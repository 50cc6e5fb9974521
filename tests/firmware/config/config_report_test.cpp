#include "config/config_report.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

namespace hj212gw::config {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

std::string value_of(const std::vector<ReportLine>& lines, const std::string& key) {
    const auto it =
        std::find_if(lines.begin(), lines.end(), [&](const ReportLine& l) { return l.key == key; });
    return it == lines.end() ? "(missing)" : it->value;
}

TEST(ConfigReport, DefaultsShowEveryLimitAndWhatIsAutomatic) {
    const auto lines = report_lines(GatewayConfig{});
    EXPECT_EQ(value_of(lines, "data_dir"), "/var/lib/hj212gw");
    EXPECT_EQ(value_of(lines, "gateway.mn"), "(none)");
    EXPECT_EQ(value_of(lines, "listener"), "none");
    EXPECT_EQ(value_of(lines, "protocol.max_segment"), "4096 bytes (4 KiB)");
    EXPECT_EQ(value_of(lines, "protocol.emit_segment"), "1024 bytes (1 KiB)");
    EXPECT_EQ(value_of(lines, "protocol.reassembly.max_pending"), "32");
    EXPECT_EQ(value_of(lines, "protocol.reassembly.max_bytes"), "262144 bytes (256 KiB)");
    EXPECT_EQ(value_of(lines, "protocol.reassembly.max_parts"), "1000");
    EXPECT_EQ(value_of(lines, "protocol.reassembly.timeout"), "60 s");
    EXPECT_EQ(value_of(lines, "store.budget_bytes"), "automatic (min(1 GiB, 80 % of free space))");
    EXPECT_THAT(value_of(lines, "store.hard_limit_bytes"), HasSubstr("automatic"));
    EXPECT_EQ(value_of(lines, "store.delivered_max_age_days"), "90 days");
    EXPECT_EQ(value_of(lines, "store.commit_interval_ms"), "20 ms");
    EXPECT_EQ(value_of(lines, "store.commit_max_rows"), "500");
    EXPECT_EQ(value_of(lines, "clock.allow_set"), "false");
    EXPECT_EQ(value_of(lines, "http"), "off");
    EXPECT_EQ(value_of(lines, "log.level"), "info");
    EXPECT_EQ(value_of(lines, "log.file"), "/var/lib/hj212gw/hj212gw.log");
    EXPECT_EQ(value_of(lines, "log.max_file_bytes"), "1048576 bytes (1 MiB)");
    EXPECT_EQ(value_of(lines, "log.max_files"), "3");
    EXPECT_EQ(value_of(lines, "runtime.rtd_interval"), "30 s");
    EXPECT_EQ(value_of(lines, "runtime.min_interval"), "10 min");
    EXPECT_EQ(value_of(lines, "runtime.realtime_upload"), "true");
}

TEST(ConfigReport, ListsAndSecrets) {
    GatewayConfig c;
    ListenerConfig l;
    l.name = "plant";
    l.host = "::";
    l.port = 9000;
    l.idle_timeout = std::chrono::seconds{0};
    c.listeners.push_back(l);
    SerialConfig s;
    s.device = "/dev/ttyS1";
    c.serial_ports.push_back(s);
    UpstreamConfig u;
    u.name = "national";
    u.host = "10.0.0.1";
    u.port = 8001;
    u.mn_map = {{"D1", "P1"}};
    c.upstreams.push_back(u);
    c.http = HttpConfig{"0.0.0.0", 8080, "very-secret"};
    const auto lines = report_lines(c);
    EXPECT_EQ(value_of(lines, "listener[0].name"), "\"plant\"");
    EXPECT_EQ(value_of(lines, "serial[0].name"), "(none)");
    EXPECT_EQ(value_of(lines, "listener[0].address"), "tcp://[::]:9000");
    EXPECT_EQ(value_of(lines, "listener[0].allow_mn"), "any");
    EXPECT_EQ(value_of(lines, "listener[0].idle_timeout"), "never");
    EXPECT_EQ(value_of(lines, "listener[0].max_connections"), "64");
    EXPECT_EQ(value_of(lines, "serial[0].line"),
              "9600 baud, 8 data bits, parity none, 1 stop bit(s)");
    EXPECT_EQ(value_of(lines, "upstream[0].address"), "tcp://10.0.0.1:8001");
    EXPECT_EQ(value_of(lines, "upstream[0].over_time"), "10 s");
    EXPECT_EQ(value_of(lines, "upstream[0].re_count"), "3");
    EXPECT_EQ(value_of(lines, "upstream[0].backoff"), "1 s doubling to 60 s");
    EXPECT_EQ(value_of(lines, "upstream[0].mn_map"), "D1 -> P1");
    EXPECT_EQ(value_of(lines, "upstream[0].heartbeat"), "off");
    EXPECT_EQ(value_of(lines, "http.token"), "(set)");

    const std::string text = config_report(c);
    EXPECT_EQ(text.find("very-secret"), std::string::npos) << "the token never reaches the log";
    EXPECT_THAT(text, HasSubstr("upstream[0].window"));
    // Values are aligned in one column.
    std::size_t widest = 0;
    for (const auto& line : lines)
        widest = std::max(widest, line.key.size());
    const auto first = text.substr(0, text.find('\n'));
    EXPECT_EQ(first, "data_dir" + std::string(widest - 8 + 2, ' ') + "/var/lib/hj212gw");
}

} // namespace
} // namespace hj212gw::config
