// History pulls 2031/2041/2051/2061: Appendix C.20..C.23 and C.47..C.50, paging through the store,
// range boundaries, no data, splitting, acknowledgements and store failures.
#include "commands/platform_command_handler.hpp"

#include "command_test_support.hpp"
#include "fake_command_context.hpp"

#include "hj212/encoder.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace hj212gw::commands {
namespace {

using namespace testing;

const std::string kReady = "QN=20160801085857223;ST=91;CN=9011;PW=123456;"
                           "MN=010000A8900016F000169DC0;Flag=4;CP=&&QnRtn=1&&";
std::string result(int exe_rtn) {
    return "QN=20160801085857223;ST=91;CN=9012;PW=123456;MN=010000A8900016F000169DC0;Flag=4;"
           "CP=&&ExeRtn=" +
           std::to_string(exe_rtn) + "&&";
}

std::string history_request(const std::string& cn, const std::string& begin, const std::string& end,
                            const std::string& mn = kMn) {
    return "QN=20160801085857223;ST=32;CN=" + cn + ";PW=123456;MN=" + mn +
           ";Flag=5;CP=&&BeginTime=" + begin + ";EndTime=" + end + "&&";
}

/// An hourly upload as a device sends it.
std::string hourly(const std::string& data_time, const std::string& avg = "40.1",
                   const std::string& mn = kMn) {
    return "QN=" + data_time + "001;ST=32;CN=2061;PW=123456;MN=" + mn +
           ";Flag=5;CP=&&DataTime=" + data_time + ";w01018-Avg=" + avg + ",w01018-Flag=N&&";
}

std::string data_time_of(const std::string& segment) {
    const auto packet = read(segment);
    const auto* dt = packet.find("DataTime");
    return dt ? *dt : "";
}

class History : public ::testing::Test {
protected:
    std::vector<Outgoing> run(const std::string& segment) {
        auto outcome = handle(handler, ctx, segment);
        return drain(outcome);
    }

    /// Runs an Appendix C history table with `stored` in the store.
    void expect_appendix_flow(const std::string& table, const std::string& stored) {
        const auto examples = appendix_c(table);
        ASSERT_FALSE(examples.empty());
        ctx.store(stored);
        const auto out = run(examples.front().segment);
        std::vector<Example> expected;
        for (const auto& e : field_side(examples))
            expected.push_back({e.role, e.strict, without_ellipsis(e.segment)});
        ASSERT_EQ(out.size(), expected.size()) << table << "\n"
                                               << ::testing::PrintToString(segments_of(out));
        for (std::size_t i = 0; i < out.size(); ++i) {
            SCOPED_TRACE(table + " field segment " + std::to_string(i + 1));
            // Without its ellipsis the example is well formed unless it has another typo.
            const bool other_typo = expected[i].segment.find(",ST=") != std::string::npos;
            expect_matches(out[i].segment, {"field", !other_typo, expected[i].segment});
            const bool is_upload = i > 0 && i + 1 < out.size();
            EXPECT_EQ(out[i].await_ack, is_upload && ctx.config.history_ack);
        }
    }

