#include "sim/platform/flow_check.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <map>
#include <memory>

using namespace std::chrono_literals;
using hj212gw::sim::flow_shape;
using hj212gw::sim::FlowCheck;
using hj212gw::sim::FlowShape;
using hj212gw::sim::FlowStatus;
using hj212gw::sim::test::appendix_c;
using hj212gw::sim::test::Parsed;

namespace {

constexpr std::string_view kQn = "20160801085857223";
constexpr std::string_view kMn = "010000A8900016F000169DC0";

std::string reply(std::string_view cn, std::string_view cp, std::string_view qn = kQn) {
    return "QN=" + std::string(qn) + ";ST=91;CN=" + std::string(cn) +
           ";PW=123456;MN=" + std::string(kMn) + ";Flag=4;CP=&&" + std::string(cp) + "&&";
}

FlowCheck make(std::uint16_t cn, FlowShape shape) {
    return FlowCheck(cn, std::string(kQn), std::string(kMn), shape, 0ms, 10s);
}

bool feed(FlowCheck& f, const std::string& segment, std::chrono::milliseconds at = 1ms) {
    const Parsed p(segment);
    return f.on_packet(p.view, at);
}

} // namespace

// Every Appendix C exchange that starts with a platform request: the gateway side's segments,
// fed in the standard's order, make the flow pass. C.43 is the exception: the standard's own
// 9011 carries another QN (a typo, see appendix_c.txt), and the check names it.
TEST(FlowCheckAppendixC, EveryRequestExchangePasses) {
    struct Exchange {
        std::unique_ptr<FlowCheck> flow;
        std::size_t fed = 0;
    };
    std::map<std::string, Exchange> exchanges;
    std::vector<std::string> order;
    for (const auto& line : appendix_c()) {
        if (!line.table.starts_with("C.")) continue;
        auto& ex = exchanges[line.table];
        if (!ex.flow) {
            if (line.role != "host") continue; // a field upload starts it: not a request
            const Parsed req(line.segment);
            if (*req.view.command() >= 9000) continue; // C.4: the platform's 9013 answer
            const auto cn = *req.view.command();
            const bool begin = req.view.find("BeginTime").has_value();
            ex.flow = std::make_unique<FlowCheck>(cn, std::string(*req.view.qn),
                                                  std::string(*req.view.mn), flow_shape(cn, begin),
                                                  0ms, 10s);
            order.push_back(line.table);
            continue;
        }
        if (line.role != "field") continue; // the platform's own 9014 within C.48/C.50
        if (ex.flow->finished()) continue;  // C.43 failed at its 9011
        ++ex.fed;
        const Parsed p(line.segment);
        EXPECT_TRUE(ex.flow->on_packet(p.view, 1ms)) << line.table << ": " << line.segment;
    }
    ASSERT_GE(order.size(), 30U);
    std::size_t checked = 0;
    for (const auto& table : order) {
        const auto& ex = exchanges[table];
        SCOPED_TRACE(table);
        ASSERT_TRUE(ex.flow->finished());
        if (table == "C.43") {
            EXPECT_EQ(ex.flow->result().status, FlowStatus::failed);
            EXPECT_EQ(ex.flow->result().reason,
                      "3020 QN 20160801085857223: expected 9011 with the request's QN, got 9011 "
                      "(QnRtn=1) QN 20101110010101001");
            continue;
        }
        EXPECT_EQ(ex.flow->result().status, FlowStatus::passed) << ex.flow->result().reason;
        ++checked;
    }
    EXPECT_EQ(checked, order.size() - 1);
    // The history pulls counted their uploads (C.49: two parts; C.41: two log entries).
    EXPECT_EQ(exchanges["C.21"].flow->result().uploads, 1U);
    EXPECT_EQ(exchanges["C.49"].flow->result().uploads, 2U);
    EXPECT_EQ(exchanges["C.41"].flow->result().uploads, 2U);
    EXPECT_EQ(exchanges["C.5"].flow->result().uploads, 1U);
    EXPECT_EQ(exchanges["C.11"].flow->result().shape, FlowShape::stop);
}

TEST(FlowCheck, WrongQnInTheRequestReplyFails) {
    auto f = make(1062, FlowShape::set);
    EXPECT_TRUE(feed(f, reply("9011", "QnRtn=1", "20160801085857224")));
    EXPECT_EQ(f.result().status, FlowStatus::failed);
    EXPECT_EQ(f.result().reason, "1062 QN 20160801085857223: expected 9011 with the request's QN, "
                                 "got 9011 (QnRtn=1) QN 20160801085857224");
}

