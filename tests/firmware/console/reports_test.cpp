#include "console/reports.hpp"

#include <hj212/datetime.hpp>

#include <gtest/gtest.h>

#include <sstream>

namespace hj212gw::console {
namespace {

std::int64_t at(const char* t14) {
    return hj212::DateTime::parse(t14)->to_epoch_ms();
}

/// Terminal columns of a UTF-8 line: CJK characters (3-byte sequences here) take two.
std::size_t columns(const std::string& line) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const auto c = static_cast<unsigned char>(line[i]);
        if ((c & 0xC0) == 0x80) continue;
        n += c >= 0xE0 ? 2 : 1;
    }
    return n;
}

void expect_fits(const std::string& text) {
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        EXPECT_LE(columns(line), 80U) << line;
}

TEST(ConsoleReports, TimeArgumentsInBothFormsAndPeriodEnds) {
    EXPECT_EQ(parse_time_arg("20261129", false), at("20261129000000"));
    EXPECT_EQ(parse_time_arg("20261129", true), at("20261129235959") + 999);
    EXPECT_EQ(parse_time_arg("2026112913", true), at("20261129135959") + 999);
    EXPECT_EQ(parse_time_arg("2026-11-29T13:30", false), at("20261129133000"));
    EXPECT_EQ(parse_time_arg("20261129133015", false), at("20261129133015"));
    EXPECT_FALSE(parse_time_arg("2026113", false));
    EXPECT_FALSE(parse_time_arg("20261332", false));
    EXPECT_FALSE(parse_time_arg("yesterday", false));
}

TEST(ConsoleReports, HelpListsEveryCommandInEightyColumns) {
    const auto text = help_text();
    for (const auto& c : command_specs())
        EXPECT_NE(text.find(std::string(c.usage)), std::string::npos) << c.name;
    expect_fits(text);
    for (const auto& c : command_specs())
        expect_fits(help_text(c));
    EXPECT_NE(help_text(*find_command("history")).find("usage: history MN CN FROM TO"),
              std::string::npos);
    EXPECT_EQ(find_command("quit"), find_command("logout"));
}

ops::RatesView two_factor_month() {
    ops::RatesView v;
    v.month = "2026-11";
    v.days_in_month = 30;
    v.generated_ms = at("20261129120000");
    ops::HourGrid g;
    g.mn = "010000A8900016F000169DC0";
    g.factor = "w01018";
    g.days = {{28, 23, 23, 23, 1.0}, {29, 12, 11, 10, 10.0 / 12.0}};
    g.month_should = 35;
    g.month_received = 34;
    g.month_valid = 33;
    g.month_effective = 33.0 / 35.0;
    v.grids.push_back(g);
    g.factor = "w00000";
    g.days.clear();
    g.month_should = g.month_received = g.month_valid = 0;
    g.month_effective.reset();
    v.grids.push_back(g);
    return v;
}

TEST(ConsoleReports, RatesShowTodayAndMonthAsRatesAndCounts) {
    const auto both = rates_text(two_factor_month(), RatesPeriod::both);
    EXPECT_NE(
        both.find("010000A8900016F000169DC0 w01018      83.33%     10/12    94.29%     33/35"),
        std::string::npos)
        << both;
    EXPECT_NE(both.find("w00000          NA         -        NA       0/0"), std::string::npos)
        << both;
    expect_fits(both);
    const auto day = rates_text(two_factor_month(), RatesPeriod::day);
    EXPECT_EQ(day.find("94.29%"), std::string::npos);
    const auto month = rates_text(two_factor_month(), RatesPeriod::month);
    EXPECT_EQ(month.find("83.33%"), std::string::npos);
    EXPECT_NE(month.find("94.29%"), std::string::npos);
    ops::RatesView empty;
    empty.month = "2026-11";
    EXPECT_NE(rates_text(empty, RatesPeriod::both).find("No hourly data"), std::string::npos);
}

