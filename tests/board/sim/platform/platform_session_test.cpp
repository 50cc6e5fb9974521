#include "sim/platform/platform_session.hpp"

#include "test_support.hpp"

#include <hj212/datetime.hpp>

#include <gtest/gtest.h>

#include <algorithm>

using namespace std::chrono_literals;
using hj212gw::sim::AckAction;
using hj212gw::sim::CommandScript;
using hj212gw::sim::FlowStatus;
using hj212gw::sim::parse_command_script;
using hj212gw::sim::PlatformSession;
using hj212gw::sim::SessionSettings;
using hj212gw::sim::SimTime;
using hj212gw::sim::test::appendix_c;
using hj212gw::sim::test::frame;
using hj212gw::sim::test::hourly_segment;
using hj212gw::sim::test::Parsed;
using hj212gw::sim::test::segments_of;

namespace {

const std::int64_t kCivil0 = hj212::DateTime::parse("20260105103000")->to_epoch_ms();

SimTime at(std::chrono::milliseconds mono) {
    return {mono, kCivil0 + mono.count()};
}

PlatformSession session(SessionSettings s = {}, std::string_view script = "") {
    auto parsed = parse_command_script(script);
    EXPECT_TRUE(parsed.ok());
    return PlatformSession(std::move(s), parsed.ok() ? std::move(parsed.value()) : CommandScript{},
                           at(0ms), "peer");
}

std::string expected_ack(std::string_view qn) {
    return "QN=" + std::string(qn) + ";ST=91;CN=9014;PW=123456;MN=MN1;Flag=4;CP=&&&&";
}

} // namespace

TEST(PlatformSession, AcksExactlyThePacketsWhoseFlagAsksForIt) {
    auto s = session();
    s.receive(frame(hourly_segment("MN1", "20260105080000", "N", 5, "20260105090000001")), at(1ms));
    s.receive(frame(hourly_segment("MN1", "20260105090000", "N", 4, "20260105100000001")), at(2ms));
    const auto out = segments_of(s.take_output());
    ASSERT_EQ(out.size(), 1U);
    EXPECT_EQ(out[0], expected_ack("20260105090000001"));
    ASSERT_EQ(s.received().size(), 2U);
    EXPECT_EQ(s.received()[0].ack, AckAction::sent);
    EXPECT_EQ(s.received()[1].ack, AckAction::not_wanted);
    EXPECT_EQ(s.received()[0].cn, "2061");
    EXPECT_EQ(s.received()[0].mn, "MN1");
    EXPECT_EQ(s.received()[0].qn, "20260105090000001");
    EXPECT_EQ(s.received()[0].flag, 5U);
    EXPECT_EQ(s.received()[1].civil_ms, kCivil0 + 2);
    EXPECT_EQ(s.received()[0].segment,
              hourly_segment("MN1", "20260105080000", "N", 5, "20260105090000001"));
}

TEST(PlatformSession, ReadsFramesInAnyChunkingAmongGarbage) {
    auto s = session();
    const std::string bytes = "noise\r\n" +
                              frame(hourly_segment("MN1", "20260105080000", "N", 5, "1")) + "##00" +
                              frame(hourly_segment("MN1", "20260105090000", "N", 5, "2"));
    for (const char c : bytes)
        s.receive(std::string_view(&c, 1), at(1ms));
    EXPECT_EQ(s.received().size(), 2U);
    EXPECT_GE(s.stream_errors(), 1U);
    EXPECT_EQ(segments_of(s.take_output()).size(), 2U);
}

