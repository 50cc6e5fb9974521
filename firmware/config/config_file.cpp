#include "config/config_file.hpp"

#include "config/closest_match.hpp"
#include "config/endpoint.hpp"
#include "config/enum_text.hpp"

// toml++ is used with its default (exceptions on): Debian ships it as a compiled library built
// that way, and TOML_EXCEPTIONS=0 would select a different ABI namespace that the library does
// not export. The only exception it throws is parse_error, caught in parse_toml below.
#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>
#include <vector>

namespace hj212gw::config {
namespace {

constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();

std::string type_name(const toml::node& node) {
    switch (node.type()) {
    case toml::node_type::string:
        return "a string";
    case toml::node_type::integer:
        return "an integer";
    case toml::node_type::floating_point:
        return "a float";
    case toml::node_type::boolean:
        return "a boolean";
    case toml::node_type::date:
        return "a date";
    case toml::node_type::time:
        return "a time";
    case toml::node_type::date_time:
        return "a date-time";
    case toml::node_type::array:
        return "an array";
    case toml::node_type::table:
        return "a table";
    case toml::node_type::none:
        break;
    }
    return "nothing";
}

bool is_bare_key(std::string_view key) {
    return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '-';
    });
}

/// An allowed range of an integer key, and what 0 means when 0 is allowed outside it.
struct Range {
    std::int64_t min;
    std::int64_t max;
    std::string_view unit = {};       ///< "s", "bytes", ... for the message
    std::string_view zero_means = {}; ///< non-empty: 0 is also allowed and means this

    bool contains(std::int64_t v) const noexcept {
        return (v >= min && v <= max) || (v == 0 && !zero_means.empty());
    }
    std::string text() const {
        std::string out;
        if (!zero_means.empty()) out += "0 (" + std::string(zero_means) + ") or ";
        out += std::to_string(min) + ".." + std::to_string(max);
        if (!unit.empty()) out += " " + std::string(unit);
        return out;
    }
};

/// Reads the keys of one TOML table into plain values. Every key asked for is remembered as
/// known, so finish() can report everything else as unknown, with a suggestion.
class TableReader {
public:
    TableReader(const toml::table& table, std::string path, ConfigErrors& errors)
        : table_(table), path_(std::move(path)), errors_(errors) {}

    std::string key_path(std::string_view key) const {
        const std::string k = is_bare_key(key) ? std::string(key) : "\"" + std::string(key) + "\"";
        return path_.empty() ? k : path_ + "." + k;
    }

    void report(const toml::source_region& where, std::string key, std::string message) {
        errors_.push_back(
            {std::move(key), std::move(message), where.begin.line, where.begin.column});
    }

    void report_wrong_type(std::string_view key, const toml::node& node, std::string_view want) {
        report(node.source(), key_path(key),
               "expected " + std::string(want) + ", got " + type_name(node));
    }

    const toml::node* find(std::string_view key) {
        known_.push_back(key);
        return table_.get(key);
    }

    /// A required key that is absent is reported at the table's position.
    void require(std::string_view key) {
        if (table_.get(key) == nullptr)
            report(table_.source(), key_path(key), "missing required key");
    }

    template <class Int>
    void integer(std::string_view key, Int& out, const Range& range) {
        if (auto v = read_integer(key, range)) out = static_cast<Int>(*v);
    }

    template <class Rep, class Period>
    void duration(std::string_view key, std::chrono::duration<Rep, Period>& out,
                  const Range& range) {
        if (auto v = read_integer(key, range)) out = std::chrono::duration<Rep, Period>(*v);
    }

    /// An integer that must be one of a fixed set (e.g. MinInterval).
    template <class Rep, class Period>
    void duration_in_set(std::string_view key, std::chrono::duration<Rep, Period>& out,
                         std::initializer_list<std::int64_t> allowed, std::string_view unit) {
        const auto v =
            read_integer(key, Range{std::numeric_limits<std::int64_t>::min(), kInt64Max});
        if (!v) return;
        if (std::find(allowed.begin(), allowed.end(), *v) == allowed.end()) {
            std::string list;
            for (const auto a : allowed)
                list += (list.empty() ? "" : ", ") + std::to_string(a);
            report(table_.get(key)->source(), key_path(key),
                   "must be one of " + list + " " + std::string(unit) + ", got " +
                       std::to_string(*v));
            return;
        }
        out = std::chrono::duration<Rep, Period>(*v);
    }

