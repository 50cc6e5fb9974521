#include "decode_tool.hpp"

#include "json_writer.hpp"

#include <hj212/crc.hpp>
#include <hj212/deframer.hpp>
#include <hj212/parser.hpp>
#include <hj212/version.hpp>

#include <istream>
#include <ostream>
#include <string>
#include <variant>

namespace hj212gw::tools {
namespace {

std::string cp_json(const hj212::PacketView& v) {
    std::string s = "[";
    for (std::size_t g = 0; g < v.group_count(); ++g) {
        if (g > 0) s += ',';
        s += '[';
        bool first = true;
        for (const auto& it : v.group(g)) {
            if (!first) s += ',';
            first = false;
            s += '[';
            append_string(s, it.key);
            s += ',';
            append_string(s, it.value);
            s += ']';
        }
        s += ']';
    }
    s += ']';
    return s;
}

JsonLine& optional_text(JsonLine& j, std::string_view key, std::optional<std::string_view> v) {
    return v ? j.field(key, *v) : j.null_field(key);
}

void write_frame(std::ostream& out, const hj212::DeframedFrame& f, const hj212::PacketView& v) {
    char crc[4];
    hj212::write_crc_hex(f.crc, crc);
    JsonLine j;
    j.field("ok", true)
        .field("offset", f.offset)
        .field("length", static_cast<std::uint64_t>(f.segment.size()))
        .field("crc", std::string_view(crc, 4));
    optional_text(j, "qn", v.qn);
    optional_text(j, "st", v.st);
    optional_text(j, "cn", v.cn);
    optional_text(j, "pw", v.pw);
    optional_text(j, "mn", v.mn);
    if (v.flag)
        j.field("flag", static_cast<std::uint64_t>(*v.flag));
    else
        j.null_field("flag");
    j.field("version", hj212::version_name(v.flag)).field("ack", v.reply_wanted());
    if (v.pnum)
        j.field("pnum", static_cast<std::uint64_t>(*v.pnum));
    else
        j.null_field("pnum");
    if (v.pno)
        j.field("pno", static_cast<std::uint64_t>(*v.pno));
    else
        j.null_field("pno");
    j.raw_field("cp", cp_json(v));
    out << j.str() << '\n';
}

void write_error(std::ostream& out, std::uint64_t offset, std::uint64_t size, std::string_view name,
                 std::string_view detail) {
    JsonLine j;
    j.field("ok", false)
        .field("offset", offset)
        .field("length", size)
        .field("error", name)
        .field("detail", detail);
    out << j.str() << '\n';
}

} // namespace

DecodeSummary decode_stream(std::istream& in, std::ostream& out, const DecodeOptions& options) {
    hj212::Deframer deframer(hj212::DeframerLimits{options.max_segment});
    const auto mode = options.strict ? hj212::ParseMode::strict : hj212::ParseMode::lenient;
    hj212::PacketView view;
    DecodeSummary summary;

    auto on_event = [&](const hj212::DeframeEvent& ev) {
        if (const auto* f = std::get_if<hj212::DeframedFrame>(&ev)) {
            const auto parsed = hj212::parse_segment(f->segment, view, mode);
            if (parsed) {
                ++summary.frames;
                write_frame(out, *f, view);
            } else {
                ++summary.errors;
                write_error(out, f->offset, f->size(), "bad_segment",
                            hj212::describe(parsed.error()));
            }
            return;
        }
        const auto& e = std::get<hj212::DeframeError>(ev);
        ++summary.errors;
        write_error(out, e.offset, e.size, hj212::to_string(e.kind), hj212::describe(e));
    };

    char buf[16 * 1024];
    while (in) {
        in.read(buf, sizeof buf);
        std::string_view chunk(buf, static_cast<std::size_t>(in.gcount()));
        summary.bytes += chunk.size();
        while (!chunk.empty()) {
            chunk.remove_prefix(deframer.feed(chunk));
            while (auto ev = deframer.next())
                on_event(*ev);
        }
    }
    if (auto e = deframer.flush()) on_event(hj212::DeframeEvent{*e});
    return summary;
}

} // namespace hj212gw::tools
