// The store's queries: ingest, the per-upstream queue, history, values, counts, params, events.
#include "test_support.hpp"

#include <gtest/gtest.h>

using namespace hj212gw::storage;
using namespace hj212gw::storage::test;

namespace {

class StoreTest : public ::testing::Test {
protected:
    TempDir dir;
    std::unique_ptr<Store> store = open_store(options_for(dir.path()));

    PacketId put(const std::string& qn, const std::string& time, const std::string& cn = "2061",
                 const std::string& mn = "MN001", const std::string& flag2 = "N") {
        auto r = ingest_sync(*store, segment(mn, cn, qn, time, 12.5, flag2));
        EXPECT_TRUE(r.ok()) << (r ? "" : describe(r.error()));
        return r ? *r : 0;
    }
};

TEST_F(StoreTest, IngestStoresHeaderSourceAndValues) {
    const auto id = put("20240101000000001", "20240101000000");
    ASSERT_GT(id, 0);
    auto p = store->packet(id);
    ASSERT_TRUE(p.ok());
    ASSERT_TRUE(p->has_value());
    const auto& pk = **p;
    EXPECT_EQ(pk.mn, "MN001");
    EXPECT_EQ(pk.cn, "2061");
    EXPECT_EQ(pk.st, "32");
    EXPECT_EQ(pk.qn, "20240101000000001");
    EXPECT_EQ(pk.flag, 5U);
    EXPECT_EQ(pk.version, "2017");
    EXPECT_EQ(pk.source.listener, "tcp");
    EXPECT_EQ(pk.source.port, 8001);
    EXPECT_EQ(pk.source.peer, "10.0.0.2:50000");
    EXPECT_TRUE(pk.parse_ok);
    EXPECT_EQ(pk.n_values, 3);
    EXPECT_EQ(pk.n_abnormal, 0);
    EXPECT_EQ(pk.data_time_ms, ms_of("20240101000000"));
    EXPECT_EQ(pk.raw, segment("MN001", "2061", "20240101000000001", "20240101000000"));

    auto values =
        store->samples(SampleRequest{"MN001", "2061", "", "", 0, ms_of("20250101000000")});
    ASSERT_TRUE(values.ok());
    ASSERT_EQ(values->size(), 3U);
    EXPECT_EQ((*values)[0].factor, "w01018");
    EXPECT_EQ((*values)[0].suffix, "Avg");
    EXPECT_DOUBLE_EQ((*values)[0].value, 12.5);
    EXPECT_EQ((*values)[0].flag, "N");
    EXPECT_EQ((*values)[1].factor, "w21003");
    EXPECT_EQ((*values)[1].suffix, "Avg");
    EXPECT_EQ((*values)[2].suffix, "Min");
    EXPECT_DOUBLE_EQ((*values)[2].value, 1.0);
}

TEST_F(StoreTest, AbnormalFlagsAreCounted) {
    const auto id = put("20240101000000001", "20240101000000", "2061", "MN001", "D");
    auto p = store->packet(id);
    ASSERT_TRUE(p.ok() && p->has_value());
    EXPECT_EQ((*p)->n_abnormal, 2); // w21003-Avg and -Min carry Flag=D
}

TEST_F(StoreTest, UnparseableSegmentIsStillStoredRaw) {
    auto r = ingest_sync(*store, "this is not hj212");
    ASSERT_TRUE(r.ok());
    auto p = store->packet(*r);
    ASSERT_TRUE(p.ok() && p->has_value());
    EXPECT_FALSE((*p)->parse_ok);
    EXPECT_EQ((*p)->raw, "this is not hj212");
    EXPECT_EQ((*p)->version, "unknown");
    auto q = store->queue_stats("national");
    ASSERT_TRUE(q.ok());
    EXPECT_EQ(q->pending, 1);
}

TEST_F(StoreTest, IdsFollowArrivalOrder) {
    PacketId last = 0;
    for (int i = 0; i < 20; ++i) {
        const auto id = put("2024010100000000" + std::to_string(i % 10), "20240101000000");
        EXPECT_GT(id, last);
        last = id;
    }
}

TEST_F(StoreTest, EveryPacketIsQueuedForEveryUpstreamInArrivalOrder) {
    std::vector<PacketId> ids;
    for (int i = 0; i < 5; ++i)
        ids.push_back(put("2024010100000000" + std::to_string(i), "20240101000000"));
    for (const char* up : {"national", "province"}) {
        auto pending = store->next_pending(up, 10);
        ASSERT_TRUE(pending.ok());
        ASSERT_EQ(pending->size(), 5U);
        for (std::size_t i = 0; i < 5; ++i)
            EXPECT_EQ((*pending)[i].id, ids[i]);
        EXPECT_EQ((*pending)[0].attempts, 0);
        EXPECT_EQ((*pending)[0].qn, "20240101000000000");
    }
    auto limited = store->next_pending("national", 2);
    ASSERT_TRUE(limited.ok());
    ASSERT_EQ(limited->size(), 2U);
    EXPECT_EQ((*limited)[1].id, ids[1]);
    // A sender holding the first two asks for what follows them.
    auto after = store->next_pending("national", 2, ids[1]);
    ASSERT_TRUE(after.ok());
    ASSERT_EQ(after->size(), 2U);
    EXPECT_EQ((*after)[0].id, ids[2]);
    EXPECT_EQ((*after)[1].id, ids[3]);
}

TEST_F(StoreTest, UnknownUpstreamIsAnError) {
    auto r = store->next_pending("nobody", 10);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, StoreErrc::unknown_upstream);
    auto st = wait_done([&](Done d) { store->mark_acked("nobody", 1, d); });
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, StoreErrc::unknown_upstream);
}

