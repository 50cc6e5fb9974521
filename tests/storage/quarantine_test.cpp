// A damaged file is moved aside, a fresh one takes its place, and service continues.
#include "test_support.hpp"

#include "hj212gw/storage/quarantine.hpp"

#include <gtest/gtest.h>

#include <fstream>

using namespace hj212gw::storage;
using namespace hj212gw::storage::test;

namespace {

void fill(const std::filesystem::path& dir, int n) {
    auto store = open_store(options_for(dir));
    for (int i = 0; i < n; ++i)
        store->ingest(segment("MN001", "2061", "1", "20240101000000", i), Source{}, {});
    store->flush();
}

void overwrite(const std::filesystem::path& file, std::streamoff offset, std::size_t size,
               char byte) {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    ASSERT_TRUE(f.good());
    f.seekp(offset);
    const std::string junk(size, byte);
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    ASSERT_TRUE(f.good());
}

void expect_quarantined_and_serving(const std::filesystem::path& dir) {
    auto store = open_store(options_for(dir));
    const auto stats = store->stats();
    ASSERT_TRUE(stats.quarantined.has_value());
    EXPECT_TRUE(std::filesystem::exists(stats.quarantined->moved_to));
    EXPECT_NE(stats.quarantined->moved_to.filename().string().find(".corrupt-"), std::string::npos);
    auto events = store->recent_events(10, event_kind::quarantine);
    ASSERT_TRUE(events.ok());
    ASSERT_EQ(events->size(), 1U);
    // Continued service on the fresh file.
    auto id = ingest_sync(*store, segment("MN001", "2061", "2", "20240101000000"));
    ASSERT_TRUE(id.ok()) << describe(id.error());
    auto q = store->queue_stats("national");
    ASSERT_TRUE(q.ok());
    EXPECT_EQ(q->pending, 1);
    store.reset();
    // And the fresh file is healthy: no second quarantine on the next start.
    auto again = open_store(options_for(dir));
    EXPECT_FALSE(again->stats().quarantined.has_value());
}

TEST(Quarantine, HealthyFileIsNotTouched) {
    TempDir dir;
    fill(dir.path(), 10);
    auto corrupt = find_corruption(dir.path() / "hj212gw.db");
    ASSERT_TRUE(corrupt.ok());
    EXPECT_FALSE(corrupt->has_value());
    auto store = open_store(options_for(dir.path()));
    EXPECT_FALSE(store->stats().quarantined.has_value());
    EXPECT_EQ(store->queue_stats("national")->pending, 10);
}

TEST(Quarantine, DamagedHeaderIsQuarantined) {
    TempDir dir;
    fill(dir.path(), 50);
    const auto file = dir.path() / "hj212gw.db";
    overwrite(file, 0, 100, 'X');
    auto corrupt = find_corruption(file);
    ASSERT_TRUE(corrupt.ok());
    ASSERT_TRUE(corrupt->has_value());
    expect_quarantined_and_serving(dir.path());
}

TEST(Quarantine, DamagedPagesAreQuarantined) {
    TempDir dir;
    fill(dir.path(), 3000);
    const auto file = dir.path() / "hj212gw.db";
    ASSERT_GT(std::filesystem::file_size(file), 64U * 4096U);
    overwrite(file, 8 * 4096, 16 * 4096, '\xFF');
    auto corrupt = find_corruption(file);
    ASSERT_TRUE(corrupt.ok());
    ASSERT_TRUE(corrupt->has_value());
    expect_quarantined_and_serving(dir.path());
}

TEST(Quarantine, FilesAreMovedWithTheirSidecars) {
    TempDir dir;
    const auto file = dir.path() / "x.db";
    for (const char* name : {"x.db", "x.db-wal", "x.db-shm"})
        std::ofstream(dir.path() / name) << name;
    auto moved = quarantine_files(file, "20260101T000000");
    ASSERT_TRUE(moved.ok());
    EXPECT_FALSE(std::filesystem::exists(file));
    EXPECT_TRUE(std::filesystem::exists(*moved));
    EXPECT_TRUE(std::filesystem::exists(moved->string() + "-wal"));
    EXPECT_TRUE(std::filesystem::exists(moved->string() + "-shm"));
    // A second quarantine in the same second does not overwrite the first.
    std::ofstream(file) << "again";
    auto second = quarantine_files(file, "20260101T000000");
    ASSERT_TRUE(second.ok());
    EXPECT_NE(*second, *moved);
    EXPECT_TRUE(std::filesystem::exists(*moved));
}

} // namespace
