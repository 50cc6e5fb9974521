// Disk full on a real small filesystem (a 4 MiB tmpfs, mounted when we are root; skipped with
// the reason otherwise): writes fail with disk_full and raise the alarm, the process stays
// up, nothing reported durable is lost, and writes resume when space returns.
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <sys/mount.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <thread>

using namespace hj212gw::storage;
using namespace hj212gw::storage::test;

namespace {

class TmpfsMount {
public:
    explicit TmpfsMount(std::filesystem::path where) : path_(std::move(where)) {
        std::filesystem::create_directories(path_);
        if (::geteuid() != 0) {
            error_ = "not running as root";
            return;
        }
        if (::mount("tmpfs", path_.c_str(), "tmpfs", 0, "size=4m") != 0) {
            error_ = std::string("mount tmpfs failed: ") + std::strerror(errno);
            return;
        }
        mounted_ = true;
    }
    ~TmpfsMount() {
        if (mounted_) ::umount2(path_.c_str(), MNT_DETACH);
    }
    TmpfsMount(const TmpfsMount&) = delete;
    TmpfsMount& operator=(const TmpfsMount&) = delete;
    bool mounted() const { return mounted_; }
    const std::string& error() const { return error_; }

private:
    std::filesystem::path path_;
    bool mounted_ = false;
    std::string error_;
};

/// Fills the filesystem with one file until the write fails.
void fill_up(const std::filesystem::path& file) {
    std::FILE* f = std::fopen(file.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    const std::string block(4096, 'z');
    while (std::fwrite(block.data(), 1, block.size(), f) == block.size()) {
    }
    std::fclose(f);
    // stdio may hold a partial block; make sure the last bytes are really gone too.
    std::FILE* g = std::fopen((file.string() + "2").c_str(), "wb");
    if (g != nullptr) {
        while (std::fputc('z', g) != EOF && std::fflush(g) == 0) {
        }
        std::fclose(g);
    }
}

TEST(DiskFull, WritesFailLoudlyAndResumeWhenSpaceReturns) {
    TempDir dir;
    TmpfsMount fs(dir.path() / "fs");
    if (!fs.mounted()) GTEST_SKIP() << "disk-full test skipped: " << fs.error();

    auto opts = options_for(dir.path() / "fs" / "data");
    // Explicit limits far above the filesystem: this test is about SQLITE_FULL, not eviction.
    opts.retention.budget_bytes = 1ULL << 30;
    opts.retention.hard_limit_bytes = 1ULL << 30;
    opts.commit.alarm_retry_interval = std::chrono::milliseconds(50);
    std::atomic<int> alarms_raised{0}, alarms_cleared{0};
    opts.on_alarm = [&](bool on) { (on ? alarms_raised : alarms_cleared)++; };
    auto store = open_store(opts);

    // Some data before the disk fills: must survive.
    std::vector<PacketId> durable;
    for (int i = 0; i < 20; ++i) {
        auto r = ingest_sync(*store, segment("MN001", "2061", "1", "20240101000000", i));
        ASSERT_TRUE(r.ok());
        durable.push_back(*r);
    }
    fill_up(dir.path() / "fs" / "filler");

    // Keep ingesting until the store refuses (the WAL may still have room for a while).
    StoreError refusal;
    bool refused = false;
    for (int i = 0; i < 20000 && !refused; ++i) {
        auto r = ingest_sync(*store, segment("MN001", "2061", "2", "20240101000000", i));
        if (r) {
            durable.push_back(*r);
        } else {
            refused = true;
            refusal = r.error();
        }
    }
    ASSERT_TRUE(refused) << "the store never hit the full disk";
    EXPECT_EQ(refusal.code, StoreErrc::disk_full) << describe(refusal);
    EXPECT_TRUE(store->alarm());
    EXPECT_EQ(alarms_raised.load(), 1);
    // Still refusing, still alive.
    auto again = ingest_sync(*store, segment("MN001", "2061", "3", "20240101000000"));
    EXPECT_FALSE(again.ok());
    EXPECT_TRUE(store->alarm());

    // Space returns.
    std::filesystem::remove(dir.path() / "fs" / "filler");
    std::filesystem::remove(dir.path() / "fs" / "filler2");
    // The writer's periodic probe notices on its own, before any new write arrives.
    for (int i = 0; i < 200 && store->alarm(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_FALSE(store->alarm()) << "the disk-full probe did not clear the alarm";
    StoreResult<PacketId> resumed = store_fail(StoreErrc::disk_full, "not yet");
    for (int i = 0; i < 100 && !resumed; ++i) {
        resumed = ingest_sync(*store, segment("MN001", "2061", "4", "20240101000000"));
        if (!resumed) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ASSERT_TRUE(resumed.ok()) << describe(resumed.error());
    durable.push_back(*resumed);
    EXPECT_FALSE(store->alarm());
    EXPECT_EQ(alarms_cleared.load(), 1);
    auto full_events = store->recent_events(10, event_kind::disk_full);
    ASSERT_TRUE(full_events.ok());
    EXPECT_EQ(full_events->size(), 1U);

    // Everything that was reported durable is there, after a restart too.
    store.reset();
    store = open_store(opts);
    for (auto id : durable)
        ASSERT_TRUE(store->packet(id)->has_value()) << id;
    auto q = store->queue_stats("national");
    ASSERT_TRUE(q.ok());
    EXPECT_EQ(q->pending, static_cast<std::int64_t>(durable.size()));
    auto db = Database::open(store->path(), Database::Mode::read_only);
    ASSERT_TRUE(db.ok());
    EXPECT_EQ(*db->query_text("PRAGMA integrity_check"), "ok");
}

} // namespace
