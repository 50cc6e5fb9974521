#pragma once
// What a real monitor sends over a span of time, as HJ 212 packets: 2011 every real-time
// interval (DataTime = sampling instant), 2051 every MinInterval, 2061 every hour and 2031
// every day (DataTime = interval start, generated when the interval ends). Sans-I/O: the same
// schedule feeds history replay, live sending and the tests.
#include "sim/monitor/flag_schedule.hpp"
#include "sim/monitor/interval_stats.hpp"
#include "sim/monitor/profile.hpp"
#include "sim/monitor/signal_model.hpp"

#include <hj212/packet.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace hj212gw::sim {

enum class UploadKind : std::uint8_t { realtime, minute, hourly, daily };

/// The CN of an upload kind: 2011, 2051, 2061, 2031.
std::string_view command_of(UploadKind kind) noexcept;

/// A set of upload kinds (bit per kind).
struct UploadKinds {
    unsigned bits = 0;
    static UploadKinds all() noexcept { return {0xFU}; }
    UploadKinds with(UploadKind k) const noexcept { return {bits | (1U << unsigned(k))}; }
    bool has(UploadKind k) const noexcept { return (bits & (1U << unsigned(k))) != 0; }
};

struct ScheduleSettings {
    std::string mn = "010000A8900016F000169DC0";
    std::string pw = "123456";
    int rtd_interval_s = 30;   ///< real-time interval (RtdInterval)
    int min_interval_min = 10; ///< minute-data interval (MinInterval); divides 60
    unsigned flag = 5;         ///< 2017 with A set: every upload wants a 9014
    int missing_hours = 0;     ///< hourly packets dropped per day (fault injection)
    std::uint64_t seed = 1;
    FlagScheduleSettings flags;
};

/// Checks the settings; returns an explanation of the first problem, or "" when fine.
std::string validate(const ScheduleSettings& s);

struct Upload {
    UploadKind kind = UploadKind::realtime;
    std::int64_t generated_ms = 0; ///< when a real monitor would send it (also its QN)
    std::int64_t data_time_ms = 0; ///< DataTime
    hj212::Packet packet;
};

class PacketSchedule {
public:
    PacketSchedule(const Profile& profile, ScheduleSettings settings);

    /// Every upload of the given kinds generated in [from_ms, to_ms), in sending order
    /// (by generation time; at one instant 2011, 2051, 2061, 2031). Dropped hours are absent.
    /// `dropped`, when given, is increased by the number of hourly packets left out.
    std::vector<Upload> uploads(std::int64_t from_ms, std::int64_t to_ms,
                                UploadKinds kinds = UploadKinds::all(),
                                std::uint64_t* dropped = nullptr) const;

    /// The hours (0..23) of the day containing t_ms whose 2061 is dropped, ascending.
    std::vector<int> missing_hours_of_day(std::int64_t t_ms) const;

    hj212::Packet realtime_packet(std::int64_t t_ms) const;
    IntervalStats minute_stats(std::int64_t start_ms) const;
    IntervalStats hourly_stats(std::int64_t start_ms) const;
    IntervalStats daily_stats(std::int64_t start_ms) const;

    /// The upload of one kind for the interval starting (or, real-time, sampled) at t_ms.
    Upload make_upload(UploadKind kind, std::int64_t data_time_ms) const;

    std::int64_t rtd_interval_ms() const noexcept;
    std::int64_t min_interval_ms() const noexcept;
    std::int64_t sample_ms() const noexcept { return sample_ms_; }
    const SignalModel& model() const noexcept { return model_; }
    const FlagSchedule& flags() const noexcept { return flags_; }
    const ScheduleSettings& settings() const noexcept { return settings_; }

private:
    hj212::Packet header(UploadKind kind, std::int64_t generated_ms) const;
    hj212::Packet summary_packet(UploadKind kind, std::int64_t start_ms, std::int64_t end_ms,
                                 const IntervalStats& stats) const;

    ScheduleSettings settings_;
    SignalModel model_;
    FlagSchedule flags_;
    std::int64_t sample_ms_;
};

/// Numbers as written in CP: fixed decimals, "-0.00" written as "0.00".
std::string format_value(double v, int decimals);

} // namespace hj212gw::sim