// Every upload of Appendix C that the platform answers: our answer is the standard's.
TEST(PlatformSession, AnswersAppendixCUploadsAsTheStandardShows) {
    const auto lines = appendix_c();
    std::size_t compared = 0;
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
        const auto& up = lines[i];
        const auto& answer = lines[i + 1];
        if (up.role != "field" || answer.role != "host" || up.table != answer.table) continue;
        const Parsed request(up.segment);
        if (!request.view.flag) continue; // C.19's "Flag=5CP=" typo: no Flag to read
        auto s = session();
        s.receive(frame(up.segment), at(1ms));
        const auto out = segments_of(s.take_output());
        SCOPED_TRACE(up.table + ": " + up.segment);
        ASSERT_EQ(out.size(), 1U);
        if (answer.wellformed == "strict") {
            EXPECT_EQ(out[0], answer.segment);
        } else { // C.4's "CP=&& &&": the same reply, without the typo
            const Parsed ours(out[0]);
            const Parsed theirs(answer.segment);
            EXPECT_EQ(ours.view.cn, theirs.view.cn);
            EXPECT_EQ(ours.view.qn, theirs.view.qn);
        }
        ++compared;
    }
    EXPECT_GE(compared, 18U);
}

TEST(PlatformSession, NoAckSendsNothing) {
    SessionSettings settings;
    settings.acks.enabled = false;
    auto s = session(settings);
    s.receive(frame(hourly_segment("MN1", "20260105080000", "N")), at(1ms));
    s.tick(at(10s));
    EXPECT_TRUE(s.take_output().empty());
    ASSERT_EQ(s.received().size(), 1U);
    EXPECT_EQ(s.received()[0].ack, AckAction::disabled);
}

TEST(PlatformSession, AckDelayHoldsTheAckUntilItsTime) {
    SessionSettings settings;
    settings.acks.delay = 500ms;
    auto s = session(settings);
    s.receive(frame(hourly_segment("MN1", "20260105080000", "N", 5, "A1")), at(1000ms));
    s.receive(frame(hourly_segment("MN1", "20260105090000", "N", 5, "A2")), at(1200ms));
    EXPECT_TRUE(s.take_output().empty());
    s.tick(at(1499ms));
    EXPECT_TRUE(s.take_output().empty());
    s.tick(at(1500ms));
    auto out = segments_of(s.take_output());
    ASSERT_EQ(out.size(), 1U);
    EXPECT_EQ(out[0], expected_ack("A1"));
    s.tick(at(1700ms));
    out = segments_of(s.take_output());
    ASSERT_EQ(out.size(), 1U);
    EXPECT_EQ(out[0], expected_ack("A2"));
}

namespace {

std::vector<AckAction> run_drops(double rate, std::uint32_t seed) {
    SessionSettings settings;
    settings.acks.drop_rate = rate;
    settings.seed = seed;
    auto s = session(settings);
    for (int i = 0; i < 400; ++i)
        s.receive(frame(hourly_segment("MN1", "20260105080000", "N", 5, std::to_string(i))),
                  at(1ms));
    const auto out = segments_of(s.take_output());
    std::vector<AckAction> actions;
    std::size_t sent = 0;
    for (const auto& r : s.received()) {
        actions.push_back(r.ack);
        sent += r.ack == AckAction::sent ? 1U : 0U;
    }
    EXPECT_EQ(out.size(), sent); // what was recorded as sent is what went out
    return actions;
}

} // namespace

TEST(PlatformSession, DropRateWithholdsAcksRepeatably) {
    const auto a = run_drops(0.25, 42);
    const auto b = run_drops(0.25, 42);
    EXPECT_EQ(a, b); // same seed, same decisions
    const auto withheld = std::count(a.begin(), a.end(), AckAction::withheld);
    EXPECT_GT(withheld, 60); // 400 x 0.25 = 100 expected
    EXPECT_LT(withheld, 140);
    EXPECT_NE(run_drops(0.25, 43), a);
    const auto none = run_drops(0.0, 42);
    EXPECT_EQ(std::count(none.begin(), none.end(), AckAction::withheld), 0);
    const auto all = run_drops(1.0, 42);
    EXPECT_EQ(std::count(all.begin(), all.end(), AckAction::withheld), 400);
}

