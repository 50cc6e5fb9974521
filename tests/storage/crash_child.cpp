// Crash-test child: ingests packets as fast as the store takes them and prints each id on
// stdout ONLY after its completion fired (i.e. after it was durable). The parent SIGKILLs us at
// random moments and then checks that every printed id survived.
//   storage_crash_child <data-dir>
#include "hj212gw/storage/store.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

using namespace hj212gw::storage;

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s <data-dir>\n", argv[0]);
        return 2;
    }
    // stdout carries only the durable ids; the store's log goes to stderr.
    spdlog::set_default_logger(spdlog::stderr_logger_mt("storage"));
    StoreOptions opts;
    opts.data_dir = argv[1];
    opts.upstreams = {"a", "b"};
    opts.commit.max_batch_items = 100;
    opts.commit.max_batch_delay = std::chrono::milliseconds(2);
    auto opened = Store::open(opts);
    if (!opened) {
        std::fprintf(stderr, "open failed: %s\n", describe(opened.error()).c_str());
        return 1;
    }
    auto& store = **opened;
    std::atomic<int> outstanding{0};
    std::atomic<bool> failed{false};
    for (std::uint64_t n = 0; !failed; ++n) {
        while (outstanding.load() > 400)
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        const std::string qn = "2024010100" + std::to_string(1000000 + n % 1000000);
        const std::string seg = "QN=" + qn +
                                ";ST=32;CN=2011;PW=123456;MN=CRASH01;Flag=5;"
                                "CP=&&DataTime=20240101000000;w01018-Rtd=" +
                                std::to_string(n % 977) +
                                ",w01018-Flag=N;w21003-Rtd=1.5,w21003-Flag=N&&";
        ++outstanding;
        store.ingest(seg, Source{"crash", 1, "child"}, [&](const StoreResult<PacketId>& r) {
            --outstanding;
            if (!r) {
                failed = true;
                return;
            }
            // Exercise the queue too: ack a third of them for upstream "a".
            if (*r % 3 == 0) store.mark_acked("a", *r);
            // One write() per line: atomic on a pipe, and unbuffered, so what the parent reads
            // was printed after the completion fired.
            const std::string line = std::to_string(*r) + "\n";
            if (::write(STDOUT_FILENO, line.data(), line.size()) < 0) failed = true;
        });
    }
    return 3;
}
