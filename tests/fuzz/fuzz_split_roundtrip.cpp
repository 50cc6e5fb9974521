// Fuzzes the send path for long packets: split_packet -> encode each part -> parse strictly ->
// Reassembler, which must give back the original items in order.
//
// Input layout: 4 control bytes, then 2 bytes per CP item.
//   [0] [1] max_segment (200..1024)   [2] Flag, QN and split options   [3] header choices
//   item: [op] bit 7 starts a new group, bit 6 a plain key (DataTime, PolId...) instead of a
//         factor key (w01018-Rtd...), the low bits pick the key; [len] the value's length
#include "hj212/encoder.hpp"
#include "hj212/packet.hpp"
#include "hj212/parser.hpp"
#include "hj212/reassembler.hpp"
#include "hj212/version.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace hj212;

// Prints which invariant broke, so a crash report names it without a debugger.
void require(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "invariant violated: %s\n", what);
    __builtin_trap();
}

constexpr std::array<std::string_view, 8> kCodes{"w01018", "w01001", "w00000", "a21026",
                                                 "a34013", "SB1",    "i11001", "w21003"};
constexpr std::array<std::string_view, 8> kSuffixes{"Rtd",  "Avg",        "Min",   "Max",
                                                    "Flag", "SampleTime", "EFlag", "Info"};
constexpr std::array<std::string_view, 4> kPlainKeys{"DataTime", "PolId", "InfoId", "RtdInterval"};
// Well-formed QNs, including ones whose +k ms shift (SplitQn::increment) crosses a year, a leap
// day and the end of year 9999.
constexpr std::array<std::string_view, 4> kQns{"20160801085857223", "20161231235959999",
                                               "20240228235959998", "99991231235959999"};
constexpr std::array<std::string_view, 4> kCns{"2011", "2051", "2061", "3020"};
constexpr std::array<std::string_view, 4> kPws{"123456", "1", "100000", "ab"};

/// A value of `n` characters that strict mode accepts for `key`: a number where table 4 says
/// numbers (Rtd, Avg...), otherwise printable ASCII without separators (, ; = &).
std::string make_value(std::string_view key, std::size_t n, std::uint8_t seed) {
    const auto suffix = split_item_key(key).suffix;
    const bool numeric = suffix == "Rtd" || suffix == "Avg" || suffix == "Min" || suffix == "Max";
    const std::string_view alphabet = numeric ? "0123456789" : "0123456789.-ABCDEFN/";
    if (numeric) n = std::max<std::size_t>(n, 1); // an empty number is not a number
    std::string v;
    v.reserve(n + alphabet.size());
    v.append(alphabet.substr(seed % alphabet.size()));
    while (v.size() < n)
        v.append(alphabet);
    v.resize(n);
    // A point after the first digit keeps long numbers within a double's range.
    if (numeric && n >= 3) v[1] = '.';
    return v;
}

OwnedItem make_item(std::uint8_t op, std::uint8_t len) {
    OwnedItem it;
    if ((op & 0x40U) != 0) {
        it.key = kPlainKeys[op & 3U];
    } else {
        it.key = std::string(kCodes[op & 7U]) + "-" + std::string(kSuffixes[(op >> 3) & 7U]);
    }
    // Mostly short values as devices send them; the top quarter of `len` gives values up to
    // ~1000 characters, so single items reach and exceed a part's budget.
    const std::size_t n = len < 0xC0 ? len % 24U : static_cast<std::size_t>(len - 0xC0) * 16;
    it.value = make_value(it.key, n, op);
    return it;
}

struct Input {
    Packet packet;
    SplitOptions options;
    std::size_t rotation = 0; // order in which the parts reach the reassembler
};

Input make_input(const std::uint8_t* data, std::size_t size) {
    std::array<std::uint8_t, 4> c{};
    std::copy_n(data, std::min<std::size_t>(size, c.size()), c.begin());
    Input in;
    in.options.max_segment = 200 + (static_cast<std::size_t>(c[0]) << 8 | c[1]) % 825;
    in.options.qn = (c[2] & 0x80U) != 0 ? SplitQn::keep : SplitQn::increment;
    in.rotation = c[3] >> 4;

    Packet& p = in.packet;
    const auto version = static_cast<std::uint8_t>(c[2] % 3); // 2005, 2017, 2025
    p.flag = make_flag(version, false, (c[2] & 4U) != 0);
    p.qn = kQns[(c[2] >> 3) & 3U];
    p.st = "32";
    p.cn = kCns[c[3] & 3U];
    p.pw = kPws[(c[3] >> 2) & 3U];
    p.mn = "010000A8900016F000169DC0";
    if (version == kVersion2025 && (c[2] & 0x20U) != 0) p.extra_header.push_back({"RF", "1"});
    if ((c[2] & 0x40U) != 0) p.cp.push_back({{"DataTime", "20160801080000"}});

    for (std::size_t i = c.size(); i + 1 < size; i += 2) {
        const std::uint8_t op = data[i];
        if ((op & 0x80U) != 0 || p.cp.empty()) p.cp.emplace_back();
        p.cp.back().push_back(make_item(op, data[i + 1]));
    }
    return in;
}

