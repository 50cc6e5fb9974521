// End-to-end benchmark of the hj212gw daemon over loopback: packets/s from a device through the
// gateway (stored durably, acknowledged with 9014) to a platform that acknowledges each packet,
// with upstream window 1 and 32; and the daemon's memory (VmRSS/VmHWM) with 10 devices and 3
// upstreams under steady load.
//
// Run from a release build: build/<dir>/tests/bench/bench_gateway. The daemon binary is
// $HJ212GW_BINARY or, by default, firmware/hj212gw of the same build tree.
#include "../firmware/daemon/harness.hpp"

#include <benchmark/benchmark.h>

#include <climits>

namespace {

using namespace hj212gw::itest;

std::string gateway_binary() {
    if (const char* env = std::getenv("HJ212GW_BINARY")) return env;
    char self[PATH_MAX];
    const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) return "hj212gw";
    self[n] = '\0';
    return (fs::path(self).parent_path() / ".." / ".." / "firmware" / "hj212gw")
        .lexically_normal()
        .string();
}

/// Packets per iteration, devices sending at once and how many packets each may have
/// unacknowledged (a device is acknowledged after the group commit, every 20 ms by default, so
/// one pipelining device alone would bound the rate).
constexpr int kBatch = 4000;
constexpr int kDevices = 4;
constexpr std::size_t kDeviceWindow = 128;

std::string bench_mn(int i) {
    return "010000A8900016F0001690" + std::to_string(10 + i);
}

std::size_t received_from(const FakePlatform& p,
                          const std::vector<std::unique_ptr<FakeDevice>>& devices) {
    std::size_t n = 0;
    for (const auto& d : devices)
        n += p.segments(d->mn(), "2011").size();
    return n;
}

/// Devices -> gateway -> platform, all running at once: packets/s delivered to the platform.
void BM_EndToEnd(benchmark::State& state) {
    const int window = static_cast<int>(state.range(0));
    FakePlatform platform;
    platform.start();
    GatewayOptions o;
    o.upstreams = {{"national", platform.port(), window, 10, 3, 1, 1}};
    o.log_level = "warn";
    GatewayProcess gw(gateway_binary(), o);
    if (!gw.start() || !platform.wait_connected(1, 10s)) {
        gw.dump_log(std::cerr);
        state.SkipWithError("the gateway did not start");
        return;
    }
    std::vector<std::unique_ptr<FakeDevice>> devices;
    for (int i = 0; i < kDevices; ++i)
        devices.push_back(FakeDevice::tcp(gw.listen_port(), bench_mn(i)));
    int seq = 0;
    std::size_t delivered = 0;
    for (auto _ : state) {
        const auto t0 = Clock::now();
        std::vector<std::thread> senders;
        std::atomic<bool> ok{true};
        for (auto& d : devices)
            senders.emplace_back([&, dev = d.get()] {
                if (!dev->send_run(seq, kBatch / kDevices, kDeviceWindow, 30s)) ok = false;
            });
        for (auto& t : senders)
            t.join();
        seq += kBatch / kDevices;
        if (!ok) {
            state.SkipWithError("a device stalled");
            break;
        }
        const auto want = static_cast<std::size_t>(seq) * kDevices;
        if (!eventually([&] { return received_from(platform, devices) >= want; }, 120s)) {
            state.SkipWithError("the platform did not receive everything");
            break;
        }
        state.SetIterationTime(std::chrono::duration<double>(Clock::now() - t0).count());
        delivered += kBatch;
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(delivered));
    if (auto hwm = gw.status_kb("VmHWM")) state.counters["VmHWM_KiB"] = static_cast<double>(*hwm);
    devices.clear();
    gw.stop();
}
BENCHMARK(BM_EndToEnd)
    ->Arg(1)
    ->Arg(32)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);

