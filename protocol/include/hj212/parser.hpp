#pragma once
// Parses a data segment (the bytes between the length field and the CRC) into a PacketView.
// Lenient mode reads what real devices send; strict mode checks everything the standard says
// and names the field and the reason when it refuses.
#include "hj212/packet.hpp"
#include "hj212/result.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace hj212 {

enum class ParseMode : std::uint8_t {
    /// Any header order, ',' tolerated between header fields, spaces around keys and values
    /// trimmed, unknown header fields kept, empty CP items skipped, an item without '=' kept
    /// with an empty value, MN/PW/QN of any shape. Requires only a terminated CP=&&...&&.
    lenient,
    /// Exactly the standard: QN ST CN PW MN Flag [PNUM PNO] CP in this order, each well formed,
    /// D bit consistent with PNUM/PNO, CP at most 950 characters, segment at most 1024.
    strict,
};

enum class Field : std::uint8_t { segment, qn, st, cn, pw, mn, flag, pnum, pno, header, cp, item };

enum class ParseReason : std::uint8_t {
    missing,      ///< a required field is absent
    bad_format,   ///< the value does not have the required shape
    too_long,     ///< longer than the standard allows
    out_of_range, ///< a number outside its range
    duplicate,    ///< the field appears twice
    out_of_order, ///< strict: not in the standard's order
    unterminated, ///< CP does not end with &&
    inconsistent, ///< Flag's D bit disagrees with PNUM/PNO, or PNO > PNUM
    unexpected,   ///< strict: a field the standard does not define here
};

struct ParseError {
    Field field{};
    ParseReason reason{};
    std::size_t offset = 0; ///< byte offset in the segment where the problem was found
};

std::string_view to_string(Field f) noexcept;
std::string_view to_string(ParseReason r) noexcept;
/// "Flag: bad_format at byte 72 (expected an integer 0..255)".
std::string describe(const ParseError& e);

/// Fills `out` (cleared first; its vectors keep their capacity for reuse). Views point into
/// `segment`, which must outlive `out`.
Result<void, ParseError> parse_segment(std::string_view segment, PacketView& out,
                                       ParseMode mode = ParseMode::lenient);

} // namespace hj212
