// Fuzzes the receive path: Deframer (any chunking) -> parse_segment (lenient and strict) ->
// Packet round trip -> Reassembler, checking the invariants the headers promise.
//
// Input layout: 4 control bytes, then the byte stream.
//   [0] chunking pattern (bits 0-1), frame repair (bits 2-3)
//   [1] deframer and reassembler limits   [2] [3] chunk sizes for the patterns that use them
// A mutated frame almost never keeps a valid CRC, so the parser and the reassembler would see
// little but the seeds; the repair modes rewrite CRCs (and lengths) before the stream is fed.
#include "hj212/crc.hpp"
#include "hj212/deframer.hpp"
#include "hj212/encoder.hpp"
#include "hj212/packet.hpp"
#include "hj212/parser.hpp"
#include "hj212/reassembler.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace {

using namespace hj212;

// Prints which invariant broke, so a crash report names it without a debugger.
void require(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "invariant violated: %s\n", what);
    __builtin_trap();
}

/// Cuts the stream into chunks; the sizes come from the fuzz input, so the fuzzer explores
/// frames split at every position and glued in every combination.
class Chunker {
public:
    enum class Pattern : std::uint8_t { whole, single, alternate, data_driven };

    Chunker(Pattern pattern, std::size_t a, std::size_t b) : pattern_(pattern), a_(a), b_(b) {}

    /// Size of the next chunk of `rest` (not empty): between 1 and rest.size().
    std::size_t next(std::string_view rest) {
        std::size_t n = rest.size();
        switch (pattern_) {
        case Pattern::whole:
            break;
        case Pattern::single:
            n = 1;
            break;
        case Pattern::alternate:
            n = (flip_ = !flip_) ? a_ : b_;
            break;
        case Pattern::data_driven:
            n = static_cast<unsigned char>(rest[0]) % a_ + 1;
            break;
        }
        return std::clamp<std::size_t>(n, 1, rest.size());
    }

private:
    Pattern pattern_;
    std::size_t a_, b_;
    bool flip_ = false;
};

/// What a deframing run produced that must not depend on the chunking.
struct Observed {
    std::vector<std::pair<std::uint64_t, std::string>> frames; // offset, segment
    std::vector<std::pair<std::uint64_t, DeframeErrorKind>> header_errors;
    friend bool operator==(const Observed&, const Observed&) = default;
};

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

enum class Repair : std::uint8_t {
    none,  ///< the stream as the fuzzer wrote it
    crc,   ///< "##" + 4 digits: the CRC where that length puts it is made right
    frame, ///< "##" ... CR LF: the length field and the CRC are made right
};

std::optional<std::size_t> length_field(std::string_view s, std::size_t at) {
    if (at + 6 > s.size()) return std::nullopt;
    std::size_t n = 0;
    for (std::size_t i = at + 2; i < at + 6; ++i) {
        if (!is_digit(s[i])) return std::nullopt;
        n = n * 10 + static_cast<std::size_t>(s[i] - '0');
    }
    return n;
}

std::string repaired(std::string_view in, Repair mode) {
    std::string s(in);
    if (mode == Repair::none) return s;
    std::size_t at = 0;
    while ((at = s.find("##", at)) != std::string::npos) {
        std::size_t crc_at = 0;
        if (mode == Repair::crc) {
            const auto len = length_field(s, at);
            if (!len || at + 6 + *len + 4 > s.size()) {
                at += 2;
                continue;
            }
            crc_at = at + 6 + *len;
        } else {
            const std::size_t crlf = s.find("\r\n", at + 2);
            if (crlf == std::string::npos) break;
            if (crlf < at + 10 || crlf - at - 10 > 9999) {
                at = crlf + 2;
                continue;
            }
            const std::size_t len = crlf - at - 10;
            for (std::size_t i = 0, n = len; i < 4; ++i, n /= 10)
                s[at + 5 - i] = static_cast<char>('0' + n % 10);
            crc_at = crlf - 4;
        }
        write_crc_hex(crc16(std::string_view(s).substr(at + 6, crc_at - at - 6)), &s[crc_at]);
        at = crc_at + 4;
    }
    return s;
}

