#include "sim/platform/report.hpp"

#include <hj212/datetime.hpp>

#include <cstdio>
#include <fstream>
#include <iomanip>
#include <sstream>

namespace hj212gw::sim {
namespace {

std::string civil_text(std::int64_t ms) {
    const auto dt = hj212::DateTime::from_epoch_ms(ms);
    const auto s = dt.format17();
    return s.substr(0, 14) + "." + s.substr(14);
}

void json_string(std::ostream& out, std::string_view s) {
    out << '"';
    for (const char c : s) {
        switch (c) {
        case '"':
            out << "\\\"";
            break;
        case '\\':
            out << "\\\\";
            break;
        case '\n':
            out << "\\n";
            break;
        case '\r':
            out << "\\r";
            break;
        case '\t':
            out << "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
                out << buf;
            } else {
                out << c;
            }
        }
    }
    out << '"';
}

// Right-aligns to `width` terminal columns: a CJK character takes 3 bytes and 2 columns, so
// std::setw (which counts bytes) would misalign the Chinese headers.
std::string pad_left(std::string_view text, std::size_t width) {
    std::size_t columns = 0;
    for (const char c : text) {
        const auto b = static_cast<unsigned char>(c);
        if (b < 0x80)
            ++columns;
        else if (b >= 0xC0)
            columns += 2; // a lead byte: one wide character
    }
    return std::string(width > columns ? width - columns : 0, ' ') + std::string(text);
}

std::string percent(double ratio, int den) {
    if (den == 0) return "-";
    std::ostringstream s;
    s << std::fixed << std::setprecision(1) << ratio * 100.0 << '%';
    return s.str();
}

void json_counts(std::ostream& out, const RateCounts& c) {
    out << "\"received\":" << c.received << ",\"valid\":" << c.valid << ",\"should\":" << c.should
        << ",\"transmission_rate\":" << c.transmission_rate()
        << ",\"validity_rate\":" << c.validity_rate()
        << ",\"effective_rate\":" << c.effective_rate();
}

} // namespace

std::size_t PlatformReport::flows_passed() const noexcept {
    std::size_t n = 0;
    for (const auto& f : flows)
        n += f.status == FlowStatus::passed ? 1U : 0U;
    return n;
}

std::size_t PlatformReport::flows_failed() const noexcept {
    std::size_t n = 0;
    for (const auto& f : flows)
        n += (f.status == FlowStatus::failed || f.status == FlowStatus::not_sent) ? 1U : 0U;
    return n;
}

std::string format_packet_line(const ReceivedPacket& p) {
    std::string s = civil_text(p.civil_ms) + " " + (p.peer.empty() ? "-" : p.peer) + " CN=" + p.cn +
                    " MN=" + p.mn + " QN=" + p.qn;
    s += " Flag=" + (p.flag ? std::to_string(*p.flag) : std::string("-"));
    s += " ack=" + std::string(to_string(p.ack));
    return s;
}

void print_rate_table(std::ostream& out, const std::vector<FactorRate>& rates) {
    out << "传输有效率 (platform's own count, from 2061 hourly packets)\n";
    if (rates.empty()) {
        out << "  no hourly data received\n";
        return;
    }
    out << "  " << std::left << std::setw(26) << "MN" << std::setw(10) << "factor" << std::right
        << std::setw(6) << "days" << std::setw(9) << "received" << std::setw(7) << "valid"
        << std::setw(8) << "should" << pad_left("传输率", 9) << pad_left("有效率", 9)
        << pad_left("传输有效率", 12) << '\n';
    for (const auto& r : rates) {
        const auto& c = r.total;
        out << "  " << std::left << std::setw(26) << r.mn << std::setw(10) << r.factor << std::right
            << std::setw(6) << r.days.size() << std::setw(9) << c.received << std::setw(7)
            << c.valid << std::setw(8) << c.should << std::setw(9)
            << percent(c.transmission_rate(), c.should) << std::setw(9)
            << percent(c.validity_rate(), c.received) << std::setw(12)
            << percent(c.effective_rate(), c.should) << '\n';
    }
}

void print_flow_summary(std::ostream& out, const PlatformReport& report) {
    out << "script: " << report.commands_sent << " commands sent, " << report.flows_passed()
        << " flows passed, " << report.flows_failed() << " failed\n";
    for (const auto& f : report.flows) {
        if (f.status == FlowStatus::passed) continue;
        out << "  FAIL " << (f.line ? "line " + std::to_string(f.line) + ": " : "") << f.reason
            << '\n';
    }
}

std::string to_json(const PlatformReport& report) {
    std::ostringstream out;
    out << std::setprecision(6);
    out << "{\"time\":";
    json_string(out, civil_text(report.now_civil_ms));
    out << ",\"connections\":" << report.connections
        << ",\"stream_errors\":" << report.stream_errors
        << ",\"parse_errors\":" << report.parse_errors << ",\n\"packets\":[";
    bool first = true;
    for (const auto& p : report.packets) {
        out << (first ? "\n" : ",\n") << "{\"time\":";
        first = false;
        json_string(out, civil_text(p.civil_ms));
        out << ",\"peer\":";
        json_string(out, p.peer);
        out << ",\"qn\":";
        json_string(out, p.qn);
        out << ",\"st\":";
        json_string(out, p.st);
        out << ",\"cn\":";
        json_string(out, p.cn);
        out << ",\"mn\":";
        json_string(out, p.mn);
        out << ",\"flag\":";
        if (p.flag)
            out << *p.flag;
        else
            out << "null";
        out << ",\"ack\":";
        json_string(out, to_string(p.ack));
        out << ",\"segment\":";
        json_string(out, p.segment);
        out << '}';
    }
    out << "],\n\"rates\":[";
    first = true;
    for (const auto& r : report.rates) {
        out << (first ? "\n" : ",\n") << "{\"mn\":";
        first = false;
        json_string(out, r.mn);
        out << ",\"factor\":";
        json_string(out, r.factor);
        out << ',';
        json_counts(out, r.total);
        out << ",\"days\":[";
        for (std::size_t i = 0; i < r.days.size(); ++i) {
            out << (i ? "," : "") << "{\"date\":";
            json_string(out, r.days[i].date);
            out << ',';
            json_counts(out, r.days[i].counts);
            out << '}';
        }
        out << "]}";
    }
    out << "],\n\"flows\":[";
    first = true;
    for (const auto& f : report.flows) {
        out << (first ? "\n" : ",\n") << "{\"line\":" << f.line << ",\"cn\":" << f.cn << ",\"qn\":";
        first = false;
        json_string(out, f.qn);
        out << ",\"mn\":";
        json_string(out, f.mn);
        out << ",\"shape\":";
        json_string(out, to_string(f.shape));
        out << ",\"status\":";
        json_string(out, to_string(f.status));
        out << ",\"uploads\":" << f.uploads << ",\"exe_rtn\":" << f.exe_rtn << ",\"reason\":";
        json_string(out, f.reason);
        out << '}';
    }
    out << "],\n\"summary\":{\"commands_sent\":" << report.commands_sent
        << ",\"flows_passed\":" << report.flows_passed()
        << ",\"flows_failed\":" << report.flows_failed() << "}}\n";
    return out.str();
}

bool write_file_atomically(const std::string& path, const std::string& text) {
    const std::string tmp = path + ".tmp";
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        if (!f) return false;
        f << text;
        f.flush();
        if (!f) return false;
    }
    return std::rename(tmp.c_str(), path.c_str()) == 0;
}

} // namespace hj212gw::sim
