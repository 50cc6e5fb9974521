#pragma once
// Encoder: what we emit is exactly the standard. Canonical field order
// (QN ST CN PW MN Flag [PNUM PNO] [extra] CP), uppercase zero-padded CRC, 4-digit zero-padded
// length, CR LF; packets longer than the emit limit are split into PNUM/PNO parts.
#include "hj212/packet.hpp"
#include "hj212/result.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace hj212 {

inline constexpr std::size_t kStandardMaxSegment = 1024;

enum class EncodeError : std::uint8_t {
    segment_too_long, ///< longer than 9999 bytes: the length field cannot express it
    item_too_long,    ///< one CP item alone does not fit in a part of the emit limit
};
std::string_view to_string(EncodeError e) noexcept;

/// The data segment in canonical order. Flag's D bit is set exactly when PNUM/PNO are present.
std::string encode_segment(const Packet& p);
void append_segment(std::string& out, const Packet& p);

/// Frames a segment: "##" + length + segment + CRC + "\r\n".
Result<std::string, EncodeError> frame_segment(std::string_view segment);
/// Appends the frame to `out` (no allocation when `out` has capacity). False if too long.
bool append_frame(std::string& out, std::string_view segment);

/// encode_segment + frame_segment, for packets that fit (use split_packet first otherwise).
Result<std::string, EncodeError> encode_frame(const Packet& p);

/// How the QN of split parts is chosen.
enum class SplitQn : std::uint8_t {
    increment, ///< part k gets QN + (k-1) ms, as in Appendix C.49/C.50 (each part acked alone)
    keep,      ///< every part keeps the original QN (what some platforms expect)
};

struct SplitOptions {
    std::size_t max_segment = kStandardMaxSegment;
    SplitQn qn = SplitQn::increment;
};

/// Splits a packet whose segment exceeds max_segment into parts that each fit: the leading
/// groups without factor items (DataTime, ...) are repeated in every part, the other groups are
/// distributed in order, a group too big for one part is split between items. Each part gets
/// Flag D, PNUM and PNO. A packet that fits is returned as the single element, unchanged.
Result<std::vector<Packet>, EncodeError> split_packet(const Packet& p, SplitOptions options = {});

} // namespace hj212
