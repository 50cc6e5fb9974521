#include "hj212/encoder.hpp"

#include "hj212/crc.hpp"
#include "hj212/datetime.hpp"
#include "hj212/version.hpp"

namespace hj212 {
namespace {

void put_field(std::string& out, std::string_view key, std::string_view value) {
    out += key;
    out += '=';
    out += value;
    out += ';';
}

void put_uint(std::string& out, std::string_view key, unsigned v) {
    char buf[16];
    std::size_t n = 0;
    do {
        buf[n++] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v != 0);
    out += key;
    out += '=';
    while (n > 0)
        out += buf[--n];
    out += ';';
}

// Length of the fixed part of a segment (header + "CP=&&" + "&&") for a given packet.
std::size_t header_size(const Packet& p) {
    std::string tmp;
    Packet h = p;
    h.cp.clear();
    append_segment(tmp, h);
    return tmp.size();
}

std::size_t item_size(const OwnedItem& it) {
    return it.key.size() + 1 + it.value.size();
}

std::size_t group_size(const OwnedGroup& g) {
    std::size_t n = 0;
    for (const auto& it : g)
        n += item_size(it) + 1; // ',' or ';' after each
    return n == 0 ? 0 : n - 1;
}

bool is_shared_group(const OwnedGroup& g) {
    for (const auto& it : g)
        if (it.key.find('-') != std::string::npos) return false;
    return !g.empty();
}

std::string shifted_qn(const std::string& qn, std::int64_t ms) {
    const auto dt = DateTime::parse(qn);
    if (!dt || qn.size() != 17) return qn;
    auto shifted = DateTime::from_epoch_ms(dt->to_epoch_ms() + ms).format17();
    return shifted.size() == 17 ? shifted : qn; // past year 9999: keep the original
}

} // namespace

std::string_view to_string(EncodeError e) noexcept {
    switch (e) {
    case EncodeError::segment_too_long:
        return "segment_too_long";
    case EncodeError::item_too_long:
        return "item_too_long";
    }
    return "?";
}

void append_segment(std::string& out, const Packet& p) {
    const bool split = p.pnum.has_value() && p.pno.has_value();
    if (!p.qn.empty()) put_field(out, "QN", p.qn);
    if (!p.st.empty()) put_field(out, "ST", p.st);
    if (!p.cn.empty()) put_field(out, "CN", p.cn);
    if (!p.pw.empty()) put_field(out, "PW", p.pw);
    if (!p.mn.empty()) put_field(out, "MN", p.mn);
    if (p.flag || split) {
        unsigned flag = p.flag.value_or(make_flag(kVersion2017, false, false));
        flag = split ? (flag | 2U) : (flag & ~2U);
        put_uint(out, "Flag", flag);
    }
    if (split) {
        put_uint(out, "PNUM", *p.pnum);
        put_uint(out, "PNO", *p.pno);
    }
    for (const auto& h : p.extra_header)
        put_field(out, h.key, h.value);
    out += "CP=&&";
    for (std::size_t g = 0; g < p.cp.size(); ++g) {
        if (g > 0) out += ';';
        for (std::size_t i = 0; i < p.cp[g].size(); ++i) {
            if (i > 0) out += ',';
            out += p.cp[g][i].key;
            out += '=';
            out += p.cp[g][i].value;
        }
    }
    out += "&&";
}

std::string encode_segment(const Packet& p) {
    std::string out;
    out.reserve(256);
    append_segment(out, p);
    return out;
}

bool append_frame(std::string& out, std::string_view segment) {
    if (segment.size() > 9999) return false;
    const std::size_t n = segment.size();
    char head[6] = {'#',
                    '#',
                    static_cast<char>('0' + n / 1000),
                    static_cast<char>('0' + n / 100 % 10),
                    static_cast<char>('0' + n / 10 % 10),
                    static_cast<char>('0' + n % 10)};
    out.append(head, 6);
    out.append(segment);
    char crc[6];
    write_crc_hex(crc16(segment), crc);
    crc[4] = '\r';
    crc[5] = '\n';
    out.append(crc, 6);
    return true;
}

Result<std::string, EncodeError> frame_segment(std::string_view segment) {
    std::string out;
    out.reserve(segment.size() + 12);
    if (!append_frame(out, segment)) return fail(EncodeError::segment_too_long);
    return out;
}

Result<std::string, EncodeError> encode_frame(const Packet& p) {
    return frame_segment(encode_segment(p));
}

Result<std::vector<Packet>, EncodeError> split_packet(const Packet& p, SplitOptions options) {
    std::vector<Packet> parts;
    Packet whole = p;
    whole.pnum.reset();
    whole.pno.reset();
    if (encode_segment(whole).size() <= options.max_segment && !p.pnum) {
        parts.push_back(p);
        return parts;
    }

    // The header of a part, with PNUM/PNO of up to 4 digits each reserved.
    Packet probe = whole;
    probe.pnum = 9999;
    probe.pno = 9999;
    const std::size_t fixed = header_size(probe);

    std::size_t shared_count = 0;
    while (shared_count < p.cp.size() && is_shared_group(p.cp[shared_count]))
        ++shared_count;
    std::size_t shared_size = 0;
    for (std::size_t g = 0; g < shared_count; ++g)
        shared_size += group_size(p.cp[g]) + 1;
    if (fixed + shared_size > options.max_segment) return fail(EncodeError::item_too_long);
    const std::size_t budget = options.max_segment - fixed - shared_size; // for the other groups

    std::vector<std::vector<OwnedGroup>> bodies;
    std::vector<OwnedGroup> body;
    std::size_t used = 0;
    auto close_part = [&] {
        if (body.empty()) return;
        bodies.push_back(std::move(body));
        body.clear();
        used = 0;
    };
    for (std::size_t g = shared_count; g < p.cp.size(); ++g) {
        const OwnedGroup& group = p.cp[g];
        const std::size_t gs = group_size(group) + (body.empty() ? 0 : 1);
        if (used + gs <= budget) {
            body.push_back(group);
            used += gs;
            continue;
        }
        close_part();
        if (group_size(group) <= budget) {
            body.push_back(group);
            used = group_size(group);
            continue;
        }
        // One group larger than a part: cut it between items.
        OwnedGroup piece;
        std::size_t piece_size = 0;
        for (const auto& it : group) {
            const std::size_t is = item_size(it);
            if (is > budget) return fail(EncodeError::item_too_long);
            if (piece_size + is + (piece.empty() ? 0 : 1) > budget) {
                body.push_back(std::move(piece));
                close_part();
                piece.clear();
                piece_size = 0;
            }
            piece_size += is + (piece.empty() ? 0 : 1);
            piece.push_back(it);
        }
        body.push_back(std::move(piece));
        used = piece_size;
    }
    close_part();
    if (bodies.empty()) bodies.emplace_back();

    const auto total = static_cast<std::uint32_t>(bodies.size());
    for (std::uint32_t k = 0; k < total; ++k) {
        Packet part = whole;
        part.cp.assign(p.cp.begin(), p.cp.begin() + static_cast<std::ptrdiff_t>(shared_count));
        for (auto& g : bodies[k])
            part.cp.push_back(std::move(g));
        part.pnum = total;
        part.pno = k + 1;
        part.flag = whole.flag.value_or(make_flag(kVersion2017, false, false)) | 2U;
        if (options.qn == SplitQn::increment && k > 0) part.qn = shifted_qn(p.qn, k);
        parts.push_back(std::move(part));
    }
    return parts;
}

} // namespace hj212
