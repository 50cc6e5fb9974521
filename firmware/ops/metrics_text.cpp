#include "ops/metrics_text.hpp"

#include <cstdio>

namespace hj212gw::ops {
namespace {

/// Label values escape backslash, quote and newline.
std::string escaped(std::string_view v) {
    std::string out;
    for (char c : v) {
        if (c == '\\' || c == '"')
            out += {'\\', c};
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

class Exposition {
public:
    void family(std::string_view name, std::string_view type, std::string_view help) {
        out_ += "# HELP hj212gw_";
        out_ += name;
        out_ += ' ';
        out_ += help;
        out_ += "\n# TYPE hj212gw_";
        out_ += name;
        out_ += ' ';
        out_ += type;
        out_ += '\n';
    }
    void sample(std::string_view name, std::string_view labels, double value) {
        char buf[48];
        std::snprintf(buf, sizeof buf, "%.17g", value);
        out_ += "hj212gw_";
        out_ += name;
        if (!labels.empty()) {
            out_ += '{';
            out_ += labels;
            out_ += '}';
        }
        out_ += ' ';
        out_ += buf;
        out_ += '\n';
    }
    std::string take() { return std::move(out_); }

private:
    std::string out_;
};

std::string label(std::string_view k, std::string_view v) {
    return std::string(k) + "=\"" + escaped(v) + "\"";
}

} // namespace

std::string prometheus_metrics(const GatewayStatus& s) {
    Exposition m;
    m.family("info", "gauge", "Version and MN of this gateway (value 1).");
    m.sample("info", label("version", s.version) + "," + label("mn", s.mn), 1);
    m.family("uptime_seconds", "gauge", "Seconds since the daemon started.");
    m.sample("uptime_seconds", "", static_cast<double>(s.now_ms - s.started_ms) / 1000.0);
    m.family("clock_offset_milliseconds", "gauge",
             "Platform time minus gateway time, as the last 1012 recorded it.");
    m.sample("clock_offset_milliseconds", "", static_cast<double>(s.clock_offset_ms));
    m.family("disk_alarm", "gauge", "1 while the disk is full and devices are not acknowledged.");
    m.sample("disk_alarm", "", s.disk_alarm ? 1 : 0);
    m.family("store_bytes", "gauge", "Size of the database and its WAL.");
    m.sample("store_bytes", "", static_cast<double>(s.store.file_bytes));
    m.family("disk_free_bytes", "gauge", "Free space on the data partition.");
    m.sample("disk_free_bytes", "", static_cast<double>(s.store.disk_free_bytes));
    m.family("disk_total_bytes", "gauge", "Size of the data partition.");
    m.sample("disk_total_bytes", "", static_cast<double>(s.store.disk_total_bytes));
    m.family("evicted_packets_total", "counter",
             "Packets retention removed, by whether every platform had acknowledged them.");
    m.sample("evicted_packets_total", "delivered=\"true\"",
             static_cast<double>(s.store.evicted_delivered));
    m.sample("evicted_packets_total", "delivered=\"false\"",
             static_cast<double>(s.store.evicted_undelivered));

    const auto& t = s.device_totals;
    m.family("device_connections_total", "counter", "Device connections accepted or opened.");
    m.sample("device_connections_total", "", static_cast<double>(t.connections));
    m.family("device_bytes_total", "counter", "Bytes received from devices.");
    m.sample("device_bytes_total", "", static_cast<double>(t.bytes));
    m.family("packets_in_total", "counter", "Data packets received from devices.");
    m.sample("packets_in_total", "", static_cast<double>(t.frames));
    m.family("packets_stored_total", "counter", "Device packets made durable (then acknowledged).");
    m.sample("packets_stored_total", "", static_cast<double>(t.stored));
    m.family("device_errors_total", "counter", "Device input errors by kind.");
    for (const auto& [kind, n] : t.errors_by_kind)
        m.sample("device_errors_total", label("kind", kind), static_cast<double>(n));
    m.family("devices_connected", "gauge", "Device connections open now.");
    m.sample("devices_connected", "", static_cast<double>(s.devices.size()));

    m.family("upstream_up", "gauge", "1 when the platform link is up.");
    for (const auto& u : s.upstreams)
        m.sample("upstream_up", label("upstream", u.name), u.state == "up" ? 1 : 0);
    m.family("upstream_rtt_milliseconds", "gauge",
             "Smoothed time from send to the platform's ack.");
    for (const auto& u : s.upstreams)
        if (u.rtt_ms)
            m.sample("upstream_rtt_milliseconds", label("upstream", u.name),
                     static_cast<double>(*u.rtt_ms));
    m.family("packets_out_total", "counter", "Packets sent to a platform (resends included).");
    for (const auto& u : s.upstreams)
        m.sample("packets_out_total", label("upstream", u.name), static_cast<double>(u.sent));
    m.family("packets_acked_total", "counter", "Packets a platform acknowledged.");
    for (const auto& u : s.upstreams)
        m.sample("packets_acked_total", label("upstream", u.name), static_cast<double>(u.acked));
    m.family("upstream_errors_total", "counter", "Platform link errors by kind.");
    for (const auto& u : s.upstreams) {
        m.sample("upstream_errors_total", label("upstream", u.name) + ",kind=\"timeout\"",
                 static_cast<double>(u.timeouts));
        m.sample("upstream_errors_total", label("upstream", u.name) + ",kind=\"resend\"",
                 static_cast<double>(u.resent));
    }
    m.family("upstream_connects_total", "counter", "Connections made to the platform.");
    for (const auto& u : s.upstreams)
        m.sample("upstream_connects_total", label("upstream", u.name),
                 static_cast<double>(u.connects));
    m.family("queue_depth", "gauge", "Packets not yet acknowledged by the platform.");
    for (const auto& u : s.upstreams)
        m.sample("queue_depth", label("upstream", u.name), static_cast<double>(u.pending));
    m.family("queue_in_flight", "gauge", "Packets sent and awaiting the platform's ack.");
    for (const auto& u : s.upstreams)
        m.sample("queue_in_flight", label("upstream", u.name), static_cast<double>(u.in_flight));
    m.family("queue_oldest_pending_seconds", "gauge",
             "Age of the oldest packet the platform has not acknowledged (0: none).");
    for (const auto& u : s.upstreams)
        m.sample("queue_oldest_pending_seconds", label("upstream", u.name),
                 static_cast<double>(u.oldest_pending_age_ms.value_or(0)) / 1000.0);

    m.family("effective_rate", "gauge",
             "传输有效率: valid hourly values / hourly values due, per MN and factor.");
    for (const auto& r : s.rates) {
        const auto base = label("mn", r.mn) + "," + label("factor", r.factor);
        if (r.today_effective)
            m.sample("effective_rate", base + ",period=\"day\"", *r.today_effective);
        if (r.month_effective)
            m.sample("effective_rate", base + ",period=\"month\"", *r.month_effective);
    }
    m.family("hourly_values", "gauge", "Hourly values of the month so far, by kind.");
    for (const auto& r : s.rates) {
        const auto base = label("mn", r.mn) + "," + label("factor", r.factor);
        m.sample("hourly_values", base + ",kind=\"due\"", static_cast<double>(r.month_should));
        m.sample("hourly_values", base + ",kind=\"received\"",
                 static_cast<double>(r.month_received));
        m.sample("hourly_values", base + ",kind=\"valid\"", static_cast<double>(r.month_valid));
    }
    return m.take();
}

} // namespace hj212gw::ops
