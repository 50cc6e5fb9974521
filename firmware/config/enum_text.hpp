#pragma once
// The words used for enum values in the TOML file, on the command line and in the report, in
// one place so the three always agree.
#include "config/gateway_config.hpp"

#include <optional>
#include <string_view>

namespace hj212gw::config {

std::string_view to_string(LogLevel level) noexcept;
std::string_view to_string(Parity parity) noexcept;

std::optional<LogLevel> parse_log_level(std::string_view text) noexcept;
std::optional<Parity> parse_parity(std::string_view text) noexcept;

/// "trace|debug|info|warn|error|critical|off", for error messages.
inline constexpr std::string_view kLogLevelChoices = "trace|debug|info|warn|error|critical|off";
inline constexpr std::string_view kParityChoices = "none|odd|even";

} // namespace hj212gw::config
