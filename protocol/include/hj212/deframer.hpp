#pragma once
// Deframer: turns a byte stream in any chunking into HJ 212 frames and typed errors.
//   ## + 4 decimal digits (segment length) + segment + 4 hex CRC + CR LF
// Memory is bounded by the largest acceptable frame: feed() takes only what fits, and a full
// buffer always holds either a frame or an error, so the caller's loop always progresses.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace hj212 {

/// The fixed set of stream errors (names as the decode tool prints them).
enum class DeframeErrorKind : std::uint8_t {
    garbage,         ///< bytes outside any frame were skipped
    bad_length,      ///< the 4 characters after ## are not decimal digits
    oversized,       ///< the length field exceeds the configured maximum
    length_mismatch, ///< CR or LF inside the claimed segment: the length field is wrong
    bad_trailer,     ///< no 4 hex CRC digits + CR LF where the length says the frame ends
    crc_mismatch,    ///< well framed, but the CRC does not match the segment
    truncated,       ///< the stream ended (flush) inside a frame
};
inline constexpr std::size_t kDeframeErrorKinds = 7;

std::string_view to_string(DeframeErrorKind kind) noexcept;

struct DeframedFrame {
    std::uint64_t offset = 0; ///< stream offset of the leading ##
    std::string_view segment; ///< valid until the next feed() or flush()
    std::uint16_t crc = 0;    ///< the CRC the frame carried (it matched)
    std::size_t size() const noexcept { return segment.size() + 12; }
};

struct DeframeError {
    DeframeErrorKind kind{};
    std::uint64_t offset = 0;       ///< stream offset where the problem starts
    std::size_t size = 0;           ///< bytes dropped because of it
    std::size_t claimed = 0;        ///< the length field, where one was read
    std::uint16_t expected_crc = 0; ///< crc_mismatch: computed over the segment
    std::uint16_t received_crc = 0; ///< crc_mismatch: carried by the frame
};

/// A human-readable explanation of an error ("CRC 1C81 received, 1C80 computed", ...).
std::string describe(const DeframeError& e);

using DeframeEvent = std::variant<DeframedFrame, DeframeError>;

struct DeframerLimits {
    /// Largest data segment accepted. The standard says 1024; devices send more, so accept
    /// generously but cap it: the buffer never holds more than one frame of this size.
    std::size_t max_segment = 4096;
};

struct DeframerStats {
    std::uint64_t bytes = 0;
    std::uint64_t frames = 0;
    std::array<std::uint64_t, kDeframeErrorKinds> errors{};
    std::uint64_t error_count(DeframeErrorKind k) const noexcept {
        return errors[static_cast<std::size_t>(k)];
    }
    std::uint64_t total_errors() const noexcept;
};

class Deframer {
public:
    explicit Deframer(DeframerLimits limits = {});

    /// Copies as many bytes as fit; returns how many were taken. Call next() until it returns
    /// nullopt, then feed the rest. Invalidates views from earlier events.
    std::size_t feed(std::string_view bytes);

    /// The next frame or error, or nullopt when more bytes are needed.
    std::optional<DeframeEvent> next();

    /// End of stream (or a connection reset): whatever is buffered becomes a truncated error.
    std::optional<DeframeError> flush();

    /// Bytes currently held (a partial frame or a header being read).
    std::size_t buffered() const noexcept { return end_ - pos_; }
    std::size_t capacity() const noexcept { return buf_.size(); }
    const DeframerStats& stats() const noexcept { return stats_; }
    const DeframerLimits& limits() const noexcept { return limits_; }

private:
    std::optional<DeframeEvent> error(DeframeErrorKind kind, std::size_t at, std::size_t size,
                                      std::size_t claimed = 0);
    void compact();

    DeframerLimits limits_;
    std::vector<char> buf_;
    std::size_t pos_ = 0;           // first unconsumed byte
    std::size_t end_ = 0;           // one past the last buffered byte
    std::uint64_t base_offset_ = 0; // stream offset of buf_[0]
    DeframerStats stats_;
};

} // namespace hj212
