#include "hj212/deframer.hpp"

#include "hj212/crc.hpp"

#include <algorithm>
#include <cstring>
#include <string>

namespace hj212 {
namespace {

constexpr std::size_t kHeader = 6;  // "##" + 4 length digits
constexpr std::size_t kTrailer = 6; // 4 CRC hex digits + CR LF

bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}

std::string hex4(std::uint16_t v) {
    char out[4];
    write_crc_hex(v, out);
    return std::string(out, 4);
}

} // namespace

std::string_view to_string(DeframeErrorKind kind) noexcept {
    switch (kind) {
    case DeframeErrorKind::garbage:
        return "garbage";
    case DeframeErrorKind::bad_length:
        return "bad_length";
    case DeframeErrorKind::oversized:
        return "oversized";
    case DeframeErrorKind::length_mismatch:
        return "length_mismatch";
    case DeframeErrorKind::bad_trailer:
        return "bad_trailer";
    case DeframeErrorKind::crc_mismatch:
        return "crc_mismatch";
    case DeframeErrorKind::truncated:
        return "truncated";
    }
    return "unknown";
}

std::string describe(const DeframeError& e) {
    switch (e.kind) {
    case DeframeErrorKind::garbage:
        return std::to_string(e.size) + " byte(s) outside any frame skipped";
    case DeframeErrorKind::bad_length:
        return "length field after ## is not 4 decimal digits";
    case DeframeErrorKind::oversized:
        return "length " + std::to_string(e.claimed) + " exceeds the accepted maximum";
    case DeframeErrorKind::length_mismatch:
        return "length " + std::to_string(e.claimed) +
               " runs past a CR/LF: the length field does not match the segment";
    case DeframeErrorKind::bad_trailer:
        return "no CRC + CR LF after the " + std::to_string(e.claimed) + "-byte segment";
    case DeframeErrorKind::crc_mismatch:
        return "CRC " + hex4(e.received_crc) + " received, " + hex4(e.expected_crc) + " computed";
    case DeframeErrorKind::truncated:
        return "stream ended inside a frame (" + std::to_string(e.size) + " byte(s) buffered)";
    }
    return {};
}

std::uint64_t DeframerStats::total_errors() const noexcept {
    std::uint64_t n = 0;
    for (auto v : errors)
        n += v;
    return n;
}

Deframer::Deframer(DeframerLimits limits)
    : limits_(limits), buf_(limits.max_segment + kHeader + kTrailer) {
    // The length field has 4 digits: nothing above 9999 can be framed anyway.
    limits_.max_segment = std::min<std::size_t>(limits_.max_segment, 9999);
}

void Deframer::compact() {
    if (pos_ == 0) return;
    const std::size_t n = end_ - pos_;
    if (n > 0) std::memmove(buf_.data(), buf_.data() + pos_, n);
    base_offset_ += pos_;
    pos_ = 0;
    end_ = n;
}

std::size_t Deframer::feed(std::string_view bytes) {
    compact();
    const std::size_t n = std::min(bytes.size(), buf_.size() - end_);
    if (n > 0) std::memcpy(buf_.data() + end_, bytes.data(), n);
    end_ += n;
    stats_.bytes += n;
    return n;
}

std::optional<DeframeEvent> Deframer::error(DeframeErrorKind kind, std::size_t at, std::size_t size,
                                            std::size_t claimed) {
    ++stats_.errors[static_cast<std::size_t>(kind)];
    DeframeError e;
    e.kind = kind;
    e.offset = base_offset_ + at;
    e.size = size;
    e.claimed = claimed;
    return DeframeEvent{e};
}

