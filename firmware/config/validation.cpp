#include "config/validation.hpp"

#include "config/endpoint.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

namespace hj212gw::config {
namespace {

constexpr std::size_t kMaxFieldLength = 64;

std::string at(std::string_view list, std::size_t i) {
    return std::string(list) + "[" + std::to_string(i) + "]";
}

/// Why `value` cannot be written into a segment field; characters that delimit the segment
/// (; , = &) or are not printable would corrupt every packet that carries it.
std::optional<std::string> field_problem(std::string_view value) {
    if (value.size() > kMaxFieldLength)
        return "longer than " + std::to_string(kMaxFieldLength) + " characters";
    for (const char c : value) {
        if (c <= ' ' || c > '~') return "contains a space or a non-printable character";
        if (c == ';' || c == ',' || c == '=' || c == '&')
            return std::string("contains '") + c + "', which delimits HJ 212 fields";
    }
    return std::nullopt;
}

bool is_loopback(std::string_view host) {
    return host == "localhost" || host == "::1" || host.substr(0, 4) == "127.";
}

class Checker {
public:
    void check_field(const std::string& key, std::string_view value, bool required) {
        if (value.empty()) {
            if (required) add(key, "must not be empty");
            return;
        }
        if (auto problem = field_problem(value))
            add(key, "'" + std::string(value) + "' " + *problem);
    }

    void add(std::string key, std::string message) {
        errors_.push_back({std::move(key), std::move(message)});
    }

