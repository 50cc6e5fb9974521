#include "rates/rate_calculator.hpp"

#include "hj212/datetime.hpp"

#include <algorithm>
#include <cstdio>
#include <set>
#include <tuple>
#include <utility>

namespace hj212gw::rates {
namespace {

std::int64_t floor_to(std::int64_t ms, std::int64_t unit) {
    std::int64_t q = ms / unit;
    if (ms % unit != 0 && ms < 0) --q;
    return q * unit;
}

void keep_earliest(std::optional<std::int64_t>& slot, std::int64_t ms) {
    if (!slot || ms < *slot) slot = ms;
}

/// received and valid capped as described in rate_calculator.hpp.
Counts capped(std::int64_t should, std::int64_t received, std::int64_t valid) {
    Counts c;
    c.should = should;
    c.received = std::min(received, should);
    c.valid = std::min(valid, c.received);
    return c;
}

std::string month_of(const std::string& day) {
    return day.substr(0, 7); // "YYYY-MM" of "YYYY-MM-DD"
}

} // namespace

std::int64_t day_start(std::int64_t local_ms) {
    return floor_to(local_ms, kDayMs);
}

std::string format_day(std::int64_t day_ms) {
    const auto dt = hj212::DateTime::from_epoch_ms(day_ms);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", dt.year, dt.month, dt.day);
    return buf;
}

std::optional<std::int64_t> parse_day(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const std::string digits = text.substr(0, 4) + text.substr(5, 2) + text.substr(8, 2);
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    const auto dt = hj212::DateTime::parse(digits + "000000");
    if (!dt) return std::nullopt;
    return dt->to_epoch_ms();
}

RateCalculator::RateCalculator(RateRules rules) : rules_(std::move(rules)) {}

void RateCalculator::add(const HourObservation& o) {
    HourState& hour = data_[o.mn][o.factor][floor_to(o.hour_ms, kHourMs)];
    hour.valid = hour.valid || o.valid;
    for (const auto& ack : o.acks) {
        AckState& state = hour.acks[ack.upstream];
        if (!ack.acked_ms) continue;
        keep_earliest(state.first_ack_ms, *ack.acked_ms);
        if (o.valid) keep_earliest(state.first_valid_ack_ms, *ack.acked_ms);
    }
}

void RateCalculator::add(const std::vector<HourObservation>& observations) {
    for (const auto& o : observations)
        add(o);
}

bool RateCalculator::in_shutdown(const std::string& mn, const std::string& factor,
                                 std::int64_t hour_ms) const {
    return std::any_of(rules_.shutdowns.begin(), rules_.shutdowns.end(), [&](const auto& s) {
        return s.mn == mn && (s.factor.empty() || s.factor == factor) && s.begin_ms < s.end_ms &&
               s.begin_ms < hour_ms + kHourMs && hour_ms < s.end_ms; // overlap
    });
}

bool RateCalculator::due(std::int64_t hour_ms) const {
    return !rules_.due_until_ms || hour_ms + kHourMs <= *rules_.due_until_ms;
}

int RateCalculator::exemption(const std::string& factor) const {
    const auto it = rules_.exemption_hours_per_day.find(factor);
    return it == rules_.exemption_hours_per_day.end() ? 0 : std::max(0, it->second);
}

RateRow RateCalculator::day_row(const std::string& mn, const std::string& factor,
                                const Hours* hours, std::int64_t day_ms, const View& view) const {
    std::int64_t eligible = 0, received = 0, valid = 0, on_time = 0, on_time_valid = 0;
    for (std::int64_t h = day_ms; h < day_ms + kDayMs; h += kHourMs) {
        if (!due(h) || in_shutdown(mn, factor, h)) continue;
        ++eligible;
        if (hours == nullptr) continue;
        const auto it = hours->find(h);
        if (it == hours->end()) continue;
        const HourState& state = it->second;
        if (view.device_side()) {
            ++received;
            if (state.valid) ++valid;
            continue;
        }
        const auto ack = state.acks.find(view.upstream);
        if (ack == state.acks.end() || !ack->second.first_ack_ms) continue;
        // The hour ends at h + 1 h site-local; the gateway clock is UTC.
        const std::int64_t deadline = h + kHourMs - rules_.utc_offset_ms + rules_.on_time_delay_ms;
        ++received;
        if (*ack->second.first_ack_ms <= deadline) ++on_time;
        if (const auto& v = ack->second.first_valid_ack_ms) {
            ++valid;
            if (*v <= deadline) ++on_time_valid;
        }
    }
    const std::int64_t should = std::max<std::int64_t>(0, eligible - exemption(factor));
    RateRow row{mn, factor, format_day(day_ms), capped(should, received, valid), std::nullopt};
    if (!view.device_side()) row.on_time = capped(should, on_time, on_time_valid);
    return row;
}

std::vector<RateRow> RateCalculator::daily(const DayRange& days, const View& view) const {
    const std::int64_t first = day_start(days.first_day_ms);
    std::int64_t last = day_start(days.last_day_ms);
    // Days that have not begun are not reported at all (rather than as rows of zeros).
    if (rules_.due_until_ms) last = std::min(last, day_start(*rules_.due_until_ms - 1));

    std::set<std::string> mns;
    for (const auto& [mn, factors] : data_)
        mns.insert(mn);
    for (const auto& [mn, factors] : rules_.assessed_factors)
        mns.insert(mn);

    std::vector<RateRow> rows;
    for (const auto& mn : mns) {
        const auto data_it = data_.find(mn);
        std::set<std::string> factors;
        if (const auto it = rules_.assessed_factors.find(mn); it != rules_.assessed_factors.end()) {
            factors = it->second;
        } else if (data_it != data_.end()) {
            // Default: the factors this MN reported within the requested days.
            for (const auto& [factor, hours] : data_it->second) {
                const auto in_range = hours.lower_bound(first);
                if (in_range != hours.end() && in_range->first < last + kDayMs)
                    factors.insert(factor);
            }
        }
        for (const auto& factor : factors) {
            const Hours* hours = nullptr;
            if (data_it != data_.end()) {
                const auto f = data_it->second.find(factor);
                if (f != data_it->second.end()) hours = &f->second;
            }
            for (std::int64_t day = first; day <= last; day += kDayMs)
                rows.push_back(day_row(mn, factor, hours, day, view));
        }
    }
    return rows;
}

std::vector<RateRow> monthly(const std::vector<RateRow>& daily_rows) {
    std::map<std::tuple<std::string, std::string, std::string>, RateRow> months;
    for (const auto& d : daily_rows) {
        auto key = std::make_tuple(d.mn, d.factor, month_of(d.period));
        auto [it, fresh] = months.try_emplace(
            key, RateRow{d.mn, d.factor, std::get<2>(key), Counts{}, std::nullopt});
        it->second.counts += d.counts;
        if (d.on_time) {
            if (!it->second.on_time) it->second.on_time = Counts{};
            *it->second.on_time += *d.on_time;
        }
    }
    std::vector<RateRow> out;
    out.reserve(months.size());
    for (auto& [key, row] : months)
        out.push_back(std::move(row));
    return out;
}

namespace {

void accumulate(RateRow& total, const RateRow& row) {
    total.counts += row.counts;
    if (row.on_time) {
        if (!total.on_time) total.on_time = Counts{};
        *total.on_time += *row.on_time;
    }
}

} // namespace

std::vector<RateRow> totals_per_mn(const std::vector<RateRow>& rows) {
    std::map<std::string, RateRow> by_mn;
    for (const auto& r : rows) {
        auto [it, fresh] = by_mn.try_emplace(r.mn, RateRow{r.mn, "", "", Counts{}, std::nullopt});
        accumulate(it->second, r);
    }
    std::vector<RateRow> out;
    for (auto& [mn, row] : by_mn)
        out.push_back(std::move(row));
    return out;
}

RateRow overall_total(const std::vector<RateRow>& rows) {
    RateRow total;
    for (const auto& r : rows)
        accumulate(total, r);
    return total;
}

} // namespace hj212gw::rates