    void boolean(std::string_view key, bool& out) {
        const auto* node = find(key);
        if (node == nullptr) return;
        if (const auto* b = node->as_boolean()) {
            out = b->get();
        } else {
            report_wrong_type(key, *node, "a boolean (true or false)");
        }
    }

    const std::string* string(std::string_view key) {
        const auto* node = find(key);
        if (node == nullptr) return nullptr;
        if (const auto* s = node->as_string()) return &s->get();
        report_wrong_type(key, *node, "a string");
        return nullptr;
    }

    void string(std::string_view key, std::string& out) {
        if (const auto* s = string(key)) out = *s;
    }

    void string(std::string_view key, std::filesystem::path& out) {
        if (const auto* s = string(key)) out = *s;
    }

    void optional_string(std::string_view key, std::optional<std::string>& out) {
        if (const auto* s = string(key)) out = *s;
    }

    void host(std::string_view key, std::string& out) {
        const auto* s = string(key);
        if (s == nullptr) return;
        if (auto problem = host_problem(*s)) {
            report(table_.get(key)->source(), key_path(key), *problem);
            return;
        }
        // Brackets are for the command line, where the port follows; keep bare addresses.
        out = (!s->empty() && s->front() == '[') ? s->substr(1, s->size() - 2) : *s;
    }

    void name(std::string_view key, std::string& out) {
        const auto* s = string(key);
        if (s == nullptr) return;
        if (auto problem = name_problem(*s)) {
            report(table_.get(key)->source(), key_path(key), *problem);
            return;
        }
        out = *s;
    }

    void string_list(std::string_view key, std::vector<std::string>& out) {
        const auto* node = find(key);
        if (node == nullptr) return;
        const auto* array = node->as_array();
        if (array == nullptr) {
            report_wrong_type(key, *node, "an array of strings");
            return;
        }
        std::vector<std::string> values;
        bool ok = true;
        for (std::size_t i = 0; i < array->size(); ++i) {
            const auto& item = *array->get(i);
            if (const auto* s = item.as_string()) {
                values.push_back(s->get());
            } else {
                report(item.source(), key_path(key) + "[" + std::to_string(i) + "]",
                       "expected a string, got " + type_name(item));
                ok = false;
            }
        }
        if (ok) out = std::move(values);
    }

    void string_map(std::string_view key, std::map<std::string, std::string>& out) {
        const auto* node = find(key);
        if (node == nullptr) return;
        const auto* table = node->as_table();
        if (table == nullptr) {
            report_wrong_type(key, *node, "a table of strings");
            return;
        }
        TableReader inner(*table, key_path(key), errors_);
        std::map<std::string, std::string> values;
        bool ok = true;
        for (const auto& [k, v] : *table) {
            if (const auto* s = v.as_string()) {
                values.emplace(std::string(k.str()), s->get());
            } else {
                inner.report_wrong_type(k.str(), v, "a string");
                ok = false;
            }
        }
        if (ok) out = std::move(values);
    }

    /// A number (integer or float) in [min, max] (max exclusive when `max_open`).
    void number(std::string_view key, double& out, double min, double max, bool max_open) {
        if (auto v = read_number(key, min, max, max_open)) out = *v;
    }

    /// A table of numbers (`{ a21026 = 11.0 }`), each in the range.
    void number_map(std::string_view key, std::map<std::string, double>& out, double min,
                    double max, bool max_open) {
        const auto* t = table(key);
        if (t == nullptr) return;
        TableReader inner(*t, key_path(key), errors_);
        std::map<std::string, double> values;
        bool ok = true;
        for (const auto& [k, v] : *t) {
            if (auto n = inner.read_number(k.str(), min, max, max_open))
                values.emplace(std::string(k.str()), *n);
            else
                ok = false;
        }
        if (ok) out = std::move(values);
    }

    /// An optional number without bounds (set only when the key is present and valid).
    void optional_number(std::string_view key, std::optional<double>& out) {
        const auto* node = find(key);
        if (node == nullptr) return;
        if (const auto* f = node->as_floating_point()) {
            out = f->get();
        } else if (const auto* i = node->as_integer()) {
            out = static_cast<double>(i->get());
        } else {
            report_wrong_type(key, *node, "a number");
        }
    }

