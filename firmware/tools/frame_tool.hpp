#pragma once
// `hj212gw frame`: data segments in, one per line; complete frames out (length, CRC, CR LF).
#include <cstddef>
#include <cstdint>
#include <iosfwd>

namespace hj212gw::tools {

struct FrameOptions {
    /// Segments longer than this are parsed and split into PNUM/PNO parts (0: never split).
    std::size_t split_above = 0;
};

struct FrameSummary {
    std::uint64_t lines = 0;
    std::uint64_t frames = 0;
    std::uint64_t errors = 0; ///< lines that could not be framed (reported on `err`)
};

FrameSummary frame_lines(std::istream& in, std::ostream& out, std::ostream& err,
                         const FrameOptions& options);

} // namespace hj212gw::tools
