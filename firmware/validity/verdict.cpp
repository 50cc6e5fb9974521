#include "validity/verdict.hpp"

#include <array>

namespace hj212gw::validity {
namespace {

// Indexed by the enum value; the static_assert keeps the table and the enum in step.
constexpr std::array<std::string_view, 16> kNames = {
    "valid",
    "flag_calibration",
    "flag_maintenance",
    "flag_fault",
    "flag_stopped",
    "flag_comm_fault",
    "flag_manual",
    "flag_over_range",
    "flag_power_fault",
    "flag_unknown",
    "negative",
    "below_range",
    "above_range",
    "stuck",
    "zero_flow_with_discharge",
    "not_a_number",
};
static_assert(kNames.size() == static_cast<std::size_t>(Reason::not_a_number) + 1);

} // namespace

std::string_view to_string(Reason r) noexcept {
    const auto i = static_cast<std::size_t>(r);
    return i < kNames.size() ? kNames[i] : std::string_view{"unknown"};
}

std::optional<Reason> reason_from_string(std::string_view name) noexcept {
    for (std::size_t i = 0; i < kNames.size(); ++i)
        if (kNames[i] == name) return static_cast<Reason>(i);
    return std::nullopt;
}

} // namespace hj212gw::validity
