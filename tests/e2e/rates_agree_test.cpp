// End-to-end: the gateway's `hj212gw report` (传输有效率 of what it forwarded to an upstream)
// agrees exactly with the platform simulator's own count of what it received, for a water
// monitor that drops some hourly packets (missing-hours) during its replay of yesterday.
#include "e2e_support.hpp"

#include <gtest/gtest.h>

#include <iostream>
#include <set>
#include <sstream>

namespace hj212gw::e2e {
namespace {

struct Counts {
    bool found = false;
    long received = -1, valid = -1, should = -1;
};

std::string show(const Counts& c) {
    std::ostringstream s;
    if (!c.found) return "(no row)";
    s << "received=" << c.received << " valid=" << c.valid << " should=" << c.should;
    return s.str();
}

/// The platform simulator's day row (date "YYYYMMDD") for mn/factor from its --json record.
Counts platform_counts(const Json& doc, const std::string& mn, const std::string& factor,
                       const std::string& yyyymmdd) {
    Counts c;
    const Json* rates = doc.get("rates");
    if (rates == nullptr) return c;
    for (const Json& r : rates->array) {
        if (r.str("mn") != mn || r.str("factor") != factor) continue;
        if (const Json* days = r.get("days")) {
            for (const Json& d : days->array) {
                if (d.str("date") != yyyymmdd) continue;
                c.found = true;
                c.received = static_cast<long>(d.num("received"));
                c.valid = static_cast<long>(d.num("valid"));
                c.should = static_cast<long>(d.num("should"));
            }
        }
    }
    return c;
}

/// The gateway report's row for mn/factor (date as the report prints it, checked by caller).
Counts report_counts(const Json& doc, const std::string& mn, const std::string& factor,
                     std::string* date_seen) {
    Counts c;
    for (const Json& r : doc.array) {
        if (r.str("mn") != mn || r.str("factor") != factor) continue;
        c.found = true;
        c.received = static_cast<long>(r.num("received"));
        c.valid = static_cast<long>(r.num("valid"));
        c.should = static_cast<long>(r.num("should"));
        if (date_seen != nullptr) *date_seen = r.str("date");
    }
    return c;
}

/// Distinct hourly DataTimes of `mn` the platform received.
std::size_t distinct_hourly(const PlatformRecord& r, const std::string& mn) {
    return first_hourly_arrivals(r, mn).size();
}

TEST(E2eRates, RatesAgreeWithPlatform) {
    TempDir dir("RatesAgree");
    bool ok = false;
    struct KeepOnFailure {
        TempDir& d;
        bool& ok;
        ~KeepOnFailure() {
            if (ok) return;
            d.keep();
            std::cerr << "=== logs kept in " << d.path() << " ===\n";
            for (const auto& entry : fs::directory_iterator(d.path()))
                if (entry.path().extension() == ".log")
                    std::cerr << "----- " << entry.path().filename() << " -----\n"
                              << tail_of(entry.path()) << "\n";
        }
    } keep_logs{dir, ok};

    const fs::path json = dir.path() / "platform.json";
    const std::uint16_t platform_port = free_port();
    const std::uint16_t gateway_port = free_port();

    auto platform = start_platform(dir.path(), platform_port, {});
    ASSERT_TRUE(eventually(
        [&] {
            return platform->log_text().find("listening") != std::string::npos ||
                   !platform->running();
        },
        10s));
    ASSERT_TRUE(platform->running()) << "the platform simulator ended:\n"
                                     << tail_of(platform->log());

    const fs::path data = dir.path() / "gateway";
    fs::create_directories(data);
    Process gateway("gateway",
                    {binary(), "run", "--data-dir", data.string(), "--listen",
                     "tcp://127.0.0.1:" + std::to_string(gateway_port), "--upstream",
                     "national=tcp://127.0.0.1:" + std::to_string(platform_port), "--mn",
                     kGatewayMn},
                    dir.path() / "gateway.log");
    ASSERT_TRUE(wait_for_log(gateway, "hj212gw running", 10s)) << "the gateway did not start:\n"
                                                               << tail_of(gateway.log());

    const std::string mn = "010000A8900016F000169DC0";
    MonitorSpec spec;
    spec.name = "water";
    spec.mn = mn;
    spec.profile = "water";
    spec.seed = 61;
    spec.history_days = 1;
    spec.duration_s = 4;
    spec.extra = {"--faults", "missing-hours=2"};
    Monitor monitor(spec, gateway_port, dir.path());

    const auto status = monitor.process().wait(60s);
    ASSERT_EQ(status, 0) << "the monitor did not end with status 0";
    ASSERT_TRUE(monitor.history_replayed()) << "the monitor did not finish its history";
    const auto summary = monitor.summary();
    ASSERT_TRUE(summary.has_value()) << "the monitor printed no summary";
    EXPECT_EQ(summary->acked, summary->sent);
    ASSERT_GT(summary->hourly, 0U);
    // Everything the monitor got acked, 2061 included, reaches the platform.
    const bool delivered = eventually(
        [&] {
            const auto r = read_platform_record(json);
            return r && distinct_hourly(*r, mn) >= summary->hourly;
        },
        60s);
    {
        const auto r = read_platform_record(json);
        ASSERT_TRUE(delivered) << "platform has " << (r ? distinct_hourly(*r, mn) : 0)
                               << " distinct hourly packets, monitor sent " << summary->hourly;
    }

    const auto pstatus = platform->terminate();
    EXPECT_EQ(pstatus, 0) << "platform simulator exit status";
    const auto doc = JsonParser(read_text(json)).parse();
    ASSERT_TRUE(doc.has_value()) << "unreadable platform JSON";

    // Day D: yesterday, site-local (the monitor replays it in full with --history 1).
    const std::string d14 = civil_text(monitor.launched_ms() - sim::kDayMs);
    const std::string yyyymmdd = d14.substr(0, 8);
    const std::string iso = d14.substr(0, 4) + "-" + d14.substr(4, 2) + "-" + d14.substr(6, 2);
    if (const auto from = monitor.history_from()) {
        EXPECT_LE(*from, *civil_ms(yyyymmdd + "000000")) << "day D is not wholly in the replay";
    }

    const fs::path report_out = dir.path() / "report.json";
    {
        Process report("report",
                       {binary(), "report", "--data-dir", data.string(), "--format", "json",
                        "--upstream", "national", "--from", iso, "--to", iso},
                       report_out);
        ASSERT_EQ(report.wait(30s), 0) << "hj212gw report failed:\n" << read_text(report_out);
    }
    EXPECT_EQ(gateway.terminate(), 0) << "gateway exit status";
    const std::string report_text = read_text(report_out);
    const auto rep = JsonParser(report_text).parse();
    ASSERT_TRUE(rep.has_value() && rep->type == Json::Type::array)
        << "report output is not a JSON array:\n"
        << report_text;

    for (const std::string factor : {"w00000", "w01001"}) {
        const Counts p = platform_counts(*doc, mn, factor, yyyymmdd);
        std::string date_seen;
        const Counts g = report_counts(*rep, mn, factor, &date_seen);
        std::cerr << "[ rates    ] " << mn << " " << factor << " " << iso << ": report " << show(g)
                  << " | platform " << show(p) << "\n";
        ASSERT_TRUE(p.found) << "no platform row for " << factor << " " << yyyymmdd;
        ASSERT_TRUE(g.found) << "no report row for " << factor << ":\n" << report_text;
        EXPECT_EQ(date_seen, iso) << "the report row is for another day";
        EXPECT_EQ(g.received, p.received)
            << factor << " received: report " << show(g) << ", platform " << show(p);
        EXPECT_EQ(g.valid, p.valid)
            << factor << " valid: report " << show(g) << ", platform " << show(p);
        EXPECT_LT(p.received, 24) << "missing-hours=2 should leave holes on day D";
    }
    ok = !::testing::Test::HasFailure();
}

} // namespace
} // namespace hj212gw::e2e
