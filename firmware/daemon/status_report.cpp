#include "daemon/status_report.hpp"

#include "tools/json_writer.hpp"

#include <hj212/datetime.hpp>

#include <cstdio>
#include <fstream>

namespace hj212gw::daemon {
namespace {

std::string civil(std::int64_t ms) {
    if (ms == 0) return "-";
    const auto dt = hj212::DateTime::from_epoch_ms(ms);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", dt.year, dt.month, dt.day,
                  dt.hour, dt.minute, dt.second);
    return buf;
}

std::string age(std::int64_t now, std::int64_t then) {
    if (then == 0) return "-";
    const std::int64_t s = (now - then) / 1000;
    if (s < 120) return std::to_string(s) + " s ago";
    if (s < 7200) return std::to_string(s / 60) + " min ago";
    return std::to_string(s / 3600) + " h ago";
}

std::string pad(std::string s, std::size_t width) {
    if (s.size() > width) s = s.substr(0, width - 1) + "~";
    s.resize(width, ' ');
    return s;
}

std::string rpad(const std::string& s, std::size_t width) {
    return s.size() >= width ? s : std::string(width - s.size(), ' ') + s;
}

std::string fraction(double rate) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", rate);
    return buf;
}

std::string percent(const std::optional<double>& rate) {
    if (!rate) return "NA";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f%%", *rate * 100.0);
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
            .field("last_packet", civil(d.last_packet_ms));
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
    JsonLine top;
    top.field("version", s.version)
        .field("mn", s.mn)
        .field("started", civil(s.started_ms))
        .field("now", civil(s.now_ms))
        .raw_field("clock_offset_ms", std::to_string(s.clock_offset_ms))
        .field("disk_alarm", s.disk_alarm)
        .raw_field("devices", devices)
        .raw_field("upstreams", ups)
        .raw_field("rates", rates);
    return top.str() + "\n";
}

std::string status_text(const GatewayStatus& s) {
    std::string out;
    out += "hj212gw " + s.version + "  MN " + (s.mn.empty() ? "-" : s.mn) + "\n";
    out += "up since " + civil(s.started_ms) + "  now " + civil(s.now_ms) + "\n";
    if (s.disk_alarm) out += "!! DISK FULL: devices are not acknowledged until space returns\n";
    out += "\nPlatforms\n";
    out += "  " + pad("name", 12) + pad("state", 11) + rpad("pending", 8) + rpad("in flight", 10) +
           rpad("acked", 9) + rpad("resent", 8) + rpad("rtt", 8) + "\n";
    for (const auto& u : s.upstreams)
        out += "  " + pad(u.name, 12) + pad(u.state, 11) + rpad(std::to_string(u.pending), 8) +
               rpad(std::to_string(u.in_flight), 10) + rpad(std::to_string(u.acked), 9) +
               rpad(std::to_string(u.resent), 8) +
               rpad(u.rtt_ms ? std::to_string(*u.rtt_ms) + " ms" : "-", 8) + "\n";
    out += "\nDevices\n";
    if (s.devices.empty())
        out += "  (none connected)\n";
    else
        out += "  " + pad("MN", 25) + pad("peer", 19) + rpad("frames", 7) + rpad("stored", 7) +
               rpad("errors", 7) + "  last packet\n";
    for (const auto& d : s.devices)
        out += "  " + pad(d.mns.empty() ? "?" : d.mns.front(), 25) + pad(d.peer, 19) +
               rpad(std::to_string(d.frames), 7) + rpad(std::to_string(d.stored), 7) +
               rpad(std::to_string(d.errors), 7) + "  " + age(s.now_ms, d.last_packet_ms) + "\n";
    if (!s.rates.empty()) {
        out += "\nEffective rate (hourly values valid / due)\n";
        out += "  " + pad("MN", 25) + pad("factor", 9) + rpad("today", 9) + rpad("month", 9) + "\n";
        for (const auto& r : s.rates)
            out += "  " + pad(r.mn, 25) + pad(r.factor, 9) + rpad(percent(r.today_effective), 9) +
                   rpad(percent(r.month_effective), 9) + "\n";
    }
    return out;
}

bool write_atomically(const std::filesystem::path& dir, const std::string& name,
                      const std::string& text) {
    const auto tmp = dir / (name + ".tmp");
    {
        std::ofstream f(tmp, std::ios::trunc);
        if (!f) return false;
        f << text;
        if (!f) return false;
    }
    std::error_code ec;
    std::filesystem::rename(tmp, dir / name, ec);
    return !ec;
}

} // namespace hj212gw::daemon