TEST_F(StoreTest, InFlightAckAndRequeue) {
    const auto a = put("20240101000000001", "20240101000000");
    const auto b = put("20240101000000002", "20240101010000");
    const auto c = put("20240101000000003", "20240101020000");
    ASSERT_TRUE(wait_done([&](Done d) { store->mark_in_flight("national", {a, b}, d); }).ok());
    auto pending = store->next_pending("national", 10);
    ASSERT_TRUE(pending.ok());
    ASSERT_EQ(pending->size(), 1U);
    EXPECT_EQ((*pending)[0].id, c);
    auto stats = store->queue_stats("national");
    ASSERT_TRUE(stats.ok());
    EXPECT_EQ(stats->pending, 1);
    EXPECT_EQ(stats->in_flight, 2);
    EXPECT_EQ(stats->acked, 0);
    EXPECT_EQ(stats->oldest_open, a);

    ASSERT_TRUE(wait_done([&](Done d) { store->mark_acked("national", a, d); }).ok());
    // A second ack of the same packet finds nothing open.
    auto again = wait_done([&](Done d) { store->mark_acked("national", a, d); });
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, StoreErrc::not_found);
    // A resend after the ack must not reopen it.
    ASSERT_TRUE(wait_done([&](Done d) { store->mark_in_flight("national", {a}, d); }).ok());
    stats = store->queue_stats("national");
    ASSERT_TRUE(stats.ok());
    EXPECT_EQ(stats->acked, 1);
    EXPECT_EQ(stats->in_flight, 1);

    // Link down: b goes back to pending, before c, with its attempt counted.
    ASSERT_TRUE(wait_done([&](Done d) { store->requeue_in_flight("national", d); }).ok());
    pending = store->next_pending("national", 10);
    ASSERT_TRUE(pending.ok());
    ASSERT_EQ(pending->size(), 2U);
    EXPECT_EQ((*pending)[0].id, b);
    EXPECT_EQ((*pending)[0].attempts, 1);
    EXPECT_EQ((*pending)[1].id, c);
    // The other upstream is untouched by all of this.
    auto province = store->queue_stats("province");
    ASSERT_TRUE(province.ok());
    EXPECT_EQ(province->pending, 3);
}

