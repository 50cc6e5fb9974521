// End-to-end scenarios: the real hj212gw binary as the gateway (`run`), the platform simulator
// (`sim platform`) and monitor simulators (`sim monitor`), each a child process on loopback.
// In each, the platform simulator's own record (--json) is compared with what the monitors
// sent, regenerated with the monitor library (same MN, profile, seed and history range).
#include "e2e_support.hpp"

#include <gtest/gtest.h>

#include <iostream>
#include <set>
#include <sstream>

namespace hj212gw::e2e {
namespace {

constexpr auto kStartTimeout = 10s;
constexpr auto kDeliveryTimeout = 40s;

class E2eScenario : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        dir_ = std::make_unique<TempDir>(info->name());
        started_ = Clock::now();
    }

    void TearDown() override {
        std::cerr << "[ e2e      ] "
                  << ::testing::UnitTest::GetInstance()->current_test_info()->name() << " took "
                  << elapsed() << " s (" << steps_ << ")\n";
        if (!HasFailure()) return;
        dir_->keep();
        std::cerr << "=== logs kept in " << dir_->path() << " ===\n";
        for (const auto& entry : fs::directory_iterator(dir_->path())) {
            if (entry.path().extension() != ".log") continue;
            std::cerr << "----- " << entry.path().filename() << " -----\n"
                      << tail_of(entry.path()) << "\n";
        }
        const fs::path gateway_log = dir_->path() / "gateway" / "hj212gw.log";
        if (fs::exists(gateway_log))
            std::cerr << "----- gateway/hj212gw.log -----\n" << tail_of(gateway_log) << "\n";
    }

    double elapsed() const {
        return std::chrono::duration<double>(Clock::now() - started_).count();
    }
    /// Notes when a phase ended, for the timing line (and a failure's context).
    void step(std::string_view what) {
        std::ostringstream s;
        s.precision(1);
        s << std::fixed << (steps_.empty() ? "" : ", ") << what << " " << elapsed();
        steps_ += s.str();
    }

    const fs::path& dir() const { return dir_->path(); }
    fs::path json() const { return dir() / "platform.json"; }

    std::optional<PlatformRecord> record() const { return read_platform_record(json()); }

    /// Polls the platform's record until every monitor's history is there.
    bool wait_all_delivered(std::vector<Monitor*> monitors,
                            std::chrono::milliseconds timeout = kDeliveryTimeout) {
        const bool ok = eventually(
            [&] {
                const auto r = record();
                if (!r) return false;
                for (Monitor* m : monitors) {
                    const auto want = m->expected_hourly().size();
                    if (want == 0 || hourly_delivered(*r, *m) < want) return false;
                }
                return true;
            },
            timeout);
        step("history delivered");
        return ok;
    }

    /// Stops the platform (SIGTERM) and returns its final record.
    PlatformRecord stop_platform(Process& platform, int expected_status = 0) {
        const auto status = platform.terminate();
        step("platform stopped");
        EXPECT_EQ(status, expected_status) << "platform simulator exit status";
        auto r = record();
        EXPECT_TRUE(r.has_value()) << "no JSON record from the platform simulator";
        return r.value_or(PlatformRecord{});
    }

    /// Waits for a monitor to finish on its own (--duration) and returns its summary.
    MonitorSummary finish_monitor(Monitor& m, std::chrono::milliseconds timeout) {
        const auto status = m.process().wait(timeout);
        step(m.process().name() + " ended");
        EXPECT_EQ(status, 0) << m.process().name() << " did not end with status 0";
        if (!status) m.process().terminate();
        const auto summary = m.summary();
        EXPECT_TRUE(summary.has_value()) << m.process().name() << " printed no summary";
        return summary.value_or(MonitorSummary{});
    }

    std::unique_ptr<TempDir> dir_;
    Clock::time_point started_;
    std::string steps_;
};

/// Distinct uploads (CN, DataTime) of `mn` the platform received.
std::size_t distinct_uploads(const PlatformRecord& r, const std::string& mn) {
    std::set<std::pair<std::string, std::string>> seen;
    for (const PlatformPacket& p : r.packets) {
        if (p.mn != mn) continue;
        if (p.cn != "2011" && p.cn != "2051" && p.cn != "2061" && p.cn != "2031") continue;
        seen.emplace(p.cn, field_of(p.segment, "DataTime"));
    }
    return seen.size();
}