/// Forwarding alone: a backlog of kBatch stored packets drained to a platform that comes up.
void BM_BacklogDrain(benchmark::State& state) {
    const int window = static_cast<int>(state.range(0));
    std::size_t delivered = 0;
    for (auto _ : state) {
        const std::uint16_t port = free_port();
        GatewayOptions o;
        o.upstreams = {{"national", port, window, 10, 3, 1, 1}};
        o.log_level = "warn";
        GatewayProcess gw(gateway_binary(), o);
        if (!gw.start()) {
            state.SkipWithError("the gateway did not start");
            break;
        }
        std::vector<std::unique_ptr<FakeDevice>> devices;
        for (int i = 0; i < kDevices; ++i)
            devices.push_back(FakeDevice::tcp(gw.listen_port(), bench_mn(i)));
        std::vector<std::thread> senders;
        for (auto& d : devices)
            senders.emplace_back([dev = d.get()] {
                dev->send_run(0, kBatch / kDevices, kDeviceWindow, 30s);
                dev->wait_acked(kBatch / kDevices, 30s);
            });
        for (auto& t : senders)
            t.join();
        FakePlatform platform(port);
        platform.start();
        if (!platform.wait_connected(1, 10s)) {
            state.SkipWithError("the gateway did not connect");
            break;
        }
        const auto t0 = Clock::now();
        if (!eventually(
                [&] {
                    return received_from(platform, devices) >= static_cast<std::size_t>(kBatch);
                },
                120s)) {
            state.SkipWithError("the platform did not receive everything");
            break;
        }
        state.SetIterationTime(std::chrono::duration<double>(Clock::now() - t0).count());
        delivered += kBatch;
        devices.clear();
        gw.stop();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(delivered));
}
BENCHMARK(BM_BacklogDrain)
    ->Arg(1)
    ->Arg(32)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2);

/// 10 devices (one packet every 20 ms each: 500 packets/s), 3 upstreams, for a few seconds.
void BM_MemoryTenDevicesThreeUpstreams(benchmark::State& state) {
    std::vector<std::unique_ptr<FakePlatform>> platforms;
    GatewayOptions o;
    o.log_level = "warn";
    const int windows[] = {1, 8, 32};
    for (int i = 0; i < 3; ++i) {
        platforms.push_back(std::make_unique<FakePlatform>());
        platforms.back()->start();
        o.upstreams.push_back(
            {"p" + std::to_string(i), platforms.back()->port(), windows[i], 10, 3, 1, 1});
    }
    GatewayProcess gw(gateway_binary(), o);
    if (!gw.start()) {
        gw.dump_log(std::cerr);
        state.SkipWithError("the gateway did not start");
        return;
    }
    for (auto& p : platforms)
        p->wait_connected(1, 10s);
    const auto idle_rss = gw.status_kb("VmRSS").value_or(0);
    std::vector<std::unique_ptr<FakeDevice>> devices;
    for (int i = 0; i < 10; ++i)
        devices.push_back(
            FakeDevice::tcp(gw.listen_port(), "010000A8900016F0001690" + std::to_string(10 + i)));
    long rss_max = 0;
    int sent = 0;
    for (auto _ : state) {
        const auto end = Clock::now() + std::chrono::seconds(state.range(0));
        while (Clock::now() < end) {
            const auto tick = Clock::now();
            for (auto& d : devices)
                d->send_data(sent);
            ++sent;
            rss_max = std::max(rss_max, gw.status_kb("VmRSS").value_or(0));
            std::this_thread::sleep_until(tick + 20ms);
        }
    }
    for (auto& p : platforms)
        eventually([&] { return p->count() >= static_cast<std::size_t>(sent) * 10; }, 30s);
    state.counters["packets"] = static_cast<double>(sent * 10);
    state.counters["VmRSS_idle_KiB"] = static_cast<double>(idle_rss);
    state.counters["VmRSS_max_KiB"] = static_cast<double>(rss_max);
    state.counters["VmHWM_KiB"] = static_cast<double>(gw.status_kb("VmHWM").value_or(0));
    state.counters["RssAnon_KiB"] = static_cast<double>(gw.status_kb("RssAnon").value_or(0));
    state.counters["RssFile_KiB"] = static_cast<double>(gw.status_kb("RssFile").value_or(0));
    std::size_t min_delivered = SIZE_MAX;
    for (auto& p : platforms)
        min_delivered = std::min(min_delivered, p->count());
    state.counters["delivered_min"] = static_cast<double>(min_delivered);
    devices.clear();
    gw.stop();
}
BENCHMARK(BM_MemoryTenDevicesThreeUpstreams)->Arg(10)->Iterations(1)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
