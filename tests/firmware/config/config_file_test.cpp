#include "config/config_file.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

namespace hj212gw::config {
namespace {

using namespace std::chrono_literals;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;

ConfigErrors errors_of(std::string_view text) {
    auto r = load_config_text(text);
    if (r.ok()) return {};
    return r.error();
}

/// The single error of `text`; fails the test when there is not exactly one.
ConfigError one_error(std::string_view text) {
    const auto errors = errors_of(text);
    EXPECT_EQ(errors.size(), 1U) << describe(errors);
    return errors.empty() ? ConfigError{} : errors.front();
}

TEST(ConfigFile, EmptyTextIsTheDefaults) {
    const auto r = load_config_text("");
    ASSERT_TRUE(r.ok()) << describe(r.error());
    EXPECT_EQ(*r, GatewayConfig{});
}

TEST(ConfigFile, FullFile) {
    const auto r = load_config_text(R"(
data_dir = "/data/gw"
[gateway]
mn = "GW0001"
pw = "654321"
st = "31"

[[listener]]
name = "plant"
host = "::"
port = 9000
allow_mn = ["A1", "B2"]
check_password = true
password = "111111"
idle_timeout = 0
max_garbage_bytes = 4096
max_connections = 8

[[listener]]
port = 9001

[[serial]]
name = "cod"
device = "/dev/ttyS1"
baud = 19200
data_bits = 7
parity = "even"
stop_bits = 2
rs485 = true

[[upstream]]
name = "national"
host = "[2001:db8::1]"
port = 8001
window = 8
over_time = 5
re_count = 2
backoff_initial = 2
backoff_max = 120
rewrite_pw = "999999"
mn_map = { "A1" = "P1", "B2" = "P2" }
heartbeat = 60
history_ack = false

[protocol]
max_segment = 9999
emit_segment = 2048
[protocol.reassembly]
max_pending = 4
max_bytes = 65536
max_parts = 50
timeout = 10

[store]
budget_bytes = 104857600
hard_limit_bytes = 209715200
delivered_max_age_days = 30
commit_interval_ms = 50
commit_max_rows = 100

[clock]
allow_set = true

[http]
host = "0.0.0.0"
port = 8088
token = "secret"

[log]
level = "debug"
file = "/var/log/gw.log"
max_file_bytes = 4096
max_files = 10

[runtime]
rtd_interval = 60
min_interval = 5
realtime_upload = false
)");
    ASSERT_TRUE(r.ok()) << describe(r.error());
    const GatewayConfig& c = *r;
    EXPECT_EQ(c.data_dir, "/data/gw");
    EXPECT_EQ(c.gateway, (IdentityConfig{"GW0001", "654321", "31"}));

    ASSERT_EQ(c.listeners.size(), 2U);
    const auto& l = c.listeners[0];
    EXPECT_EQ(l.name, "plant");
    EXPECT_EQ(l.host, "::");
    EXPECT_EQ(l.port, 9000);
    EXPECT_THAT(l.allow_mn, ElementsAre("A1", "B2"));
    EXPECT_TRUE(l.check_password);
    EXPECT_EQ(l.password, "111111");
    EXPECT_EQ(l.idle_timeout, 0s);
    EXPECT_EQ(l.max_garbage_bytes, 4096U);
    EXPECT_EQ(l.max_connections, 8U);
    ListenerConfig second;
    second.port = 9001;
    EXPECT_EQ(c.listeners[1], second) << "unset keys keep their defaults";

    ASSERT_EQ(c.serial_ports.size(), 1U);
    EXPECT_EQ(c.serial_ports[0],
              (SerialConfig{"cod", "/dev/ttyS1", 19200, 7, Parity::even, 2, true}));

    ASSERT_EQ(c.upstreams.size(), 1U);
    const auto& u = c.upstreams[0];
    EXPECT_EQ(u.name, "national");
    EXPECT_EQ(u.host, "2001:db8::1") << "brackets are dropped";
    EXPECT_EQ(u.port, 8001);
    EXPECT_EQ(u.window, 8U);
    EXPECT_EQ(u.over_time, 5s);
    EXPECT_EQ(u.re_count, 2U);
    EXPECT_EQ(u.backoff_initial, 2s);
    EXPECT_EQ(u.backoff_max, 120s);
    EXPECT_EQ(u.rewrite_pw, "999999");
    EXPECT_EQ(u.mn_map, (std::map<std::string, std::string>{{"A1", "P1"}, {"B2", "P2"}}));
    EXPECT_EQ(u.heartbeat, 60s);
    EXPECT_FALSE(u.history_ack);

    EXPECT_EQ(c.protocol.max_segment, 9999U);
    EXPECT_EQ(c.protocol.emit_segment, 2048U);
    EXPECT_EQ(c.protocol.reassembly, (ReassemblyConfig{4, 65536, 50, 10s}));
    EXPECT_EQ(c.store, (StoreConfig{104857600, 209715200, std::chrono::days{30}, 50ms, 100}));
    EXPECT_TRUE(c.clock.allow_set);
    ASSERT_TRUE(c.http.has_value());
    EXPECT_EQ(*c.http, (HttpConfig{"0.0.0.0", 8088, "secret"}));
    EXPECT_EQ(c.log, (LogConfig{LogLevel::debug, "/var/log/gw.log", 4096, 10}));
    EXPECT_EQ(c.runtime, (RuntimeDefaults{60s, std::chrono::minutes{5}, false}));
}

TEST(ConfigFile, HttpTableAloneEnablesTheDefaults) {
    const auto r = load_config_text("[http]\n");
    ASSERT_TRUE(r.ok()) << describe(r.error());
    EXPECT_EQ(r->http, HttpConfig{});
    EXPECT_EQ(load_config_text("")->http, std::nullopt);
}

TEST(ConfigFile, UnknownKeyWithSuggestionAndPosition) {
    const auto e = one_error("[[upstream]]\nname = \"a\"\nhost = \"h\"\nport = 1\n"
                             "[[upstream]]\nname = \"b\"\nhost = \"h\"\nport = 2\nwindw = 4\n");
    EXPECT_EQ(e.key, "upstream[1].windw");
    EXPECT_EQ(e.message, "unknown key (did you mean window?)");
    EXPECT_EQ(e.line, 9U);
    EXPECT_EQ(e.column, 1U);
    EXPECT_EQ(describe(e),
              "line 9, column 1: upstream[1].windw: unknown key (did you mean window?)");
}

TEST(ConfigFile, UnknownKeysEverywhere) {
    const auto errors = errors_of("colour = 1\n[upstreams]\n[store]\nbudget = 5\n"
                                  "[protocol.reassembly]\ntimeot = 3\n");
    ASSERT_EQ(errors.size(), 4U) << describe(errors);
    // In file order, whatever order the tables are read in.
    EXPECT_EQ(errors[0].key, "colour");
    EXPECT_EQ(errors[0].message, "unknown key");
    EXPECT_EQ(errors[1].key, "upstreams");
    EXPECT_EQ(errors[1].message, "unknown key (did you mean upstream?)");
    EXPECT_EQ(describe(errors[2]), "line 4, column 1: store.budget: unknown key");
    EXPECT_EQ(errors[3].key, "protocol.reassembly.timeot");
    EXPECT_THAT(errors[3].message, HasSubstr("did you mean timeout?"));
}

TEST(ConfigFile, WrongTypes) {
    EXPECT_EQ(describe(one_error("[[listener]]\nport = \"9000\"\n")),
              "line 2, column 8: listener[0].port: expected an integer in 1..65535, got a string");
    EXPECT_EQ(one_error("[clock]\nallow_set = 1\n").message,
              "expected a boolean (true or false), got an integer");
    EXPECT_EQ(one_error("data_dir = 5\n").message, "expected a string, got an integer");
    EXPECT_EQ(one_error("[protocol]\nmax_segment = 1.5\n").message,
              "expected an integer in 1..9999 bytes, got a float");
    EXPECT_EQ(one_error("store = 3\n").message, "expected a table ([store]), got an integer");
    EXPECT_EQ(one_error("[upstream]\nname = \"a\"\n").message,
              "expected an array of tables ([[upstream]]), got a table");
    const auto list = one_error("[[listener]]\nport = 1\nallow_mn = [\"A\", 2]\n");
    EXPECT_EQ(list.key, "listener[0].allow_mn[1]");
    EXPECT_EQ(list.message, "expected a string, got an integer");
    const auto map =
        one_error("[[upstream]]\nname = \"a\"\nhost = \"h\"\nport = 1\nmn_map = { \"X 1\" = 3 }\n");
    EXPECT_EQ(map.key, "upstream[0].mn_map.\"X 1\"");
    EXPECT_EQ(map.message, "expected a string, got an integer");
}

TEST(ConfigFile, OutOfRange) {
    const auto window = one_error("[[upstream]]\nname = \"a\"\nhost = \"h\"\nport = 1\n"
                                  "window = 300\n");
    EXPECT_EQ(window.key, "upstream[0].window");
    EXPECT_EQ(window.message, "300 is out of range: must be 1..256");
    EXPECT_EQ(
        one_error("[[upstream]]\nname = \"a\"\nhost = \"h\"\nport = 1\nover_time = 100\n").message,
        "100 is out of range: must be 1..99 s");
    EXPECT_EQ(
        one_error("[[upstream]]\nname = \"a\"\nhost = \"h\"\nport = 1\nheartbeat = -1\n").message,
        "-1 is out of range: must be 0 (off) or 1..3600 s");
    EXPECT_EQ(one_error("[store]\nbudget_bytes = 1000\n").message,
              "1000 is out of range: must be 0 (automatic) or 1048576..9223372036854775807 bytes");
    EXPECT_EQ(one_error("[runtime]\nrtd_interval = 29\n").message,
              "29 is out of range: must be 30..3600 s");
    EXPECT_EQ(one_error("[runtime]\nmin_interval = 7\n").message,
              "must be one of 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 min, got 7");
    EXPECT_EQ(one_error("[log]\nlevel = \"verbose\"\n").message,
              "'verbose' is not one of trace|debug|info|warn|error|critical|off");
    EXPECT_EQ(one_error("[[serial]]\ndevice = \"/dev/ttyS1\"\nparity = \"mark\"\n").message,
              "'mark' is not one of none|odd|even");
    EXPECT_THAT(one_error("[[serial]]\ndevice = \"/dev/ttyS1\"\nbaud = 9601\n").message,
                HasSubstr("9601 is not a standard baud rate: must be one of 300, 600"));
    EXPECT_EQ(one_error("[[listener]]\nport = 70000\n").message,
              "70000 is out of range: must be 1..65535");
}

TEST(ConfigFile, BadHostsAndNames) {
    const auto host = one_error("[[listener]]\nport = 1\nhost = \"300.1.1.1\"\n");
    EXPECT_EQ(host.key, "listener[0].host");
    EXPECT_EQ(host.message, "'300.1.1.1' is not a valid IPv4 address");
    const auto name = one_error("[[upstream]]\nname = \"a b\"\nhost = \"h\"\nport = 1\n");
    EXPECT_EQ(name.key, "upstream[0].name");
    EXPECT_THAT(name.message, HasSubstr("may only contain"));
}

TEST(ConfigFile, MissingRequiredKeys) {
    const auto errors = errors_of("[[upstream]]\nwindow = 2\n[[serial]]\nbaud = 9600\n");
    ASSERT_EQ(errors.size(), 4U) << describe(errors);
    EXPECT_EQ(errors[0].key, "upstream[0].name");
    EXPECT_EQ(errors[0].message, "missing required key");
    EXPECT_EQ(errors[0].line, 1U) << "reported where the table starts";
    EXPECT_EQ(errors[1].key, "upstream[0].host");
    EXPECT_EQ(errors[2].key, "upstream[0].port");
    EXPECT_EQ(errors[3].key, "serial[0].device");
    EXPECT_EQ(errors[3].line, 3U);
}

TEST(ConfigFile, SyntaxErrorPosition) {
    const auto e = one_error("[gateway]\nmn = \"A\"\npw = 123456\nst = \"32\n");
    EXPECT_EQ(e.key, "");
    EXPECT_THAT(e.message, HasSubstr("TOML syntax error"));
    EXPECT_EQ(e.line, 4U);
    EXPECT_GT(e.column, 1U);
}

TEST(ConfigFile, AllErrorsAtOnce) {
    const auto errors = errors_of(R"([gateway]
mn = 5
[[listener]]
port = 0
idle_timeot = 3
[[upstream]]
name = "a"
host = "h"
port = 1
window = 0
re_count = 100
[log]
level = "loud"
)");
    ASSERT_EQ(errors.size(), 6U) << describe(errors);
    EXPECT_THAT(errors, ::testing::Contains(Field(&ConfigError::key, "gateway.mn")));
    EXPECT_THAT(errors, ::testing::Contains(Field(&ConfigError::key, "listener[0].port")));
    EXPECT_THAT(errors, ::testing::Contains(Field(&ConfigError::key, "listener[0].idle_timeot")));
    EXPECT_THAT(errors, ::testing::Contains(Field(&ConfigError::key, "upstream[0].window")));
    EXPECT_THAT(errors, ::testing::Contains(Field(&ConfigError::key, "upstream[0].re_count")));
    EXPECT_THAT(errors, ::testing::Contains(Field(&ConfigError::key, "log.level")));
}

TEST(ConfigFile, FileErrorsNameTheFile) {
    const std::string path = ::testing::TempDir() + "hj212gw_config_test.toml";
    {
        std::ofstream out(path);
        out << "[clock]\nallow_sett = true\n";
    }
    const auto r = load_config_file(path);
    std::remove(path.c_str());
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.error().size(), 1U);
    EXPECT_EQ(describe(r.error()[0]),
              path + ":2:1: clock.allow_sett: unknown key (did you mean allow_set?)");
}

TEST(ConfigFile, MissingFile) {
    const auto r = load_config_file("/nonexistent/hj212gw.toml");
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.error().size(), 1U);
    EXPECT_EQ(describe(r.error()[0]),
              "/nonexistent/hj212gw.toml: cannot open: No such file or directory");
}

