#include "ops/status_format.hpp"

#include "ops/time_text.hpp"
#include "tools/json_writer.hpp"

#include <cstdio>

namespace hj212gw::ops {
namespace {

std::string fraction(double rate) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", rate);
    return buf;
}

} // namespace

std::string status_json(const GatewayStatus& s) {
    using tools::JsonLine;
    std::string devices = "[";
    for (std::size_t i = 0; i < s.devices.size(); ++i) {
        const auto& d = s.devices[i];
        std::string mns = "[";
        for (std::size_t k = 0; k < d.mns.size(); ++k) {
            if (k) mns += ',';
            tools::append_string(mns, d.mns[k]);
        }
        mns += ']';
        JsonLine j;
        j.field("peer", d.peer)
            .field("via", d.via)
            .raw_field("mn", mns)
            .field("frames", d.frames)
            .field("stored", d.stored)
            .field("acked", d.acked)
            .field("errors", d.errors)
            .field("last_packet", civil_text(d.last_packet_ms));
        devices += (i ? "," : "") + j.str();
    }
    devices += ']';
    std::string ups = "[";
    for (std::size_t i = 0; i < s.upstreams.size(); ++i) {
        const auto& u = s.upstreams[i];
        JsonLine j;
        j.field("name", u.name)
            .field("endpoint", u.endpoint)
            .field("state", u.state)
            .field("in_flight", u.in_flight)
            .field("sent", u.sent)
            .field("resent", u.resent)
            .field("acked", u.acked)
            .field("timeouts", u.timeouts)
            .field("connects", u.connects)
            .field("pending", static_cast<std::uint64_t>(u.pending));
        if (u.rtt_ms)
            j.field("rtt_ms", static_cast<std::uint64_t>(*u.rtt_ms));
        else
            j.null_field("rtt_ms");
        if (u.oldest_pending_age_ms)
            j.field("oldest_pending_age_ms", static_cast<std::uint64_t>(*u.oldest_pending_age_ms));
        else
            j.null_field("oldest_pending_age_ms");
        ups += (i ? "," : "") + j.str();
    }
    ups += ']';
    std::string rates = "[";
    for (std::size_t i = 0; i < s.rates.size(); ++i) {
        const auto& r = s.rates[i];
        JsonLine j;
        j.field("mn", r.mn)
            .field("factor", r.factor)
            .field("today_should", static_cast<std::uint64_t>(r.today_should))
            .field("today_received", static_cast<std::uint64_t>(r.today_received))
            .field("today_valid", static_cast<std::uint64_t>(r.today_valid));
        if (r.today_effective)
            j.raw_field("today_effective_rate", fraction(*r.today_effective));
        else
            j.null_field("today_effective_rate");
        j.field("month_should", static_cast<std::uint64_t>(r.month_should))
            .field("month_received", static_cast<std::uint64_t>(r.month_received))
            .field("month_valid", static_cast<std::uint64_t>(r.month_valid));
        if (r.month_effective)
            j.raw_field("month_effective_rate", fraction(*r.month_effective));
        else
            j.null_field("month_effective_rate");
        rates += (i ? "," : "") + j.str();
    }
    rates += ']';
    JsonLine store;
    store.field("file_bytes", s.store.file_bytes)
        .field("disk_free_bytes", s.store.disk_free_bytes)
        .field("disk_total_bytes", s.store.disk_total_bytes)
        .raw_field("evicted_delivered", std::to_string(s.store.evicted_delivered))
        .raw_field("evicted_undelivered", std::to_string(s.store.evicted_undelivered));
    JsonLine top;
    top.field("version", s.version)
        .field("mn", s.mn)
        .field("started", civil_text(s.started_ms))
        .field("now", civil_text(s.now_ms))
        .raw_field("uptime_ms", std::to_string(s.now_ms - s.started_ms))
        .raw_field("clock_offset_ms", std::to_string(s.clock_offset_ms))
        .field("disk_alarm", s.disk_alarm)
        .raw_field("store", store.str())
        .raw_field("devices", devices)
        .raw_field("upstreams", ups)
        .raw_field("rates", rates);
    return top.str() + "\n";
}

} // namespace hj212gw::ops
