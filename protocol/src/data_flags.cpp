// Data flags: table 8 of HJ 212-2017 and the HJ/T 212-2005 set. Only N is valid data for the
// transmission-effective rate (HJ 356 / HJ 75).
#include "hj212/codes.hpp"
#include "hj212/version.hpp"

namespace hj212 {
namespace {

constexpr DataFlagInfo kFlags[] = {
    {'N', kVersion2017, true, "normal", "instrument working normally"},
    {'F', kVersion2017, false, "stopped", "instrument stopped"},
    {'M', kVersion2017, false, "maintenance", "data produced during maintenance"},
    {'S', kVersion2017, false, "manual", "value set by hand"},
    {'D', kVersion2017, false, "fault", "instrument fault"},
    {'C', kVersion2017, false, "calibration", "instrument calibrating"},
    {'T', kVersion2017, false, "over_range", "value above the measuring range"},
    {'B', kVersion2017, false, "comm_fault", "instrument-to-unit communication fault"},

    {'P', kVersion2005, false, "power_fault", "power fault"},
    {'F', kVersion2005, false, "source_stopped", "pollution source stopped"},
    {'C', kVersion2005, false, "check", "instrument check"},
    {'M', kVersion2005, false, "maintenance", "maintenance"},
    {'T', kVersion2005, false, "over_range", "value above the measuring range"},
    {'D', kVersion2005, false, "fault", "instrument fault"},
    {'S', kVersion2005, false, "manual", "value set by hand"},
    {'N', kVersion2005, true, "normal", "normal"},
};

} // namespace

std::span<const DataFlagInfo> data_flag_table() noexcept {
    return kFlags;
}

const DataFlagInfo* find_data_flag(char flag, std::uint8_t version_bits) noexcept {
    // An edition's table replaces the previous one (P of 2005 is gone in 2017); an edition
    // without a table of its own (2025 for now) reads with the newest one before it.
    std::uint8_t edition = kVersion2005;
    for (const auto& f : kFlags)
        if (f.version <= version_bits && f.version > edition) edition = f.version;
    for (const auto& f : kFlags)
        if (f.flag == flag && f.version == edition) return &f;
    return nullptr;
}

} // namespace hj212