std::optional<DeframeEvent> Deframer::next() {
    const char* b = buf_.data();
    if (pos_ == end_) return std::nullopt;

    // Drops the bad header at pos_ and everything up to the next possible "##" after it, so the
    // error costs no later frame: the frame that follows is found by the next call.
    auto resync = [&](DeframeErrorKind kind, std::size_t claimed) {
        const std::size_t at = pos_;
        std::size_t q = pos_ + 1;
        while (q + 1 < end_ && !(b[q] == '#' && b[q + 1] == '#'))
            ++q;
        if (q + 1 >= end_ && (q >= end_ || b[q] != '#')) q = end_;
        pos_ = q;
        return error(kind, at, q - at, claimed);
    };

    // 1. Synchronise on "##".
    if (b[pos_] != '#' || (pos_ + 1 < end_ && b[pos_ + 1] != '#')) {
        std::size_t q = pos_;
        while (q + 1 < end_ && !(b[q] == '#' && b[q + 1] == '#'))
            ++q;
        if (q + 1 >= end_ && b[q] != '#') q = end_; // keep a lone trailing '#' for later
        if (q == pos_) return std::nullopt;
        const std::size_t at = pos_;
        pos_ = q;
        return error(DeframeErrorKind::garbage, at, q - at);
    }

    // 2. Length field: reject as soon as a character is wrong, without waiting for the rest.
    const std::size_t avail = end_ - pos_;
    const std::size_t digits =
        std::min<std::size_t>(avail, kHeader) - std::min<std::size_t>(avail, 2);
    for (std::size_t i = 0; i < digits; ++i)
        if (!is_digit(b[pos_ + 2 + i])) return resync(DeframeErrorKind::bad_length, 0);
    if (avail < kHeader) return std::nullopt;
    const std::size_t len = static_cast<std::size_t>(b[pos_ + 2] - '0') * 1000 +
                            static_cast<std::size_t>(b[pos_ + 3] - '0') * 100 +
                            static_cast<std::size_t>(b[pos_ + 4] - '0') * 10 +
                            static_cast<std::size_t>(b[pos_ + 5] - '0');
    if (len > limits_.max_segment) return resync(DeframeErrorKind::oversized, len);

    // 3. A segment never contains CR or LF: one inside the claimed span proves the length wrong
    //    now, instead of swallowing the frames that follow while waiting for bytes.
    const std::size_t seg_begin = pos_ + kHeader;
    const std::size_t seg_have = std::min(len, end_ - seg_begin);
    const char* seg = b + seg_begin;
    if (std::memchr(seg, '\r', seg_have) != nullptr || std::memchr(seg, '\n', seg_have) != nullptr)
        return resync(DeframeErrorKind::length_mismatch, len);
    if (avail < kHeader + len + kTrailer) return std::nullopt;

    // 4. Trailer and CRC.
    const char* t = seg + len;
    const auto carried = parse_crc_hex(std::string_view(t, 4));
    if (!carried || t[4] != '\r' || t[5] != '\n') return resync(DeframeErrorKind::bad_trailer, len);
    const std::string_view segment(seg, len);
    const std::uint16_t computed = crc16(segment);
    const std::size_t at = pos_;
    pos_ += kHeader + len + kTrailer;
    if (computed != *carried) {
        auto ev = error(DeframeErrorKind::crc_mismatch, at, kHeader + len + kTrailer, len);
        auto& e = std::get<DeframeError>(*ev);
        e.expected_crc = computed;
        e.received_crc = *carried;
        return ev;
    }
    ++stats_.frames;
    return DeframeEvent{DeframedFrame{base_offset_ + at, segment, computed}};
}

std::optional<DeframeError> Deframer::flush() {
    if (pos_ == end_) return std::nullopt;
    const bool framed = end_ - pos_ >= 2 && buf_[pos_] == '#' && buf_[pos_ + 1] == '#';
    const auto kind = framed ? DeframeErrorKind::truncated : DeframeErrorKind::garbage;
    auto ev = error(kind, pos_, end_ - pos_);
    pos_ = end_ = 0;
    base_offset_ = std::get<DeframeError>(*ev).offset + std::get<DeframeError>(*ev).size;
    return std::get<DeframeError>(*ev);
}

} // namespace hj212
