#include "rates/month_view.hpp"

#include "rates/rate_calculator.hpp"

#include <hj212/datetime.hpp>

#include <cstdio>
#include <map>
#include <utility>

namespace hj212gw::rates {
namespace {

int days_in(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}

} // namespace

std::int64_t month_start(std::int64_t local_ms) {
    auto dt = hj212::DateTime::from_epoch_ms(day_start(local_ms));
    dt.day = 1;
    return dt.to_epoch_ms();
}

ops::RatesView month_view(const std::vector<HourObservation>& observations, RateRules rules,
                          std::int64_t now_local_ms) {
    ops::RatesView view;
    view.month_start_ms = month_start(now_local_ms);
    const auto first = hj212::DateTime::from_epoch_ms(view.month_start_ms);
    view.days_in_month = days_in(first.year, first.month);
    char month_text[16];
    std::snprintf(month_text, sizeof month_text, "%04d-%02d", first.year, first.month);
    view.month = month_text;
    view.generated_ms = now_local_ms;
    const std::int64_t month_end = view.month_start_ms + view.days_in_month * kDayMs;

    rules.due_until_ms = now_local_ms;
    RateCalculator calculator(std::move(rules));
    std::vector<HourObservation> in_month;
    for (const auto& o : observations)
        if (o.hour_ms >= view.month_start_ms && o.hour_ms < month_end) in_month.push_back(o);
    calculator.add(in_month);
    const auto daily =
        calculator.daily(DayRange{view.month_start_ms, day_start(now_local_ms)}, View{});

    // The hours string of every row: not due, or missing until an observation says otherwise.
    std::string blank(static_cast<std::size_t>(view.days_in_month) * 24, ops::hour_state::not_due);
    for (std::size_t h = 0; h < blank.size(); ++h)
        if (view.month_start_ms + static_cast<std::int64_t>(h + 1) * kHourMs <= now_local_ms)
            blank[h] = ops::hour_state::missing;

    std::map<std::pair<std::string, std::string>, ops::HourGrid> grids;
    auto grid_of = [&](const std::string& mn, const std::string& factor) -> ops::HourGrid& {
        auto [it, inserted] = grids.try_emplace({mn, factor});
        if (inserted) {
            it->second.mn = mn;
            it->second.factor = factor;
            it->second.hours = blank;
        }
        return it->second;
    };
    for (const auto& row : daily) {
        auto& g = grid_of(row.mn, row.factor);
        ops::DayFigures d;
        d.day = hj212::DateTime::from_epoch_ms(*parse_day(row.period)).day;
        d.should = row.counts.should;
        d.received = row.counts.received;
        d.valid = row.counts.valid;
        d.effective = effective_rate(row.counts);
        g.days.push_back(d);
        g.month_should += d.should;
        g.month_received += d.received;
        g.month_valid += d.valid;
    }
    for (const auto& o : in_month) {
        auto it = grids.find({o.mn, o.factor});
        if (it == grids.end()) continue; // not an assessed factor
        auto& cell =
            it->second.hours[static_cast<std::size_t>((o.hour_ms - view.month_start_ms) / kHourMs)];
        if (o.valid)
            cell = ops::hour_state::valid;
        else if (cell != ops::hour_state::valid)
            cell = ops::hour_state::invalid;
    }
    for (auto& [key, g] : grids) {
        g.month_effective = effective_rate(Counts{g.month_should, g.month_received, g.month_valid});
        view.grids.push_back(std::move(g));
    }
    return view;
}

} // namespace hj212gw::rates
