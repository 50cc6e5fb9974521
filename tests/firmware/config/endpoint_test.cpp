#include "config/endpoint.hpp"

#include <gtest/gtest.h>

#include <string>

namespace hj212gw::config {
namespace {

template <class R>
std::string error_of(const R& r) {
    return r.ok() ? std::string("(no error)") : r.error().message;
}

TEST(TcpUrl, Ipv4) {
    const auto r = parse_tcp_url("tcp://0.0.0.0:9000");
    ASSERT_TRUE(r.ok()) << error_of(r);
    EXPECT_EQ(*r, (HostPort{"0.0.0.0", 9000}));
}

TEST(TcpUrl, Ipv6InBracketsIsStoredWithout) {
    const auto r = parse_tcp_url("tcp://[::1]:65535");
    ASSERT_TRUE(r.ok()) << error_of(r);
    EXPECT_EQ(*r, (HostPort{"::1", 65535}));
    const auto full = parse_tcp_url("tcp://[2001:db8::10]:1");
    ASSERT_TRUE(full.ok()) << error_of(full);
    EXPECT_EQ(full->host, "2001:db8::10");
    EXPECT_EQ(full->port, 1);
}

TEST(TcpUrl, DnsName) {
    const auto r = parse_tcp_url("tcp://platform.example.gov.cn:8001");
    ASSERT_TRUE(r.ok()) << error_of(r);
    EXPECT_EQ(*r, (HostPort{"platform.example.gov.cn", 8001}));
    EXPECT_TRUE(parse_tcp_url("tcp://localhost:1").ok());
}

TEST(TcpUrl, MissingOrWrongScheme) {
    EXPECT_NE(error_of(parse_tcp_url("1.2.3.4:80")).find("missing 'tcp://'"), std::string::npos);
    EXPECT_NE(error_of(parse_tcp_url("udp://1.2.3.4:80")).find("unsupported scheme 'udp'"),
              std::string::npos);
}

TEST(TcpUrl, BadPorts) {
    EXPECT_NE(error_of(parse_tcp_url("tcp://1.2.3.4")).find("missing ':PORT'"), std::string::npos);
    EXPECT_NE(error_of(parse_tcp_url("tcp://1.2.3.4:")).find("missing port"), std::string::npos);
    EXPECT_NE(error_of(parse_tcp_url("tcp://1.2.3.4:0")).find("port 0 is out of range 1..65535"),
              std::string::npos);
    EXPECT_NE(error_of(parse_tcp_url("tcp://1.2.3.4:65536")).find("out of range"),
              std::string::npos);
    EXPECT_NE(error_of(parse_tcp_url("tcp://1.2.3.4:99999999999")).find("not a number"),
              std::string::npos);
    EXPECT_NE(error_of(parse_tcp_url("tcp://1.2.3.4:80a")).find("port '80a' is not a number"),
              std::string::npos);
    EXPECT_NE(error_of(parse_tcp_url("tcp://1.2.3.4:+80")).find("not a number"), std::string::npos);
}

TEST(TcpUrl, BadHosts) {
    EXPECT_NE(error_of(parse_tcp_url("tcp://:80")).find("missing host"), std::string::npos);
    EXPECT_NE(error_of(parse_tcp_url("tcp://999.1.1.1:80")).find("not a valid IPv4"),
              std::string::npos);
    EXPECT_NE(error_of(parse_tcp_url("tcp://10.1.1:80")).find("not a valid IPv4"),
              std::string::npos);
    EXPECT_NE(error_of(parse_tcp_url("tcp://::1:80")).find("must be in brackets"),
              std::string::npos);
    EXPECT_NE(error_of(parse_tcp_url("tcp://[::1:80")).find("missing ']'"), std::string::npos);
    EXPECT_NE(error_of(parse_tcp_url("tcp://[::1]80")).find("missing ':PORT' after ']'"),
              std::string::npos);
    EXPECT_NE(error_of(parse_tcp_url("tcp://[zz::1]:80")).find("not a valid IPv6"),
              std::string::npos);
    EXPECT_NE(error_of(parse_tcp_url("tcp://bad_host:80")).find("not allowed in a host name"),
              std::string::npos);
    EXPECT_NE(error_of(parse_tcp_url("tcp://-a.example:80")).find("starting or ending with '-'"),
              std::string::npos);
    EXPECT_NE(error_of(parse_tcp_url("tcp://a..b:80")).find("empty label"), std::string::npos);
    EXPECT_NE(error_of(parse_tcp_url("tcp://" + std::string(64, 'a') + ":80"))
                  .find("label longer than 63"),
              std::string::npos);
    EXPECT_NE(error_of(parse_tcp_url("tcp://h.example/path:80")).find("unexpected path"),
              std::string::npos);
}

TEST(HostPort, ForHttp) {
    const auto r = parse_host_port("127.0.0.1:8080");
    ASSERT_TRUE(r.ok()) << error_of(r);
    EXPECT_EQ(*r, (HostPort{"127.0.0.1", 8080}));
    EXPECT_EQ(parse_host_port("[::]:8080")->host, "::");
    EXPECT_NE(error_of(parse_host_port("")).find("empty address"), std::string::npos);
    EXPECT_NE(error_of(parse_host_port("8080")).find("missing ':PORT'"), std::string::npos);
    EXPECT_FALSE(parse_host_port("tcp://1.2.3.4:80").ok()) << "a scheme is not a host";
}

TEST(UpstreamSpec, NameAndUrl) {
    const auto r = parse_upstream_spec("national-1=tcp://10.0.0.1:8001");
    ASSERT_TRUE(r.ok()) << error_of(r);
    EXPECT_EQ(r->name, "national-1");
    EXPECT_EQ(r->endpoint, (HostPort{"10.0.0.1", 8001}));
    EXPECT_EQ(parse_upstream_spec("Prov_2=tcp://[::1]:9")->name, "Prov_2");
}

TEST(UpstreamSpec, Bad) {
    EXPECT_NE(error_of(parse_upstream_spec("tcp://10.0.0.1:8001")).find("missing 'NAME='"),
              std::string::npos);
    EXPECT_NE(error_of(parse_upstream_spec("=tcp://10.0.0.1:8001")).find("empty name"),
              std::string::npos);
    EXPECT_NE(error_of(parse_upstream_spec("na me=tcp://10.0.0.1:8001")).find("may only contain"),
              std::string::npos);
    EXPECT_NE(error_of(parse_upstream_spec(std::string(65, 'a') + "=tcp://1.1.1.1:1"))
                  .find("longer than 64"),
              std::string::npos);
    EXPECT_NE(error_of(parse_upstream_spec("a=tcp://10.0.0.1:0")).find("out of range"),
              std::string::npos);
}

TEST(SerialSpec, DeviceAndBaud) {
    const auto r = parse_serial_spec("/dev/ttyS1:9600");
    ASSERT_TRUE(r.ok()) << error_of(r);
    EXPECT_EQ(*r, (SerialSpec{"/dev/ttyS1", 9600, 8, Parity::none, 1}));
}

TEST(SerialSpec, Framing) {
    const auto r = parse_serial_spec("/dev/ttyUSB0:115200:7E2");
    ASSERT_TRUE(r.ok()) << error_of(r);
    EXPECT_EQ(*r, (SerialSpec{"/dev/ttyUSB0", 115200, 7, Parity::even, 2}));
    EXPECT_EQ(parse_serial_spec("/dev/ttyS2:4800:8o1")->parity, Parity::odd);
}

TEST(SerialSpec, DevicePathWithColons) {
    const std::string dev = "/dev/serial/by-path/pci-0000:00:14.0-usb-0:1:1.0-port0";
    const auto r = parse_serial_spec(dev + ":19200");
    ASSERT_TRUE(r.ok()) << error_of(r);
    EXPECT_EQ(r->device, dev);
    EXPECT_EQ(r->baud, 19200U);
}

TEST(SerialSpec, Bad) {
    EXPECT_NE(error_of(parse_serial_spec("/dev/ttyS1")).find("missing ':BAUD'"), std::string::npos);
    EXPECT_NE(error_of(parse_serial_spec(":9600")).find("missing device"), std::string::npos);
    EXPECT_NE(error_of(parse_serial_spec("ttyS1:9600")).find("absolute path"), std::string::npos);
    EXPECT_NE(error_of(parse_serial_spec("/dev/ttyS1:fast")).find("baud 'fast' is not a number"),
              std::string::npos);
    EXPECT_NE(error_of(parse_serial_spec("/dev/ttyS1:9601")).find("9601 is not one of"),
              std::string::npos);
    EXPECT_NE(error_of(parse_serial_spec("/dev/ttyS1:9600:9N1")).find("data bits '9'"),
              std::string::npos);
    EXPECT_NE(error_of(parse_serial_spec("/dev/ttyS1:9600:8X1")).find("parity 'X'"),
              std::string::npos);
    EXPECT_NE(error_of(parse_serial_spec("/dev/ttyS1:9600:8N3")).find("stop bits '3'"),
              std::string::npos);
    EXPECT_NE(error_of(parse_serial_spec("/dev/ttyS1:8N1")).find("missing ':BAUD'"),
              std::string::npos);
}

TEST(StandardBauds, TermiosRates) {
    EXPECT_TRUE(is_standard_baud(9600));
    EXPECT_TRUE(is_standard_baud(115200));
    EXPECT_FALSE(is_standard_baud(0));
    EXPECT_FALSE(is_standard_baud(14400));
}

TEST(HostProblem, AcceptsBareIpv6ForTheFile) {
    EXPECT_FALSE(host_problem("::").has_value());
    EXPECT_FALSE(host_problem("[fe80::1]").has_value());
    EXPECT_FALSE(host_problem("host.example.").has_value()) << "a trailing dot is fully qualified";
    EXPECT_TRUE(host_problem("").has_value());
    EXPECT_TRUE(host_problem("[::1").has_value());
}

TEST(FormatHostPort, BracketsIpv6) {
    EXPECT_EQ(format_host_port("::1", 80), "[::1]:80");
    EXPECT_EQ(format_host_port("10.0.0.1", 80), "10.0.0.1:80");
}

} // namespace
} // namespace hj212gw::config