TEST(ConsoleReports, TapDecodesTheItemsAndWrapsAtEightyColumns) {
    ops::TapRecord r{at("20261129120001"),
                     "dev",
                     "10.0.0.5:40000",
                     "010000A8900016F000169DC0",
                     "2011",
                     "QN=20261129120000000;ST=32;CN=2011;PW=123456;MN=010000A8900016F000169DC0;"
                     "Flag=5;CP=&&DataTime=20261129120000;w01018-Rtd=12.3,w01018-Flag=N;"
                     "w21003-Rtd=1.02,w21003-Flag=N;w00000-Rtd=40.1,w00000-Flag=N;"
                     "w01001-Rtd=7.1,w01001-Flag=N;w21011-Rtd=0.31,w21011-Flag=N&&"};
    const auto text = tap_text(r);
    EXPECT_EQ(text.rfind("12:00:01 dev 10.0.0.5:40000", 0), 0U) << text;
    EXPECT_NE(text.find("CN 2011"), std::string::npos);
    EXPECT_NE(text.find("    DataTime=20261129120000 w01018-Rtd=12.3,w01018-Flag=N"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("w21011-Rtd=0.31,w21011-Flag=N"), std::string::npos) << text;
    expect_fits(text);
    r.segment = "garbage without fields";
    EXPECT_NE(tap_text(r).find("    garbage without fields"), std::string::npos);
}

TEST(ConsoleReports, LinksQueueEventsAndHistoryFitEightyColumns) {
    ops::GatewayStatus s;
    s.now_ms = at("20261129120000");
    ops::DeviceStatus d;
    d.peer = "192.168.100.200:65535";
    d.mns = {"010000A8900016F000169DC0"};
    d.stored = 123456;
    d.errors = 3;
    d.errors_by_kind = {{"bad_crc", 2}, {"bad_segment", 1}};
    d.last_packet_ms = s.now_ms - 5000;
    s.devices.push_back(d);
    ops::UpstreamStatus u;
    u.name = "provincial-platform";
    u.state = "connecting";
    u.endpoint = "platform.example.gov.cn:18001";
    u.pending = 4321;
    u.timeouts = 2;
    u.connects = 3;
    u.oldest_pending_age_ms = 3 * 3600 * 1000 + 120000;
    s.upstreams.push_back(u);
    const auto links = links_text(s);
    EXPECT_NE(links.find("errors: bad_crc=2 bad_segment=1"), std::string::npos) << links;
    EXPECT_NE(links.find("2 timeouts, 3 connects"), std::string::npos) << links;
    expect_fits(links);
    const auto queue = queue_text(s);
    EXPECT_NE(queue.find("4321"), std::string::npos);
    EXPECT_NE(queue.find("3 h 2 min"), std::string::npos) << queue;
    expect_fits(queue);
    const auto events = events_text({{s.now_ms, "link_down",
                                      "national: connection refused by 10.1.2.3:8001 after "
                                      "3 attempts, retrying with backoff of 30 s"}});
    expect_fits(events);
    EXPECT_NE(events.find("link_down"), std::string::npos);
    const std::string seg = "QN=1;ST=32;CN=2061;PW=1;MN=A;Flag=4;CP=&&DataTime=20261129110000;" +
                            std::string(150, 'x') + "&&";
    const auto history = history_text({{s.now_ms, s.now_ms, "A", "2061", "1", "dev", seg}}, 1);
    expect_fits(history);
    EXPECT_NE(history.find("first 1 shown"), std::string::npos);
    EXPECT_EQ(history.find("QN=1;"), std::string::npos) << "the header is not repeated";
}

TEST(ConsoleReports, CompletionOffersWhatFitsTheArgument) {
    CompletionWords w{{"MN1", "MN2"}, {"national"}, {"OverTime"}};
    EXPECT_EQ(completion_candidates("ta", w).size(), command_specs().size());
    EXPECT_EQ(completion_candidates("set ", w), std::vector<std::string>{"OverTime"});
    EXPECT_EQ(completion_candidates("set Ov", w), std::vector<std::string>{"OverTime"});
    EXPECT_EQ(completion_candidates("tap M", w), (std::vector<std::string>{"MN1", "MN2"}));
    EXPECT_EQ(completion_candidates("rates ", w).front(), "day");
    EXPECT_EQ(completion_candidates("log level ", w).size(), 7U);
    EXPECT_EQ(completion_candidates("send ", w), std::vector<std::string>{"national"});
    EXPECT_TRUE(completion_candidates("status x", w).empty());
}

} // namespace
} // namespace hj212gw::console
