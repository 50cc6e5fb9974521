// Retention: delivered data goes first (oldest first), undelivered only past the hard limit,
// old delivered data by age, and every eviction is counted and logged.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <atomic>

using namespace hj212gw::storage;
using namespace hj212gw::storage::test;

namespace {

void ack_all(Store& store, PacketId from, PacketId to) {
    for (PacketId id = from; id <= to; ++id) {
        store.mark_acked("national", id);
        store.mark_acked("province", id);
    }
    store.flush();
}

std::vector<PacketId> ingest_n(Store& store, int n, std::int64_t received_ms = 0) {
    std::vector<PacketId> ids;
    std::mutex mu;
    for (int i = 0; i < n; ++i)
        store.ingest(
            segment("MN001", "2061", "20240101000000001", "20240101000000", i), Source{},
            [&](const StoreResult<PacketId>& r) {
                ASSERT_TRUE(r.ok());
                std::lock_guard lk(mu);
                ids.push_back(*r);
            },
            received_ms);
    store.flush();
    return ids;
}

TEST(Retention, DefaultLimitsFollowFreeSpace) {
    const auto big = resolve_limits(RetentionLimits{}, 100ULL << 30, 0);
    EXPECT_EQ(big.budget_bytes, 1ULL << 30);
    EXPECT_GT(big.hard_limit_bytes, big.budget_bytes);
    const auto small = resolve_limits(RetentionLimits{}, 100ULL << 20, 0);
    EXPECT_EQ(small.budget_bytes, (100ULL << 20) / 10 * 8);
    EXPECT_LE(small.hard_limit_bytes, (100ULL << 20) / 20 * 19);
    EXPECT_GE(small.hard_limit_bytes, small.budget_bytes);
    RetentionLimits explicit_limits;
    explicit_limits.budget_bytes = 5000;
    explicit_limits.hard_limit_bytes = 1000; // below budget: raised to the budget
    const auto e = resolve_limits(explicit_limits, 1ULL << 40, 0);
    EXPECT_EQ(e.budget_bytes, 5000U);
    EXPECT_EQ(e.hard_limit_bytes, 5000U);
}

TEST(Retention, OverBudgetEvictsOldestDeliveredAndKeepsUndelivered) {
    TempDir dir;
    auto opts = options_for(dir.path());
    opts.retention.budget_bytes = 256 * 1024;
    opts.retention.hard_limit_bytes = 1ULL << 30;
    opts.retention.chunk = 50;
    auto store = open_store(opts);
    auto ids = ingest_n(*store, 1500);
    ASSERT_EQ(ids.size(), 1500U);
    ack_all(*store, ids.front(), ids[999]);

    auto report = store->enforce_retention();
    ASSERT_TRUE(report.ok()) << describe(report.error());
    EXPECT_GT(report->used_before, opts.retention.budget_bytes);
    EXPECT_GT(report->delivered_by_size, 0);
    EXPECT_EQ(report->undelivered, 0);
    EXPECT_LT(report->used_after, report->used_before);
    // Oldest first: the first packet is gone; every undelivered one is still there.
    EXPECT_FALSE(store->packet(ids.front())->has_value());
    for (std::size_t i = 1000; i < ids.size(); ++i)
        ASSERT_TRUE(store->packet(ids[i])->has_value());
    auto q = store->queue_stats("national");
    ASSERT_TRUE(q.ok());
    EXPECT_EQ(q->pending, 500);
    EXPECT_EQ(store->stats().evicted_delivered, report->delivered_by_size);
    EXPECT_EQ(store->stats().evicted_undelivered, 0);
    auto events = store->recent_events(100, event_kind::eviction);
    ASSERT_TRUE(events.ok());
    EXPECT_FALSE(events->empty());
    // Their values went with them.
    auto values =
        store->samples(SampleRequest{"MN001", "2061", "", "", 0, ms_of("20300101000000"), 1000000});
    ASSERT_TRUE(values.ok());
    auto h =
        store->history(HistoryRequest{"MN001", "2061", 0, ms_of("20300101000000"), 1000000, {}, 0});
    ASSERT_TRUE(h.ok());
    EXPECT_EQ(values->size(), h->size() * 3);
}

TEST(Retention, PastTheHardLimitUndeliveredDataGoesAndIsCounted) {
    TempDir dir;
    auto opts = options_for(dir.path());
    opts.retention.budget_bytes = 64 * 1024;
    opts.retention.hard_limit_bytes = 128 * 1024;
    opts.retention.chunk = 50;
    auto store = open_store(opts);
    auto ids = ingest_n(*store, 1000);
    auto report = store->enforce_retention();
    ASSERT_TRUE(report.ok());
    EXPECT_GT(report->undelivered, 0);
    EXPECT_LE(report->used_after, opts.retention.hard_limit_bytes);
    EXPECT_FALSE(store->packet(ids.front())->has_value());
    EXPECT_TRUE(store->packet(ids.back())->has_value());
    EXPECT_EQ(store->stats().evicted_undelivered, report->undelivered);
    auto events = store->recent_events(100, event_kind::eviction);
    ASSERT_TRUE(events.ok());
    ASSERT_FALSE(events->empty());
    EXPECT_NE(events->front().detail.find("rule=hard limit"), std::string::npos);
}

TEST(Retention, DeliveredDataOlderThanTheAgeLimitGoesAndIdsStayMonotonic) {
    TempDir dir;
    std::atomic<std::int64_t> now{1'000'000};
    auto opts = options_for(dir.path());
    opts.clock = [&now] { return now.load(); };
    opts.retention.delivered_max_age_ms = 60'000;
    auto store = open_store(opts);
    auto ids = ingest_n(*store, 10);
    ack_all(*store, ids.front(), ids[4]);
    now += 30'000; // not old enough yet
    auto early = store->enforce_retention();
    ASSERT_TRUE(early.ok());
    EXPECT_EQ(early->delivered_by_age, 0);
    now += 60'000;
    auto r = store->enforce_retention();
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->delivered_by_age, 5);
    EXPECT_FALSE(store->packet(ids[4])->has_value());
    EXPECT_TRUE(store->packet(ids[5])->has_value());
    // Deliver and evict the rest: the next id must still be larger than any before.
    ack_all(*store, ids[5], ids.back());
    now += 120'000;
    ASSERT_TRUE(store->enforce_retention().ok());
    EXPECT_FALSE(store->packet(ids.back())->has_value());
    auto next = ingest_sync(*store, segment("MN001", "2061", "1", "20240101000000"));
    ASSERT_TRUE(next.ok());
    EXPECT_GT(*next, ids.back());
}

} // namespace
