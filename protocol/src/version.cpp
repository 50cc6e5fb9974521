#include "hj212/version.hpp"

#include <array>

namespace hj212 {
namespace {

constexpr std::array<VersionInfo, 3> kVersions{{
    {kVersion2005, "2005", "HJ/T 212-2005"},
    {kVersion2017, "2017", "HJ 212-2017"},
    {kVersion2025, "2025", "HJ 212-2025"},
}};

} // namespace

std::span<const VersionInfo> version_table() noexcept {
    return kVersions;
}

const VersionInfo* find_version(std::uint8_t bits) noexcept {
    for (const auto& v : kVersions)
        if (v.bits == bits) return &v;
    return nullptr;
}

std::string_view version_name(std::optional<unsigned> flag) noexcept {
    if (!flag) return "2005";
    const auto* v = find_version(flag_version_bits(*flag));
    return v ? v->name : "unknown";
}

} // namespace hj212