/// Checks one frame against the stream bytes it claims to come from.
void check_frame(std::string_view stream, const DeframedFrame& f, std::size_t max_segment) {
    const std::size_t len = f.segment.size();
    require(len <= max_segment, "frame longer than the deframer's limit");
    require(f.offset + f.size() <= stream.size(), "frame extends past the stream");
    const std::string_view raw = stream.substr(f.offset, f.size());
    require(raw.substr(0, 2) == "##", "frame does not start with ##");
    for (std::size_t i = 2; i < 6; ++i)
        require(is_digit(raw[i]), "length field not digits");
    const std::size_t claimed = static_cast<std::size_t>(raw[2] - '0') * 1000 +
                                static_cast<std::size_t>(raw[3] - '0') * 100 +
                                static_cast<std::size_t>(raw[4] - '0') * 10 +
                                static_cast<std::size_t>(raw[5] - '0');
    require(claimed == len, "segment size differs from the length field");
    require(raw.substr(6, len) == f.segment, "segment is not the stream's bytes");
    require(f.segment.find_first_of("\r\n") == std::string_view::npos, "CR/LF in a segment");
    require(parse_crc_hex(raw.substr(6 + len, 4)) == f.crc, "reported CRC is not the carried one");
    require(crc16(f.segment) == f.crc, "frame accepted with a wrong CRC");
    require(raw.substr(10 + len) == "\r\n", "frame does not end with CR LF");
}

void check_error(std::string_view stream, const DeframeError& e) {
    require(e.size > 0, "an error that drops no bytes cannot make progress");
    require(e.offset + e.size <= stream.size(), "error extends past the stream");
    if (e.kind == DeframeErrorKind::crc_mismatch) {
        require(e.expected_crc != e.received_crc, "crc_mismatch with equal CRCs");
        require(crc16(stream.substr(e.offset + 6, e.claimed)) == e.expected_crc,
                "crc_mismatch reports a wrong computed CRC");
    }
}

/// Deframes `stream` fed in `chunker`'s chunks, checking the Deframer's invariants, and calls
/// on_frame for every frame (its segment view is only valid during the call).
template <class OnFrame>
Observed deframe(std::string_view stream, Chunker chunker, DeframerLimits limits,
                 OnFrame&& on_frame) {
    Deframer d(limits);
    const std::size_t max_segment = std::min<std::size_t>(limits.max_segment, 9999);
    Observed seen;
    std::uint64_t accounted = 0; // bytes covered by frames and errors so far
    std::uint64_t fed = 0;       // bytes feed() accepted
    std::uint64_t frames = 0, errors = 0;

    // Every event starts where the previous one ended: together they tile the stream.
    auto account = [&](std::uint64_t offset, std::size_t size) {
        require(offset == accounted, "events do not tile the stream");
        accounted += size;
        require(accounted <= fed, "events cover more bytes than were fed");
    };
    auto drain = [&] {
        while (auto ev = d.next()) {
            require(d.buffered() <= d.capacity(), "buffered() exceeds capacity()");
            if (const auto* f = std::get_if<DeframedFrame>(&*ev)) {
                account(f->offset, f->size());
                check_frame(stream, *f, max_segment);
                ++frames;
                seen.frames.emplace_back(f->offset, std::string(f->segment));
                on_frame(f->segment);
            } else {
                const auto& e = std::get<DeframeError>(*ev);
                account(e.offset, e.size);
                check_error(stream, e);
                ++errors;
                // Garbage and the bytes a resync drops depend on what had arrived; where a bad
                // header was found does not.
                if (e.kind != DeframeErrorKind::garbage && e.kind != DeframeErrorKind::truncated)
                    seen.header_errors.emplace_back(e.offset, e.kind);
            }
        }
    };

    std::string_view rest = stream;
    while (!rest.empty()) {
        const std::string_view chunk = rest.substr(0, chunker.next(rest));
        const std::size_t took = d.feed(chunk);
        require(took <= chunk.size(), "feed() took more than it was given");
        require(took > 0, "feed() made no progress after next() returned nullopt");
        require(d.buffered() <= d.capacity(), "buffered() exceeds capacity()");
        fed += took;
        rest.remove_prefix(took);
        drain();
    }
    if (const auto tail = d.flush()) {
        require(tail->kind == DeframeErrorKind::truncated ||
                    tail->kind == DeframeErrorKind::garbage,
                "flush() reported something other than truncated or garbage");
        account(tail->offset, tail->size);
        check_error(stream, *tail);
        ++errors;
    }
    require(d.buffered() == 0, "bytes still buffered after flush()");
    require(!d.next().has_value(), "an event after flush()");
    require(fed == stream.size() && accounted == fed, "frames + errors + flush != bytes fed");
    require(d.stats().bytes == fed, "stats().bytes differs from the bytes fed");
    require(d.stats().frames == frames, "stats().frames differs from the frames seen");
    require(d.stats().total_errors() == errors, "stats() errors differ from the errors seen");
    return seen;
}

/// group_ends must partition items: Packet::from and group() index with it.
void check_view_shape(const PacketView& v, std::string_view segment) {
    require(v.segment.data() == segment.data() && v.segment.size() == segment.size(),
            "view segment is not the parsed segment");
    std::uint32_t prev = 0;
    for (const auto end : v.group_ends) {
        require(end > prev, "empty or reversed group");
        prev = end;
    }
    require(prev == v.items.size(), "group_ends do not cover every item");
}

