#include "commands/runtime_param.hpp"

#include <algorithm>
#include <array>
#include <charconv>

namespace hj212gw::commands {
namespace {

/// Plain decimal digits only ("05" is fine, "+5", "5.0" and " 5" are not): a set command is a
/// deliberate act, so a value we would have to guess at is a condition error, not a conversion.
std::optional<unsigned> parse_unsigned(std::string_view text, std::size_t max_digits) noexcept {
    if (text.empty() || text.size() > max_digits) return std::nullopt;
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

bool in_range(std::string_view text, std::size_t max_digits, unsigned low, unsigned high) {
    const auto v = parse_unsigned(text, max_digits);
    return v && *v >= low && *v <= high;
}

bool is_password(std::string_view text) noexcept {
    // NewPW is C6 of 0-9/a-z/A-Z: anything else could also break the segment (';', '&', '=').
    if (text.empty() || text.size() > 6) return false;
    return std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    });
}

bool is_signed_integer(std::string_view text) noexcept {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return !text.empty() && ec == std::errc{} && end == text.data() + text.size();
}

} // namespace

std::string_view param_key(RuntimeParam p) noexcept {
    switch (p) {
    case RuntimeParam::over_time:
        return "OverTime";
    case RuntimeParam::re_count:
        return "ReCount";
    case RuntimeParam::rtd_interval:
        return "RtdInterval";
    case RuntimeParam::min_interval:
        return "MinInterval";
    case RuntimeParam::password:
        return "PW";
    case RuntimeParam::realtime_upload:
        return "RtdEnabled";
    case RuntimeParam::status_upload:
        return "StatusEnabled";
    case RuntimeParam::clock_offset_ms:
        return "ClockOffsetMs";
    }
    return "";
}

std::optional<std::string_view> default_value(RuntimeParam p) noexcept {
    switch (p) {
    case RuntimeParam::over_time:
        return "10";
    case RuntimeParam::re_count:
        return "3";
    case RuntimeParam::rtd_interval:
        return "30";
    case RuntimeParam::min_interval:
        return "10";
    default:
        return std::nullopt;
    }
}

bool is_valid_value(RuntimeParam p, std::string_view value) noexcept {
    switch (p) {
    case RuntimeParam::over_time:
    case RuntimeParam::re_count:
        return in_range(value, 2, 1, 99); // N2, 0 < n <= 99
    case RuntimeParam::rtd_interval:
        return in_range(value, 4, 30, 3600); // N4, 30 <= n <= 3600
    case RuntimeParam::min_interval: {
        // Minute data is aligned to the hour, so the interval must divide 60.
        constexpr std::array<unsigned, 11> allowed{1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30};
        const auto v = parse_unsigned(value, 2);
        return v && std::find(allowed.begin(), allowed.end(), *v) != allowed.end();
    }
    case RuntimeParam::password:
        return is_password(value);
    case RuntimeParam::realtime_upload:
    case RuntimeParam::status_upload:
        return value == kOn || value == kOff;
    case RuntimeParam::clock_offset_ms:
        return is_signed_integer(value);
    }
    return false;
}

} // namespace hj212gw::commands
