#include "sim/platform/rate_counter.hpp"

#include <hj212/datetime.hpp>

#include <algorithm>

namespace hj212gw::sim {
namespace {

constexpr std::int64_t kHourMs = 3'600'000;
constexpr std::int64_t kDayMs = 24 * kHourMs;
// A factor silent since its newest day counts as missing up to today, unless that day is more
// than this long ago: then the data is a replay of old history, not a live link.
constexpr std::int64_t kTrailingDays = 31;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

double ratio(int num, int den) {
    return den == 0 ? 0.0 : static_cast<double>(num) / static_cast<double>(den);
}

int highest_hour(const std::bitset<24>& hours) {
    for (int h = 23; h >= 0; --h)
        if (hours.test(static_cast<std::size_t>(h))) return h;
    return -1;
}

} // namespace

double RateCounts::transmission_rate() const noexcept {
    return ratio(received, should);
}
double RateCounts::validity_rate() const noexcept {
    return ratio(valid, received);
}
double RateCounts::effective_rate() const noexcept {
    return ratio(valid, should);
}

bool RateCounter::add(const hj212::PacketView& p) {
    if (p.command() != 2061 || !p.mn) return false;
    const auto data_time = p.find("DataTime");
    if (!data_time) return false;
    const auto dt = hj212::DateTime::parse(*data_time);
    if (!dt) return false;
    const std::int64_t ms = dt->to_epoch_ms();
    const std::int64_t day = floor_div(ms, kDayMs);
    const auto hour = static_cast<std::size_t>(dt->hour);

    bool counted = false;
    auto& factors = days_[std::string(*p.mn)];
    for (const auto& item : p.items) {
        const auto key = hj212::split_item_key(item.key);
        if (key.suffix != "Avg" || key.code.empty()) continue;
        const std::string flag_key = std::string(key.code) + "-Flag";
        const auto flag = p.find(flag_key);
        Day& d = factors[std::string(key.code)][day];
        d.received.set(hour);
        d.valid.set(hour, flag && *flag == "N");
        counted = true;
    }
    if (factors.empty()) days_.erase(std::string(*p.mn));
    return counted;
}

std::vector<FactorRate> RateCounter::report(std::int64_t now_civil_ms) const {
    const std::int64_t today = floor_div(now_civil_ms, kDayMs);
    const int hours_done_today =
        static_cast<int>(floor_div(now_civil_ms - today * kDayMs, kHourMs));
    std::vector<FactorRate> out;
    for (const auto& [mn, factors] : days_) {
        for (const auto& [factor, days] : factors) {
            FactorRate rate{mn, factor, {}, {}};
            // Days without any packet count too (0 received): between the first and the
            // newest day seen, and on up to today unless the data is old (a history replay).
            const std::int64_t first = days.begin()->first;
            std::int64_t last = days.rbegin()->first;
            if (today > last && today - last <= kTrailingDays) last = today;
            for (std::int64_t day = first; day <= last; ++day) {
                const auto it = days.find(day);
                const Day hours = it == days.end() ? Day{} : it->second;
                RateCounts c;
                c.received = static_cast<int>(hours.received.count());
                c.valid = static_cast<int>(hours.valid.count());
                if (day < today)
                    c.should = 24;
                else if (day == today)
                    c.should = hours_done_today;
                else
                    c.should = 0;
                // Data of hours not over yet (a clock ahead of ours): expect up to the newest.
                c.should = std::max(c.should, highest_hour(hours.received) + 1);
                const auto date = hj212::DateTime::from_epoch_ms(day * kDayMs).format14();
                rate.days.push_back({date.substr(0, 8), c});
                rate.total.received += c.received;
                rate.total.valid += c.valid;
                rate.total.should += c.should;
            }
            out.push_back(std::move(rate));
        }
    }
    return out;
}

} // namespace hj212gw::sim
