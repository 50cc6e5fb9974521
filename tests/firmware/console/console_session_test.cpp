// The console session against a recording OperatorApi: login and lockout, commands, replies
// that arrive later, Ctrl-C, tap and its bounded output, idle logout. No sockets.
#include "console/console_session.hpp"

#include <gtest/gtest.h>

#include <deque>

namespace hj212gw::console {
namespace {

using namespace std::chrono_literals;
using Clock = ConsoleSession::Clock;

class RecordingApi final : public ops::OperatorApi {
public:
    ops::GatewayStatus status() const override {
        ops::GatewayStatus s;
        s.version = "9.9.9";
        s.mn = "GW1";
        ops::UpstreamStatus u;
        u.name = "national";
        u.state = "up";
        u.pending = 7;
        s.upstreams.push_back(u);
        return s;
    }
    void rates(std::string mn, ops::Reply<ops::RatesView> done) override {
        calls.push_back("rates " + mn);
        ops::RatesView v;
        v.month = "2026-11";
        ops::HourGrid g;
        g.mn = "MN1";
        g.factor = "w01018";
        g.days = {{29, 10, 10, 9, 0.9}};
        g.month_should = 10;
        g.month_valid = 9;
        g.month_effective = 0.9;
        v.grids.push_back(g);
        later.push_back([done, v] { done(v); });
    }
    void params(ops::Reply<std::vector<ops::ParamRow>> done) override {
        done(std::vector<ops::ParamRow>{{"OverTime", "10", "default", "seconds"}});
    }
    void set_param(std::string name, std::string value, ops::Reply<ops::ParamRow> done) override {
        calls.push_back("set " + name + " " + value);
        if (name != "OverTime") return done(hj212::fail("unknown parameter '" + name + "'"));
        done(ops::ParamRow{name, value, "set", ""});
    }
    void history(ops::HistoryQuery q, ops::Reply<std::vector<ops::HistoryRow>> done) override {
        calls.push_back("history " + q.mn + " " + q.cn + " " + std::to_string(q.from_ms) + " " +
                        std::to_string(q.to_ms));
        later.push_back([done] { done(std::vector<ops::HistoryRow>{}); });
    }
    void events(std::size_t limit, ops::Reply<std::vector<ops::EventRow>> done) override {
        calls.push_back("events " + std::to_string(limit));
        done(std::vector<ops::EventRow>{{0, "start", "schema 3"}});
    }
    std::uint64_t tap(std::string mn, std::function<void(const ops::TapRecord&)> sink) override {
        calls.push_back("tap " + mn);
        sinks[++last_tap] = std::move(sink);
        return last_tap;
    }
    void untap(std::uint64_t id) override {
        calls.push_back("untap");
        sinks.erase(id);
    }
    ops::Outcome<std::string> send(std::string upstream, std::string segment) override {
        calls.push_back("send " + upstream + " " + segment);
        return std::string("sent to national");
    }
    ops::Outcome<std::string> set_log_level(std::string level) override {
        calls.push_back("log " + level);
        return "log level is now " + level;
    }
    std::vector<std::string> upstream_names() const override { return {"national"}; }

    void run_later() {
        while (!later.empty()) {
            auto f = std::move(later.front());
            later.pop_front();
            f();
        }
    }

    std::vector<std::string> calls;
    std::deque<std::function<void()>> later;
    std::map<std::uint64_t, std::function<void(const ops::TapRecord&)>> sinks;
    std::uint64_t last_tap = 0;
};

struct Console {
    RecordingApi api;
    LoginGuard guard{3, 60s};
    std::shared_ptr<ConsoleSession> session;
    Clock::time_point now = Clock::time_point{} + 1000h;
    std::string screen;
    int async_outputs = 0;