std::vector<OwnedItem> flatten(const std::vector<OwnedGroup>& cp) {
    std::vector<OwnedItem> items;
    for (const auto& g : cp)
        items.insert(items.end(), g.begin(), g.end());
    return items;
}

/// Item counts at which groups end.
std::set<std::size_t> group_boundaries(const std::vector<OwnedGroup>& cp) {
    std::set<std::size_t> ends;
    std::size_t n = 0;
    for (const auto& g : cp)
        ends.insert(n += g.size());
    return ends;
}

/// The leading groups without factor items, which split_packet repeats in every part.
std::size_t shared_groups(const Packet& p) {
    std::size_t n = 0;
    auto plain = [](const OwnedItem& it) { return it.key.find('-') == std::string::npos; };
    while (n < p.cp.size() && !p.cp[n].empty() &&
           std::all_of(p.cp[n].begin(), p.cp[n].end(), plain))
        ++n;
    return n;
}

/// split_packet may only refuse when some item cannot fit in a part even alone (with the part
/// header, PNUM/PNO of 4 digits reserved, and the shared groups).
bool refusal_justified(const Packet& p, std::size_t max_segment) {
    Packet probe = p;
    probe.pnum = 9999;
    probe.pno = 9999;
    const std::size_t shared = shared_groups(p);
    probe.cp.resize(shared);
    if (shared == p.cp.size()) return encode_segment(probe).size() >= max_segment;
    for (std::size_t g = shared; g < p.cp.size(); ++g)
        for (const auto& it : p.cp[g]) {
            probe.cp.resize(shared);
            probe.cp.push_back({it});
            if (encode_segment(probe).size() > max_segment) return true;
        }
    return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const Input in = make_input(data, size);
    const Packet& original = in.packet;
    const std::size_t max_segment = in.options.max_segment;

    auto result = split_packet(original, in.options);
    if (!result) {
        require(result.error() == EncodeError::item_too_long, "unexpected split error");
        require(refusal_justified(original, max_segment), "split refused a splittable packet");
        return 0;
    }
    const std::vector<Packet>& parts = *result;
    require(!parts.empty(), "split produced no part");

    // Encode every part; each must fit and be exactly what the standard allows.
    std::vector<std::string> segments;
    PacketView view;
    for (const Packet& part : parts) {
        segments.push_back(encode_segment(part));
        require(segments.back().size() <= max_segment, "a part exceeds max_segment");
        require(frame_segment(segments.back()).ok(), "a part cannot be framed");
        require(parse_segment(segments.back(), view, ParseMode::strict).ok(),
                "a part does not parse strictly");
    }

    if (parts.size() == 1 && !parts[0].pnum) {
        require(parts[0] == original, "a packet that fits was changed");
        return 0;
    }

    Reassembler::AddResult last{Reassembler::Status::refused, std::nullopt};
    {
        ReassemblerLimits limits;
        limits.max_parts = 100'000;
        limits.max_bytes = 64 * 1024 * 1024;
        Reassembler reassembler(limits);
        const auto now = std::chrono::milliseconds(0);
        for (std::size_t i = 0; i < parts.size(); ++i) {
            const std::size_t k = (i + in.rotation) % parts.size();
            require(parts[k].pnum == parts.size() && parts[k].pno == k + 1, "bad PNUM/PNO");
            // The view must outlive add() only for the call: the reassembler copies the part.
            require(parse_segment(segments[k], view, ParseMode::strict).ok(), "part reparse");
            last = reassembler.add(view, now);
            const bool final_part = i + 1 == parts.size();
            require(last.status == (final_part ? Reassembler::Status::complete
                                               : Reassembler::Status::incomplete),
                    "unexpected reassembler status");
        }
    }
    require(last.packet.has_value(), "no reassembled packet");
    const Packet& merged = *last.packet;

    require(flatten(merged.cp) == flatten(original.cp), "reassembled items differ");
    // Groups may be cut between items, never joined.
    const auto original_ends = group_boundaries(original.cp);
    const auto merged_ends = group_boundaries(merged.cp);
    require(std::includes(merged_ends.begin(), merged_ends.end(), original_ends.begin(),
                          original_ends.end()),
            "reassembly joined groups");
    require(merged.qn == original.qn && merged.st == original.st && merged.cn == original.cn &&
                merged.pw == original.pw && merged.mn == original.mn &&
                merged.flag == original.flag && merged.extra_header == original.extra_header &&
                !merged.pnum && !merged.pno,
            "reassembled header differs");
    return 0;
}
