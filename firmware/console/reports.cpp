#include "console/reports.hpp"

#include "ops/text_table.hpp"
#include "ops/time_text.hpp"

#include <hj212/datetime.hpp>
#include <hj212/parser.hpp>

#include <algorithm>
#include <cctype>

namespace hj212gw::console {
namespace {

using ops::TextTable;
using A = TextTable::Align;

constexpr std::size_t kWidth = 80;

std::string hhmmss(std::int64_t ms) {
    const auto t = ops::civil_text(ms);
    return t.size() >= 19 ? t.substr(11, 8) : t;
}

std::string ratio(std::int64_t valid, std::int64_t should) {
    return std::to_string(valid) + "/" + std::to_string(should);
}

} // namespace

std::string help_text() {
    std::string out = "Commands (help COMMAND for details, Tab completes, Up/Down recall):\n";
    TextTable t({{"", 24}, {"", 53}});
    for (const auto& c : command_specs())
        t.add({std::string(c.usage), std::string(c.summary)});
    auto body = t.render();
    body.erase(0, body.find('\n') + 1); // no header row
    return out + body;
}

std::string help_text(const CommandSpec& spec) {
    std::string out =
        "usage: " + std::string(spec.usage) + "\n  " + std::string(spec.summary) + "\n\n";
    std::string_view d = spec.details;
    while (!d.empty()) {
        const auto nl = d.find('\n');
        out += "  " + std::string(d.substr(0, nl)) + "\n";
        d = nl == std::string_view::npos ? std::string_view{} : d.substr(nl + 1);
    }
    return out;
}

std::string links_text(const ops::GatewayStatus& s) {
    std::string out = "Devices (" + std::to_string(s.devices.size()) + " connected)\n";
    TextTable devs({{"MN", 24},
                    {"peer / port", 21},
                    {"packets", 7, A::right},
                    {"errors", 6, A::right},
                    {"last", 13}});
    std::vector<std::string> error_lines;
    for (const auto& d : s.devices) {
        devs.add({d.mns.empty() ? "?" : d.mns.front(), d.peer, std::to_string(d.stored),
                  std::to_string(d.errors), ops::age_text(s.now_ms, d.last_packet_ms)});
        if (!d.errors_by_kind.empty()) {
            std::string line = "    " + d.peer + " errors:";
            for (const auto& [kind, n] : d.errors_by_kind)
                line += " " + kind + "=" + std::to_string(n);
            error_lines.push_back(line + "\n");
        }
    }
    out += devs.empty() ? "  (none)\n" : devs.render();
    for (const auto& l : error_lines)
        out += l;

    out += "\nPlatforms\n";
    TextTable ups({{"name", 12},
                   {"state", 10},
                   {"address", 21},
                   {"rtt", 7, A::right},
                   {"sent", 7, A::right},
                   {"acked", 7, A::right},
                   {"resent", 6, A::right}});
    for (const auto& u : s.upstreams)
        ups.add({u.name, u.state, u.endpoint, u.rtt_ms ? std::to_string(*u.rtt_ms) + " ms" : "-",
                 std::to_string(u.sent), std::to_string(u.acked), std::to_string(u.resent)});
    out += ups.empty() ? "  (none configured)\n" : ups.render();
    for (const auto& u : s.upstreams)
        if (u.timeouts > 0 || u.connects > 1)
            out += "    " + u.name + ": " + std::to_string(u.timeouts) + " timeouts, " +
                   std::to_string(u.connects) + " connects\n";
    return out;
}

std::string queue_text(const ops::GatewayStatus& s) {
    TextTable t({{"platform", 14},
                 {"state", 10},
                 {"pending", 9, A::right},
                 {"in flight", 9, A::right},
                 {"oldest waiting", 16, A::right}});
    for (const auto& u : s.upstreams)
        t.add({u.name, u.state, std::to_string(u.pending), std::to_string(u.in_flight),
               u.oldest_pending_age_ms ? ops::duration_text(*u.oldest_pending_age_ms) : "-"});
    if (t.empty()) return "No platforms configured.\n";
    return t.render() + "  (pending counts the packets in flight; nothing leaves before a 9014)\n";
}

std::string rates_text(const ops::RatesView& view, RatesPeriod period) {
    if (view.grids.empty())
        return "No hourly data (CN 2061) this month (" + view.month + ") yet.\n";
    std::string out = "传输有效率 = valid / due hourly values, " + view.month + ", as of " +
                      ops::civil_text(view.generated_ms).substr(0, 16) + "\n";
    std::vector<TextTable::Column> cols{{"MN", 24}, {"factor", 8}};
    if (period != RatesPeriod::month) {
        cols.push_back({"today", 9, A::right});
        cols.push_back({"valid/due", 9, A::right});
    }
    if (period != RatesPeriod::day) {
        cols.push_back({"month", 9, A::right});
        cols.push_back({"valid/due", 9, A::right});
    }
    TextTable t(cols);
    for (const auto& g : view.grids) {
        std::vector<std::string> row{g.mn, g.factor};
        if (period != RatesPeriod::month) {
            if (g.days.empty()) {
                row.insert(row.end(), {"NA", "-"});
            } else {
                const auto& d = g.days.back();
                row.push_back(ops::percent_text(d.effective));
                row.push_back(ratio(d.valid, d.should));
            }
        }
        if (period != RatesPeriod::day) {
            row.push_back(ops::percent_text(g.month_effective));
            row.push_back(ratio(g.month_valid, g.month_should));
        }
        t.add(std::move(row));
    }
    return out + t.render();
}

std::string params_text(const std::vector<ops::ParamRow>& params) {
    TextTable t({{"parameter", 14}, {"value", 12}, {"origin", 8}, {"allowed", 38}});
    for (const auto& p : params)
        t.add({p.name, p.value.empty() ? "-" : p.value, p.origin, p.help});
    return t.render() + "  change one with: set PARAM VALUE\n";
}

std::string history_text(const std::vector<ops::HistoryRow>& rows, std::size_t limit) {
    if (rows.empty()) return "No stored packets in that period.\n";
    std::string out;
    for (const auto& r : rows) {
        out += ops::civil_text(r.data_time_ms) + "  CN " + r.cn + "  from " + r.source +
               ", received " + ops::civil_text(r.received_ms) + "\n";
        // The CP part is what an engineer checks; the header repeats what the line says.
        std::string_view seg = r.segment;
        const auto cp = seg.find("CP=&&");
        std::string_view body = cp == std::string_view::npos ? seg : seg.substr(cp + 5);
        if (body.size() >= 2 && body.substr(body.size() - 2) == "&&") body.remove_suffix(2);
        while (!body.empty()) {
            const std::size_t n = std::min<std::size_t>(body.size(), kWidth - 4);
            out += "    " + std::string(body.substr(0, n)) + "\n";
            body.remove_prefix(n);
        }
    }
    if (rows.size() >= limit)
        out += "(first " + std::to_string(limit) + " shown: narrow the period to see more)\n";
    return out;
}

std::string events_text(const std::vector<ops::EventRow>& events) {
    if (events.empty()) return "No events recorded.\n";
    std::string out;
    for (const auto& e : events) {
        std::string line =
            ops::civil_text(e.at_ms) + "  " + ops::pad_right(e.kind, 11) + " " + e.detail;
        while (line.size() > kWidth) {
            out += line.substr(0, kWidth) + "\n";
            line = std::string(32, ' ') + line.substr(kWidth);
        }
        out += line + "\n";
    }
    return out;
}

std::string tap_text(const ops::TapRecord& record) {
    std::string head = hhmmss(record.at_ms) + " " + ops::pad_right(record.direction, 3) + " " +
                       ops::pad_right(record.where, 21) + " " + record.mn + " CN " + record.cn;
    std::string out = head.substr(0, kWidth) + "\n";
    hj212::PacketView view;
    std::string items;
    if (hj212::parse_segment(record.segment, view).ok()) {
        if (auto dt = view.find("DataTime")) items = "DataTime=" + std::string(*dt);
        for (std::size_t g = 0; g < view.group_count(); ++g) {
            std::string group;
            for (const auto& item : view.group(g)) {
                if (item.key == "DataTime") continue;
                group += (group.empty() ? "" : ",") + std::string(item.key) + "=" +
                         std::string(item.value);
            }
            if (!group.empty()) items += (items.empty() ? "" : " ") + group;
        }
    } else {
        items = record.segment; // not parseable: show it raw, it is what the engineer needs
    }
    // Wrap at blanks where possible, with a 4-column indent.
    std::string_view rest = items;
    while (!rest.empty()) {
        std::size_t n = std::min<std::size_t>(rest.size(), kWidth - 4);
        if (n < rest.size()) {
            const auto blank = rest.substr(0, n).rfind(' ');
            if (blank != std::string_view::npos && blank > 0) n = blank;
        }
        out += "    " + std::string(rest.substr(0, n)) + "\n";
        rest.remove_prefix(n);
        while (!rest.empty() && rest.front() == ' ')
            rest.remove_prefix(1);
    }
    return out;
}

std::optional<std::int64_t> parse_time_arg(std::string_view text, bool end_of_period) {
    std::string digits;
    for (char c : text) {
        if (std::isdigit(static_cast<unsigned char>(c)))
            digits += c;
        else if (c != '-' && c != ':' && c != 'T')
            return std::nullopt;
    }
    if (digits.size() < 8 || digits.size() > 14 || digits.size() % 2 != 0) return std::nullopt;
    const std::size_t given = digits.size();
    // Fill the omitted fields with the period's start or its last second.
    static constexpr std::string_view kStart = "000000";
    static constexpr std::string_view kEnd = "235959";
    digits += (end_of_period ? kEnd : kStart).substr(given - 8);
    auto dt = hj212::DateTime::parse(digits);
    if (!dt) return std::nullopt;
    return dt->to_epoch_ms() + (end_of_period ? 999 : 0);
}

} // namespace hj212gw::console