TEST(ConfigFile, AveragingAndRates) {
    const auto r =
        load_config_text("[[averaging]]\nmn = \"MN1\"\nkind = \"gas\"\nmin_interval = 1\n"
                         "factors = [\"a21026\"]\nreference_o2 = { a21026 = 9 }\n"
                         "[rates]\nwarn_below = 0.8\n");
    ASSERT_TRUE(r.ok()) << describe(r.error());
    ASSERT_EQ(r->averaging.size(), 1U);
    EXPECT_EQ(r->averaging[0].mn, "MN1");
    EXPECT_EQ(r->averaging[0].kind, AveragingKind::gas);
    EXPECT_EQ(r->averaging[0].min_interval, std::chrono::minutes(1));
    EXPECT_EQ(r->averaging[0].reference_o2.at("a21026"), 9.0);
    EXPECT_EQ(r->rates.warn_below, 0.8);

    EXPECT_EQ(one_error("[[averaging]]\nkind = \"water\"\n").key, "averaging[0].mn");
    EXPECT_EQ(one_error("[[averaging]]\nmn = \"M\"\nkind = \"air\"\n").key, "averaging[0].kind");
    EXPECT_EQ(one_error("[[averaging]]\nmn = \"M\"\nmin_interval = 7\n").key,
              "averaging[0].min_interval");
    EXPECT_EQ(one_error("[[averaging]]\nmn = \"M\"\nreference_o2 = { a21026 = 21 }\n").key,
              "averaging[0].reference_o2.a21026");
    EXPECT_EQ(one_error("[rates]\nwarn_below = 1.5\n").key, "rates.warn_below");
    EXPECT_EQ(one_error("[rates]\nwarn_below = \"high\"\n").key, "rates.warn_below");
}

