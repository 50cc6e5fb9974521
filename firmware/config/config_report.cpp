#include "config/config_report.hpp"

#include "config/endpoint.hpp"
#include "config/enum_text.hpp"

#include <algorithm>

namespace hj212gw::config {
namespace {

class Lines {
public:
    void add(std::string key, std::string value) {
        lines_.push_back({std::move(key), std::move(value)});
    }
    std::vector<ReportLine> take() { return std::move(lines_); }

private:
    std::vector<ReportLine> lines_;
};

std::string in_quotes(std::string_view s) {
    return "\"" + std::string(s) + "\"";
}

/// An empty name means "label it by its address/device": say so rather than print "".
std::string label(const std::string& name) {
    return name.empty() ? "(none)" : in_quotes(name);
}

std::string yes_no(bool b) {
    return b ? "true" : "false";
}

template <class Duration>
std::string amount(Duration d, std::string_view unit) {
    return std::to_string(d.count()) + " " + std::string(unit);
}

std::string bytes(std::uint64_t n) {
    std::string out = std::to_string(n) + " bytes";
    if (n >= (1ULL << 20) && n % (1ULL << 20) == 0)
        out += " (" + std::to_string(n >> 20) + " MiB)";
    else if (n >= 1024 && n % 1024 == 0)
        out += " (" + std::to_string(n >> 10) + " KiB)";
    return out;
}

std::string list(const std::vector<std::string>& items, std::string_view when_empty) {
    if (items.empty()) return std::string(when_empty);
    std::string out;
    for (const auto& i : items)
        out += (out.empty() ? "" : ", ") + i;
    return out;
}

void add_listener(Lines& out, const std::string& k, const ListenerConfig& l) {
    out.add(k + ".name", label(l.name));
    out.add(k + ".address", "tcp://" + format_host_port(l.host, l.port));
    out.add(k + ".allow_mn", list(l.allow_mn, "any"));
    out.add(k + ".check_password",
            yes_no(l.check_password) +
                (l.check_password
                     ? (l.password.empty() ? " (against gateway.pw)" : " (own password)")
                     : ""));
    out.add(k + ".idle_timeout",
            l.idle_timeout.count() == 0 ? "never" : amount(l.idle_timeout, "s"));
    out.add(k + ".max_garbage_bytes", bytes(l.max_garbage_bytes));
    out.add(k + ".max_connections", std::to_string(l.max_connections));
}

void add_serial(Lines& out, const std::string& k, const SerialConfig& s) {
    out.add(k + ".name", label(s.name));
    out.add(k + ".device", s.device.string());
    out.add(k + ".line", std::to_string(s.baud) + " baud, " + std::to_string(s.data_bits) +
                             " data bits, parity " + std::string(to_string(s.parity)) + ", " +
                             std::to_string(s.stop_bits) + " stop bit(s)");
    out.add(k + ".rs485", yes_no(s.rs485));
}

void add_upstream(Lines& out, const std::string& k, const UpstreamConfig& u) {
    out.add(k + ".name", in_quotes(u.name));
    out.add(k + ".address", "tcp://" + format_host_port(u.host, u.port));
    out.add(k + ".window", std::to_string(u.window));
    out.add(k + ".over_time", amount(u.over_time, "s"));
    out.add(k + ".re_count", std::to_string(u.re_count));
    out.add(k + ".backoff",
            amount(u.backoff_initial, "s") + " doubling to " + amount(u.backoff_max, "s"));
    out.add(k + ".rewrite_pw", u.rewrite_pw ? in_quotes(*u.rewrite_pw) : "no (device PW kept)");
    std::string map;
    for (const auto& [from, to] : u.mn_map)
        map += (map.empty() ? "" : ", ") + from + " -> " + to;
    out.add(k + ".mn_map", map.empty() ? "none" : map);
    out.add(k + ".heartbeat", u.heartbeat.count() == 0 ? "off" : amount(u.heartbeat, "s"));
    out.add(k + ".history_ack", yes_no(u.history_ack));
}

} // namespace

std::vector<ReportLine> report_lines(const GatewayConfig& c) {
    Lines out;
    out.add("data_dir", c.data_dir.string());
    out.add("gateway.mn", c.gateway.mn.empty() ? "(none)" : c.gateway.mn);
    out.add("gateway.pw", c.gateway.pw);
    out.add("gateway.st", c.gateway.st);

    if (c.listeners.empty()) out.add("listener", "none");
    for (std::size_t i = 0; i < c.listeners.size(); ++i)
        add_listener(out, "listener[" + std::to_string(i) + "]", c.listeners[i]);
    if (c.serial_ports.empty()) out.add("serial", "none");
    for (std::size_t i = 0; i < c.serial_ports.size(); ++i)
        add_serial(out, "serial[" + std::to_string(i) + "]", c.serial_ports[i]);
    if (c.upstreams.empty()) out.add("upstream", "none");
    for (std::size_t i = 0; i < c.upstreams.size(); ++i)
        add_upstream(out, "upstream[" + std::to_string(i) + "]", c.upstreams[i]);

    const auto& p = c.protocol;
    out.add("protocol.max_segment", bytes(p.max_segment));
    out.add("protocol.emit_segment", bytes(p.emit_segment));
    out.add("protocol.reassembly.max_pending", std::to_string(p.reassembly.max_pending));
    out.add("protocol.reassembly.max_bytes", bytes(p.reassembly.max_bytes));
    out.add("protocol.reassembly.max_parts", std::to_string(p.reassembly.max_parts));
    out.add("protocol.reassembly.timeout", amount(p.reassembly.timeout, "s"));

    const auto& s = c.store;
    out.add("store.budget_bytes", s.budget_bytes == 0 ? "automatic (min(1 GiB, 80 % of free space))"
                                                      : bytes(s.budget_bytes));
    out.add("store.hard_limit_bytes", s.hard_limit_bytes == 0
                                          ? "automatic (budget + 25 %, at most 95 % of free space)"
                                          : bytes(s.hard_limit_bytes));
    out.add("store.delivered_max_age_days", amount(s.delivered_max_age, "days"));
    out.add("store.commit_interval_ms", amount(s.commit_interval, "ms"));
    out.add("store.commit_max_rows", std::to_string(s.commit_max_rows));

    out.add("clock.allow_set", yes_no(c.clock.allow_set));
    if (c.http) {
        out.add("http.address", format_host_port(c.http->host, c.http->port));
        out.add("http.token", c.http->token.empty() ? "(none)" : "(set)");
        out.add("http.limits", std::to_string(c.http->max_connections) + " connections, " +
                                   bytes(c.http->max_request_bytes) + " requests, idle " +
                                   amount(c.http->idle_timeout, "s") + ", page refresh " +
                                   amount(c.http->page_refresh, "s"));
    } else {
        out.add("http", "off");
    }
    out.add("console.socket", console_socket_path(c).string());
    out.add("console.serial",
            c.console.serial.empty()
                ? "off"
                : c.console.serial.string() + " at " + std::to_string(c.console.baud) + " baud");
    out.add("console.password", c.console.password.empty()
                                    ? "(none)"
                                    : "(set), " + std::to_string(c.console.max_failures) +
                                          " failures lock it for " +
                                          amount(c.console.lockout, "s"));
    out.add("console.idle_logout", amount(c.console.idle_logout, "s"));
    out.add("log.level", std::string(to_string(c.log.level)));
    out.add("log.file", log_file_path(c).string());
    out.add("log.max_file_bytes", bytes(c.log.max_file_bytes));
    out.add("log.max_files", std::to_string(c.log.max_files));
    out.add("runtime.rtd_interval", amount(c.runtime.rtd_interval, "s"));
    out.add("runtime.min_interval", amount(c.runtime.min_interval, "min"));
    out.add("runtime.realtime_upload", yes_no(c.runtime.realtime_upload));
    return out.take();
}

std::string config_report(const GatewayConfig& config) {
    const auto lines = report_lines(config);
    std::size_t width = 0;
    for (const auto& l : lines)
        width = std::max(width, l.key.size());
    std::string out;
    for (const auto& l : lines) {
        out += l.key;
        out.append(width - l.key.size() + 2, ' ');
        out += l.value;
        out += '\n';
    }
    return out;
}

} // namespace hj212gw::config
