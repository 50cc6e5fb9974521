#pragma once
// The packet model. PacketView is what the parser fills: string views into the data segment,
// original order and text kept (lossless), no allocation once its vectors have grown.
// Packet is the owning form that builders and the encoder use.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hj212 {

/// One key=value of the data area (CP), or of the header.
struct Item {
    std::string_view key;
    std::string_view value;
};

/// A CP key split into factor code and suffix: "w01018-Rtd" -> {"w01018", "Rtd"}.
/// Keys without '-' (DataTime, PolId, ...) have an empty suffix and code == key.
struct ItemKey {
    std::string_view code;
    std::string_view suffix;
};
ItemKey split_item_key(std::string_view key) noexcept;

/// Numbers as the standard writes them (N14.2 etc.): optional sign, digits, optional fraction.
std::optional<double> parse_number(std::string_view text) noexcept;

class PacketView {
public:
    std::string_view segment; ///< the whole data segment the views point into

    std::optional<std::string_view> qn, st, cn, pw, mn;
    std::optional<unsigned> flag;
    std::optional<std::uint32_t> pnum, pno;

    std::vector<Item> header;              ///< every header field before CP, in original order
    std::vector<Item> items;               ///< every CP item, in original order
    std::vector<std::uint32_t> group_ends; ///< group g = items[group_ends[g-1] .. group_ends[g])

    void clear() noexcept;

    std::size_t group_count() const noexcept { return group_ends.size(); }
    std::span<const Item> group(std::size_t g) const noexcept;

    /// First CP item with this key, in any group.
    std::optional<std::string_view> find(std::string_view key) const noexcept;
    /// First header field with this key (for fields beyond the standard ones, e.g. RF).
    std::optional<std::string_view> header_field(std::string_view key) const noexcept;

    bool reply_wanted() const noexcept;
    bool has_packet_numbers() const noexcept;
    std::uint8_t version_bits() const noexcept;
    /// CN as a number, nullopt when absent or not 4 digits.
    std::optional<std::uint16_t> command() const noexcept;
};

struct OwnedItem {
    std::string key;
    std::string value;
    friend bool operator==(const OwnedItem&, const OwnedItem&) = default;
};
using OwnedGroup = std::vector<OwnedItem>;

/// Owning packet. An empty string field means "absent" and is not emitted.
struct Packet {
    std::string qn, st, cn, pw, mn;
    std::optional<unsigned> flag;
    std::optional<std::uint32_t> pnum, pno;
    std::vector<OwnedItem> extra_header; ///< fields after PNO and before CP (e.g. RF in 2025)
    std::vector<OwnedGroup> cp;

    static Packet from(const PacketView& view);

    /// First CP value with this key.
    const std::string* find(std::string_view key) const noexcept;
    bool reply_wanted() const noexcept { return flag && (*flag & 1U) != 0; }

    friend bool operator==(const Packet&, const Packet&) = default;
};

} // namespace hj212