TEST(PlatformSession, DropLinkClosesInsteadOfAcking) {
    SessionSettings settings;
    settings.acks.drop_link_rate = 1.0;
    auto s = session(settings);
    s.receive(frame(hourly_segment("MN1", "20260105080000", "N", 5, "1")) +
                  frame(hourly_segment("MN1", "20260105090000", "N", 5, "2")),
              at(1ms));
    EXPECT_TRUE(s.close_requested());
    EXPECT_TRUE(s.take_output().empty());
    ASSERT_EQ(s.received().size(), 1U); // nothing is read after the decision
    EXPECT_EQ(s.received()[0].ack, AckAction::link_dropped);
}

TEST(PlatformSession, NotificationsGet9013) {
    auto s = session();
    s.receive(frame("QN=20260105103000001;ST=32;CN=1013;PW=123456;MN=MN1;Flag=5;CP=&&&&"), at(1ms));
    const auto out = segments_of(s.take_output());
    ASSERT_EQ(out.size(), 1U);
    EXPECT_EQ(out[0], "QN=20260105103000001;ST=91;CN=9013;PW=123456;MN=MN1;Flag=4;CP=&&&&");
}

// --- scripted commands --------------------------------------------------------------------

namespace {

// The gateway's side of a request: its replies with the request's QN and MN.
std::string answer(const Parsed& req, std::string_view cn, std::string_view cp,
                   std::string_view st = "91") {
    return frame("QN=" + std::string(*req.view.qn) + ";ST=" + std::string(st) +
                 ";CN=" + std::string(cn) + ";PW=123456;MN=" + std::string(*req.view.mn) +
                 ";Flag=4;CP=&&" + std::string(cp) + "&&");
}

} // namespace

TEST(PlatformSession, SendsAScriptedSetWhenDueAndChecksItsFlow) {
    SessionSettings settings;
    settings.default_mn = "GW1";
    auto s = session(settings, "at 1s 1062 RtdInterval=30\nat 1s 1011\n");
    s.tick(at(999ms));
    EXPECT_TRUE(s.take_output().empty());
    s.tick(at(1000ms));
    auto out = segments_of(s.take_output());
    ASSERT_EQ(out.size(), 1U); // one exchange at a time: 1011 waits
    const Parsed req(out[0]);
    EXPECT_EQ(req.view.cn, "1062");
    EXPECT_EQ(req.view.mn, "GW1");
    EXPECT_EQ(req.view.pw, "123456");
    EXPECT_EQ(req.view.flag, 5U);
    EXPECT_EQ(req.view.qn, "20260105103001000"); // the civil clock at the send
    EXPECT_EQ(req.view.find("RtdInterval"), "30");

    s.receive(answer(req, "9011", "QnRtn=1"), at(1100ms));
    EXPECT_TRUE(s.take_output().empty());
    s.receive(answer(req, "9012", "ExeRtn=1"), at(1200ms));
    ASSERT_EQ(s.flows().size(), 1U);
    EXPECT_EQ(s.flows()[0].status, FlowStatus::passed);
    EXPECT_EQ(s.flows()[0].line, 1U);

    out = segments_of(s.take_output()); // the 1011 goes out right after
    ASSERT_EQ(out.size(), 1U);
    const Parsed get(out[0]);
    EXPECT_EQ(get.view.cn, "1011");
    EXPECT_NE(get.view.qn, req.view.qn);
    s.receive(answer(get, "9011", "QnRtn=1"), at(1300ms));
    s.receive(answer(get, "1011", "SystemTime=20260105103001", "32"), at(1400ms));
    s.receive(answer(get, "9012", "ExeRtn=1"), at(1500ms));
    ASSERT_EQ(s.flows().size(), 2U);
    EXPECT_EQ(s.flows()[1].status, FlowStatus::passed) << s.flows()[1].reason;
    EXPECT_EQ(s.commands_sent(), 2U);
}

