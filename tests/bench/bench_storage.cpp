// Storage benchmarks: durable ingest (completion only after the batch's fsync) at batch sizes
// 1, 10, 100 and streaming, the drain rate (read pending + mark acked), and bytes written to the
// disk per packet (from /proc/self/io, so WAL, checkpoints and fsync'd pages all count).
#include "hj212gw/storage/store.hpp"

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>

using namespace hj212gw::storage;

namespace {

class BenchDir {
public:
    BenchDir() {
        // Not /dev/shm: the point is a real disk with real fsyncs.
        std::string tmpl = "/var/tmp/hj212gw-bench-XXXXXX";
        if (::mkdtemp(tmpl.data()) == nullptr) std::abort();
        path_ = tmpl;
    }
    ~BenchDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    BenchDir(const BenchDir&) = delete;
    BenchDir& operator=(const BenchDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

std::uint64_t disk_bytes_written() {
    std::ifstream io("/proc/self/io");
    std::string key;
    std::uint64_t value = 0;
    while (io >> key >> value)
        if (key == "write_bytes:") return value;
    return 0;
}

std::string hourly_segment(std::uint64_t n) {
    // A realistic 2061 waste-water packet: 6 factors with Avg/Min/Max/Flag.
    std::string s = "QN=20240101" + std::to_string(100000000 + n % 100000000) +
                    ";ST=32;CN=2061;PW=123456;MN=88888880000001;Flag=5;CP=&&DataTime=20240101" +
                    std::to_string(100000 + n % 100000) + ";";
    const char* factors[] = {"w01018", "w21003", "w21011", "w21001", "w01001", "w00000"};
    bool first = true;
    for (const char* f : factors) {
        if (!first) s += ";";
        first = false;
        s += std::string(f) + "-Min=10.1," + f + "-Avg=" + std::to_string(n % 100) + ".5," + f +
             "-Max=30.2," + f + "-Flag=N";
    }
    return s + "&&";
}

/// Counts completions and lets the benchmark wait for a number of them.
class Waiter {
public:
    void done(bool ok) {
        std::lock_guard lk(mu_);
        ++completed_;
        if (!ok) ++failed_;
        cv_.notify_all();
    }
    void wait_for(std::uint64_t n) {
        std::unique_lock lk(mu_);
        cv_.wait(lk, [&] { return completed_ >= n; });
    }
    std::uint64_t failed() const {
        std::lock_guard lk(mu_);
        return failed_;
    }

private:
    mutable std::mutex mu_;
    std::condition_variable cv_;
    std::uint64_t completed_ = 0, failed_ = 0;
};

StoreOptions bench_options(const std::filesystem::path& dir, std::size_t batch) {
    StoreOptions o;
    o.data_dir = dir;
    o.upstreams = {"national", "province"};
    o.commit.max_batch_items = batch;
    o.commit.max_batch_delay = std::chrono::milliseconds(5);
    o.retention.budget_bytes = 4ULL << 30; // no eviction during the benchmark
    o.retention.hard_limit_bytes = 4ULL << 30;
    return o;
}

/// Submits `batch` packets, waits until all are durable; one batch per iteration.
void BM_DurableIngest(benchmark::State& state) {
    const auto batch = static_cast<std::size_t>(state.range(0));
    BenchDir dir;
    auto store = std::move(Store::open(bench_options(dir.path(), batch))).value();
    Waiter waiter;
    std::uint64_t submitted = 0;
    const auto written_before = disk_bytes_written();
    for (auto _ : state) {
        for (std::size_t i = 0; i < batch; ++i)
            store->ingest(hourly_segment(submitted++), Source{"bench", 1, "local"},
                          [&waiter](const StoreResult<PacketId>& r) { waiter.done(r.ok()); });
        waiter.wait_for(submitted);
    }
    store->flush();
    const auto written = disk_bytes_written() - written_before;
    state.SetItemsProcessed(static_cast<std::int64_t>(submitted));
    state.counters["bytes_per_packet"] =
        benchmark::Counter(static_cast<double>(written) / static_cast<double>(submitted));
    state.counters["failed"] = static_cast<double>(waiter.failed());
}
BENCHMARK(BM_DurableIngest)
    ->Arg(1)
    ->Arg(10)
    ->Arg(100)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

/// Many producers' worth of packets in flight: the writer forms batches of up to 500 by itself.
void BM_DurableIngestStream(benchmark::State& state) {
    BenchDir dir;
    auto store = std::move(Store::open(bench_options(dir.path(), 500))).value();
    Waiter waiter;
    std::uint64_t submitted = 0;
    constexpr std::uint64_t kPerIteration = 2000;
    const auto written_before = disk_bytes_written();
    for (auto _ : state) {
        for (std::uint64_t i = 0; i < kPerIteration; ++i)
            store->ingest(hourly_segment(submitted++), Source{"bench", 1, "local"},
                          [&waiter](const StoreResult<PacketId>& r) { waiter.done(r.ok()); });
        waiter.wait_for(submitted);
    }
    store->flush();
    const auto written = disk_bytes_written() - written_before;
    state.SetItemsProcessed(static_cast<std::int64_t>(submitted));
    state.counters["bytes_per_packet"] =
        benchmark::Counter(static_cast<double>(written) / static_cast<double>(submitted));
    state.counters["batches"] = static_cast<double>(store->stats().commits.batches);
}
BENCHMARK(BM_DurableIngestStream)->UseRealTime()->Unit(benchmark::kMillisecond);

/// Drain one upstream: read the next 100 pending, mark them in flight, ack each, durably.
void BM_Drain(benchmark::State& state) {
    BenchDir dir;
    auto store = std::move(Store::open(bench_options(dir.path(), 500))).value();
    Waiter waiter;
    std::uint64_t submitted = 0;
    auto refill = [&] {
        for (int i = 0; i < 20000; ++i)
            store->ingest(hourly_segment(submitted++), Source{"bench", 1, "local"},
                          [&waiter](const StoreResult<PacketId>& r) { waiter.done(r.ok()); });
        waiter.wait_for(submitted);
    };
    refill();
    std::int64_t drained = 0;
    for (auto _ : state) {
        auto pending = store->next_pending("national", 100);
        if (!pending || pending->empty()) {
            state.PauseTiming();
            refill();
            state.ResumeTiming();
            continue;
        }
        std::vector<PacketId> ids;
        for (const auto& p : *pending)
            ids.push_back(p.id);
        store->mark_in_flight("national", ids);
        for (auto id : ids)
            store->mark_acked("national", id);
        store->flush();
        drained += static_cast<std::int64_t>(ids.size());
    }
    state.SetItemsProcessed(drained);
}
BENCHMARK(BM_Drain)->UseRealTime()->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