    explicit Console(std::string password = "", std::size_t max_output = 64 * 1024) {
        SessionSettings s;
        s.where = "test";
        s.password = std::move(password);
        s.idle_logout = 60s;
        s.max_output = max_output;
        session = std::make_shared<ConsoleSession>(api, guard, s);
        session->set_output_hook([this] { ++async_outputs; });
        session->start(now);
        drain();
    }
    std::string drain() {
        auto out = session->take_output();
        screen += out;
        return out;
    }
    std::string type(std::string_view keys) {
        session->on_bytes(keys, now);
        return drain();
    }
};

TEST(ConsoleSession, BannerThenPromptAndCrLfLineEnds) {
    Console c;
    EXPECT_NE(c.screen.find("hj212gw 9.9.9 console (test), gateway MN GW1\r\n"), std::string::npos);
    EXPECT_NE(c.screen.find("hj212gw> "), std::string::npos);
    const auto out = c.type("queue\r");
    EXPECT_NE(out.find("national"), std::string::npos);
    for (std::size_t i = out.find('\n'); i != std::string::npos; i = out.find('\n', i + 1))
        EXPECT_EQ(out[i - 1], '\r') << "a raw serial line needs CR LF";
}

TEST(ConsoleSession, PasswordLocksAfterRepeatedFailuresForEverySession) {
    Console c("s3cret");
    EXPECT_NE(c.screen.find("Password: "), std::string::npos);
    c.type("status\r");
    EXPECT_NE(c.screen.find("Wrong password."), std::string::npos);
    c.type("nope\r");
    const auto third = c.type("again\r");
    EXPECT_NE(third.find("Console locked for 60 s"), std::string::npos) << third;
    // Even the right password is refused until the lockout ends, on any session.
    c.type("s3cret\r");
    EXPECT_FALSE(c.session->logged_in());
    SessionSettings s;
    s.password = "s3cret";
    auto other = std::make_shared<ConsoleSession>(c.api, c.guard, s);
    other->start(c.now);
    EXPECT_NE(other->take_output().find("try again in 60 s"), std::string::npos);

    c.now += 61s;
    c.session->on_tick(c.now);
    EXPECT_NE(c.drain().find("Console unlocked."), std::string::npos);
    c.type("s3cret\r");
    EXPECT_TRUE(c.session->logged_in());
    EXPECT_EQ(c.screen.find("s3cret"), std::string::npos) << "the password is never echoed";
}

TEST(ConsoleSession, IdleLogoutOnlyWithAPassword) {
    Console c("pw");
    c.type("pw\r");
    c.now += 59s;
    c.session->on_tick(c.now);
    EXPECT_FALSE(c.session->finished());
    c.now += 2s;
    c.session->on_tick(c.now);
    EXPECT_TRUE(c.session->finished());
    EXPECT_NE(c.drain().find("logged out after 60 s without input"), std::string::npos);
}

TEST(ConsoleSession, AsynchronousRepliesPrintThenPromptAndTypeAheadRunsNext) {
    Console c;
    c.type("rates day MN1\rqueue\r");
    EXPECT_EQ(c.api.calls, std::vector<std::string>{"rates MN1"});
    EXPECT_EQ(c.screen.find("platform"), std::string::npos) << "queue waits for rates";
    c.api.run_later();
    EXPECT_GE(c.async_outputs, 1) << "the transport is told to write";
    const auto out = c.drain();
    EXPECT_NE(out.find("90.00%"), std::string::npos) << out;
    EXPECT_NE(out.find("platform"), std::string::npos) << "then the typed-ahead queue ran";
    EXPECT_LT(out.find("90.00%"), out.find("platform"));
}

TEST(ConsoleSession, CtrlCCancelsAWaitingCommandAndItsLateReplyIsDropped) {
    Console c;
    c.type("history MN1 2061 20261101 20261102\r");
    ASSERT_EQ(c.api.calls.size(), 1U);
    EXPECT_NE(c.api.calls[0].find("history MN1 2061"), std::string::npos);
    EXPECT_NE(c.type("\x03").find("(cancelled)"), std::string::npos);
    c.api.run_later();
    EXPECT_EQ(c.drain().find("No stored packets"), std::string::npos);
}

TEST(ConsoleSession, CommandsReachTheApiWithTheirArguments) {
    Console c;
    c.type("set OverTime 20\r");
    EXPECT_NE(c.screen.find("OverTime = 20 (saved)"), std::string::npos);
    c.type("set Nope 1\r");
    EXPECT_NE(c.screen.find("error: unknown parameter 'Nope'"), std::string::npos);
    c.type("set OverTime\r");
    EXPECT_NE(c.screen.find("usage: set PARAM VALUE"), std::string::npos);
    c.type("send QN=1;CN=9014;CP=&&&&\r");
    c.type("send national QN=2;CN=9014;CP=&&&&\r");
    c.type("log level warn\r");
    c.type("events 5\r");
    c.type("history MN1 2061 2026-11-40 20261102\r");
    EXPECT_NE(c.screen.find("FROM '2026-11-40' is not a time"), std::string::npos);
    EXPECT_EQ(c.api.calls, (std::vector<std::string>{
                               "set OverTime 20", "set Nope 1", "send  QN=1;CN=9014;CP=&&&&",
                               "send national QN=2;CN=9014;CP=&&&&", "log warn", "events 5"}));
    c.type("frobnicate\r");
    EXPECT_NE(c.screen.find("unknown command 'frobnicate'"), std::string::npos);
}

TEST(ConsoleSession, TapShowsPacketsUntilAKeyAndDropsWhatASlowLineCannotTake) {
    Console c("", 300);
    c.type("tap MN1\r");
    ASSERT_EQ(c.api.sinks.size(), 1U);
    const ops::TapRecord r{0,
                           "dev",
                           "10.0.0.5:1",
                           "MN1",
                           "2011",
                           "QN=1;ST=32;CN=2011;PW=1;MN=MN1;Flag=4;CP=&&DataTime=20261129120000;"
                           "w01018-Rtd=12.3&&"};
    c.api.sinks.begin()->second(r);
    EXPECT_NE(c.drain().find("w01018-Rtd=12.3"), std::string::npos);
    for (int i = 0; i < 20; ++i)
        c.api.sinks.begin()->second(r); // nobody drains: the output limit is reached
    const auto out = c.type("x");
    EXPECT_TRUE(c.api.sinks.empty()) << "a key stops the tap";
    EXPECT_NE(out.find("packets not shown: the line was too slow"), std::string::npos) << out;
    EXPECT_NE(out.find("hj212gw> "), std::string::npos);
    EXPECT_EQ(c.api.calls.back(), "untap");
}

TEST(ConsoleSession, ClosingTheConnectionStopsATap) {
    Console c;
    c.type("tap\r");
    EXPECT_EQ(c.api.sinks.size(), 1U);
    c.session->on_closed();
    EXPECT_TRUE(c.api.sinks.empty());
}

TEST(ConsoleSession, LogoutAndCtrlDEndTheSession) {
    Console a;
    a.type("exit\r");
    EXPECT_TRUE(a.session->finished());
    Console b;
    b.type("\x04");
    EXPECT_TRUE(b.session->finished());
    // A serial console starts again.
    b.session->start(b.now);
    EXPECT_FALSE(b.session->finished());
    EXPECT_NE(b.drain().find("hj212gw> "), std::string::npos);
}

} // namespace
} // namespace hj212gw::console