std::size_t count_ack(const PlatformRecord& r, std::string_view ack) {
    std::size_t n = 0;
    for (const PlatformPacket& p : r.packets)
        if (p.ack == ack) ++n;
    return n;
}

MonitorSpec water(std::string name, std::string mn, std::uint64_t seed) {
    MonitorSpec s;
    s.name = std::move(name);
    s.mn = std::move(mn);
    s.profile = "water";
    s.seed = seed;
    return s;
}

// (1) Outage and back-fill: the platform is down while two monitors replay a day of history
// and report live; once it comes up, the gateway delivers everything.
TEST_F(E2eScenario, OutageThenBackfill) {
    const std::uint16_t platform_port = free_port();
    const std::uint16_t gateway_port = free_port();
    auto gateway = start_gateway(dir(), {gateway_port, platform_port});

    MonitorSpec water_spec = water("water", "010000A8900016F000169DC0", 11);
    MonitorSpec gas_spec = water("gas", "010000A8900016F000169DC1", 12);
    gas_spec.profile = "gas";
    Monitor water_monitor(water_spec, gateway_port, dir());
    Monitor gas_monitor(gas_spec, gateway_port, dir());

    const MonitorSummary ws = finish_monitor(water_monitor, 30s);
    const MonitorSummary gs = finish_monitor(gas_monitor, 30s);
    ASSERT_TRUE(gateway->running()) << "the gateway stopped";
    // The gateway acknowledged everything into its store while the platform was away.
    for (const auto& [m, s] : {std::pair{&water_monitor, ws}, std::pair{&gas_monitor, gs}}) {
        EXPECT_GT(s.sent, 0U) << m->process().name();
        EXPECT_EQ(s.acked, s.sent) << m->process().name();
        EXPECT_EQ(s.unacked, 0U) << m->process().name();
        EXPECT_GE(s.hourly, m->expected_hourly().size()) << m->process().name();
        ASSERT_FALSE(m->expected_hourly().empty()) << m->process().name();
    }

    auto platform = start_platform(dir(), platform_port, {});
    EXPECT_TRUE(wait_all_delivered({&water_monitor, &gas_monitor}))
        << "the back-fill did not complete in time";
    // Everything acked by the gateway, live 2011 included, reaches the platform.
    EXPECT_TRUE(eventually(
        [&] {
            const auto r = record();
            return r && distinct_uploads(*r, water_spec.mn) >= ws.acked &&
                   distinct_uploads(*r, gas_spec.mn) >= gs.acked;
        },
        20s));
    const PlatformRecord r = stop_platform(*platform);
    EXPECT_EQ(gateway->terminate(), 0) << "gateway exit status";

    EXPECT_EQ(compare_hourly(r, water_monitor), "");
    EXPECT_EQ(compare_hourly(r, gas_monitor), "");
    EXPECT_GE(distinct_uploads(r, water_spec.mn), ws.acked);
    EXPECT_GE(distinct_uploads(r, gas_spec.mn), gs.acked);
    EXPECT_EQ(r.connections, 1);
}

