#include "frame_tool.hpp"

#include <hj212/encoder.hpp>
#include <hj212/parser.hpp>

#include <istream>
#include <ostream>
#include <string>

namespace hj212gw::tools {

FrameSummary frame_lines(std::istream& in, std::ostream& out, std::ostream& err,
                         const FrameOptions& options) {
    FrameSummary summary;
    std::string line;
    std::string frames;
    while (std::getline(in, line)) {
        ++summary.lines;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        frames.clear();
        bool ok = true;
        if (options.split_above > 0 && line.size() > options.split_above) {
            hj212::PacketView view;
            const auto parsed = hj212::parse_segment(line, view);
            if (!parsed) {
                err << "line " << summary.lines << ": cannot split, "
                    << hj212::describe(parsed.error()) << '\n';
                ok = false;
            } else if (auto parts =
                           hj212::split_packet(hj212::Packet::from(view),
                                               {options.split_above, hj212::SplitQn::increment});
                       !parts) {
                err << "line " << summary.lines << ": cannot split, "
                    << hj212::to_string(parts.error()) << '\n';
                ok = false;
            } else {
                for (const auto& part : *parts) {
                    hj212::append_frame(frames, hj212::encode_segment(part));
                    ++summary.frames;
                }
            }
        } else if (hj212::append_frame(frames, line)) {
            ++summary.frames;
        } else {
            err << "line " << summary.lines << ": segment of " << line.size()
                << " bytes cannot be framed (the length field has 4 digits)\n";
            ok = false;
        }
        if (!ok) ++summary.errors;
        out << frames;
    }
    return summary;
}

} // namespace hj212gw::tools
