#pragma once
// gtest fixture over the harness: owns the gateways, platforms and devices of a test and prints
// the daemon's log when the test failed.
#include "harness.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

namespace hj212gw::itest {

class DaemonTest : public ::testing::Test {
protected:
    GatewayProcess& make_gateway(GatewayOptions options) {
        gateways_.push_back(std::make_unique<GatewayProcess>(HJ212GW_BINARY, std::move(options)));
        return *gateways_.back();
    }
    FakePlatform& make_platform(std::uint16_t port = 0, bool start = true) {
        platforms_.push_back(std::make_unique<FakePlatform>(port));
        if (start) platforms_.back()->start();
        return *platforms_.back();
    }
    FakeDevice& add_device(std::unique_ptr<FakeDevice> d) {
        devices_.push_back(std::move(d));
        return *devices_.back();
    }

    void TearDown() override {
        // Devices and platforms first (their threads), then the daemons (reaped, logs printed).
        devices_.clear();
        platforms_.clear();
        if (HasFailure())
            for (const auto& g : gateways_)
                g->dump_log(std::cerr);
        gateways_.clear();
    }

    /// The distinct segments of `segments`, in order of first arrival.
    static std::vector<std::string> first_arrivals(const std::vector<std::string>& segments) {
        std::vector<std::string> out;
        std::set<std::string> seen;
        for (const auto& s : segments)
            if (seen.insert(s).second) out.push_back(s);
        return out;
    }

    /// True when every segment `device` sent arrived, distinct segments in the order sent.
    static bool all_in_order(const FakePlatform& p, const FakeDevice& device) {
        return first_arrivals(p.segments(device.mn(), "2011")) == device.sent();
    }

    std::vector<std::unique_ptr<GatewayProcess>> gateways_;
    std::vector<std::unique_ptr<FakePlatform>> platforms_;
    std::vector<std::unique_ptr<FakeDevice>> devices_;
};

inline std::string device_mn(int i) {
    std::string mn = "010000A8900016F0001690" + std::to_string(10 + i);
    return mn;
}

} // namespace hj212gw::itest
