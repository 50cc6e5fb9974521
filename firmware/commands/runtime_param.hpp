#pragma once
// The runtime parameters platforms set and read (1000, 1061..1064, 1072, 2011/2012, 2021/2022,
// 1012 without clock permission), their persisted names and their valid values (HJ 212-2017
// table 4 field definitions).
#include <cstdint>
#include <optional>
#include <string_view>

namespace hj212gw::commands {

enum class RuntimeParam : std::uint8_t {
    over_time,       ///< "OverTime", seconds, 1..99 (CN 1000)
    re_count,        ///< "ReCount", 1..99 (CN 1000)
    rtd_interval,    ///< "RtdInterval", seconds, 30..3600 (CN 1061/1062)
    min_interval,    ///< "MinInterval", minutes, a divisor of 60 up to 30 (CN 1063/1064)
    password,        ///< "PW", 1..6 of 0-9 a-z A-Z (CN 1072); overrides the configured one
    realtime_upload, ///< "RtdEnabled", "1" on / "0" off (CN 2011/2012)
    status_upload,   ///< "StatusEnabled", "1" on / "0" off (CN 2021/2022)
    clock_offset_ms, ///< "ClockOffsetMs", platform time minus gateway time, signed (CN 1012)
};

/// The name the parameter is persisted under (the daemon passes it to Store::set_param).
/// OverTime, ReCount, RtdInterval, MinInterval, PW and RtdEnabled match storage::param_key.
std::string_view param_key(RuntimeParam p) noexcept;

/// The value a get command reports when nothing was set or configured: RtdInterval 30 (C.5),
/// MinInterval 10 (C.7), OverTime 10 and ReCount 3 (table 1, GPRS/4G). nullopt for the others.
std::optional<std::string_view> default_value(RuntimeParam p) noexcept;

/// Whether a platform may set this value: integers as plain decimal digits in the standard's
/// ranges, passwords of 1..6 letters or digits, switches "0"/"1", offsets any signed integer.
bool is_valid_value(RuntimeParam p, std::string_view value) noexcept;

inline constexpr std::string_view kOn = "1";
inline constexpr std::string_view kOff = "0";

} // namespace hj212gw::commands