    void optional_boolean(std::string_view key, std::optional<bool>& out) {
        if (find(key) == nullptr) return;
        bool v = false;
        boolean(key, v);
        if (table_.get(key)->is_boolean()) out = v;
    }

    template <class Rep, class Period>
    void optional_duration(std::string_view key,
                           std::optional<std::chrono::duration<Rep, Period>>& out,
                           const Range& range) {
        if (auto v = read_integer(key, range)) out = std::chrono::duration<Rep, Period>(*v);
    }

    template <class Enum, class Parse>
    void choice(std::string_view key, Enum& out, Parse parse, std::string_view choices) {
        const auto* s = string(key);
        if (s == nullptr) return;
        if (auto v = parse(*s)) {
            out = *v;
        } else {
            report(table_.get(key)->source(), key_path(key),
                   "'" + *s + "' is not one of " + std::string(choices));
        }
    }

    /// A sub-table; reported when the key holds something else.
    const toml::table* table(std::string_view key) {
        const auto* node = find(key);
        if (node == nullptr) return nullptr;
        if (const auto* t = node->as_table()) return t;
        report_wrong_type(key, *node, "a table ([" + key_path(key) + "])");
        return nullptr;
    }

    /// An array of tables ([[key]]); each element that is not a table is reported.
    std::vector<const toml::table*> table_array(std::string_view key) {
        std::vector<const toml::table*> out;
        const auto* node = find(key);
        if (node == nullptr) return out;
        const auto* array = node->as_array();
        if (array == nullptr) {
            report_wrong_type(key, *node, "an array of tables ([[" + key_path(key) + "]])");
            return out;
        }
        for (std::size_t i = 0; i < array->size(); ++i) {
            const auto& item = *array->get(i);
            if (const auto* t = item.as_table()) {
                out.push_back(t);
            } else {
                report(item.source(), key_path(key) + "[" + std::to_string(i) + "]",
                       "expected a table, got " + type_name(item));
                out.push_back(nullptr);
            }
        }
        return out;
    }

    /// Reports every key of the table that no read asked for.
    void finish() {
        for (const auto& [k, v] : table_) {
            const std::string_view name = k.str();
            if (std::find(known_.begin(), known_.end(), name) != known_.end()) continue;
            std::string message = "unknown key";
            if (auto guess = closest_match(name, known_))
                message += " (did you mean " + *guess + "?)";
            report(k.source(), key_path(name), std::move(message));
        }
    }

private:
    std::optional<double> read_number(std::string_view key, double min, double max, bool max_open) {
        const auto* node = find(key);
        if (node == nullptr) return std::nullopt;
        const auto text = [](double x) {
            std::ostringstream o;
            o << x;
            return o.str();
        };
        const std::string range =
            max_open ? text(min) + " <= x < " + text(max) : text(min) + ".." + text(max);
        std::optional<double> v;
        if (const auto* f = node->as_floating_point()) v = f->get();
        if (const auto* i = node->as_integer()) v = static_cast<double>(i->get());
        if (!v) {
            report_wrong_type(key, *node, "a number in " + range);
            return std::nullopt;
        }
        if (!(*v >= min && (max_open ? *v < max : *v <= max))) {
            report(node->source(), key_path(key),
                   std::to_string(*v) + " is out of range: must be " + range);
            return std::nullopt;
        }
        return v;
    }

    std::optional<std::int64_t> read_integer(std::string_view key, const Range& range) {
        const auto* node = find(key);
        if (node == nullptr) return std::nullopt;
        const auto* i = node->as_integer();
        if (i == nullptr) {
            report_wrong_type(key, *node, "an integer in " + range.text());
            return std::nullopt;
        }
        const std::int64_t v = i->get();
        if (!range.contains(v)) {
            report(node->source(), key_path(key),
                   std::to_string(v) + " is out of range: must be " + range.text());
            return std::nullopt;
        }
        return v;
    }

    const toml::table& table_;
    std::string path_;
    ConfigErrors& errors_;
    std::vector<std::string_view> known_;
};

