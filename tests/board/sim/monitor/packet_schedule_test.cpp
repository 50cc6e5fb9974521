#include "sim/monitor/packet_schedule.hpp"
#include "sim/monitor/time_units.hpp"

#include <hj212/datetime.hpp>
#include <hj212/encoder.hpp>
#include <hj212/parser.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

namespace hj212gw::sim {
namespace {

constexpr std::int64_t kDay = 1'767'225'600'000; // 2026-01-01 00:00 site time

ScheduleSettings settings_for_test() {
    ScheduleSettings s;
    s.mn = "88888880000001AB00000001";
    s.rtd_interval_s = 30;
    s.min_interval_min = 10;
    s.seed = 5;
    return s;
}

std::vector<Upload> of_kind(const std::vector<Upload>& all, UploadKind kind) {
    std::vector<Upload> out;
    for (const auto& u : all)
        if (u.kind == kind) out.push_back(u);
    return out;
}

double cp_number(const hj212::Packet& p, const std::string& key) {
    const std::string* v = p.find(key);
    EXPECT_NE(v, nullptr) << key;
    return v ? *hj212::parse_number(*v) : std::nan("");
}

TEST(PacketSchedule, ADayHasTheRightCountsAndAlignedDataTimes) {
    const PacketSchedule schedule(make_profile(ProfileKind::water), settings_for_test());
    const auto all = schedule.uploads(kDay, kDay + kDayMs);
    const auto rt = of_kind(all, UploadKind::realtime);
    const auto minute = of_kind(all, UploadKind::minute);
    const auto hourly = of_kind(all, UploadKind::hourly);
    const auto daily = of_kind(all, UploadKind::daily);
    EXPECT_EQ(rt.size(), 2880U);
    EXPECT_EQ(minute.size(), 144U);
    EXPECT_EQ(hourly.size(), 24U);
    // Generated in [00:00, 24:00): the daily packet of the previous day, sent at 00:00.
    ASSERT_EQ(daily.size(), 1U);
    EXPECT_EQ(*daily[0].packet.find("DataTime"), "20251231000000");
    EXPECT_EQ(daily[0].packet.qn, "20260101000000003");
    EXPECT_EQ(daily[0].packet.cn, "2031");

    for (std::size_t h = 0; h < hourly.size(); ++h) {
        // Hour h is generated at its end; the day's first generated hourly is yesterday 23:00.
        const std::int64_t start = kDay - kHourMs + static_cast<std::int64_t>(h) * kHourMs;
        EXPECT_EQ(*hourly[h].packet.find("DataTime"),
                  hj212::DateTime::from_epoch_ms(start).format14());
        EXPECT_EQ(hourly[h].generated_ms, start + kHourMs);
        EXPECT_EQ(hourly[h].packet.cn, "2061");
    }
    for (const auto& m : minute) {
        const auto dt = hj212::DateTime::parse(*m.packet.find("DataTime"));
        ASSERT_TRUE(dt);
        EXPECT_EQ(dt->minute % 10, 0);
        EXPECT_EQ(dt->second, 0);
        EXPECT_EQ(dt->to_epoch_ms() + 10 * kMinuteMs, m.generated_ms);
    }
    for (const auto& r : rt) {
        EXPECT_EQ(*r.packet.find("DataTime"),
                  hj212::DateTime::from_epoch_ms(r.generated_ms).format14());
        EXPECT_EQ(r.generated_ms % (30 * kSecondMs), 0);
    }
    // Sending order is chronological and every QN is distinct (each 9014 matches one upload).
    std::set<std::string> qns;
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (i > 0) {
            EXPECT_LE(all[i - 1].generated_ms, all[i].generated_ms);
        }
        EXPECT_TRUE(qns.insert(all[i].packet.qn).second) << all[i].packet.qn;
        EXPECT_EQ(all[i].packet.flag, 5U);
        EXPECT_EQ(all[i].packet.pw, "123456");
    }
}

TEST(PacketSchedule, MinuteIntervalOfFiveGivesTwelveAnHour) {
    auto s = settings_for_test();
    s.min_interval_min = 5;
    const PacketSchedule schedule(make_profile(ProfileKind::gas), s);
    const auto minute =
        schedule.uploads(kDay, kDay + kDayMs, UploadKinds{}.with(UploadKind::minute));
    EXPECT_EQ(minute.size(), 288U);
    s.min_interval_min = 7;
    EXPECT_FALSE(validate(s).empty());
}

TEST(PacketSchedule, HourlyValuesSummariseTheirMinuteValues) {
    for (auto kind : {ProfileKind::water, ProfileKind::gas, ProfileKind::power}) {
        const Profile profile = make_profile(kind);
        const PacketSchedule schedule(profile, settings_for_test());
        const auto all = schedule.uploads(kDay, kDay + kDayMs + 1,
                                          UploadKinds{}
                                              .with(UploadKind::minute)
                                              .with(UploadKind::hourly)
                                              .with(UploadKind::daily));
        std::map<std::string, std::vector<const hj212::Packet*>> minutes_of_hour;
        for (const auto& u : all)
            if (u.kind == UploadKind::minute)
                minutes_of_hour[u.packet.find("DataTime")->substr(0, 10)].push_back(&u.packet);
        int checked = 0;
        for (const auto& u : all) {
            if (u.kind != UploadKind::hourly) continue;
            const auto& minutes = minutes_of_hour[u.packet.find("DataTime")->substr(0, 10)];
            if (minutes.size() != 6) continue; // yesterday 23:00: its minutes are not in range
            for (const auto& f : profile.factors) {
                double sum = 0, lo = 1e300, hi = -1e300, cou = 0;
                for (const auto* m : minutes) {
                    sum += cp_number(*m, f.code + "-Avg");
                    lo = std::min(lo, cp_number(*m, f.code + "-Min"));
                    hi = std::max(hi, cp_number(*m, f.code + "-Max"));
                    if (f.accumulation != Accumulation::none) cou += cp_number(*m, f.code + "-Cou");
                }
                const double unit = std::pow(10.0, -f.decimals);
                EXPECT_NEAR(cp_number(u.packet, f.code + "-Avg"), sum / 6, unit) << f.code;
                EXPECT_DOUBLE_EQ(cp_number(u.packet, f.code + "-Min"), lo) << f.code;
                EXPECT_DOUBLE_EQ(cp_number(u.packet, f.code + "-Max"), hi) << f.code;
                if (f.accumulation != Accumulation::none) {
                    EXPECT_NEAR(cp_number(u.packet, f.code + "-Cou"), cou,
                                6 * std::pow(10.0, -f.cou_decimals))
                        << f.code;
                }
                ++checked;
            }
        }
        EXPECT_EQ(checked, 24 * static_cast<int>(profile.factors.size()));
        // The day is the mean of its 24 hours.
        const auto day = schedule.daily_stats(kDay);
        double sum = 0;
        for (int h = 0; h < 24; ++h)
            sum += schedule.hourly_stats(kDay + h * kHourMs)[0].avg;
        EXPECT_NEAR(day[0].avg, sum / 24, 1e-9);
    }
}

TEST(PacketSchedule, FlowAndEmissionsCarryCumulativeAmounts) {
    const PacketSchedule schedule(make_profile(ProfileKind::water), settings_for_test());
    const auto h = schedule.make_upload(UploadKind::hourly, kDay + 10 * kHourMs).packet;
    // Flow (L/s) x 3600 s / 1000 = m3; COD mg/L x m3 / 1000 = kg.
    const double flow = cp_number(h, "w00000-Avg");
    EXPECT_NEAR(cp_number(h, "w00000-Cou"), flow * 3.6, flow * 3.6 * 0.02);
    const double cod = cp_number(h, "w01018-Avg");
    EXPECT_NEAR(cp_number(h, "w01018-Cou"), cod * flow * 3.6 / 1000,
                cod * flow * 3.6 / 1000 * 0.05);
    EXPECT_EQ(h.find("w01001-Cou"), nullptr); // pH has no amount
}

TEST(PacketSchedule, EverySegmentParsesStrictlyWithNumericValues) {
    for (auto kind : {ProfileKind::water, ProfileKind::gas, ProfileKind::power}) {
        const PacketSchedule schedule(make_profile(kind), settings_for_test());
        // Two hours around midnight: every kind of upload, the daily one included.
        const auto all = schedule.uploads(kDay - kHourMs, kDay + kHourMs);
        ASSERT_FALSE(all.empty());
        hj212::PacketView view;
        std::set<UploadKind> kinds;
        for (const auto& u : all) {
            kinds.insert(u.kind);
            const std::string segment = hj212::encode_segment(u.packet);
            ASSERT_LE(segment.size(), hj212::kStandardMaxSegment);
            const auto parsed = hj212::parse_segment(segment, view, hj212::ParseMode::strict);
            ASSERT_TRUE(parsed) << hj212::describe(parsed.error()) << "\n" << segment;
            EXPECT_EQ(view.st, schedule.model().profile().st);
            for (const auto& item : view.items) {
                const auto key = hj212::split_item_key(item.key);
                if (item.key == "DataTime") {
                    EXPECT_TRUE(hj212::DateTime::parse(item.value)) << item.value;
                } else if (key.suffix == "Flag") {
                    EXPECT_NE(std::string_view("NCM").find(item.value), std::string_view::npos);
                } else {
                    EXPECT_TRUE(hj212::parse_number(item.value)) << item.key << "=" << item.value;
                }
            }
        }
        EXPECT_EQ(kinds.size(), 4U);
    }
}

TEST(PacketSchedule, MissingHoursRemovesExactlyThatManyHoursADay) {
    auto s = settings_for_test();
    s.missing_hours = 3;
    const PacketSchedule schedule(make_profile(ProfileKind::water), s);
    const PacketSchedule again(make_profile(ProfileKind::water), s);
    for (int d = 0; d < 5; ++d) {
        const std::int64_t day = kDay + d * kDayMs;
        std::uint64_t dropped = 0;
        // Hours whose DataTime falls in this day: generated in [day + 1h, day + 25h).
        const auto hourly = schedule.uploads(day + kHourMs, day + kDayMs + kHourMs,
                                             UploadKinds{}.with(UploadKind::hourly), &dropped);
        EXPECT_EQ(hourly.size(), 21U);
        EXPECT_EQ(dropped, 3U);
        const auto missing = schedule.missing_hours_of_day(day);
        EXPECT_EQ(missing, again.missing_hours_of_day(day));
        std::set<int> present;
        for (const auto& u : hourly)
            present.insert(hour_of_day(u.data_time_ms));
        for (int h : missing)
            EXPECT_EQ(present.count(h), 0U) << h;
        EXPECT_EQ(present.size() + missing.size(), 24U);
    }
    // Other uploads are not affected.
    EXPECT_EQ(schedule.uploads(kDay, kDay + kDayMs, UploadKinds{}.with(UploadKind::minute)).size(),
              144U);
}

TEST(PacketSchedule, FormatValueAvoidsNegativeZero) {
    EXPECT_EQ(format_value(-0.0001, 2), "0.00");
    EXPECT_EQ(format_value(-0.35, 3), "-0.350");
    EXPECT_EQ(format_value(12.345, 1), "12.3");
}

} // namespace
} // namespace hj212gw::sim
