#include "rates/report_command.hpp"

#include "rates/rate_calculator.hpp"
#include "rates/report_format.hpp"
#include "rates/store_reader.hpp"

#include "hj212/datetime.hpp"

#include <chrono>
#include <iostream>

namespace hj212gw::rates {
namespace {

std::int64_t system_now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

/// Site-local midnight of the first day of the month holding `day_ms`.
std::int64_t month_start(std::int64_t day_ms) {
    auto dt = hj212::DateTime::from_epoch_ms(day_ms);
    dt.day = 1;
    dt.hour = dt.minute = dt.second = dt.millisecond = 0;
    return dt.to_epoch_ms();
}

} // namespace

RateRules ReportOptions::default_rules() {
    RateRules rules;
    rules.exemption_hours_per_day = RateRules::wastewater_exemptions();
    return rules;
}

int run_report(const ReportOptions& o, std::ostream& out, std::ostream& err) {
    auto fail = [&err](const std::string& why) {
        err << "hj212gw report: " << why << '\n';
        return 1;
    };
    if (o.format != "table" && o.format != "csv" && o.format != "json")
        return fail("unknown format '" + o.format + "' (table, csv or json)");
    if (o.by != "day" && o.by != "month")
        return fail("unknown period '" + o.by + "' (day or month)");

    const std::int64_t now_local = (o.clock ? o.clock() : system_now_ms()) + o.rules.utc_offset_ms;
    std::int64_t to = day_start(now_local);
    if (!o.to.empty()) {
        const auto day = parse_day(o.to);
        if (!day) return fail("bad --to date '" + o.to + "' (expected YYYY-MM-DD)");
        to = *day;
    }
    std::int64_t from = month_start(to);
    if (!o.from.empty()) {
        const auto day = parse_day(o.from);
        if (!day) return fail("bad --from date '" + o.from + "' (expected YYYY-MM-DD)");
        from = *day;
    }
    if (from > to) return fail("--from " + format_day(from) + " is after --to " + format_day(to));

    ObservationQuery query{from, to + kDayMs - 1, o.mn, o.upstream};
    auto observations = load_hourly_observations(o.data_dir / o.db_file_name, query);
    if (!observations) return fail(observations.error().message);

    RateRules rules = o.rules;
    if (!rules.due_until_ms) rules.due_until_ms = now_local;
    if (!o.mn.empty()) {
        // --mn narrows the report: configured factors of other MNs must not add rows.
        const auto it = rules.assessed_factors.find(o.mn);
        decltype(rules.assessed_factors) only;
        if (it != rules.assessed_factors.end()) only.insert(*it);
        rules.assessed_factors = std::move(only);
    }
    RateCalculator calculator(std::move(rules));
    calculator.add(*observations);
    auto rows = calculator.daily(DayRange{from, to}, View{o.upstream});
    if (o.by == "month") rows = monthly(rows);

    const ReportHeading heading{o.upstream};
    if (o.format == "csv") {
        out << render_csv(rows, heading);
    } else if (o.format == "json") {
        out << render_json(rows, heading);
    } else {
        out << render_table(rows, heading);
    }
    return 0;
}

int run_report(const ReportOptions& options) {
    const int rc = run_report(options, std::cout, std::cerr);
    std::cout.flush();
    return rc;
}

} // namespace hj212gw::rates
