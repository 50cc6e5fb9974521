// Group commit: completions fire only once the batch is durable, batches group many writes,
// and a job that fails alone does not take its batch down.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>

using namespace hj212gw::storage;
using namespace hj212gw::storage::test;

namespace {

TEST(GroupCommit, CompletionFiresOnlyWhenAnotherConnectionSeesTheRow) {
    TempDir dir;
    auto store = open_store(options_for(dir.path()));
    std::promise<bool> visible;
    auto f = visible.get_future();
    const auto path = store->path();
    store->ingest(segment("MN001", "2061", "20240101000000001", "20240101000000"), Source{},
                  [&visible, path](const StoreResult<PacketId>& r) {
                      if (!r) {
                          visible.set_value(false);
                          return;
                      }
                      // A fresh connection sees only committed data.
                      auto db = Database::open(path, Database::Mode::read_only);
                      auto n = db ? db->query_int("SELECT count(*) FROM packets WHERE id = " +
                                                  std::to_string(*r))
                                  : StoreResult<std::int64_t>(hj212::fail(db.error()));
                      visible.set_value(n.ok() && *n == 1);
                  });
    EXPECT_TRUE(f.get());
}

TEST(GroupCommit, ManyWritesShareFewTransactionsAndCompleteInOrder) {
    TempDir dir;
    auto opts = options_for(dir.path());
    opts.commit.max_batch_items = 50;
    opts.commit.max_batch_delay = std::chrono::milliseconds(200);
    auto store = open_store(opts);
    const auto before = store->stats().commits.batches;
    std::mutex mu;
    std::vector<PacketId> order;
    for (int i = 0; i < 200; ++i) {
        store->ingest(segment("MN001", "2011", "20240101000000001", "20240101000000"), Source{},
                      [&](const StoreResult<PacketId>& r) {
                          ASSERT_TRUE(r.ok());
                          std::lock_guard lk(mu);
                          order.push_back(*r);
                      });
    }
    store->flush();
    ASSERT_EQ(order.size(), 200U);
    EXPECT_TRUE(std::is_sorted(order.begin(), order.end()));
    const auto batches = store->stats().commits.batches - before;
    EXPECT_GE(batches, 4U); // at most 50 per batch
    EXPECT_LE(batches, 20U);
    EXPECT_EQ(store->stats().commits.committed_items, 200U);
}

TEST(GroupCommit, AFailingJobIsRolledBackAloneAndTheBatchCommits) {
    TempDir dir;
    auto opts = options_for(dir.path());
    opts.commit.max_batch_delay = std::chrono::milliseconds(100);
    auto store = open_store(opts);
    std::promise<StoreResult<PacketId>> a, b;
    std::promise<Status> bad;
    store->ingest(segment("MN001", "2061", "1", "20240101000000"), Source{},
                  [&](const StoreResult<PacketId>& r) { a.set_value(r); });
    store->mark_acked("national", 999999, [&](const Status& s) { bad.set_value(s); });
    store->ingest(segment("MN001", "2061", "2", "20240101000000"), Source{},
                  [&](const StoreResult<PacketId>& r) { b.set_value(r); });
    auto ra = a.get_future().get();
    auto rbad = bad.get_future().get();
    auto rb = b.get_future().get();
    ASSERT_TRUE(ra.ok());
    ASSERT_TRUE(rb.ok());
    ASSERT_FALSE(rbad.ok());
    EXPECT_EQ(rbad.error().code, StoreErrc::not_found);
    EXPECT_TRUE(store->packet(*ra)->has_value());
    EXPECT_TRUE(store->packet(*rb)->has_value());
    auto stats = store->queue_stats("national");
    ASSERT_TRUE(stats.ok());
    EXPECT_EQ(stats->pending, 2);
}

TEST(GroupCommit, ShutdownCommitsWhatWasQueued) {
    TempDir dir;
    std::atomic<int> done{0};
    {
        auto opts = options_for(dir.path());
        opts.commit.max_batch_delay = std::chrono::milliseconds(500);
        auto store = open_store(opts);
        for (int i = 0; i < 30; ++i)
            store->ingest(segment("MN001", "2011", "1", "20240101000000"), Source{},
                          [&](const StoreResult<PacketId>& r) { done += r.ok() ? 1 : 0; });
    }
    EXPECT_EQ(done.load(), 30);
    auto store = open_store(options_for(dir.path()));
    auto stats = store->queue_stats("national");
    ASSERT_TRUE(stats.ok());
    EXPECT_EQ(stats->pending, 30);
}

} // namespace
