#pragma once
// Site-local time as milliseconds since 1970-01-01 00:00 of the site's clock (no zone), the
// same clock hj212::DateTime::to_epoch_ms uses, and the boundaries the uploads align to.
#include <cstdint>

namespace hj212gw::sim {

inline constexpr std::int64_t kSecondMs = 1000;
inline constexpr std::int64_t kMinuteMs = 60 * kSecondMs;
inline constexpr std::int64_t kHourMs = 60 * kMinuteMs;
inline constexpr std::int64_t kDayMs = 24 * kHourMs;

/// Floor division that rounds towards minus infinity (times before 1970 stay aligned).
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
    const std::int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
/// Largest multiple of `step` not after t.
constexpr std::int64_t align_down(std::int64_t t, std::int64_t step) noexcept {
    return floor_div(t, step) * step;
}
/// Smallest multiple of `step` not before t.
constexpr std::int64_t align_up(std::int64_t t, std::int64_t step) noexcept {
    return -align_down(-t, step);
}
constexpr std::int64_t day_index(std::int64_t t) noexcept {
    return floor_div(t, kDayMs);
}
constexpr int hour_of_day(std::int64_t t) noexcept {
    return static_cast<int>((t - align_down(t, kDayMs)) / kHourMs);
}

} // namespace hj212gw::sim
