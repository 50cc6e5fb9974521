// Request replies (QnRtn, table 7) and execution results (ExeRtn, table 6).
#include "hj212/codes.hpp"

namespace hj212 {
namespace {

constexpr ReturnCodeInfo kQnRtn[] = {
    {1, "ready to execute"}, {2, "request rejected"}, {3, "PW error"}, {4, "MN error"},
    {5, "ST error"},         {6, "Flag error"},       {7, "QN error"}, {8, "CN error"},
    {9, "CRC error"},        {100, "unknown error"},
};

constexpr ReturnCodeInfo kExeRtn[] = {
    {1, "executed"},
    {2, "failed, reason unknown"},
    {3, "request condition error"},
    {4, "communication timeout"},
    {5, "system busy"},
    {6, "system fault"},
    {100, "no data"},
};

template <std::size_t N>
std::string_view lookup(const ReturnCodeInfo (&table)[N], std::uint16_t code) noexcept {
    for (const auto& r : table)
        if (r.code == code) return r.description;
    return "unknown code";
}

} // namespace

std::span<const ReturnCodeInfo> qn_rtn_table() noexcept {
    return kQnRtn;
}
std::span<const ReturnCodeInfo> exe_rtn_table() noexcept {
    return kExeRtn;
}
std::string_view describe(QnRtn r) noexcept {
    return lookup(kQnRtn, static_cast<std::uint16_t>(r));
}
std::string_view describe(ExeRtn r) noexcept {
    return lookup(kExeRtn, static_cast<std::uint16_t>(r));
}

} // namespace hj212