TEST(ConfigFile, ValidityRules) {
    const auto r = load_config_text("[[validity]]\nfactor = \"w01018\"\nrange_min = 0\n"
                                    "range_max = 500.5\nallow_negative = true\nstuck_hours = 0\n"
                                    "[[validity]]\nmn = \"MN1\"\nfactor = \"w21003\"\n"
                                    "flow_factor = \"w00001\"\n");
    ASSERT_TRUE(r.ok()) << describe(r.error());
    ASSERT_EQ(r->validity.size(), 2U);
    EXPECT_EQ(r->validity[0].mn, "");
    EXPECT_EQ(r->validity[0].factor, "w01018");
    EXPECT_EQ(r->validity[0].range_min, 0.0);
    EXPECT_EQ(r->validity[0].range_max, 500.5);
    EXPECT_EQ(r->validity[0].allow_negative, true);
    EXPECT_EQ(r->validity[0].stuck_hours, std::chrono::hours(0));
    EXPECT_EQ(r->validity[1].mn, "MN1");
    EXPECT_FALSE(r->validity[1].range_min.has_value());
    EXPECT_FALSE(r->validity[1].allow_negative.has_value());
    EXPECT_FALSE(r->validity[1].stuck_hours.has_value());
    EXPECT_EQ(r->validity[1].flow_factor, "w00001");

    EXPECT_EQ(one_error("[[validity]]\nmn = \"M\"\n").key, "validity[0].factor");
    const auto unknown = one_error("[[validity]]\nfactor = \"w01018\"\nrange_mx = 5\n");
    EXPECT_EQ(unknown.key, "validity[0].range_mx");
    EXPECT_THAT(unknown.message, HasSubstr("did you mean range_max?"));
    EXPECT_EQ(one_error("[[validity]]\nfactor = \"w01018\"\nrange_max = \"500\"\n").key,
              "validity[0].range_max");
    EXPECT_EQ(one_error("[[validity]]\nfactor = \"w01018\"\nallow_negative = 1\n").key,
              "validity[0].allow_negative");
    EXPECT_EQ(one_error("[[validity]]\nfactor = 18\n").key, "validity[0].factor");
    const auto inverted =
        one_error("[[validity]]\nfactor = \"w01018\"\nrange_min = 10\nrange_max = 5\n");
    EXPECT_EQ(inverted.key, "validity[0].range_max");
    EXPECT_THAT(inverted.message, HasSubstr("below range_min"));
    const auto stuck = one_error("[[validity]]\nfactor = \"w01018\"\nstuck_hours = 169\n");
    EXPECT_EQ(stuck.key, "validity[0].stuck_hours");
    EXPECT_THAT(stuck.message, HasSubstr("0..168"));
    EXPECT_EQ(one_error("[[validity]]\nfactor = \"w01018\"\nstuck_hours = -1\n").key,
              "validity[0].stuck_hours");
    EXPECT_EQ(one_error("[[validity]]\nfactor = \"w01018\"\nstuck_hours = 1.5\n").key,
              "validity[0].stuck_hours");
    EXPECT_EQ(one_error("validity = 1\n").key, "validity");
}

} // namespace
} // namespace hj212gw::config

namespace hj212gw::config {
namespace {

TEST(ConfigFile, ConsoleTableAndItsLimits) {
    const auto r = load_config_text(R"(
[console]
serial = "/dev/ttyS0"
baud = 9600
password = "s3cret"
max_failures = 5
lockout = 60
)",
                                    "console.toml");
    ASSERT_TRUE(r.ok()) << describe(r.error());
    EXPECT_EQ(r->console.serial, "/dev/ttyS0");
    EXPECT_EQ(r->console.baud, 9600U);
    EXPECT_EQ(r->console.password, "s3cret");
    EXPECT_EQ(r->console.max_failures, 5U);
    EXPECT_EQ(r->console.lockout, std::chrono::seconds(60));
    EXPECT_EQ(console_socket_path(*r), r->data_dir / "console.sock");

    const auto bad = load_config_text("[console]\nbaud = 12345\nmax_failures = 0\n", "bad.toml");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().size(), 2U) << describe(bad.error());
}

} // namespace
} // namespace hj212gw::config
