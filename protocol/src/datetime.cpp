#include "hj212/datetime.hpp"

#include <cstdio>

namespace hj212 {
namespace {

constexpr std::int64_t kMsPerDay = 86'400'000;

bool leap(int y) noexcept {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m) noexcept {
    constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
std::int64_t days_from_civil(int y, int m, int d) noexcept {
    y -= m <= 2 ? 1 : 0;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

void civil_from_days(std::int64_t z, int& y, int& m, int& d) noexcept {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<int>(z - era * 146097);
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<int>(yoe + era * 400) + (m <= 2 ? 1 : 0);
}

int digits(std::string_view s, std::size_t at, std::size_t n) noexcept {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i)
        v = v * 10 + (s[i] - '0');
    return v;
}

} // namespace

std::optional<DateTime> DateTime::parse(std::string_view t) noexcept {
    if (t.size() != 14 && t.size() != 17) return std::nullopt;
    for (char c : t)
        if (c < '0' || c > '9') return std::nullopt;
    DateTime dt;
    dt.year = digits(t, 0, 4);
    dt.month = digits(t, 4, 2);
    dt.day = digits(t, 6, 2);
    dt.hour = digits(t, 8, 2);
    dt.minute = digits(t, 10, 2);
    dt.second = digits(t, 12, 2);
    dt.millisecond = t.size() == 17 ? digits(t, 14, 3) : 0;
    if (dt.month < 1 || dt.month > 12 || dt.day < 1 || dt.day > days_in_month(dt.year, dt.month) ||
        dt.hour > 23 || dt.minute > 59 || dt.second > 59)
        return std::nullopt;
    return dt;
}

std::int64_t DateTime::to_epoch_ms() const noexcept {
    return days_from_civil(year, month, day) * kMsPerDay +
           ((static_cast<std::int64_t>(hour) * 60 + minute) * 60 + second) * 1000 + millisecond;
}

DateTime DateTime::from_epoch_ms(std::int64_t ms) noexcept {
    std::int64_t days = ms / kMsPerDay;
    std::int64_t rem = ms % kMsPerDay;
    if (rem < 0) {
        rem += kMsPerDay;
        --days;
    }
    DateTime dt;
    civil_from_days(days, dt.year, dt.month, dt.day);
    dt.millisecond = static_cast<int>(rem % 1000);
    rem /= 1000;
    dt.second = static_cast<int>(rem % 60);
    rem /= 60;
    dt.minute = static_cast<int>(rem % 60);
    dt.hour = static_cast<int>(rem / 60);
    return dt;
}

std::string DateTime::format14() const {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d%02d%02d%02d", year, month, day, hour, minute,
                  second);
    return buf;
}

std::string DateTime::format17() const {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d%02d%02d%02d%03d", year, month, day, hour, minute,
                  second, millisecond);
    return buf;
}

} // namespace hj212