TEST_F(StoreTest, AckByQnTakesTheOldestInFlightMatch) {
    const auto a = put("20240101000000001", "20240101000000");
    const auto b = put("20240101000000001", "20240101000000"); // a resend with the same QN
    const auto c = put("20240101000000002", "20240101000000");
    ASSERT_TRUE(wait_done([&](Done d) { store->mark_in_flight("national", {a, b, c}, d); }).ok());

    auto ack = [&](const std::string& qn) {
        std::promise<StoreResult<PacketId>> p;
        auto f = p.get_future();
        store->mark_acked_by_qn("national", qn,
                                [&p](const StoreResult<PacketId>& r) { p.set_value(r); });
        return f.get();
    };
    auto r1 = ack("20240101000000001");
    ASSERT_TRUE(r1.ok());
    EXPECT_EQ(*r1, a);
    auto r2 = ack("20240101000000001");
    ASSERT_TRUE(r2.ok());
    EXPECT_EQ(*r2, b);
    auto r3 = ack("20240101000000001");
    ASSERT_FALSE(r3.ok());
    EXPECT_EQ(r3.error().code, StoreErrc::not_found);
    // A QN that is only pending (never sent) is not acked by a stray 9014.
    const auto d = put("20240101000000009", "20240101000000");
    (void)d;
    auto r4 = ack("20240101000000009");
    EXPECT_FALSE(r4.ok());
    auto stats = store->queue_stats("national");
    ASSERT_TRUE(stats.ok());
    EXPECT_EQ(stats->acked, 2);
    EXPECT_EQ(stats->in_flight, 1);
    EXPECT_EQ(stats->pending, 1);
}

TEST_F(StoreTest, HistoryIsFilteredByMnCnAndInclusiveRangeAndOrdered) {
    // Out of DataTime order on arrival.
    put("20240101000000003", "20240101020000");
    put("20240101000000001", "20240101000000");
    put("20240101000000002", "20240101010000");
    put("20240101000000004", "20240101030000");
    put("20240101000000005", "20240101010000", "2051");          // other CN
    put("20240101000000006", "20240101010000", "2061", "MN002"); // other MN
    auto h = store->history(HistoryRequest{
        "MN001", "2061", ms_of("20240101000000"), ms_of("20240101020000"), 100, {}, 0});
    ASSERT_TRUE(h.ok());
    ASSERT_EQ(h->size(), 3U);
    EXPECT_EQ((*h)[0].qn, "20240101000000001");
    EXPECT_EQ((*h)[1].qn, "20240101000000002");
    EXPECT_EQ((*h)[2].qn, "20240101000000003");
    auto limited =
        store->history(HistoryRequest{"MN001", "2061", 0, ms_of("20300101000000"), 2, {}, 0});
    ASSERT_TRUE(limited.ok());
    EXPECT_EQ(limited->size(), 2U);
    auto none =
        store->history(HistoryRequest{"MN001", "2031", 0, ms_of("20300101000000"), 10, {}, 0});
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none->empty());

    // Pages: strictly after the (DataTime, id) of the last row of the previous page.
    HistoryRequest page{"MN001", "2061", 0, ms_of("20300101000000"), 2, {}, 0};
    auto first = store->history(page);
    ASSERT_TRUE(first.ok());
    ASSERT_EQ(first->size(), 2U);
    page.after_data_time_ms = first->back().data_time_ms;
    page.after_id = first->back().id;
    auto second = store->history(page);
    ASSERT_TRUE(second.ok());
    ASSERT_EQ(second->size(), 2U);
    EXPECT_EQ((*second)[0].qn, "20240101000000003");
    EXPECT_EQ((*second)[1].qn, "20240101000000004");
}

TEST_F(StoreTest, SamplesFilterByFactorAndSuffix) {
    put("20240101000000001", "20240101000000");
    put("20240101000000002", "20240101010000");
    auto v =
        store->samples(SampleRequest{"MN001", "2061", "w21003", "Avg", 0, ms_of("20300101000000")});
    ASSERT_TRUE(v.ok());
    ASSERT_EQ(v->size(), 2U);
    EXPECT_EQ((*v)[0].data_time_ms, ms_of("20240101000000"));
    EXPECT_EQ((*v)[1].data_time_ms, ms_of("20240101010000"));
    EXPECT_DOUBLE_EQ((*v)[1].value, 1.25);
}

