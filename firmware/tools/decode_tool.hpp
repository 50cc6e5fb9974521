#pragma once
// `hj212gw decode`: a byte stream in, one JSON object per frame or error out, in stream order.
#include <cstddef>
#include <cstdint>
#include <iosfwd>

namespace hj212gw::tools {

struct DecodeOptions {
    std::size_t max_segment = 4096; ///< largest segment accepted (the deframer's limit)
    bool strict = false;            ///< parse segments strictly instead of leniently
};

struct DecodeSummary {
    std::uint64_t bytes = 0;
    std::uint64_t frames = 0; ///< frames that deframed and parsed
    std::uint64_t errors = 0; ///< stream errors + segments that did not parse
};

/// Reads `in` to its end. Never stops on bad input: every problem is one JSON line.
DecodeSummary decode_stream(std::istream& in, std::ostream& out, const DecodeOptions& options);

} // namespace hj212gw::tools
