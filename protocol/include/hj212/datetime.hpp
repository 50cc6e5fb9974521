#pragma once
// Civil date-time as HJ 212 writes it (local time of the site, no zone): YYYYMMDDhhmmss for
// DataTime/SystemTime/BeginTime/EndTime and YYYYMMDDhhmmsszzz for QN.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hj212 {

struct DateTime {
    int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0, millisecond = 0;

    /// Accepts 14 digits (seconds) or 17 digits (milliseconds, as in QN and some devices'
    /// DataTime). Rejects impossible dates (2026-02-30) and times.
    static std::optional<DateTime> parse(std::string_view text) noexcept;

    /// Milliseconds since 1970-01-01 00:00:00.000 of the same (zone-less) clock.
    std::int64_t to_epoch_ms() const noexcept;
    static DateTime from_epoch_ms(std::int64_t ms) noexcept;

    std::string format14() const; ///< YYYYMMDDhhmmss
    std::string format17() const; ///< YYYYMMDDhhmmsszzz

    friend bool operator==(const DateTime&, const DateTime&) = default;
};

} // namespace hj212