// (4) kill -9 of the gateway while a monitor replays history; restarted on the same data dir,
// it delivers every packet the monitor got a 9014 for.
TEST_F(E2eScenario, GatewayKilledDuringHistoryReplay) {
    auto platform = start_platform(dir(), 0, {});
    const auto platform_port_opt = platform_port(*platform, kStartTimeout);
    ASSERT_TRUE(platform_port_opt) << "the platform simulator did not report its port";
    const std::uint16_t gateway_port = free_port();
    const GatewayConfig config{gateway_port, *platform_port_opt};
    auto gateway = start_gateway(dir(), config);

    // One upload in flight at a time: at the kill at most one is lost to the monitor (it does
    // not resend what was not acked), and every other one was acked.
    MonitorSpec spec = water("water", "010000A8900016F000169DC0", 21);
    spec.history_days = 3;
    spec.window = 1;
    spec.duration_s = 10;
    Monitor monitor(spec, gateway_port, dir());

    // Kill once the platform has seen part of the history, while the replay goes on.
    ASSERT_TRUE(eventually(
        [&] {
            const auto r = record();
            return r && !first_hourly_arrivals(*r, spec.mn).empty();
        },
        20s))
        << "no history reached the platform";
    const bool replay_was_running = !monitor.history_replayed();
    gateway->kill9();
    step("gateway killed");
    ASSERT_EQ(gateway->exit_status(), 128 + SIGKILL);
    EXPECT_TRUE(replay_was_running) << "the replay ended before the kill; the scenario is weak";

    auto restarted = start_gateway(dir(), config, "gateway-restarted.log");
    const MonitorSummary s = finish_monitor(monitor, 30s);
    EXPECT_GE(s.connections, 2U) << "the monitor did not reconnect";
    EXPECT_GT(s.acked, 0U);
    EXPECT_LE(s.unacked, 2U) << "window 1: only the upload in flight at the kill is lost";

    const std::size_t expected = monitor.expected_hourly().size();
    ASSERT_GT(expected, 0U);
    EXPECT_TRUE(eventually(
        [&] {
            const auto r = record();
            return r && distinct_uploads(*r, spec.mn) >= s.acked &&
                   hourly_delivered(*r, monitor) + s.unacked >= expected;
        },
        kDeliveryTimeout))
        << "acked uploads missing at the platform";
    const PlatformRecord r = stop_platform(*platform);
    EXPECT_EQ(restarted->terminate(), 0) << "restarted gateway exit status";

    EXPECT_GE(distinct_uploads(r, spec.mn), s.acked)
        << "the monitor got " << s.acked << " 9014s but the platform has fewer distinct uploads";
    EXPECT_EQ(compare_hourly(r, monitor, static_cast<std::size_t>(s.unacked)), "");
    EXPECT_GE(r.connections, 2) << "the restarted gateway never connected";
}

// (5) The platform simulator's default script: settings, gets, a 2061 history pull of the
// monitor's data and a 3011 routed to the monitor all pass; the data is complete too.
TEST_F(E2eScenario, DefaultScriptPasses) {
    const std::uint16_t platform_port = free_port();
    const std::uint16_t gateway_port = free_port();
    auto gateway = start_gateway(dir(), {gateway_port, platform_port});

    MonitorSpec spec = water("water", "010000A8900016F000169DC0", 31);
    spec.duration_s = 60; // stopped by the test once the script is done
    Monitor monitor(spec, gateway_port, dir());
    // The history is in the gateway's store before the platform connects, so the script's
    // "mn=data" has a monitor to name and its history pull finds data.
    ASSERT_TRUE(eventually([&] { return monitor.history_replayed(); }, 30s))
        << "the monitor did not finish its history";

    auto platform =
        start_platform(dir(), platform_port, {"--script", "default", "--mn", kGatewayMn});
    constexpr std::size_t kDefaultScriptCommands = 9;
    EXPECT_TRUE(eventually(
        [&] {
            const auto r = record();
            return r && r->flows.size() >= kDefaultScriptCommands;
        },
        kDeliveryTimeout))
        << "the script did not finish";
    step("script done");
    EXPECT_TRUE(wait_all_delivered({&monitor}));
    const PlatformRecord r = stop_platform(*platform, 0);

    monitor.process().terminate();
    const auto s = monitor.summary();
    ASSERT_TRUE(s.has_value()) << "the monitor printed no summary";
    EXPECT_EQ(gateway->terminate(), 0) << "gateway exit status";

    ASSERT_EQ(r.flows.size(), kDefaultScriptCommands);
    EXPECT_EQ(r.flows_passed, static_cast<int>(kDefaultScriptCommands));
    EXPECT_EQ(r.flows_failed, 0);
    bool pulled = false, controlled = false;
    for (const PlatformFlow& f : r.flows) {
        EXPECT_EQ(f.status, "passed") << "line " << f.line << " CN=" << f.cn << ": " << f.reason;
        if (f.cn == 2061) {
            pulled = true;
            EXPECT_EQ(f.mn, spec.mn);
            EXPECT_GT(f.uploads, 0) << "the history pull returned no data";
            EXPECT_EQ(f.exe_rtn, 1);
        }
        if (f.cn == 3011) {
            controlled = true;
            EXPECT_EQ(f.mn, spec.mn) << "the control command went to the wrong MN";
        }
    }
    EXPECT_TRUE(pulled);
    EXPECT_TRUE(controlled);
    EXPECT_GE(s->replies, 1U) << "the monitor never answered the routed 3011";
    EXPECT_EQ(compare_hourly(r, monitor), "");
}

