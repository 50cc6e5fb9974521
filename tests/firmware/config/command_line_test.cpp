#include "config/command_line.hpp"

#include <gtest/gtest.h>

namespace hj212gw::config {
namespace {

/// A config as if loaded from a file with one of everything.
GatewayConfig file_config() {
    GatewayConfig c;
    ListenerConfig l;
    l.name = "file";
    l.port = 7000;
    l.max_connections = 5;
    c.listeners = {l, l};
    c.listeners[1].port = 7001;
    SerialConfig s;
    s.device = "/dev/ttyS0";
    c.serial_ports = {s};
    UpstreamConfig u;
    u.name = "file-up";
    u.host = "1.1.1.1";
    u.port = 1;
    u.window = 16;
    c.upstreams = {u};
    c.http = HttpConfig{"127.0.0.1", 8080, "tok"};
    return c;
}

TEST(CommandLine, NothingGivenChangesNothing) {
    GatewayConfig c = file_config();
    ASSERT_TRUE(apply(c, {}).ok());
    EXPECT_EQ(c, file_config());
}

TEST(CommandLine, ListsReplaceTheFilesListsWithDefaults) {
    GatewayConfig c = file_config();
    CommandLineOverrides o;
    o.listen = {"tcp://0.0.0.0:9000"};
    o.serial = {"/dev/ttyS1:9600", "/dev/ttyS2:4800:7E1"};
    o.upstream = {"a=tcp://10.0.0.1:8001", "b=tcp://[::1]:8002"};
    const auto r = apply(c, o);
    ASSERT_TRUE(r.ok()) << describe(r.error());

    ListenerConfig l;
    l.host = "0.0.0.0";
    l.port = 9000;
    ASSERT_EQ(c.listeners.size(), 1U) << "replaced, not appended";
    EXPECT_EQ(c.listeners[0], l) << "other keys take the built-in defaults, not the file's";

    ASSERT_EQ(c.serial_ports.size(), 2U);
    EXPECT_EQ(c.serial_ports[0].device, "/dev/ttyS1");
    EXPECT_EQ(c.serial_ports[1], (SerialConfig{"", "/dev/ttyS2", 4800, 7, Parity::even, 1, false}));

    ASSERT_EQ(c.upstreams.size(), 2U);
    UpstreamConfig b;
    b.name = "b";
    b.host = "::1";
    b.port = 8002;
    EXPECT_EQ(c.upstreams[0].name, "a");
    EXPECT_EQ(c.upstreams[0].window, 1U);
    EXPECT_EQ(c.upstreams[1], b);
}

TEST(CommandLine, OnlyTheGivenListIsReplaced) {
    GatewayConfig c = file_config();
    CommandLineOverrides o;
    o.upstream = {"x=tcp://h:1"};
    ASSERT_TRUE(apply(c, o).ok());
    EXPECT_EQ(c.listeners, file_config().listeners);
    EXPECT_EQ(c.serial_ports, file_config().serial_ports);
    ASSERT_EQ(c.upstreams.size(), 1U);
    EXPECT_EQ(c.upstreams[0].name, "x");
}

TEST(CommandLine, Scalars) {
    GatewayConfig c = file_config();
    CommandLineOverrides o;
    o.data_dir = "/tmp/gw";
    o.mn = "GW1";
    o.pw = "000000";
    o.http = "[::1]:9090";
    o.log_level = "trace";
    ASSERT_TRUE(apply(c, o).ok());
    EXPECT_EQ(c.data_dir, "/tmp/gw");
    EXPECT_EQ(c.gateway.mn, "GW1");
    EXPECT_EQ(c.gateway.pw, "000000");
    EXPECT_EQ(c.http, (HttpConfig{"::1", 9090, "tok"})) << "the file's token is kept";
    EXPECT_EQ(c.log.level, LogLevel::trace);
}

TEST(CommandLine, HttpFlagEnablesHttpWithoutAFileTable) {
    GatewayConfig c;
    CommandLineOverrides o;
    o.http = "127.0.0.1:8081";
    ASSERT_TRUE(apply(c, o).ok());
    EXPECT_EQ(c.http, (HttpConfig{"127.0.0.1", 8081, ""}));
}

TEST(CommandLine, EveryBadFlagIsReportedAndNothingIsApplied) {
    GatewayConfig c = file_config();
    CommandLineOverrides o;
    o.data_dir = "";
    o.listen = {"tcp://0.0.0.0:9000", "0.0.0.0:9001"};
    o.serial = {"/dev/ttyS1:1234"};
    o.upstream = {"tcp://1.2.3.4:5"};
    o.mn = "NEW";
    o.http = "localhost";
    o.log_level = "loud";
    const auto r = apply(c, o);
    ASSERT_FALSE(r.ok());
    const auto& e = r.error();
    ASSERT_EQ(e.size(), 6U) << describe(e);
    EXPECT_EQ(e[0].key, "--data-dir");
    EXPECT_EQ(e[1].key, "--listen[1]") << "indexed when the flag was repeated";
    EXPECT_NE(e[1].message.find("missing 'tcp://'"), std::string::npos);
    EXPECT_EQ(e[2].key, "--serial");
    EXPECT_EQ(e[3].key, "--upstream");
    EXPECT_EQ(e[4].key, "--http");
    EXPECT_EQ(describe(e[5]),
              "--log-level: 'loud' is not one of trace|debug|info|warn|error|critical|off");
    EXPECT_EQ(c, file_config()) << "a failed apply leaves the config untouched";
}

} // namespace
} // namespace hj212gw::config