TEST(FlowCheck, MissingExecutionResultTimesOut) {
    auto f = make(1062, FlowShape::set);
    feed(f, reply("9011", "QnRtn=1"), 1000ms);
    f.on_time(10'999ms); // 10 s after the 9011 is 11 000 ms
    EXPECT_FALSE(f.finished());
    f.on_time(11'000ms);
    EXPECT_EQ(f.result().status, FlowStatus::failed);
    EXPECT_EQ(f.result().reason,
              "1062 QN 20160801085857223: expected 9012 after 9011, got nothing within 10 s");
}

TEST(FlowCheck, SomethingElseInsteadOfTheExecutionResultFails) {
    auto f = make(1062, FlowShape::set);
    feed(f, reply("9011", "QnRtn=1"));
    feed(f, reply("9011", "QnRtn=1"));
    EXPECT_EQ(f.result().reason,
              "1062 QN 20160801085857223: expected 9012 after 9011, got 9011 (QnRtn=1) QN "
              "20160801085857223");
}

TEST(FlowCheck, WrongExeRtnFails) {
    auto f = make(3011, FlowShape::set);
    feed(f, reply("9011", "QnRtn=1"));
    feed(f, reply("9012", "ExeRtn=2"));
    EXPECT_EQ(f.result().status, FlowStatus::failed);
    EXPECT_EQ(f.result().exe_rtn, 2);
    EXPECT_NE(f.result().reason.find("9012 ExeRtn=2"), std::string::npos) << f.result().reason;
    EXPECT_NE(f.result().reason.find("expected ExeRtn=1"), std::string::npos);
}

TEST(FlowCheck, NoDataIsFineForHistoryOnly) {
    auto history = make(2061, FlowShape::history);
    feed(history, reply("9011", "QnRtn=1"));
    feed(history, reply("9012", "ExeRtn=100"));
    EXPECT_EQ(history.result().status, FlowStatus::passed);
    auto set = make(1062, FlowShape::set);
    feed(set, reply("9011", "QnRtn=1"));
    feed(set, reply("9012", "ExeRtn=100"));
    EXPECT_EQ(set.result().status, FlowStatus::failed);
}

TEST(FlowCheck, RejectedRequestFails) {
    auto f = make(1062, FlowShape::set);
    feed(f, reply("9011", "QnRtn=3"));
    EXPECT_EQ(f.result().status, FlowStatus::failed);
    EXPECT_NE(f.result().reason.find("9011 QnRtn=3"), std::string::npos) << f.result().reason;
}

TEST(FlowCheck, GetWithoutItsUploadFails) {
    auto f = make(1061, FlowShape::get);
    feed(f, reply("9011", "QnRtn=1"));
    feed(f, reply("9012", "ExeRtn=1"));
    EXPECT_EQ(f.result().reason, "1061 QN 20160801085857223: expected the 1061 upload after "
                                 "9011, got 9012 (ExeRtn=1) QN 20160801085857223");
}

TEST(FlowCheck, GetUploadMustCarryTheValue) {
    auto f = make(1011, FlowShape::get);
    feed(f, reply("9011", "QnRtn=1"));
    std::string upload = reply("1011", "PolId=w01018");
    upload.replace(upload.find("ST=91"), 5, "ST=32");
    feed(f, upload);
    EXPECT_EQ(f.result().reason, "1011 QN 20160801085857223: the 1011 upload lacks SystemTime");
}

TEST(FlowCheck, LiveDataDuringAFlowIsNotPartOfIt) {
    auto f = make(1062, FlowShape::set);
    feed(f, reply("9011", "QnRtn=1"));
    const std::string live = "QN=20160801090000001;ST=32;CN=2061;PW=123456;MN=" + std::string(kMn) +
                             ";Flag=5;CP=&&DataTime=20160801080000&&";
    EXPECT_FALSE(feed(f, live));
    EXPECT_FALSE(f.finished());
    feed(f, reply("9012", "ExeRtn=1"));
    EXPECT_EQ(f.result().status, FlowStatus::passed);
}

TEST(FlowCheck, ReplyForAnotherMnFails) {
    auto f = make(1062, FlowShape::set);
    std::string r = reply("9011", "QnRtn=1");
    r.replace(r.find(kMn), kMn.size(), "OTHERMN");
    feed(f, r);
    EXPECT_EQ(f.result().status, FlowStatus::failed);
    EXPECT_NE(f.result().reason.find("for MN OTHERMN"), std::string::npos);
}

TEST(FlowCheck, StopExpectsNotificationReply) {
    auto f = make(2012, FlowShape::stop);
    feed(f, reply("9011", "QnRtn=1"));
    EXPECT_EQ(f.result().reason,
              "2012 QN 20160801085857223: expected 9013, got 9011 (QnRtn=1) QN 20160801085857223");
}

TEST(FlowCheck, DisconnectFailsAnOpenFlow) {
    auto f = make(2061, FlowShape::history);
    feed(f, reply("9011", "QnRtn=1"));
    f.on_disconnect();
    EXPECT_EQ(f.result().reason, "2061 QN 20160801085857223: expected 2061 uploads or 9012 after "
                                 "9011, got a closed connection");
}

TEST(FlowCheck, Shapes) {
    EXPECT_EQ(flow_shape(1062, false), FlowShape::set);
    EXPECT_EQ(flow_shape(1011, false), FlowShape::get);
    EXPECT_EQ(flow_shape(2061, true), FlowShape::history);
    EXPECT_EQ(flow_shape(3020, false), FlowShape::get);
    EXPECT_EQ(flow_shape(3020, true), FlowShape::history);
    EXPECT_EQ(flow_shape(2022, false), FlowShape::stop);
}
