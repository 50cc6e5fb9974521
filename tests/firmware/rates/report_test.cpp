// The three renderings (exact text) and `run_report` over a real store file that the Store
// still has open, as when the daemon runs.
#include "rates/rate_calculator.hpp"
#include "rates/report_command.hpp"
#include "rates/report_format.hpp"

#include "hj212/datetime.hpp"
#include "hj212gw/storage/store.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <sstream>
#include <unistd.h>

namespace hj212gw::rates {
namespace {

RateRow row(const std::string& mn, const std::string& factor, const std::string& date,
            Counts counts) {
    return RateRow{mn, factor, date, counts, std::nullopt};
}

TEST(ReportFormat, TableIsAlignedWithTotals) {
    const std::vector<RateRow> rows{row("MN1", "w01018", "2024-05-01", {24, 20, 18})};
    const std::string expected =
        "MN     factor  date        should  received  valid  transmission  validity  effective\n"
        "MN1    w01018  2024-05-01      24        20     18        83.33%    90.00%     75.00%\n"
        "MN1    total                   24        20     18        83.33%    90.00%     75.00%\n"
        "total                          24        20     18        83.33%    90.00%     75.00%\n";
    EXPECT_EQ(render_table(rows, {}), expected);
}

TEST(ReportFormat, TableTotalsPerMnAndOverallWithNA) {
    const std::vector<RateRow> rows{row("MN1", "w01018", "2024-05-01", {24, 24, 24}),
                                    row("MN1", "w21003", "2024-05-01", {24, 12, 6}),
                                    row("MN22", "a21026", "2024-05-01", {0, 0, 0})};
    const std::string expected =
        "MN     factor  date        should  received  valid  transmission  validity  effective\n"
        "MN1    w01018  2024-05-01      24        24     24       100.00%   100.00%    100.00%\n"
        "MN1    w21003  2024-05-01      24        12      6        50.00%    50.00%     25.00%\n"
        "MN1    total                   48        36     30        75.00%    83.33%     62.50%\n"
        "MN22   a21026  2024-05-01       0         0      0            NA        NA         NA\n"
        "MN22   total                    0         0      0            NA        NA         NA\n"
        "total                          48        36     30        75.00%    83.33%     62.50%\n";
    EXPECT_EQ(render_table(rows, {}), expected);
}

TEST(ReportFormat, CsvHasHeaderAndOneLinePerRow) {
    const std::vector<RateRow> rows{row("MN1", "w01018", "2024-05-01", {24, 20, 18}),
                                    row("MN,2", "w01018", "2024-05", {0, 0, 0})};
    EXPECT_EQ(render_csv(rows, {}),
              "mn,factor,date,should,received,valid,transmission_rate,validity_rate,"
              "effective_rate\r\n"
              "MN1,w01018,2024-05-01,24,20,18,0.8333,0.9000,0.7500\r\n"
              "\"MN,2\",w01018,2024-05,0,0,0,NA,NA,NA\r\n");
}

TEST(ReportFormat, JsonIsAnArrayOfObjectsWithFractionsAndNulls) {
    const std::vector<RateRow> rows{row("MN1", "w01018", "2024-05-01", {24, 20, 18}),
                                    row("MN\"1", "w21003", "2024-05-01", {24, 0, 0})};
    EXPECT_EQ(render_json(rows, {}),
              "[\n"
              "  {\"mn\": \"MN1\", \"factor\": \"w01018\", \"date\": \"2024-05-01\", "
              "\"should\": 24, \"received\": 20, \"valid\": 18, \"transmission_rate\": 0.8333, "
              "\"validity_rate\": 0.9000, \"effective_rate\": 0.7500},\n"
              "  {\"mn\": \"MN\\\"1\", \"factor\": \"w21003\", \"date\": \"2024-05-01\", "
              "\"should\": 24, \"received\": 0, \"valid\": 0, \"transmission_rate\": 0.0000, "
              "\"validity_rate\": null, \"effective_rate\": 0.0000}\n"
              "]\n");
    EXPECT_EQ(render_json({}, {}), "[]\n");
}

TEST(ReportFormat, UpstreamViewAddsOnTimeAndBackfilled) {
    RateRow r = row("MN1", "a21026", "2024-05-01", {24, 5, 4});
    r.on_time = Counts{24, 3, 2};
    const ReportHeading national{"national"};
    EXPECT_EQ(render_csv({r}, national),
              "mn,factor,date,should,received,valid,transmission_rate,validity_rate,"
              "effective_rate,upstream,on_time,backfilled,on_time_transmission_rate,"
              "on_time_effective_rate\r\n"
              "MN1,a21026,2024-05-01,24,5,4,0.2083,0.8000,0.1667,national,3,2,0.1250,0.0833\r\n");
    const auto json = render_json({r}, national);
    EXPECT_NE(json.find("\"on_time\": 3, \"backfilled\": 2"), std::string::npos) << json;
    const auto table = render_table({r}, national);
    EXPECT_EQ(table.rfind("upstream: national\n", 0), 0U) << table;
    EXPECT_NE(table.find("on_time  backfilled  on_time_eff"), std::string::npos) << table;
}

// --- run_report over a real store ------------------------------------------------------------

class TempDir {
public:
    TempDir() {
        std::string tmpl =
            (std::filesystem::temp_directory_path() / "hj212gw-rates-XXXXXX").string();
        if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        path_ = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

std::int64_t local_ms(const std::string& data_time14) {
    return hj212::DateTime::parse(data_time14)->to_epoch_ms();
}

std::string hourly_segment(const std::string& data_time, const std::string& flag) {
    return "QN=" + data_time +
           "000;ST=32;CN=2061;PW=123456;MN=MN1;Flag=5;CP=&&DataTime=" + data_time +
           ";w01018-Avg=12.5,w01018-Max=13.0,w01018-Flag=" + flag + "&&";
}

class ReportOverStore : public ::testing::Test {
protected:
    static constexpr std::int64_t kUtcOffset = 8 * kHourMs;

    void SetUp() override {
        storage::StoreOptions o;
        o.data_dir = dir_.path();
        o.upstreams = {"national"};
        o.commit.max_batch_delay = std::chrono::milliseconds(1);
        o.clock = [this] { return now_utc_.load(); };
        auto s = storage::Store::open(o);
        ASSERT_TRUE(s) << storage::describe(s.error());
        store_ = std::move(s).value();

        // Hour 00 acked at its end (on time), 01 acked a day later (back-filled), 02 flagged C
        // and never acked, 03 a resend-free valid hour not acked.
        const auto p0 = ingest("20240501000000", "N", local_ms("20240501010000") - kUtcOffset);
        ack(p0, local_ms("20240501010000") - kUtcOffset);
        const auto p1 = ingest("20240501010000", "N", local_ms("20240501020000") - kUtcOffset);
        ack(p1, local_ms("20240502020000") - kUtcOffset);
        ingest("20240501020000", "C", local_ms("20240501030000") - kUtcOffset);
        ingest("20240501030000", "N", local_ms("20240501040000") - kUtcOffset);
        ingest("20240501030000", "N", local_ms("20240501040500") - kUtcOffset); // resend
        store_->flush();
    }

    storage::PacketId ingest(const std::string& data_time, const std::string& flag,
                             std::int64_t at_utc) {
        now_utc_ = at_utc;
        std::promise<storage::StoreResult<storage::PacketId>> p;
        auto f = p.get_future();
        store_->ingest(
            hourly_segment(data_time, flag), storage::Source{"tcp", 8001, "10.0.0.2:5000"},
            [&p](const storage::StoreResult<storage::PacketId>& r) { p.set_value(r); }, at_utc);
        auto r = f.get();
        EXPECT_TRUE(r) << storage::describe(r.error());
        return r ? *r : 0;
    }

    void ack(storage::PacketId id, std::int64_t at_utc) {
        now_utc_ = at_utc;
        std::promise<storage::Status> p;
        auto f = p.get_future();
        store_->mark_acked("national", id, [&p](const storage::Status& s) { p.set_value(s); });
        EXPECT_TRUE(f.get());
    }

    ReportOptions options(const std::string& format) {
        ReportOptions o;
        o.data_dir = dir_.path();
        o.from = "2024-05-01";
        o.to = "2024-05-01";
        o.format = format;
        o.rules = RateRules{}; // no exemption: 24 due for COD, to keep the sums plain
        o.clock = [] { return local_ms("20240510000000") - kUtcOffset; };
        return o;
    }

    std::string run(const ReportOptions& o, int expected_rc = 0) {
        std::ostringstream out, err;
        EXPECT_EQ(run_report(o, out, err), expected_rc) << err.str();
        return expected_rc == 0 ? out.str() : err.str();
    }

    TempDir dir_;
    std::atomic<std::int64_t> now_utc_{0};
    std::unique_ptr<storage::Store> store_; // stays open: the report reads beside the writer
};

TEST_F(ReportOverStore, DeviceViewCountsWhatTheGatewayReceived) {
    // Hours 00..03 received (03 twice), 02 flagged C: 4 received, 3 valid of 24.
    EXPECT_EQ(run(options("csv")),
              "mn,factor,date,should,received,valid,transmission_rate,validity_rate,"
              "effective_rate\r\n"
              "MN1,w01018,2024-05-01,24,4,3,0.1667,0.7500,0.1250\r\n");
    const auto json = run(options("json"));
    EXPECT_NE(json.find("\"should\": 24, \"received\": 4, \"valid\": 3"), std::string::npos);
    const auto table = run(options("table"));
    EXPECT_NE(table.find("MN1    w01018  2024-05-01      24         4      3"), std::string::npos)
        << table;
}

TEST_F(ReportOverStore, UpstreamViewCountsAcknowledgedHours) {
    auto o = options("json");
    o.upstream = "national";
    EXPECT_EQ(run(o), "[\n"
                      "  {\"mn\": \"MN1\", \"factor\": \"w01018\", \"date\": \"2024-05-01\", "
                      "\"should\": 24, \"received\": 2, \"valid\": 2, "
                      "\"transmission_rate\": 0.0833, \"validity_rate\": 1.0000, "
                      "\"effective_rate\": 0.0833, \"upstream\": \"national\", \"on_time\": 1, "
                      "\"backfilled\": 1, \"on_time_transmission_rate\": 0.0417, "
                      "\"on_time_effective_rate\": 0.0417}\n"
                      "]\n");
}

TEST_F(ReportOverStore, MonthAndMnFilter) {
    auto o = options("csv");
    o.from = "2024-04-30";
    o.by = "month";
    EXPECT_EQ(run(o), "mn,factor,date,should,received,valid,transmission_rate,validity_rate,"
                      "effective_rate\r\n"
                      "MN1,w01018,2024-04,24,0,0,0.0000,NA,0.0000\r\n"
                      "MN1,w01018,2024-05,24,4,3,0.1667,0.7500,0.1250\r\n");
    o.mn = "OTHER";
    EXPECT_EQ(run(o), "mn,factor,date,should,received,valid,transmission_rate,validity_rate,"
                      "effective_rate\r\n");
}

TEST_F(ReportOverStore, ClearErrors) {
    auto o = options("table");
    o.from = "2024-02-30";
    EXPECT_EQ(run(o, 1), "hj212gw report: bad --from date '2024-02-30' (expected YYYY-MM-DD)\n");
    o = options("xml");
    EXPECT_NE(run(o, 1).find("unknown format 'xml'"), std::string::npos);
    o = options("table");
    o.from = "2024-05-02";
    EXPECT_NE(run(o, 1).find("is after --to"), std::string::npos);
    o = options("table");
    o.upstream = "nowhere";
    EXPECT_NE(run(o, 1).find("unknown upstream 'nowhere' (known: national)"), std::string::npos);
    o = options("table");
    o.data_dir = dir_.path() / "missing";
    EXPECT_NE(run(o, 1).find("no gateway database at"), std::string::npos);
}

TEST_F(ReportOverStore, DefaultRangeIsMonthToDateAndTodayOnlyCountsEndedHours) {
    auto o = options("csv");
    o.from.clear();
    o.to.clear();
    // Gateway clock 2024-05-01 03:30 local: May 1st to date, hours 00..02 due.
    o.clock = [] { return local_ms("20240501033000") - kUtcOffset; };
    EXPECT_EQ(run(o), "mn,factor,date,should,received,valid,transmission_rate,validity_rate,"
                      "effective_rate\r\n"
                      "MN1,w01018,2024-05-01,3,3,2,1.0000,0.6667,0.6667\r\n");
}

} // namespace
} // namespace hj212gw::rates
