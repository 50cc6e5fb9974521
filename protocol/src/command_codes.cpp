// Command codes (CN): table 9 of HJ 212-2017, plus the HJ 212-2025 additions. A code that is
// both a host request and a field upload (1011, 2011...) has one row per direction.
#include "hj212/codes.hpp"
#include "hj212/version.hpp"

namespace hj212 {
namespace {

using D = Direction;
using K = CommandKind;
constexpr auto H = D::host_to_field;
constexpr auto F = D::field_to_host;
constexpr std::uint8_t v17 = kVersion2017; // listed in table 9 of HJ 212-2017
constexpr std::uint8_t v25 = kVersion2025;

constexpr CommandInfo kCommands[] = {
    // Initialisation and parameters (1000-1999).
    {1000, H, K::request, "set timeout and retry count", v17},
    {1001, F, K::notification, "upload unit hardware serial numbers", v25},
    {1002, H, K::request, "set MN", v25},
    {1011, H, K::request, "get field time", v17},
    {1011, F, K::upload, "upload field time", v17},
    {1012, H, K::request, "set field time", v17},
    {1013, F, K::notification, "time calibration request", v17},
    {1014, H, K::request, "issue encryption key", v25},
    {1061, H, K::request, "get real-time data interval", v17},
    {1061, F, K::upload, "upload real-time data interval", v17},
    {1062, H, K::request, "set real-time data interval", v17},
    {1063, H, K::request, "get minute data interval", v17},
    {1063, F, K::upload, "upload minute data interval", v17},
    {1064, H, K::request, "set minute data interval", v17},
    {1072, H, K::request, "set field password", v17},
    // Data (2000-2999).
    {2011, H, K::request, "start real-time data", v17},
    {2011, F, K::upload, "real-time data", v17},
    {2012, H, K::notification, "stop real-time data", v17},
    {2013, F, K::upload, "raw data", v25},
    {2021, H, K::request, "start equipment status", v17},
    {2021, F, K::upload, "equipment status", v17},
    {2022, H, K::notification, "stop equipment status", v17},
    {2031, H, K::request, "get daily history", v17},
    {2031, F, K::upload, "daily data", v17},
    {2041, H, K::request, "get equipment running-time history", v17},
    {2041, F, K::upload, "equipment running time", v17},
    {2051, H, K::request, "get minute history", v17},
    {2051, F, K::upload, "minute data", v17},
    {2052, F, K::upload, "single noise value", v25},
    {2061, H, K::request, "get hourly history", v17},
    {2061, F, K::upload, "hourly data", v17},
    {2062, F, K::upload, "automatic standard-check data", v25},
    {2081, F, K::upload, "unit restart time", v17},
    {2111, F, K::upload, "5-minute furnace temperature", v25},
    // Control (3000-3999).
    {3011, H, K::request, "zero and span calibration", v17},
    {3012, H, K::request, "immediate sampling", v17},
    {3013, H, K::request, "start cleaning / back-blow", v17},
    {3014, H, K::request, "comparison sampling", v17},
    {3015, H, K::request, "over-limit sample retention", v17},
    {3015, F, K::upload, "sample retention information", v17},
    {3016, H, K::request, "set sampling period", v17},
    {3017, H, K::request, "get sampling period", v17},
    {3017, F, K::upload, "sampling period", v17},
    {3018, H, K::request, "get sample-out time", v17},
    {3018, F, K::upload, "sample-out time", v17},
    {3019, H, K::request, "get instrument serial (SN)", v17},
    {3019, F, K::upload, "instrument serial (SN)", v17},
    {3020, H, K::request, "get field information", v17},
    {3020, F, K::upload, "field information", v17},
    {3021, H, K::request, "set field parameters", v17},
    {3022, H, K::request, "sample retention task", v25},
    {3024, H, K::request, "start standard check", v25},
    // Interaction (9000-9999).
    {9011, F, K::interaction, "request reply (QnRtn)", v17},
    {9012, F, K::interaction, "execution result (ExeRtn)", v17},
    {9013, H, K::interaction, "notification reply", v17},
    {9013, F, K::interaction, "notification reply", v17},
    {9014, H, K::interaction, "data reply", v17},
    {9014, F, K::interaction, "data reply", v17},
    {9015, F, K::notification, "heartbeat", v25},
};

} // namespace

std::string_view to_string(Direction d) noexcept {
    return d == Direction::host_to_field ? "host_to_field" : "field_to_host";
}

std::string_view to_string(CommandKind k) noexcept {
    switch (k) {
    case CommandKind::request:
        return "request";
    case CommandKind::upload:
        return "upload";
    case CommandKind::notification:
        return "notification";
    case CommandKind::interaction:
        return "interaction";
    }
    return "?";
}

std::span<const CommandInfo> command_table() noexcept {
    return kCommands;
}

const CommandInfo* find_command(std::uint16_t cn, Direction direction) noexcept {
    for (const auto& c : kCommands)
        if (c.cn == cn && c.direction == direction) return &c;
    return nullptr;
}

} // namespace hj212
