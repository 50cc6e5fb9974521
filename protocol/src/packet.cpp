#include "hj212/packet.hpp"

#include "hj212/version.hpp"

#include <charconv>

namespace hj212 {

ItemKey split_item_key(std::string_view key) noexcept {
    const auto dash = key.find('-');
    if (dash == std::string_view::npos) return {key, {}};
    return {key.substr(0, dash), key.substr(dash + 1)};
}

std::optional<double> parse_number(std::string_view text) noexcept {
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    if (text.empty()) return std::nullopt;
    double v = 0;
    const auto* first = text.data();
    const auto* last = text.data() + text.size();
    const auto [p, ec] = std::from_chars(first, last, v, std::chars_format::fixed);
    if (ec != std::errc{} || p != last) return std::nullopt;
    return v;
}

void PacketView::clear() noexcept {
    segment = {};
    qn = st = cn = pw = mn = std::nullopt;
    flag = std::nullopt;
    pnum = pno = std::nullopt;
    header.clear();
    items.clear();
    group_ends.clear();
}

std::span<const Item> PacketView::group(std::size_t g) const noexcept {
    const std::size_t begin = g == 0 ? 0 : group_ends[g - 1];
    return std::span<const Item>(items).subspan(begin, group_ends[g] - begin);
}

std::optional<std::string_view> PacketView::find(std::string_view key) const noexcept {
    for (const auto& it : items)
        if (it.key == key) return it.value;
    return std::nullopt;
}

std::optional<std::string_view> PacketView::header_field(std::string_view key) const noexcept {
    for (const auto& it : header)
        if (it.key == key) return it.value;
    return std::nullopt;
}

bool PacketView::reply_wanted() const noexcept {
    return flag && flag_reply_wanted(*flag);
}
bool PacketView::has_packet_numbers() const noexcept {
    return flag && flag_has_packet_numbers(*flag);
}
std::uint8_t PacketView::version_bits() const noexcept {
    return flag ? flag_version_bits(*flag) : kVersion2005;
}

std::optional<std::uint16_t> PacketView::command() const noexcept {
    if (!cn || cn->size() != 4) return std::nullopt;
    unsigned v = 0;
    for (char c : *cn) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + static_cast<unsigned>(c - '0');
    }
    return static_cast<std::uint16_t>(v);
}

namespace {
bool is_standard_header(std::string_view key) noexcept {
    return key == "QN" || key == "ST" || key == "CN" || key == "PW" || key == "MN" ||
           key == "Flag" || key == "PNUM" || key == "PNO";
}
} // namespace

Packet Packet::from(const PacketView& v) {
    Packet p;
    if (v.qn) p.qn = *v.qn;
    if (v.st) p.st = *v.st;
    if (v.cn) p.cn = *v.cn;
    if (v.pw) p.pw = *v.pw;
    if (v.mn) p.mn = *v.mn;
    p.flag = v.flag;
    p.pnum = v.pnum;
    p.pno = v.pno;
    for (const auto& h : v.header)
        if (!is_standard_header(h.key))
            p.extra_header.push_back({std::string(h.key), std::string(h.value)});
    p.cp.reserve(v.group_count());
    for (std::size_t g = 0; g < v.group_count(); ++g) {
        OwnedGroup group;
        for (const auto& it : v.group(g))
            group.push_back({std::string(it.key), std::string(it.value)});
        p.cp.push_back(std::move(group));
    }
    return p;
}

const std::string* Packet::find(std::string_view key) const noexcept {
    for (const auto& g : cp)
        for (const auto& it : g)
            if (it.key == key) return &it.value;
    return nullptr;
}

} // namespace hj212
