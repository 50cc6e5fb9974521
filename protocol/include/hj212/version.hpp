#pragma once
// Protocol versions as data. The Flag field's bits V5..V0 (Flag >> 2) carry the version; a new
// edition is one more row in the table, not a change to the parser.
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace hj212 {

struct VersionInfo {
    std::uint8_t bits;      ///< value of V5..V0
    std::string_view name;  ///< "2005", "2017", "2025"
    std::string_view title; ///< the standard's designation
};

inline constexpr std::uint8_t kVersion2005 = 0;
inline constexpr std::uint8_t kVersion2017 = 1;
inline constexpr std::uint8_t kVersion2025 = 2;

std::span<const VersionInfo> version_table() noexcept;

/// The row for these version bits, or nullptr for a version this build does not know.
const VersionInfo* find_version(std::uint8_t bits) noexcept;

/// Name for the decode tool: "2005", "2017", "2025", or "unknown".
/// A packet without Flag is HJ/T 212-2005 style (2005 devices often omit it).
std::string_view version_name(std::optional<unsigned> flag) noexcept;

/// Flag bit helpers (bit 0 A: reply wanted; bit 1 D: PNUM/PNO present; bits 2..7 version).
constexpr bool flag_reply_wanted(unsigned flag) noexcept {
    return (flag & 1U) != 0;
}
constexpr bool flag_has_packet_numbers(unsigned flag) noexcept {
    return (flag & 2U) != 0;
}
constexpr std::uint8_t flag_version_bits(unsigned flag) noexcept {
    return static_cast<std::uint8_t>((flag >> 2) & 0x3FU);
}
constexpr unsigned make_flag(std::uint8_t version_bits, bool split, bool reply) noexcept {
    return (static_cast<unsigned>(version_bits) << 2) | (split ? 2U : 0U) | (reply ? 1U : 0U);
}

} // namespace hj212
