#include "config/enum_text.hpp"

#include <array>
#include <utility>

namespace hj212gw::config {
namespace {

constexpr std::array<std::pair<LogLevel, std::string_view>, 7> kLogLevels{{
    {LogLevel::trace, "trace"},
    {LogLevel::debug, "debug"},
    {LogLevel::info, "info"},
    {LogLevel::warn, "warn"},
    {LogLevel::error, "error"},
    {LogLevel::critical, "critical"},
    {LogLevel::off, "off"},
}};

constexpr std::array<std::pair<Parity, std::string_view>, 3> kParities{{
    {Parity::none, "none"},
    {Parity::odd, "odd"},
    {Parity::even, "even"},
}};

template <class Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& table,
                         Enum value) noexcept {
    for (const auto& [v, name] : table)
        if (v == value) return name;
    return "?";
}

template <class Enum, std::size_t N>
std::optional<Enum> value_of(const std::array<std::pair<Enum, std::string_view>, N>& table,
                             std::string_view text) noexcept {
    for (const auto& [v, name] : table)
        if (name == text) return v;
    return std::nullopt;
}

} // namespace

std::string_view to_string(LogLevel level) noexcept {
    return name_of(kLogLevels, level);
}
std::string_view to_string(Parity parity) noexcept {
    return name_of(kParities, parity);
}

std::optional<LogLevel> parse_log_level(std::string_view text) noexcept {
    return value_of(kLogLevels, text);
}
std::optional<Parity> parse_parity(std::string_view text) noexcept {
    return value_of(kParities, text);
}

} // namespace hj212gw::config
