// The example file in board/ documents every key with its default. These tests load it, as is
// and with its "#: " examples enabled, and compare it with the built-in defaults, so the
// documentation cannot drift from the code.
#include "config/config_file.hpp"
#include "config/validation.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace hj212gw::config {
namespace {

const std::string kExample = std::string(HJ212GW_SOURCE_DIR) + "/board/hj212gw.example.toml";

std::string read_example() {
    std::ifstream in(kExample);
    EXPECT_TRUE(in.good()) << "cannot open " << kExample;
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// The example with every "#: " example line uncommented.
std::string with_examples_enabled(const std::string& text) {
    std::istringstream in(text);
    std::string out;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("#: ", 0) == 0)
            line.erase(0, 3);
        else if (line == "#:")
            line.clear();
        out += line + '\n';
    }
    return out;
}

TEST(ExampleConfig, AsShippedIsExactlyTheDefaults) {
    const auto r = load_config_file(kExample);
    ASSERT_TRUE(r.ok()) << describe(r.error());
    EXPECT_EQ(*r, GatewayConfig{});
}

TEST(ExampleConfig, ExamplesLoadAndTheirFirstEntriesShowTheDefaults) {
    const auto r = load_config_text(with_examples_enabled(read_example()), kExample);
    ASSERT_TRUE(r.ok()) << describe(r.error());
    const GatewayConfig& c = *r;

    // The first entry of each list sets every key; apart from the keys that have no default
    // (what to connect to, and names), its values must be the built-in defaults.
    ASSERT_EQ(c.listeners.size(), 2U);
    ListenerConfig listener;
    listener.name = "plant";
    listener.port = 9000;
    EXPECT_EQ(c.listeners[0], listener);

    ASSERT_EQ(c.serial_ports.size(), 1U);
    SerialConfig serial;
    serial.name = "cod-analyser";
    serial.device = "/dev/ttyS1";
    EXPECT_EQ(c.serial_ports[0], serial);

    ASSERT_EQ(c.upstreams.size(), 2U);
    UpstreamConfig upstream;
    upstream.name = "national";
    upstream.host = "platform.example.gov.cn";
    upstream.port = 8001;
    EXPECT_EQ(c.upstreams[0], upstream);
    EXPECT_EQ(c.upstreams[1].rewrite_pw, "654321");
    EXPECT_EQ(c.upstreams[1].mn_map.at("010000A8900016F000169DC0"), "33010000000001");

    ASSERT_TRUE(c.http.has_value());
    EXPECT_EQ(*c.http, HttpConfig{});

    ASSERT_EQ(c.averaging.size(), 2U);
    AveragingEntry averaging;
    averaging.mn = "88888880000001";
    EXPECT_EQ(c.averaging[0], averaging);
    EXPECT_EQ(c.averaging[1].kind, AveragingKind::gas);
    EXPECT_EQ(c.averaging[1].min_interval, std::chrono::minutes(1));
    EXPECT_EQ(c.averaging[1].reference_o2.at("a21026"), 9.0);

    ASSERT_EQ(c.validity.size(), 2U);
    ValidityEntry validity;
    validity.factor = "w01018";
    validity.range_min = 0.0;
    validity.range_max = 500.0;
    validity.allow_negative = false;
    validity.stuck_hours = std::chrono::hours(6);
    EXPECT_EQ(c.validity[0], validity);
    EXPECT_EQ(c.validity[1].mn, "88888880000001");
    EXPECT_EQ(c.validity[1].flow_factor, "w00001");

    // Everything outside the examples is untouched by enabling them.
    GatewayConfig rest = c;
    rest.listeners.clear();
    rest.serial_ports.clear();
    rest.upstreams.clear();
    rest.http.reset();
    rest.averaging.clear();
    rest.validity.clear();
    EXPECT_EQ(rest, GatewayConfig{});
}

TEST(ExampleConfig, ExamplesFormAValidConfiguration) {
    const auto r = load_config_text(with_examples_enabled(read_example()), kExample);
    ASSERT_TRUE(r.ok()) << describe(r.error());
    const auto errors = validate(*r);
    EXPECT_TRUE(errors.empty()) << describe(errors);
}

} // namespace
} // namespace hj212gw::config
