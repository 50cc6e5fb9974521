#include "config/validation.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace hj212gw::config {
namespace {

using namespace std::chrono_literals;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

GatewayConfig minimal() {
    GatewayConfig c;
    ListenerConfig l;
    l.port = 9000;
    c.listeners.push_back(l);
    UpstreamConfig u;
    u.name = "national";
    u.host = "10.0.0.1";
    u.port = 8001;
    c.upstreams.push_back(u);
    return c;
}

std::vector<std::string> keys(const ConfigErrors& errors) {
    std::vector<std::string> out;
    for (const auto& e : errors)
        out.push_back(e.key);
    return out;
}

TEST(Validation, MinimalConfigIsValid) {
    EXPECT_EQ(validate(minimal()), ConfigErrors{}) << describe(validate(minimal()));
}

TEST(Validation, SerialPortAloneIsASource) {
    GatewayConfig c = minimal();
    c.listeners.clear();
    SerialConfig s;
    s.device = "/dev/ttyS1";
    c.serial_ports.push_back(s);
    EXPECT_TRUE(validate(c).empty()) << describe(validate(c));
}

TEST(Validation, DefaultsAloneNeedASourceAndAnUpstream) {
    const auto errors = validate(GatewayConfig{});
    EXPECT_THAT(keys(errors), ElementsAre("listener", "upstream"));
    EXPECT_THAT(errors[0].message, HasSubstr("would receive nothing"));
}

TEST(Validation, DuplicatePortsNamesAndDevices) {
    GatewayConfig c = minimal();
    c.listeners.push_back(c.listeners[0]);
    c.listeners[0].name = "dev";
    c.listeners[1].name = "dev";
    SerialConfig s;
    s.device = "/dev/ttyS1";
    s.name = "dev";
    c.serial_ports = {s, s};
    c.serial_ports[1].name = "";
    c.upstreams.push_back(c.upstreams[0]);
    c.http = HttpConfig{"127.0.0.1", 9000, ""};
    const auto errors = validate(c);
    EXPECT_THAT(keys(errors), ElementsAre("listener[1].port", "listener[1].name", "serial[0].name",
                                          "serial[1].device", "http.port", "upstream[1].name"))
        << describe(errors);
    EXPECT_EQ(errors[0].message, "9000 is also used by listener[0]");
    EXPECT_EQ(errors[5].message,
              "'national' is also the name of upstream[0] (names key the delivery queues)");
}

TEST(Validation, IdentityStringsMustFitInASegment) {
    GatewayConfig c = minimal();
    c.gateway.mn = "A;B";
    c.gateway.pw = "";
    c.gateway.st = "3";
    const auto errors = validate(c);
    EXPECT_THAT(keys(errors), ElementsAre("gateway.mn", "gateway.pw", "gateway.st"));
    EXPECT_EQ(errors[0].message, "'A;B' contains ';', which delimits HJ 212 fields");
    EXPECT_EQ(errors[1].message, "must not be empty");
}

TEST(Validation, UpstreamChecks) {
    GatewayConfig c = minimal();
    auto& u = c.upstreams[0];
    u.backoff_initial = 30s;
    u.backoff_max = 10s;
    u.rewrite_pw = "a b";
    u.mn_map = {{"DEV1", "PLAT=1"}};
    u.port = 0;
    const auto errors = validate(c);
    EXPECT_THAT(keys(errors), ElementsAre("upstream[0].port", "upstream[0].backoff_max",
                                          "upstream[0].rewrite_pw", "upstream[0].mn_map.\"DEV1\""))
        << describe(errors);
    EXPECT_EQ(errors[1].message, "10 s is below backoff_initial (30 s)");
}

TEST(Validation, LimitsThatDependOnEachOther) {
    GatewayConfig c = minimal();
    c.data_dir.clear();
    c.protocol.max_segment = 9999;
    c.protocol.reassembly.max_bytes = 4096;
    c.store.budget_bytes = 100 << 20;
    c.store.hard_limit_bytes = 50 << 20;
    const auto errors = validate(c);
    EXPECT_THAT(keys(errors),
                ElementsAre("data_dir", "protocol.reassembly.max_bytes", "store.hard_limit_bytes"))
        << describe(errors);
}

TEST(Validation, AutomaticBudgetWithExplicitHardLimitIsFine) {
    GatewayConfig c = minimal();
    c.store.hard_limit_bytes = 50 << 20;
    EXPECT_TRUE(validate(c).empty());
}

TEST(Validation, HttpOffLoopbackNeedsAToken) {
    GatewayConfig c = minimal();
    c.http = HttpConfig{"0.0.0.0", 8080, ""};
    const auto errors = validate(c);
    EXPECT_THAT(keys(errors), ElementsAre("http.token"));
    c.http->token = "t";
    EXPECT_TRUE(validate(c).empty());
    c.http = HttpConfig{"::1", 8080, ""};
    EXPECT_TRUE(validate(c).empty());
}

TEST(Validation, ListenerContent) {
    GatewayConfig c = minimal();
    c.listeners[0].allow_mn = {"OK1", ""};
    c.listeners[0].check_password = true;
    c.listeners[0].password = "p&w";
    c.listeners[0].name = "bad name";
    const auto errors = validate(c);
    EXPECT_THAT(keys(errors),
                ElementsAre("listener[0].name", "listener[0].allow_mn[1]", "listener[0].password"))
        << describe(errors);
}

TEST(Validation, AveragingEntriesNameTheirKeys) {
    GatewayConfig c = minimal();
    AveragingEntry water;
    water.mn = "MN1";
    water.factors = {"w01018"};
    water.reference_o2["w01018"] = 9.0; // gas only
    AveragingEntry gas;
    gas.mn = "MN1"; // duplicate
    gas.kind = AveragingKind::gas;
    gas.method = AveragingMethod::flow_weighted; // water only
    gas.factors = {"a21026"};
    gas.reference_o2["a21002"] = 9.0; // not listed
    c.averaging = {water, gas};
    EXPECT_THAT(keys(validate(c)),
                ElementsAre("averaging[0].reference_o2", "averaging[1].mn", "averaging[1].method",
                            "averaging[1].reference_o2.a21002"));
    c.averaging = {AveragingEntry{}};
    EXPECT_THAT(keys(validate(c)), ElementsAre("averaging[0].mn"));
}

TEST(Validation, ValidityEntriesNameTheirKeys) {
    GatewayConfig c = minimal();
    ValidityEntry every;
    every.factor = "w01018";
    every.range_min = 0.0;
    every.range_max = 500.0;
    every.flow_factor = "w00001"; // needs an MN
    ValidityEntry again = every;  // same (mn, factor)
    again.flow_factor.clear();
    ValidityEntry at_mn;
    at_mn.mn = "MN1";
    at_mn.factor = "w01018"; // another MN: no duplicate
    at_mn.range_min = 10.0;
    at_mn.range_max = 5.0;
    at_mn.stuck_hours = std::chrono::hours(200);
    at_mn.flow_factor = "w00001";
    ValidityEntry other_flow;
    other_flow.mn = "MN1";
    other_flow.factor = "w21003";
    other_flow.flow_factor = "w00000"; // conflicts with at_mn's
    c.validity = {every, again, at_mn, other_flow, ValidityEntry{}};
    EXPECT_THAT(keys(validate(c)), ElementsAre("validity[0].flow_factor", "validity[1].factor",
                                               "validity[2].range_max", "validity[2].stuck_hours",
                                               "validity[3].flow_factor", "validity[4].factor"));
    c.validity = {at_mn};
    c.validity[0].range_max = 50.0;
    c.validity[0].stuck_hours = std::chrono::hours(168);
    EXPECT_EQ(validate(c), ConfigErrors{}) << describe(validate(c));
}

} // namespace
} // namespace hj212gw::config

namespace hj212gw::config {
namespace {

TEST(Validation, ConsoleSerialCannotBeADevicePort) {
    GatewayConfig c = minimal();
    SerialConfig s;
    s.device = "/dev/ttyS1";
    c.serial_ports.push_back(s);
    c.console.serial = "/dev/ttyS1";
    EXPECT_THAT(keys(validate(c)), ElementsAre("console.serial"));
    c.console.serial = "/dev/ttyS0";
    EXPECT_EQ(validate(c), ConfigErrors{});
}

} // namespace
} // namespace hj212gw::config