    ConfigErrors take() { return std::move(errors_); }

private:
    ConfigErrors errors_;
};

void check_identity(Checker& c, const IdentityConfig& g) {
    c.check_field("gateway.mn", g.mn, false);
    c.check_field("gateway.pw", g.pw, true);
    const bool st_ok = g.st.size() == 2 && std::all_of(g.st.begin(), g.st.end(), [](char ch) {
                           return ch >= '0' && ch <= '9';
                       });
    if (!st_ok)
        c.add("gateway.st", "'" + g.st + "' must be two digits (e.g. 32 for water, 31 gas)");
}

void check_sources(Checker& c, const GatewayConfig& config) {
    if (config.listeners.empty() && config.serial_ports.empty())
        c.add("listener", "no [[listener]] and no [[serial]] (--listen/--serial): the gateway "
                          "would receive nothing");

    std::map<std::uint16_t, std::string> ports; // port -> first key using it
    std::map<std::string, std::string> names;   // source name -> first key using it
    const auto unique_name = [&](const std::string& name, const std::string& key) {
        if (name.empty()) return;
        if (auto [it, inserted] = names.emplace(name, key); !inserted)
            c.add(key + ".name", "'" + name + "' is also the name of " + it->second);
    };

    for (std::size_t i = 0; i < config.listeners.size(); ++i) {
        const auto& l = config.listeners[i];
        const auto key = at("listener", i);
        if (l.port == 0)
            c.add(key + ".port", "missing (1..65535)");
        else if (auto [it, inserted] = ports.emplace(l.port, key); !inserted)
            c.add(key + ".port", std::to_string(l.port) + " is also used by " + it->second);
        if (!l.name.empty())
            if (auto problem = name_problem(l.name)) c.add(key + ".name", *problem);
        unique_name(l.name, key);
        if (auto problem = host_problem(l.host)) c.add(key + ".host", *problem);
        for (std::size_t m = 0; m < l.allow_mn.size(); ++m)
            c.check_field(key + ".allow_mn" + "[" + std::to_string(m) + "]", l.allow_mn[m], true);
        if (l.check_password) c.check_field(key + ".password", l.password, false);
    }

    std::map<std::string, std::string> devices;
    for (std::size_t i = 0; i < config.serial_ports.size(); ++i) {
        const auto& s = config.serial_ports[i];
        const auto key = at("serial", i);
        if (s.device.empty())
            c.add(key + ".device", "missing");
        else if (auto [it, inserted] = devices.emplace(s.device.string(), key); !inserted)
            c.add(key + ".device", s.device.string() + " is also used by " + it->second);
        if (!s.name.empty())
            if (auto problem = name_problem(s.name)) c.add(key + ".name", *problem);
        unique_name(s.name, key);
        if (!is_standard_baud(s.baud))
            c.add(key + ".baud", std::to_string(s.baud) + " is not a standard baud rate");
    }
    if (!config.console.serial.empty())
        if (auto it = devices.find(config.console.serial.string()); it != devices.end())
            c.add("console.serial", config.console.serial.string() + " is also used by " +
                                        it->second + " (a device port cannot be the console)");

    if (config.http) {
        if (auto [it, inserted] = ports.emplace(config.http->port, "http"); !inserted)
            c.add("http.port",
                  std::to_string(config.http->port) + " is also used by " + it->second);
    }
}

void check_upstreams(Checker& c, const GatewayConfig& config) {
    if (config.upstreams.empty())
        c.add("upstream", "no [[upstream]] (--upstream): data would be stored but never sent");
    std::map<std::string, std::string> names;
    for (std::size_t i = 0; i < config.upstreams.size(); ++i) {
        const auto& u = config.upstreams[i];
        const auto key = at("upstream", i);
        if (auto problem = name_problem(u.name))
            c.add(key + ".name", *problem);
        else if (auto [it, inserted] = names.emplace(u.name, key); !inserted)
            c.add(key + ".name", "'" + u.name + "' is also the name of " + it->second +
                                     " (names key the delivery queues)");
        if (auto problem = host_problem(u.host)) c.add(key + ".host", *problem);
        if (u.port == 0) c.add(key + ".port", "missing (1..65535)");
        if (u.backoff_max < u.backoff_initial)
            c.add(key + ".backoff_max", std::to_string(u.backoff_max.count()) +
                                            " s is below backoff_initial (" +
                                            std::to_string(u.backoff_initial.count()) + " s)");
        if (u.rewrite_pw) c.check_field(key + ".rewrite_pw", *u.rewrite_pw, true);
        for (const auto& [device_mn, platform_mn] : u.mn_map) {
            const auto entry = key + ".mn_map.\"" + device_mn + "\"";
            c.check_field(entry + " (device MN)", device_mn, true);
            c.check_field(entry, platform_mn, true);
        }
    }
}

void check_limits(Checker& c, const GatewayConfig& config) {
    if (config.data_dir.empty()) c.add("data_dir", "must not be empty (--data-dir)");
    const auto& p = config.protocol;
    if (p.reassembly.max_bytes < p.max_segment)
        c.add("protocol.reassembly.max_bytes",
              std::to_string(p.reassembly.max_bytes) + " is below protocol.max_segment (" +
                  std::to_string(p.max_segment) + "): not even one part would fit");
    const auto& s = config.store;
    if (s.budget_bytes != 0 && s.hard_limit_bytes != 0 && s.hard_limit_bytes < s.budget_bytes)
        c.add("store.hard_limit_bytes", std::to_string(s.hard_limit_bytes) +
                                            " is below store.budget_bytes (" +
                                            std::to_string(s.budget_bytes) + ")");
    if (config.http) {
        if (auto problem = host_problem(config.http->host)) c.add("http.host", *problem);
        // The endpoint exposes the gateway's state and may grow controls: never open it to the
        // network without authentication.
        if (config.http->token.empty() && !is_loopback(config.http->host))
            c.add("http.token",
                  "required when http.host (" + config.http->host + ") is not a loopback address");
    }
}

void check_averaging(Checker& c, const GatewayConfig& config) {
    std::map<std::string, std::string> mns;
    for (std::size_t i = 0; i < config.averaging.size(); ++i) {
        const auto& a = config.averaging[i];
        const auto key = at("averaging", i);
        c.check_field(key + ".mn", a.mn, true);
        if (!a.mn.empty())
            if (auto [it, inserted] = mns.emplace(a.mn, key); !inserted)
                c.add(key + ".mn", "'" + a.mn + "' is also averaged by " + it->second);
        if (!a.flow_factor.empty()) c.check_field(key + ".flow_factor", a.flow_factor, true);
        for (std::size_t f = 0; f < a.factors.size(); ++f)
            c.check_field(key + ".factors[" + std::to_string(f) + "]", a.factors[f], true);
        if (a.kind == AveragingKind::water && !a.reference_o2.empty())
            c.add(key + ".reference_o2", "only for kind = \"gas\" (flue gas)");
        if (a.kind == AveragingKind::gas && a.method != AveragingMethod::arithmetic)
            c.add(key + ".method", "only for kind = \"water\"");
        for (const auto& [factor, o2] : a.reference_o2) {
            if (std::find(a.factors.begin(), a.factors.end(), factor) == a.factors.end())
                c.add(key + ".reference_o2." + factor,
                      "'" + factor + "' is not in " + key + ".factors");
        }
    }
}

void check_validity(Checker& c, const GatewayConfig& config) {
    std::map<std::pair<std::string, std::string>, std::string> keys;  // (mn, factor) -> key
    std::map<std::string, std::pair<std::string, std::string>> flows; // mn -> (flow, key)
    for (std::size_t i = 0; i < config.validity.size(); ++i) {
        const auto& v = config.validity[i];
        const auto key = at("validity", i);
        c.check_field(key + ".mn", v.mn, false);
        c.check_field(key + ".factor", v.factor, true);
        if (!v.factor.empty())
            if (auto [it, inserted] = keys.emplace(std::pair{v.mn, v.factor}, key); !inserted)
                c.add(key + ".factor", "'" + v.factor + "'" +
                                           (v.mn.empty() ? "" : " at MN '" + v.mn + "'") +
                                           " already has a rule in " + it->second);
        if (v.range_min && v.range_max && *v.range_min > *v.range_max)
            c.add(key + ".range_max", "is below range_min");
        if (v.stuck_hours && (v.stuck_hours->count() < 0 || v.stuck_hours->count() > 168))
            c.add(key + ".stuck_hours", "must be 0 (off) or 1..168 h");
        if (v.flow_factor.empty()) continue;
        c.check_field(key + ".flow_factor", v.flow_factor, true);
        if (v.mn.empty()) {
            c.add(key + ".flow_factor", "needs an mn (the flow factor is set per MN)");
        } else if (auto [it, inserted] = flows.emplace(v.mn, std::pair{v.flow_factor, key});
                   !inserted && it->second.first != v.flow_factor) {
            c.add(key + ".flow_factor", "'" + v.flow_factor + "' differs from '" +
                                            it->second.first + "' in " + it->second.second);
        }
    }
}

} // namespace

ConfigErrors validate(const GatewayConfig& config) {
    Checker c;
    check_limits(c, config);
    check_identity(c, config.gateway);
    check_sources(c, config);
    check_upstreams(c, config);
    check_averaging(c, config);
    check_validity(c, config);
    return c.take();
}

} // namespace hj212gw::config