/// Strict mode neither trims nor skips: joining the view back must give the segment exactly.
void check_lossless(const PacketView& v, std::string_view segment) {
    std::string joined;
    for (const auto& h : v.header)
        joined.append(h.key).append("=").append(h.value).append(";");
    joined += "CP=&&";
    for (std::size_t g = 0; g < v.group_count(); ++g) {
        if (g > 0) joined += ';';
        const auto group = v.group(g);
        for (std::size_t i = 0; i < group.size(); ++i) {
            if (i > 0) joined += ',';
            joined.append(group[i].key).append("=").append(group[i].value);
        }
    }
    joined += "&&";
    require(joined == segment, "strict view does not rebuild the segment");
}

struct Receiver {
    ReassemblerLimits limits;
    Reassembler reassembler;
    std::int64_t tick;
    std::int64_t now = 0;
    PacketView lenient, strict, again;

    Receiver(ReassemblerLimits l, std::int64_t t) : limits(l), reassembler(l), tick(t) {}

    void operator()(std::string_view segment) {
        const bool lenient_ok = parse_segment(segment, lenient, ParseMode::lenient).ok();
        const bool strict_ok = parse_segment(segment, strict, ParseMode::strict).ok();
        require(!strict_ok || lenient_ok, "strictly valid segment refused by lenient mode");
        if (strict_ok) {
            check_view_shape(strict, segment);
            check_lossless(strict, segment);
        }
        if (!lenient_ok) return;
        check_view_shape(lenient, segment);

        // What we re-emit must read back as the same packet. Only for standard segments:
        // lenient mode accepts shapes (no header, fields the encoder drops) it cannot promise.
        const Packet packet = Packet::from(lenient);
        if (strict_ok) {
            const std::string encoded = encode_segment(packet);
            require(parse_segment(encoded, again, ParseMode::lenient).ok(),
                    "re-encoded segment does not parse");
            require(Packet::from(again) == packet, "re-encoded segment parses differently");
        }

        if (lenient.pnum && lenient.pno) {
            now += tick;
            const auto at = std::chrono::milliseconds(now);
            reassembler.expire(at);
            const auto result = reassembler.add(lenient, at);
            require(reassembler.bytes_held() <= limits.max_bytes, "bytes_held() > max_bytes");
            require(reassembler.pending() <= limits.max_pending, "pending() > max_pending");
            if (result.status == Reassembler::Status::complete)
                require(result.packet && !result.packet->pnum && !result.packet->pno,
                        "reassembled packet still carries PNUM/PNO");
        }
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    constexpr std::size_t kControl = 4;
    std::array<std::uint8_t, kControl> control{};
    std::copy_n(data, std::min(size, kControl), control.begin());
    const std::size_t skip = std::min(size, kControl);
    const auto repair = static_cast<Repair>(std::min((control[0] >> 2) & 3U, 2U));
    const std::string bytes =
        repaired(std::string_view(reinterpret_cast<const char*>(data) + skip, size - skip), repair);
    const std::string_view stream = bytes;

    const auto pattern = static_cast<Chunker::Pattern>(control[0] & 3U);
    const std::size_t a = control[2] + 1U, b = control[3] + 1U;

    // Small limits reach the full-buffer, oversized and eviction paths with small inputs; the
    // largest one exceeds what a 4-digit length can say, so the clamp is exercised too.
    constexpr std::array<std::size_t, 4> kMaxSegment{48, 256, 1024, 12000};
    DeframerLimits deframer_limits;
    deframer_limits.max_segment = kMaxSegment[control[1] & 3U];

    constexpr std::array<std::size_t, 4> kMaxBytes{128, 512, 2048, 256 * 1024};
    constexpr std::array<std::size_t, 4> kMaxPending{1, 2, 4, 32};
    ReassemblerLimits reassembler_limits;
    reassembler_limits.max_bytes = kMaxBytes[(control[1] >> 2) & 3U];
    reassembler_limits.max_pending = kMaxPending[(control[1] >> 4) & 3U];
    reassembler_limits.max_parts = 64;
    reassembler_limits.timeout = std::chrono::milliseconds(100);
    const std::int64_t tick = (control[1] >> 6) * 40 + 1; // 1 never expires, 121 always does

    Receiver receiver(reassembler_limits, tick);
    const Observed first = deframe(stream, Chunker(pattern, a, b), deframer_limits,
                                   [&](std::string_view segment) { receiver(segment); });

    // The frames and the bad headers found must not depend on how the bytes were chunked.
    const auto other =
        pattern == Chunker::Pattern::whole ? Chunker::Pattern::single : Chunker::Pattern::whole;
    const Observed second =
        deframe(stream, Chunker(other, 1, 1), deframer_limits, [](std::string_view) {});
    require(first == second, "deframing depends on the chunking");
    return 0;
}