TEST(PlatformSession, HistoryPullComputesTheRangeAndAcksUploads) {
    auto s = session({}, "at 0s 2061 mn=data last 24h\n");
    s.tick(at(10ms));
    EXPECT_TRUE(s.take_output().empty()); // no data MN known yet
    s.receive(frame(hourly_segment("DEV1", "20260105090000", "N", 4)), at(20ms));
    auto out = segments_of(s.take_output());
    ASSERT_EQ(out.size(), 1U);
    const Parsed req(out[0]);
    EXPECT_EQ(req.view.mn, "DEV1");
    EXPECT_EQ(req.view.find("BeginTime"), "20260104100000"); // civil 2026-01-05 10:30
    EXPECT_EQ(req.view.find("EndTime"), "20260105100000");

    s.receive(answer(req, "9011", "QnRtn=1"), at(100ms));
    // Two uploads with the gateway's own QNs (C.48), Flag=5: each gets its 9014.
    s.receive(frame(hourly_segment("DEV1", "20260104100000", "N", 5, "20260105103000500")),
              at(200ms));
    s.receive(frame(hourly_segment("DEV1", "20260104110000", "N", 5, "20260105103000501")),
              at(300ms));
    out = segments_of(s.take_output());
    ASSERT_EQ(out.size(), 2U);
    EXPECT_EQ(Parsed(out[1]).view.cn, "9014");
    EXPECT_EQ(Parsed(out[1]).view.qn, "20260105103000501");
    s.receive(answer(req, "9012", "ExeRtn=1"), at(400ms));
    ASSERT_EQ(s.flows().size(), 1U);
    EXPECT_EQ(s.flows()[0].status, FlowStatus::passed);
    EXPECT_EQ(s.flows()[0].uploads, 2U);
}

TEST(PlatformSession, TimeoutAndUnsentCommandsAreReported) {
    SessionSettings settings;
    settings.default_mn = "GW1";
    settings.reply_timeout = 2s;
    auto s = session(settings, "at 0s 1062 RtdInterval=30\nat 0s 1064 MinInterval=10\n");
    s.tick(at(0ms));
    const Parsed req(segments_of(s.take_output()).at(0));
    s.receive(answer(req, "9011", "QnRtn=1"), at(500ms));
    s.tick(at(2499ms));
    EXPECT_TRUE(s.flows().empty());
    s.tick(at(2500ms));
    ASSERT_EQ(s.flows().size(), 1U);
    EXPECT_EQ(s.flows()[0].status, FlowStatus::failed);
    EXPECT_EQ(s.flows()[0].reason, "1062 QN " + std::string(*req.view.qn) +
                                       ": expected 9012 after 9011, got nothing within 2 s");
    s.take_output(); // the 1064 went out after the failure
    s.disconnect();
    ASSERT_EQ(s.flows().size(), 2U);
    EXPECT_EQ(s.flows()[1].status, FlowStatus::failed); // open when the link closed
    EXPECT_NE(s.flows()[1].reason.find("got a closed connection"), std::string::npos);
}

TEST(PlatformSession, CommandsNeverSentAreReportedAtDisconnect) {
    auto s = session({}, "at 5s 1011\n");
    s.tick(at(1s));
    s.disconnect();
    ASSERT_EQ(s.flows().size(), 1U);
    EXPECT_EQ(s.flows()[0].status, FlowStatus::not_sent);
    EXPECT_NE(s.flows()[0].reason.find("not sent"), std::string::npos);
}

TEST(PlatformSession, SystemTimeNowIsThePlatformClock) {
    SessionSettings settings;
    settings.default_mn = "GW1";
    auto s = session(settings, "at 2s 1012 SystemTime=now\n");
    s.tick(at(2s));
    const Parsed req(segments_of(s.take_output()).at(0));
    EXPECT_EQ(req.view.find("SystemTime"), "20260105103002");
}
