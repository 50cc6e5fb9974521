#include "sim/monitor/fault_injector.hpp"
#include "sim/monitor/fault_spec.hpp"
#include "sim/monitor/packet_schedule.hpp"

#include <hj212/deframer.hpp>
#include <hj212/encoder.hpp>
#include <hj212/parser.hpp>

#include <gtest/gtest.h>

namespace hj212gw::sim {
namespace {

TEST(FaultSpec, ParsesEveryFault) {
    const auto spec = parse_fault_spec("missing-hours=3,bad-crc=0.05,garbage=0.02,split=0.1,drip=0."
                                       "05,disconnect=0.01,wrong-pw=0.01");
    ASSERT_TRUE(spec) << spec.error();
    EXPECT_EQ(spec->missing_hours, 3);
    EXPECT_DOUBLE_EQ(spec->bad_crc, 0.05);
    EXPECT_DOUBLE_EQ(spec->garbage, 0.02);
    EXPECT_DOUBLE_EQ(spec->split, 0.1);
    EXPECT_DOUBLE_EQ(spec->drip, 0.05);
    EXPECT_DOUBLE_EQ(spec->disconnect, 0.01);
    EXPECT_DOUBLE_EQ(spec->wrong_pw, 0.01);
    EXPECT_TRUE(spec->any());
    EXPECT_EQ(spec->to_string(),
              "missing-hours=3,bad-crc=0.05,garbage=0.02,split=0.1,drip=0.05,disconnect=0.01,"
              "wrong-pw=0.01");
}

TEST(FaultSpec, EmptyMeansNone) {
    for (const char* text : {"", " ", "none"}) {
        const auto spec = parse_fault_spec(text);
        ASSERT_TRUE(spec);
        EXPECT_FALSE(spec->any());
    }
    const auto spaced = parse_fault_spec(" split = 1 , bad-crc=0 ");
    ASSERT_TRUE(spaced) << spaced.error();
    EXPECT_DOUBLE_EQ(spaced->split, 1.0);
}

TEST(FaultSpec, RejectsBadSpecsWithAReason) {
    struct Case {
        const char* text;
        const char* says;
    };
    for (const Case& c :
         {Case{"crc=0.1", "unknown fault 'crc'"}, Case{"bad-crc", "expected NAME=VALUE"},
          Case{"bad-crc=1.5", "probability per frame, 0..1"}, Case{"bad-crc=-0.1", "0..1"},
          Case{"split=abc", "split='abc'"}, Case{"missing-hours=25", "0..24"},
          Case{"missing-hours=2.5", "whole number"}, Case{"split=0.1,,drip=0.1", "empty entry"},
          Case{"split=0.1,", "empty entry"}}) {
        const auto spec = parse_fault_spec(c.text);
        ASSERT_FALSE(spec) << c.text;
        EXPECT_NE(spec.error().find(c.says), std::string::npos) << c.text << ": " << spec.error();
    }
}

hj212::Packet sample_packet() {
    ScheduleSettings s;
    const PacketSchedule schedule(make_profile(ProfileKind::water), s);
    return schedule.make_upload(UploadKind::hourly, 1'767'225'600'000).packet;
}

std::string joined(const Transmission& t) {
    std::string all;
    for (const auto& w : t.writes)
        all += w.bytes;
    return all;
}

std::vector<hj212::DeframeEvent> deframe(const std::string& bytes) {
    hj212::Deframer d;
    std::vector<hj212::DeframeEvent> out;
    std::string_view rest = bytes;
    while (!rest.empty()) {
        rest.remove_prefix(d.feed(rest));
        while (auto e = d.next()) {
            if (auto* f = std::get_if<hj212::DeframedFrame>(&*e)) {
                // Keep a copy of the view's content in a stable place: check it here.
                hj212::PacketView v;
                EXPECT_TRUE(hj212::parse_segment(f->segment, v));
            }
            out.push_back(*e);
        }
    }
    return out;
}

TEST(FaultInjector, NoFaultsIsOneWriteOfTheFrame) {
    FaultInjector injector({}, 1);
    const auto p = sample_packet();
    const auto t = injector.transmit(p);
    ASSERT_EQ(t.writes.size(), 1U);
    EXPECT_EQ(t.writes[0].bytes, *hj212::encode_frame(p));
    EXPECT_FALSE(t.disconnect_after);
    EXPECT_FALSE(t.unackable);
    EXPECT_EQ(injector.counts().total(), 0U);
}

TEST(FaultInjector, BadCrcIsACrcMismatchForTheReceiver) {
    FaultInjector injector({.bad_crc = 1}, 1);
    const auto t = injector.transmit(sample_packet());
    EXPECT_TRUE(t.unackable);
    const auto events = deframe(joined(t));
    ASSERT_EQ(events.size(), 1U);
    const auto* e = std::get_if<hj212::DeframeError>(&events[0]);
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->kind, hj212::DeframeErrorKind::crc_mismatch);
    EXPECT_EQ(injector.counts().bad_crc, 1U);
}

TEST(FaultInjector, GarbageComesBeforeAnIntactFrame) {
    FaultInjector injector({.garbage = 1}, 2);
    const auto p = sample_packet();
    const auto t = injector.transmit(p);
    ASSERT_EQ(t.writes.size(), 2U);
    EXPECT_EQ(t.writes[1].bytes, *hj212::encode_frame(p));
    EXPECT_EQ(t.writes[0].bytes.find('#'), std::string::npos);
    const auto events = deframe(joined(t));
    ASSERT_EQ(events.size(), 2U);
    EXPECT_EQ(std::get<hj212::DeframeError>(events[0]).kind, hj212::DeframeErrorKind::garbage);
    EXPECT_TRUE(std::holds_alternative<hj212::DeframedFrame>(events[1]));
}

TEST(FaultInjector, SplitAndDripReassembleToTheFrame) {
    const auto p = sample_packet();
    const std::string frame = *hj212::encode_frame(p);
    FaultInjector split({.split = 1}, 3);
    for (int i = 0; i < 20; ++i) {
        const auto t = split.transmit(p);
        EXPECT_GE(t.writes.size(), 2U);
        EXPECT_LE(t.writes.size(), 4U);
        EXPECT_EQ(joined(t), frame);
    }
    FaultInjector drip({.drip = 1}, 3);
    const auto t = drip.transmit(p);
    EXPECT_EQ(t.writes.size(), frame.size());
    EXPECT_EQ(joined(t), frame);
    for (const auto& w : t.writes) {
        EXPECT_EQ(w.bytes.size(), 1U);
        EXPECT_GE(w.pause_before.count(), 1);
    }
}

TEST(FaultInjector, WrongPasswordAndDisconnect) {
    FaultInjector injector({.disconnect = 1, .wrong_pw = 1}, 4);
    const auto t = injector.transmit(sample_packet());
    EXPECT_TRUE(t.disconnect_after);
    const std::string frame = joined(t);
    EXPECT_NE(frame.find(";PW=999999;"), std::string::npos);
    EXPECT_EQ(injector.counts().wrong_pw, 1U);
    EXPECT_EQ(injector.counts().disconnect, 1U);
}

TEST(FaultInjector, RatesAreRoughlyHonouredAndSeeded) {
    FaultInjector a({.split = 0.1}, 11), b({.split = 0.1}, 11);
    const auto p = sample_packet();
    for (int i = 0; i < 2000; ++i) {
        EXPECT_EQ(a.transmit(p).writes.size(), b.transmit(p).writes.size());
    }
    EXPECT_GT(a.counts().split, 140U);
    EXPECT_LT(a.counts().split, 260U);
}

} // namespace
} // namespace hj212gw::sim