// The ranges below are the single source of the limits quoted in error messages; the example
// file's comments repeat them for people.
constexpr Range kPort{1, 65535};
constexpr Range kHttpConnections{1, 256};
constexpr Range kHttpRequestBytes{1024, 1 << 20, "bytes"};
constexpr Range kHttpIdle{1, 3600, "s"};
constexpr Range kHttpRefresh{1, 3600, "s"};
constexpr Range kConsoleFailures{1, 100};
constexpr Range kConsoleLockout{1, 86400, "s"};
constexpr Range kConsoleIdle{10, 86400, "s"};
constexpr Range kConsoleSessions{1, 64};
constexpr Range kIdleTimeout{1, 86400, "s", "never"};
constexpr Range kGarbage{64, 16 * 1024 * 1024, "bytes"};
constexpr Range kConnections{1, 4096};
constexpr Range kBaud{1, 4294967295LL}; // then checked against the standard list
constexpr Range kDataBits{5, 8};
constexpr Range kStopBits{1, 2};
constexpr Range kWindow{1, 256};
constexpr Range kOverTime{1, 99, "s"};
constexpr Range kReCount{1, 99};
constexpr Range kBackoff{1, 86400, "s"};
constexpr Range kHeartbeat{1, 3600, "s", "off"};
constexpr Range kMaxSegment{1, 9999, "bytes"};
constexpr Range kEmitSegment{100, 9999, "bytes"};
constexpr Range kMaxPending{1, 4096};
constexpr Range kMaxBytes{1024, 1LL << 30, "bytes"};
constexpr Range kMaxParts{1, 9999};
constexpr Range kReassemblyTimeout{1, 3600, "s"};
constexpr Range kBudget{1 << 20, kInt64Max, "bytes", "automatic"};
constexpr Range kMaxAgeDays{1, 3650, "days"};
constexpr Range kCommitInterval{1, 10000, "ms"};
constexpr Range kCommitRows{1, 100000};
constexpr Range kLogFileBytes{4096, 1LL << 30, "bytes"};
constexpr Range kLogFiles{1, 100};
constexpr Range kRtdInterval{30, 3600, "s"};
constexpr Range kStuckHours{0, 168, "h"};

void read_gateway(TableReader& r, IdentityConfig& g) {
    r.string("mn", g.mn);
    r.string("pw", g.pw);
    r.string("st", g.st);
}

void read_listener(TableReader& r, ListenerConfig& l) {
    r.require("port");
    r.string("name", l.name);
    r.host("host", l.host);
    r.integer("port", l.port, kPort);
    r.string_list("allow_mn", l.allow_mn);
    r.boolean("check_password", l.check_password);
    r.string("password", l.password);
    r.duration("idle_timeout", l.idle_timeout, kIdleTimeout);
    r.integer("max_garbage_bytes", l.max_garbage_bytes, kGarbage);
    r.integer("max_connections", l.max_connections, kConnections);
}

void read_serial(TableReader& r, SerialConfig& s) {
    r.require("device");
    r.string("name", s.name);
    r.string("device", s.device);
    std::uint32_t baud = s.baud;
    r.integer("baud", baud, kBaud);
    if (is_standard_baud(baud)) {
        s.baud = baud;
    } else {
        std::string list;
        for (const auto b : standard_bauds())
            list += (list.empty() ? "" : ", ") + std::to_string(b);
        r.report(r.find("baud")->source(), r.key_path("baud"),
                 std::to_string(baud) + " is not a standard baud rate: must be one of " + list);
    }
    r.integer("data_bits", s.data_bits, kDataBits);
    r.choice("parity", s.parity, parse_parity, kParityChoices);
    r.integer("stop_bits", s.stop_bits, kStopBits);
    r.boolean("rs485", s.rs485);
}

void read_upstream(TableReader& r, UpstreamConfig& u) {
    r.require("name");
    r.require("host");
    r.require("port");
    r.name("name", u.name);
    r.host("host", u.host);
    r.integer("port", u.port, kPort);
    r.integer("window", u.window, kWindow);
    r.duration("over_time", u.over_time, kOverTime);
    r.integer("re_count", u.re_count, kReCount);
    r.duration("backoff_initial", u.backoff_initial, kBackoff);
    r.duration("backoff_max", u.backoff_max, kBackoff);
    r.optional_string("rewrite_pw", u.rewrite_pw);
    r.string_map("mn_map", u.mn_map);
    r.duration("heartbeat", u.heartbeat, kHeartbeat);
    r.boolean("history_ack", u.history_ack);
}

void read_reassembly(TableReader& r, ReassemblyConfig& c) {
    r.integer("max_pending", c.max_pending, kMaxPending);
    r.integer("max_bytes", c.max_bytes, kMaxBytes);
    r.integer("max_parts", c.max_parts, kMaxParts);
    r.duration("timeout", c.timeout, kReassemblyTimeout);
}