    FakeCommandContext ctx;
    QnSource qns;
    PlatformCommandHandler handler{qns};
};

// The device's own uploads of C.16..C.18 (ellipsis removed) are what the store holds.
std::string c_upload(const std::string& table) {
    return without_ellipsis(appendix_c(table).front().segment);
}

TEST_F(History, C20MinuteHistory) {
    expect_appendix_flow("C.20", c_upload("C.16"));
}
TEST_F(History, C21HourlyHistory) {
    expect_appendix_flow("C.21", c_upload("C.17"));
}
TEST_F(History, C47HourlyHistoryWithoutReplies) {
    expect_appendix_flow("C.47", c_upload("C.17"));
}

TEST_F(History, C22DailyHistory) {
    ctx.config.history_ack = true; // C.22 shows Flag=5 on the upload
    expect_appendix_flow("C.22", c_upload("C.18"));
}

TEST_F(History, C23RunningTimeHistory) {
    // C.19 (the device's 2041 upload) is malformed ("Flag=5CP="); store what C.23 shows.
    expect_appendix_flow("C.23", without_ellipsis(appendix_c("C.23")[2].segment));
}

TEST_F(History, C48HourlyHistoryWithReplies) {
    ctx.config.history_ack = true;
    expect_appendix_flow("C.48", c_upload("C.17"));
}

/// The example's packet is short; an emit limit of its first part's length gives its split (plus
/// the 6 characters split_packet reserves for PNUM/PNO of up to 4 digits, where it has 1 each).
std::size_t c49_emit_limit(const std::string& table) {
    return without_ellipsis(appendix_c(table)[2].segment).size() + 6;
}

TEST_F(History, C49SplitWithoutReplies) {
    ctx.config.emit_limit = c49_emit_limit("C.49");
    expect_appendix_flow("C.49", c_upload("C.17"));
}

TEST_F(History, C50SplitWithReplies) {
    ctx.config.history_ack = true;
    ctx.config.emit_limit = c49_emit_limit("C.50");
    expect_appendix_flow("C.50", c_upload("C.17"));
}

TEST_F(History, NoDataIsExeRtn100) {
    ctx.store(hourly("20160801070000")); // outside the range
    const auto out = run(history_request("2061", "20160801080000", "20160801090000"));
    EXPECT_EQ(segments_of(out), (std::vector<std::string>{kReady, result(100)}));
}

TEST_F(History, OnlyThatMnAndCn) {
    ctx.devices["OTHER"] = std::nullopt;
    ctx.store(hourly("20160801080000", "1.0", "OTHER"));
    ctx.store(c_upload("C.16")); // 2051, same MN
    ctx.store(hourly("20160801080000", "2.0"));
    const auto out = run(history_request("2061", "20160801000000", "20160801235959"));
    ASSERT_EQ(out.size(), 3U);
    EXPECT_EQ(*read(out[1].segment).find("w01018-Avg"), "2.0");
}

TEST_F(History, RangeIsInclusiveAtBothEnds) {
    ctx.store(hourly("20160801075959", "1")); // 1 s before BeginTime
    ctx.store(hourly("20160801080000", "2")); // BeginTime
    ctx.store(hourly("20160801090000", "3"));
    ctx.store(hourly("20160801100000", "4"));    // EndTime
    ctx.store(hourly("20160801100000500", "5")); // within EndTime's second
    ctx.store(hourly("20160801100001", "6"));    // 1 s after
    const auto out = run(history_request("2061", "20160801080000", "20160801100000"));
    std::vector<std::string> values;
    for (std::size_t i = 1; i + 1 < out.size(); ++i)
        values.push_back(*read(out[i].segment).find("w01018-Avg"));
    EXPECT_EQ(values, (std::vector<std::string>{"2", "3", "4", "5"}));
    EXPECT_EQ(out.back().segment, result(1));
}

TEST_F(History, PagesThroughTheStoreInTimeOrder) {
    ctx.config.history_page_size = 2;
    // Stored out of time order (a back-fill arrives later): uploaded in DataTime order.
    for (const char* t :
         {"20160801030000", "20160801010000", "20160801050000", "20160801020000", "20160801040000"})
        ctx.store(hourly(t));
    const auto out = run(history_request("2061", "20160801000000", "20160801235959"));
    ASSERT_EQ(out.size(), 7U);
    std::vector<std::string> times;
    for (std::size_t i = 1; i < 6; ++i)
        times.push_back(data_time_of(out[i].segment));
    EXPECT_EQ(times, (std::vector<std::string>{"20160801010000", "20160801020000", "20160801030000",
                                               "20160801040000", "20160801050000"}));
    // 3 pages of at most 2; the short third page ends it without a fourth query.
    ASSERT_EQ(ctx.queries.size(), 3U);
    for (const auto& q : ctx.queries) {
        EXPECT_EQ(q.limit, 2U);
        EXPECT_EQ(q.mn, kMn);
        EXPECT_EQ(q.cn, "2061");
        EXPECT_EQ(q.begin_ms, ms("20160801000000"));
        EXPECT_EQ(q.end_ms, ms("20160801235959999"));
    }
    EXPECT_FALSE(ctx.queries[0].after);
    ASSERT_TRUE(ctx.queries[1].after);
    EXPECT_EQ(ctx.queries[1].after->data_time_ms, ms("20160801020000"));
    EXPECT_EQ(ctx.queries[1].after->id, 4);
    ASSERT_TRUE(ctx.queries[2].after);
    EXPECT_EQ(ctx.queries[2].after->data_time_ms, ms("20160801040000"));
}

TEST_F(History, FullLastPageCostsOneEmptyQuery) {
    ctx.config.history_page_size = 2;
    for (const char* t : {"20160801010000", "20160801020000", "20160801030000", "20160801040000",
                          "20160801050000", "20160801060000"})
        ctx.store(hourly(t));
    const auto out = run(history_request("2061", "20160801000000", "20160801235959"));
    EXPECT_EQ(out.size(), 8U);
    EXPECT_EQ(ctx.queries.size(), 4U);
    EXPECT_EQ(out.back().segment, result(1));
}

TEST_F(History, ReadsTheStoreOnlyAsItIsPulled) {
    ctx.config.history_page_size = 2;
    for (const char* t : {"20160801010000", "20160801020000", "20160801030000"})
        ctx.store(hourly(t));
    auto outcome =
        handle(handler, ctx, history_request("2061", "20160801000000", "20160801235959"));
    auto& exchange = std::get<Exchange>(outcome);
    ASSERT_TRUE(exchange.next()); // 9011 before any query
    EXPECT_EQ(ctx.queries.size(), 0U);
    ASSERT_TRUE(exchange.next());
    ASSERT_TRUE(exchange.next());
    EXPECT_EQ(ctx.queries.size(), 1U);
    ASSERT_TRUE(exchange.next());
    EXPECT_EQ(ctx.queries.size(), 2U);
}

TEST_F(History, UploadsGetFreshIncreasingQns) {
    ctx.now = ms("20160801085857534");
    for (const char* t : {"20160801010000", "20160801020000", "20160801030000"})
        ctx.store(hourly(t));
    const auto out = run(history_request("2061", "20160801000000", "20160801235959"));
    ASSERT_EQ(out.size(), 5U);
    EXPECT_EQ(out[1].qn, "20160801085857534");
    EXPECT_EQ(out[2].qn, "20160801085857535");
    EXPECT_EQ(out[3].qn, "20160801085857536");
    EXPECT_EQ(read(out[3].segment).qn, out[3].qn);
    EXPECT_EQ(out[4].qn, "20160801085857223"); // 9012 keeps the request's QN
}

TEST_F(History, AwaitAckFollowsHistoryAck) {
    ctx.store(hourly("20160801080000"));
    for (const bool ack : {false, true}) {
        ctx.config.history_ack = ack;
        const auto out = run(history_request("2061", "20160801080000", "20160801080000"));
        ASSERT_EQ(out.size(), 3U);
        EXPECT_FALSE(out[0].await_ack);
        EXPECT_EQ(out[1].await_ack, ack);
        EXPECT_EQ(out[1].ack_cn, 9014);
        EXPECT_EQ(read(out[1].segment).flag, ack ? 5U : 4U);
        EXPECT_FALSE(out[2].await_ack);
    }
}

TEST_F(History, LongStoredPacketIsSplitWithinTheEmitLimit) {
    ctx.config.history_ack = true;
    std::string cp = "DataTime=20160801080000";
    for (int f = 0; f < 60; ++f) {
        const std::string code = "w" + std::to_string(10000 + f);
        cp += ";" + code + "-Min=1.1," + code + "-Avg=22.2," + code + "-Max=333.3," + code +
              "-Flag=N";
    }
    const std::string stored =
        "QN=20160801090000001;ST=32;CN=2061;PW=123456;MN=" + std::string(kMn) + ";Flag=5;CP=&&" +
        cp + "&&";
    ASSERT_GT(stored.size(), 2 * hj212::kStandardMaxSegment);
    ctx.store(stored);

    const auto out = run(history_request("2061", "20160801080000", "20160801080000"));
    ASSERT_GE(out.size(), 5U); // 9011, at least 3 parts, 9012
    const std::size_t parts = out.size() - 2;
    std::vector<hj212::OwnedItem> items;
    std::set<std::string> qns_seen;
    for (std::size_t i = 1; i <= parts; ++i) {
        const auto& o = out[i];
        EXPECT_LE(o.segment.size(), hj212::kStandardMaxSegment);
        EXPECT_TRUE(o.await_ack);
        EXPECT_TRUE(qns_seen.insert(o.qn).second);
        const auto p = read(o.segment);
        EXPECT_EQ(p.flag, 7U); // 2017, D, A
        EXPECT_EQ(p.pnum, parts);
        EXPECT_EQ(p.pno, i);
        EXPECT_EQ(p.qn, o.qn);
        EXPECT_EQ(*p.find("DataTime"), "20160801080000");
        for (const auto& g : p.cp)
            for (const auto& it : g)
                if (it.key != "DataTime") items.push_back(it);
    }
    // Every factor item arrives once, in order.
    const auto original = read(stored);
    std::vector<hj212::OwnedItem> expected;
    for (const auto& g : original.cp)
        for (const auto& it : g)
            if (it.key != "DataTime") expected.push_back(it);
    EXPECT_EQ(items, expected);
    EXPECT_EQ(out.back().segment, result(1));
}

TEST_F(History, MissingOrInvalidTimesAreAConditionError) {
    const std::vector<std::string> bad{
        "QN=20160801085857223;ST=32;CN=2061;PW=123456;MN=010000A8900016F000169DC0;Flag=5;"
        "CP=&&BeginTime=20160801080000&&",
        "QN=20160801085857223;ST=32;CN=2061;PW=123456;MN=010000A8900016F000169DC0;Flag=5;"
        "CP=&&EndTime=20160801080000&&",
        history_request("2061", "20160801250000", "20160801080000"),
        history_request("2061", "20160801090000", "20160801080000"), // Begin after End
    };
    for (const auto& req : bad) {
        SCOPED_TRACE(req);
        EXPECT_EQ(segments_of(run(req)), (std::vector<std::string>{kReady, result(3)}));
    }
    EXPECT_TRUE(ctx.queries.empty());
}

TEST_F(History, StoreFailureMidwayIsASystemFault) {
    ctx.config.history_page_size = 1;
    ctx.fail_on_query_number = 2;
    ctx.store(hourly("20160801010000"));
    ctx.store(hourly("20160801020000"));
    const auto out = run(history_request("2061", "20160801000000", "20160801235959"));
    ASSERT_EQ(out.size(), 3U); // 9011, the first page's upload, 9012
    EXPECT_EQ(data_time_of(out[1].segment), "20160801010000");
    EXPECT_EQ(out[2].segment, result(6));
}

TEST_F(History, UnreadableStoredPacketsAreAFailureNotNoData) {
    ctx.store(hourly("20160801080000"));
    ctx.stored.back().raw = "garbage without a data area";
    const auto out = run(history_request("2061", "20160801080000", "20160801080000"));
    EXPECT_EQ(segments_of(out), (std::vector<std::string>{kReady, result(2)}));
}

TEST_F(History, DeviceHistoryComesFromTheStoreEvenWhenOffline) {
    ctx.mn = "GATEWAY0000000000000001";
    ctx.devices[kMn] = std::nullopt;
    ctx.store(hourly("20160801080000"));
    const auto out = run(history_request("2061", "20160801080000", "20160801080000"));
    ASSERT_EQ(out.size(), 3U);
    EXPECT_EQ(read(out[1].segment).mn, kMn);
    EXPECT_EQ(out[2].segment, result(1));
}

TEST_F(History, LaxStoreCannotLeakDataOutsideTheRange) {
    // A context that ignores the range: the handler still sends only what was asked for.
    class LaxContext : public FakeCommandContext {
    public:
        storage::StoreResult<std::vector<storage::StoredPacket>>
        history(const HistoryPageQuery&) override {
            return stored;
        }
    } lax;
    lax.store(hourly("20160801070000", "1"));
    lax.store(hourly("20160801080000", "2"));
    auto outcome =
        handle(handler, lax, history_request("2061", "20160801080000", "20160801080000"));
    const auto out = drain(outcome);
    ASSERT_EQ(out.size(), 3U);
    EXPECT_EQ(*read(out[1].segment).find("w01018-Avg"), "2");
}

} // namespace
} // namespace hj212gw::commands
