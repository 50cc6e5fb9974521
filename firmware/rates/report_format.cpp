#include "rates/report_format.hpp"

#include "rates/rate_calculator.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace hj212gw::rates {
namespace {

using Line = std::vector<std::string>;

bool upstream_view(const ReportHeading& h) {
    return !h.upstream.empty();
}

Line header_names(const ReportHeading& h, bool for_table) {
    Line names = for_table ? Line{"MN",    "factor",       "date",     "should",   "received",
                                  "valid", "transmission", "validity", "effective"}
                           : Line{"mn",
                                  "factor",
                                  "date",
                                  "should",
                                  "received",
                                  "valid",
                                  "transmission_rate",
                                  "validity_rate",
                                  "effective_rate"};
    if (upstream_view(h)) {
        if (for_table) {
            names.insert(names.end(), {"on_time", "backfilled", "on_time_eff"});
        } else {
            names.insert(names.end(), {"upstream", "on_time", "backfilled",
                                       "on_time_transmission_rate", "on_time_effective_rate"});
        }
    }
    return names;
}

/// Counts and rates of a row as text; `rate` renders one rate.
template <class RateText>
Line value_cells(const RateRow& r, const ReportHeading& h, RateText rate) {
    Line cells{std::to_string(r.counts.should), std::to_string(r.counts.received),
               std::to_string(r.counts.valid),  rate(transmission_rate(r.counts)),
               rate(validity_rate(r.counts)),   rate(effective_rate(r.counts))};
    if (upstream_view(h)) {
        const Counts on_time = r.on_time.value_or(Counts{});
        cells.push_back(std::to_string(on_time.received));
        cells.push_back(std::to_string(r.backfilled()));
        cells.push_back(rate(effective_rate(on_time)));
    }
    return cells;
}

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string json_string(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(u));
            out += buf;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string json_rate(std::optional<double> rate) {
    return fraction_text(rate).value_or("null");
}

} // namespace

std::optional<std::string> fraction_text(std::optional<double> rate) {
    if (!rate) return std::nullopt;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", *rate);
    return std::string(buf);
}

std::string percent_text(std::optional<double> rate) {
    if (!rate) return "NA";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f%%", *rate * 100.0);
    return buf;
}

std::string render_table(const std::vector<RateRow>& rows, const ReportHeading& heading) {
    std::vector<Line> lines{header_names(heading, true)};
    auto add = [&](const RateRow& r, std::string mn, std::string factor, std::string period) {
        Line line{std::move(mn), std::move(factor), std::move(period)};
        for (auto& cell : value_cells(r, heading, percent_text))
            line.push_back(std::move(cell));
        lines.push_back(std::move(line));
    };
    // Rows arrive grouped by MN; a total line closes each group.
    const auto mn_totals = totals_per_mn(rows);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        add(rows[i], rows[i].mn, rows[i].factor, rows[i].period);
        if (i + 1 == rows.size() || rows[i + 1].mn != rows[i].mn) {
            const auto t = std::find_if(mn_totals.begin(), mn_totals.end(),
                                        [&](const RateRow& m) { return m.mn == rows[i].mn; });
            add(*t, rows[i].mn, "total", "");
        }
    }
    add(overall_total(rows), "total", "", "");

    std::vector<std::size_t> width(lines.front().size(), 0);
    for (const auto& line : lines)
        for (std::size_t c = 0; c < line.size(); ++c)
            width[c] = std::max(width[c], line[c].size());

    std::ostringstream out;
    if (upstream_view(heading)) out << "upstream: " << heading.upstream << '\n';
    for (const auto& line : lines) {
        std::string text;
        for (std::size_t c = 0; c < line.size(); ++c) {
            const std::size_t pad = width[c] - line[c].size();
            if (c > 0) text += "  ";
            // MN, factor and date read left to right; numbers line up on their last digit.
            if (c < 3) {
                text += line[c] + std::string(pad, ' ');
            } else {
                text += std::string(pad, ' ') + line[c];
            }
        }
        while (!text.empty() && text.back() == ' ')
            text.pop_back();
        out << text << '\n';
    }
    return out.str();
}

std::string render_csv(const std::vector<RateRow>& rows, const ReportHeading& heading) {
    std::ostringstream out;
    auto write = [&out](const Line& line) {
        for (std::size_t c = 0; c < line.size(); ++c)
            out << (c > 0 ? "," : "") << csv_field(line[c]);
        out << "\r\n"; // RFC 4180, which spreadsheets expect
    };
    write(header_names(heading, false));
    auto rate = [](std::optional<double> r) { return fraction_text(r).value_or("NA"); };
    for (const auto& r : rows) {
        Line line{r.mn, r.factor, r.period};
        const Line values = value_cells(r, heading, rate);
        line.insert(line.end(), values.begin(), values.begin() + 6);
        if (upstream_view(heading)) {
            const Counts on_time = r.on_time.value_or(Counts{});
            line.insert(line.end(),
                        {heading.upstream, std::to_string(on_time.received),
                         std::to_string(r.backfilled()), rate(transmission_rate(on_time)),
                         rate(effective_rate(on_time))});
        }
        write(line);
    }
    return out.str();
}

std::string render_json(const std::vector<RateRow>& rows, const ReportHeading& heading) {
    std::ostringstream out;
    out << '[';
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const RateRow& r = rows[i];
        out << (i == 0 ? "\n  " : ",\n  ") << "{\"mn\": " << json_string(r.mn)
            << ", \"factor\": " << json_string(r.factor) << ", \"date\": " << json_string(r.period)
            << ", \"should\": " << r.counts.should << ", \"received\": " << r.counts.received
            << ", \"valid\": " << r.counts.valid
            << ", \"transmission_rate\": " << json_rate(transmission_rate(r.counts))
            << ", \"validity_rate\": " << json_rate(validity_rate(r.counts))
            << ", \"effective_rate\": " << json_rate(effective_rate(r.counts));
        if (upstream_view(heading)) {
            const Counts on_time = r.on_time.value_or(Counts{});
            out << ", \"upstream\": " << json_string(heading.upstream)
                << ", \"on_time\": " << on_time.received << ", \"backfilled\": " << r.backfilled()
                << ", \"on_time_transmission_rate\": " << json_rate(transmission_rate(on_time))
                << ", \"on_time_effective_rate\": " << json_rate(effective_rate(on_time));
        }
        out << '}';
    }
    out << (rows.empty() ? "]\n" : "\n]\n");
    return out.str();
}

} // namespace hj212gw::rates