void read_store(TableReader& r, StoreConfig& s) {
    r.integer("budget_bytes", s.budget_bytes, kBudget);
    r.integer("hard_limit_bytes", s.hard_limit_bytes, kBudget);
    r.duration("delivered_max_age_days", s.delivered_max_age, kMaxAgeDays);
    r.duration("commit_interval_ms", s.commit_interval, kCommitInterval);
    r.integer("commit_max_rows", s.commit_max_rows, kCommitRows);
}

void read_http(TableReader& r, HttpConfig& h) {
    r.host("host", h.host);
    r.integer("port", h.port, kPort);
    r.string("token", h.token);
    r.integer("max_connections", h.max_connections, kHttpConnections);
    r.integer("max_request_bytes", h.max_request_bytes, kHttpRequestBytes);
    r.duration("idle_timeout", h.idle_timeout, kHttpIdle);
    r.duration("page_refresh", h.page_refresh, kHttpRefresh);
}

void read_console(TableReader& r, ConsoleConfig& c) {
    r.string("serial", c.serial);
    std::uint32_t baud = c.baud;
    r.integer("baud", baud, kBaud);
    if (is_standard_baud(baud)) {
        c.baud = baud;
    } else {
        r.report(r.find("baud")->source(), r.key_path("baud"),
                 std::to_string(baud) + " is not a standard baud rate");
    }
    r.string("socket", c.socket);
    r.string("password", c.password);
    r.integer("max_failures", c.max_failures, kConsoleFailures);
    r.duration("lockout", c.lockout, kConsoleLockout);
    r.duration("idle_logout", c.idle_logout, kConsoleIdle);
    r.integer("max_sessions", c.max_sessions, kConsoleSessions);
}

void read_log(TableReader& r, LogConfig& l) {
    r.choice("level", l.level, parse_log_level, kLogLevelChoices);
    r.string("file", l.file);
    r.integer("max_file_bytes", l.max_file_bytes, kLogFileBytes);
    r.integer("max_files", l.max_files, kLogFiles);
}

void read_runtime(TableReader& r, RuntimeDefaults& d) {
    r.duration("rtd_interval", d.rtd_interval, kRtdInterval);
    // The standard's MinInterval values: divisors of 60 so intervals align on the hour.
    r.duration_in_set("min_interval", d.min_interval, {1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30},
                      "min");
    r.boolean("realtime_upload", d.realtime_upload);
}

std::optional<AveragingKind> parse_averaging_kind(std::string_view s) {
    if (s == "water") return AveragingKind::water;
    if (s == "gas") return AveragingKind::gas;
    return std::nullopt;
}

std::optional<AveragingMethod> parse_averaging_method(std::string_view s) {
    if (s == "arithmetic") return AveragingMethod::arithmetic;
    if (s == "flow_weighted") return AveragingMethod::flow_weighted;
    return std::nullopt;
}

void read_averaging(TableReader& r, AveragingEntry& a) {
    r.require("mn");
    r.string("mn", a.mn);
    r.choice("kind", a.kind, parse_averaging_kind, "water | gas");
    r.duration_in_set("min_interval", a.min_interval, {1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30},
                      "min");
    r.choice("method", a.method, parse_averaging_method, "arithmetic | flow_weighted");
    r.string_list("factors", a.factors);
    r.string("flow_factor", a.flow_factor);
    // O2_ref of formula 28: below 21 % (the ratio would divide by zero at 21).
    r.number_map("reference_o2", a.reference_o2, 0.0, 21.0, true);
}

void read_validity(TableReader& r, ValidityEntry& v) {
    r.require("factor");
    r.string("mn", v.mn);
    r.string("factor", v.factor);
    r.optional_number("range_min", v.range_min);
    r.optional_number("range_max", v.range_max);
    if (v.range_min && v.range_max && *v.range_min > *v.range_max) {
        std::ostringstream o;
        o << *v.range_max << " is below range_min (" << *v.range_min << ")";
        r.report(r.find("range_max")->source(), r.key_path("range_max"), o.str());
    }
    r.optional_boolean("allow_negative", v.allow_negative);
    r.optional_duration("stuck_hours", v.stuck_hours, kStuckHours);
    r.string("flow_factor", v.flow_factor);
}