TEST_F(StoreTest, DailyCountsCountDistinctHoursAndNormalOnes) {
    put("20240101000000001", "20240101000000");
    put("20240101000000002", "20240101000000"); // resend of the same hour: counted once
    put("20240101000000003", "20240101010000", "2061", "MN001", "D");
    put("20240101000000004", "20240102050000");
    auto counts = store->daily_counts("MN001", "2061", "Avg", ms_of("20240101000000"),
                                      ms_of("20240102235959"));
    ASSERT_TRUE(counts.ok());
    ASSERT_EQ(counts->size(), 4U); // 2 days x 2 factors
    const auto& d1w21 = (*counts)[1];
    EXPECT_EQ(d1w21.day_start_ms, ms_of("20240101000000"));
    EXPECT_EQ(d1w21.factor, "w21003");
    EXPECT_EQ(d1w21.received, 2);
    EXPECT_EQ(d1w21.normal, 1);
    const auto& d1w01 = (*counts)[0];
    EXPECT_EQ(d1w01.factor, "w01018");
    EXPECT_EQ(d1w01.received, 2);
    EXPECT_EQ(d1w01.normal, 2);
    EXPECT_EQ((*counts)[2].day_start_ms, ms_of("20240102000000"));
    EXPECT_EQ((*counts)[2].received, 1);
}

TEST_F(StoreTest, AddedUpstreamGetsPacketsFromThenOn) {
    put("20240101000000001", "20240101000000");
    ASSERT_TRUE(wait_done([&](Done d) { store->add_upstream("city", d); }).ok());
    const auto b = put("20240101000000002", "20240101000000");
    auto pending = store->next_pending("city", 10);
    ASSERT_TRUE(pending.ok());
    ASSERT_EQ(pending->size(), 1U);
    EXPECT_EQ((*pending)[0].id, b);
}

TEST_F(StoreTest, ParamsAndEventsSurviveRestartAndInFlightIsRequeued) {
    const auto a = put("20240101000000001", "20240101000000");
    ASSERT_TRUE(wait_done([&](Done d) { store->set_param("national", "OverTime", "10", d); }).ok());
    ASSERT_TRUE(wait_done([&](Done d) { store->set_param("national", "OverTime", "20", d); }).ok());
    ASSERT_TRUE(wait_done([&](Done d) { store->set_param("national", "ReCount", "3", d); }).ok());
    ASSERT_TRUE(
        wait_done([&](Done d) { store->log_event("link_up", "national 1.2.3.4", d); }).ok());
    ASSERT_TRUE(wait_done([&](Done d) { store->mark_in_flight("national", {a}, d); }).ok());
    store.reset();
    store = open_store(options_for(dir.path()));
    auto p = store->param("national", "OverTime");
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(*p, std::optional<std::string>("20"));
    auto all = store->params("national");
    ASSERT_TRUE(all.ok());
    ASSERT_EQ(all->size(), 2U);
    EXPECT_EQ((*all)[1].first, "ReCount");
    auto missing = store->param("province", "OverTime");
    ASSERT_TRUE(missing.ok());
    EXPECT_FALSE(missing->has_value());
    auto ev = store->recent_events(10, "link_up");
    ASSERT_TRUE(ev.ok());
    ASSERT_EQ(ev->size(), 1U);
    EXPECT_EQ((*ev)[0].detail, "national 1.2.3.4");
    auto starts = store->recent_events(10, "start");
    ASSERT_TRUE(starts.ok());
    EXPECT_EQ(starts->size(), 2U);
    auto pending = store->next_pending("national", 10);
    ASSERT_TRUE(pending.ok());
    ASSERT_EQ(pending->size(), 1U);
    EXPECT_EQ((*pending)[0].id, a);
    EXPECT_EQ((*pending)[0].attempts, 1);
}

} // namespace
