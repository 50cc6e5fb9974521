#pragma once
// An OperatorApi with known data for the HTTP tests (router, loopback server, browser): a
// status with two platform links and two devices, and a month of hour grids with every state
// and known daily and monthly 传输有效率. Rates replies are held until deliver(), or handed to
// `post` (the server tests post them to the io_context, as the daemon does).
#include "ops/operator_api.hpp"

#include <hj212/datetime.hpp>

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hj212gw::http::testing {

inline ops::GatewayStatus sample_status() {
    ops::GatewayStatus s;
    s.version = "0.1.0";
    s.mn = "010000A8900016F0000000GW";
    s.now_ms = hj212::DateTime::parse("20261118143000")->to_epoch_ms();
    s.started_ms = s.now_ms - (2 * 86'400'000 + 3 * 3'600'000);
    s.clock_offset_ms = -1200;
    s.store.file_bytes = 48ULL << 20;
    s.store.disk_free_bytes = 3ULL << 30;
    s.store.disk_total_bytes = 7ULL << 30;
    s.store.evicted_delivered = 120;
    s.device_totals.connections = 3;
    s.device_totals.frames = 5120;
    s.device_totals.stored = 5100;
    s.device_totals.errors_by_kind = {{"bad_crc", 17}, {"rejected", 3}};
    ops::DeviceStatus water;
    water.peer = "192.168.1.20:50312";
    water.via = "tcp://0.0.0.0:9001";
    water.mns = {"88888880000001"};
    water.frames = 3400;
    water.stored = 3398;
    water.acked = 3398;
    water.errors = 2;
    water.last_packet_ms = s.now_ms - 12'000;
    ops::DeviceStatus gas = water;
    gas.peer = "/dev/ttyS1";
    gas.via = "serial";
    gas.mns = {"88888880000002"};
    gas.errors = 0;
    gas.last_packet_ms = s.now_ms - 45'000;
    s.devices = {water, gas};
    ops::UpstreamStatus national;
    national.name = "national";
    national.endpoint = "10.1.2.3:7001";
    national.state = "up";
    national.sent = 5200;
    national.acked = 5190;
    national.resent = 14;
    national.timeouts = 4;
    national.connects = 2;
    national.rtt_ms = 86;
    national.pending = 3;
    national.in_flight = 1;
    national.oldest_pending_age_ms = 4'000;
    ops::UpstreamStatus province = national;
    province.name = "province";
    province.endpoint = "platform.example:9002";
    province.state = "down";
    province.rtt_ms.reset();
    province.pending = 1240;
    province.in_flight = 0;
    province.oldest_pending_age_ms = 3 * 3'600'000;
    s.upstreams = {national, province};
    ops::RateStatus r;
    r.mn = "88888880000001";
    r.factor = "w01018";
    r.today_should = 14;
    r.today_received = 14;
    r.today_valid = 13;
    r.today_effective = 13.0 / 14.0;
    r.month_should = 422;
    r.month_received = 400;
    r.month_valid = 390;
    r.month_effective = 390.0 / 422.0;
    s.rates = {r};
    return s;
}

/// The state of hour `h` of grid `k`: mostly valid, a few invalid and missing hours, one
/// outage (day 5, 08:00-16:00) on the first grid, and for the third grid a stopped day (day 3,
/// nothing due) - every kind of cell and a day without a rate.
inline char sample_hour(std::size_t k, std::size_t h) {
    if (k == 0 && h >= 4 * 24 + 8 && h < 4 * 24 + 16) return ops::hour_state::missing;
    if (k == 2 && h >= 2 * 24 && h < 3 * 24) return ops::hour_state::not_due;
    if ((h * 7 + k * 3) % 37 == 0) return ops::hour_state::missing;
    if ((h * 5 + k) % 29 == 0) return ops::hour_state::invalid;
    return ops::hour_state::valid;
}

/// November 2026 at the 18th, 14:30: hours up to 13:00-14:00 of the 18th are due.
inline ops::RatesView sample_rates() {
    ops::RatesView v;
    v.month = "2026-11";
    v.month_start_ms = hj212::DateTime::parse("20261101000000")->to_epoch_ms();
    v.days_in_month = 30;
    v.generated_ms = hj212::DateTime::parse("20261118143000")->to_epoch_ms();
    const std::size_t due = 17 * 24 + 14;
    const std::pair<const char*, const char*> keys[] = {
        {"88888880000001", "w01018"}, {"88888880000001", "w21003"}, {"88888880000002", "a21026"}};
    for (std::size_t k = 0; k < std::size(keys); ++k) {
        ops::HourGrid g;
        g.mn = keys[k].first;
        g.factor = keys[k].second;
        g.hours.assign(static_cast<std::size_t>(v.days_in_month) * 24, ops::hour_state::not_due);
        for (std::size_t h = 0; h < due; ++h)
            g.hours[h] = sample_hour(k, h);
        for (int day = 1; day <= 18; ++day) {
            ops::DayFigures d;
            d.day = day;
            for (std::size_t h = static_cast<std::size_t>(day - 1) * 24;
                 h < static_cast<std::size_t>(day) * 24; ++h) {
                const char c = g.hours[h];
                if (c == ops::hour_state::not_due) continue;
                ++d.should;
                if (c != ops::hour_state::missing) ++d.received;
                if (c == ops::hour_state::valid) ++d.valid;
            }
            if (d.should)
                d.effective = static_cast<double>(d.valid) / static_cast<double>(d.should);
            g.month_should += d.should;
            g.month_received += d.received;
            g.month_valid += d.valid;
            g.days.push_back(d);
        }
        g.month_effective =
            static_cast<double>(g.month_valid) / static_cast<double>(g.month_should);
        v.grids.push_back(std::move(g));
    }
    return v;
}

class FakeOperatorApi final : public ops::OperatorApi {
public:
    ops::GatewayStatus status_value = sample_status();
    ops::RatesView rates_value = sample_rates();
    std::optional<std::string> rates_error;  ///< when set, rates() fails with it
    bool answer_rates = true;                ///< false: rates() never replies
    std::vector<std::string> rates_requests; ///< the `mn` of every rates() call
    /// Where replies go; unset: held until deliver().
    std::function<void(std::function<void()>)> post;

    /// Runs the held replies (the router tests' stand-in for the daemon's read worker).
    std::size_t deliver() {
        auto replies = std::move(held_);
        held_.clear();
        for (auto& r : replies)
            r();
        return replies.size();
    }

    ops::GatewayStatus status() const override { return status_value; }

    void rates(std::string mn, ops::Reply<ops::RatesView> done) override {
        rates_requests.push_back(mn);
        if (!answer_rates) return;
        std::function<void()> reply;
        if (rates_error) {
            reply = [done, e = *rates_error] { done(hj212::fail(e)); };
        } else {
            auto view = rates_value;
            if (!mn.empty())
                std::erase_if(view.grids, [&](const ops::HourGrid& g) { return g.mn != mn; });
            reply = [done, view] { done(view); };
        }
        if (post)
            post(std::move(reply));
        else
            held_.push_back(std::move(reply));
    }

    // The rest is the console's business; HTTP must not call it.
    void params(ops::Reply<std::vector<ops::ParamRow>> done) override { done(unused()); }
    void set_param(std::string, std::string, ops::Reply<ops::ParamRow> done) override {
        done(unused());
    }
    void history(ops::HistoryQuery, ops::Reply<std::vector<ops::HistoryRow>> done) override {
        done(unused());
    }
    void events(std::size_t, ops::Reply<std::vector<ops::EventRow>> done) override {
        done(unused());
    }
    std::uint64_t tap(std::string, std::function<void(const ops::TapRecord&)>) override {
        ++unexpected_calls;
        return 0;
    }
    void untap(std::uint64_t) override { ++unexpected_calls; }
    ops::Outcome<std::string> send(std::string, std::string) override { return unused(); }
    ops::Outcome<std::string> set_log_level(std::string) override { return unused(); }
    std::vector<std::string> upstream_names() const override { return {"national", "province"}; }

    int unexpected_calls = 0;

private:
    hj212::Failure<std::string> unused() {
        ++unexpected_calls;
        return hj212::fail(std::string("not offered over HTTP"));
    }

    std::vector<std::function<void()>> held_;
};

} // namespace hj212gw::http::testing