// (2) A platform that withholds 30 % of its acks: the gateway resends (OverTime 1 s, ReCount 2)
// and nothing is missing.
TEST_F(E2eScenario, PlatformDropsAcks) {
    auto platform = start_platform(dir(), 0, {"--drop-rate", "0.3", "--seed", "7"});
    const auto port = platform_port(*platform, kStartTimeout);
    ASSERT_TRUE(port) << "the platform simulator did not report its port";
    const std::uint16_t gateway_port = free_port();
    GatewayConfig config{gateway_port, *port};
    config.over_time = 1;
    config.re_count = 2;
    auto gateway = start_gateway(dir(), config);

    Monitor monitor(water("water", "010000A8900016F000169DC0", 41), gateway_port, dir());
    const MonitorSummary s = finish_monitor(monitor, 30s);
    EXPECT_EQ(s.acked, s.sent) << "the gateway itself must ack every upload";

    EXPECT_TRUE(wait_all_delivered({&monitor}, 60s)) << "history missing at the platform";
    EXPECT_TRUE(eventually(
        [&] {
            const auto r = record();
            return r && distinct_uploads(*r, monitor.spec().mn) >= s.acked;
        },
        30s));
    const PlatformRecord r = stop_platform(*platform);
    EXPECT_EQ(gateway->terminate(), 0) << "gateway exit status";

    EXPECT_GT(count_ack(r, "withheld"), 0U) << "the fault never happened";
    EXPECT_GT(r.packets.size(), distinct_uploads(r, monitor.spec().mn)) << "no resends seen";
    EXPECT_EQ(compare_hourly(r, monitor), "");
    EXPECT_GE(distinct_uploads(r, monitor.spec().mn), s.acked);
}

// (3) A platform that closes the link instead of acking now and then: the gateway reconnects
// and resends; nothing is missing.
TEST_F(E2eScenario, PlatformBreaksLinkBeforeAck) {
    auto platform = start_platform(dir(), 0, {"--drop-link-rate", "0.1", "--seed", "3"});
    const auto port = platform_port(*platform, kStartTimeout);
    ASSERT_TRUE(port) << "the platform simulator did not report its port";
    const std::uint16_t gateway_port = free_port();
    GatewayConfig config{gateway_port, *port};
    config.over_time = 1;
    config.re_count = 2;
    auto gateway = start_gateway(dir(), config);

    Monitor monitor(water("water", "010000A8900016F000169DC0", 51), gateway_port, dir());
    const MonitorSummary s = finish_monitor(monitor, 30s);
    EXPECT_EQ(s.acked, s.sent) << "the gateway itself must ack every upload";

    EXPECT_TRUE(wait_all_delivered({&monitor}, 60s)) << "history missing at the platform";
    EXPECT_TRUE(eventually(
        [&] {
            const auto r = record();
            return r && distinct_uploads(*r, monitor.spec().mn) >= s.acked;
        },
        30s));
    const PlatformRecord r = stop_platform(*platform);
    EXPECT_EQ(gateway->terminate(), 0) << "gateway exit status";

    EXPECT_GT(count_ack(r, "link_dropped"), 0U) << "the fault never happened";
    EXPECT_GE(r.connections, 2) << "the gateway never reconnected";
    EXPECT_EQ(compare_hourly(r, monitor), "");
    EXPECT_GE(distinct_uploads(r, monitor.spec().mn), s.acked);
}

} // namespace
} // namespace hj212gw::e2e