void read_root(const toml::table& root, GatewayConfig& c, ConfigErrors& errors) {
    TableReader r(root, "", errors);
    r.string("data_dir", c.data_dir);

    const auto sub = [&](std::string_view key, auto read) {
        if (const auto* t = r.table(key)) {
            TableReader inner(*t, r.key_path(key), errors);
            read(inner);
            inner.finish();
        }
    };
    const auto each = [&](std::string_view key, auto& list, auto read) {
        list.clear();
        const auto tables = r.table_array(key);
        for (std::size_t i = 0; i < tables.size(); ++i) {
            if (tables[i] == nullptr) continue;
            const std::string path = r.key_path(key) + "[" + std::to_string(i) + "]";
            TableReader inner(*tables[i], path, errors);
            list.emplace_back();
            read(inner, list.back());
            inner.finish();
        }
    };

    sub("gateway", [&](TableReader& t) { read_gateway(t, c.gateway); });
    each("listener", c.listeners, [](TableReader& t, ListenerConfig& l) { read_listener(t, l); });
    each("serial", c.serial_ports, [](TableReader& t, SerialConfig& s) { read_serial(t, s); });
    each("upstream", c.upstreams, [](TableReader& t, UpstreamConfig& u) { read_upstream(t, u); });
    sub("protocol", [&](TableReader& t) {
        t.integer("max_segment", c.protocol.max_segment, kMaxSegment);
        t.integer("emit_segment", c.protocol.emit_segment, kEmitSegment);
        if (const auto* re = t.table("reassembly")) {
            TableReader inner(*re, t.key_path("reassembly"), errors);
            read_reassembly(inner, c.protocol.reassembly);
            inner.finish();
        }
    });
    sub("store", [&](TableReader& t) { read_store(t, c.store); });
    sub("clock", [&](TableReader& t) { t.boolean("allow_set", c.clock.allow_set); });
    if (root.get("http") != nullptr && root.get("http")->is_table()) c.http.emplace();
    sub("http", [&](TableReader& t) { read_http(t, *c.http); });
    sub("console", [&](TableReader& t) { read_console(t, c.console); });
    sub("log", [&](TableReader& t) { read_log(t, c.log); });
    sub("runtime", [&](TableReader& t) { read_runtime(t, c.runtime); });
    each("averaging", c.averaging, [](TableReader& t, AveragingEntry& a) { read_averaging(t, a); });
    each("validity", c.validity, [](TableReader& t, ValidityEntry& v) { read_validity(t, v); });
    sub("rates",
        [&](TableReader& t) { t.number("warn_below", c.rates.warn_below, 0.0, 1.0, false); });
    r.finish();
}

ConfigResult parse_and_read(std::string_view text, std::string_view source_name) {
    toml::table root;
    try {
        root = toml::parse(text, source_name);
    } catch (const toml::parse_error& e) {
        const auto& where = e.source().begin;
        return hj212::fail(ConfigErrors{{"", "TOML syntax error: " + std::string(e.description()),
                                         where.line, where.column, std::string(source_name)}});
    }
    GatewayConfig config;
    ConfigErrors errors;
    read_root(root, config, errors);
    if (!errors.empty()) {
        // Tables are checked in reading order; the engineer reads the file top to bottom.
        std::stable_sort(errors.begin(), errors.end(),
                         [](const ConfigError& a, const ConfigError& b) {
                             return a.line != b.line ? a.line < b.line : a.column < b.column;
                         });
        for (auto& e : errors)
            e.source = std::string(source_name);
        return hj212::fail(std::move(errors));
    }
    return config;
}

} // namespace

ConfigResult load_config_text(std::string_view text, std::string_view source_name) {
    try {
        return parse_and_read(text, source_name);
    } catch (const std::exception& e) {
        // Only resource exhaustion gets here (parse errors are handled inside); the API
        // promises a result, never an exception.
        return hj212::fail(ConfigErrors{{"", std::string("cannot load configuration: ") + e.what(),
                                         0, 0, std::string(source_name)}});
    }
}

ConfigResult load_config_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        const int saved = errno;
        return hj212::fail(ConfigErrors{
            {"", std::string("cannot open: ") + std::strerror(saved), 0, 0, path.string()}});
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) return hj212::fail(ConfigErrors{{"", "cannot read", 0, 0, path.string()}});
    return load_config_text(text.str(), path.string());
}

} // namespace hj212gw::config
