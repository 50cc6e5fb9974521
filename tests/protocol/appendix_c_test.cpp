// Appendix C conformance: every worked exchange of HJ 212-2017 (tables C.1 .. C.50) and the CRC
// example of Appendix A, read from tests/data/appendix_c.txt (one segment per line, re-joined from
// the standard's wrapped table layout). The standard's own examples contain typos: those lines are
// marked `lenient`, and kTypos below names each typo, what the standard meant and the diagnostic
// strict parsing must give for it.
#include "hj212/codes.hpp"
#include "hj212/crc.hpp"
#include "hj212/deframer.hpp"
#include "hj212/encoder.hpp"
#include "hj212/packet.hpp"
#include "hj212/parser.hpp"
#include "hj212/reassembler.hpp"
#include "hj212/replies.hpp"
#include "hj212/version.hpp"

#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cstddef>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace hj212 {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view kMn = "010000A8900016F000169DC0";

// --- The data file ----------------------------------------------------------------------------

struct Example {
    std::string table; ///< "C.1" .. "C.50", or "A"
    int ordinal = 0;   ///< 1-based position within its table
    bool from_host = false;
    bool strict = false;
    std::string segment;

    std::string id() const { return table + "#" + std::to_string(ordinal); }
    Direction direction() const {
        return from_host ? Direction::host_to_field : Direction::field_to_host;
    }
};

struct DataFile {
    std::vector<Example> examples;
    std::vector<std::string> problems; ///< malformed lines
};

DataFile load_data_file() {
    DataFile f;
    const std::string path = std::string(HJ212_TEST_DATA_DIR) + "/appendix_c.txt";
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        f.problems.push_back("cannot open " + path);
        return f;
    }
    std::map<std::string, int> ordinals;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty() || line.front() == '#') continue;
        std::vector<std::string> cols;
        std::size_t start = 0;
        for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1)
            cols.push_back(line.substr(start, tab - start));
        cols.push_back(line.substr(start));
        if (cols.size() != 4 || (cols[1] != "host" && cols[1] != "field") ||
            (cols[2] != "strict" && cols[2] != "lenient") || cols[3].empty()) {
            f.problems.push_back("line " + std::to_string(number) + ": " + line);
            continue;
        }
        Example e;
        e.table = cols[0];
        e.ordinal = ++ordinals[e.table];
        e.from_host = cols[1] == "host";
        e.strict = cols[2] == "strict";
        e.segment = cols[3];
        f.examples.push_back(std::move(e));
    }
    return f;
}

const DataFile& data_file() {
    static const DataFile f = load_data_file();
    return f;
}
const std::vector<Example>& examples() {
    return data_file().examples;
}

const Example* find_example(std::string_view id) {
    for (const auto& e : examples())
        if (e.id() == id) return &e;
    return nullptr;
}

// --- The typos in the standard's examples -------------------------------------------------------

struct Expect {
    Field field;
    ParseReason reason;
};

struct Typo {
    std::string_view kind;
    std::string_view needle; ///< the typo as the example has it (exactly once)
    std::string_view fix;    ///< what the standard meant
    /// The diagnostic of strict parsing when this is the example's only typo; nullopt when the
    /// typo is still valid syntax (strict parsing accepts it).
    std::optional<Expect> strict_error;
    /// Lenient parsing reads the example as if this typo were fixed.
    bool lenient_recovers;
};

constexpr Expect kItemBad{Field::item, ParseReason::bad_format};

// Space after "CP=&&": the first item's key starts with a space.
constexpr Typo space_after_cp_open{"space after CP=&&", "CP=&& ", "CP=&&", kItemBad, true};
// "CP=&& &&": an empty data area holding one space, i.e. an item without '='.
constexpr Typo space_in_empty_cp{"space in an empty CP", "CP=&& &&", "CP=&&&&", kItemBad, true};
// A data area ending in "…" as an item of its own: an item without '='.
constexpr Typo ellipsis_item{"ellipsis item", ";…&&", "&&", kItemBad, false};
// A "…" glued to the last value ("SB2-RS=0…&&"): table 4 gives these fields the character set
// 0-9 (N14.2: digits, sign, point), and "…" (U+2026) is neither ASCII nor a Chinese character
// (section 6.3).
constexpr Typo ellipsis_after(std::string_view needle, std::string_view fix) {
    return {"ellipsis glued to a value", needle, fix, kItemBad, false};
}
// "QN=...534,ST=32": strict mode separates header fields by ';' only, so QN's value is
// "20160801085857534,ST=32" (not 17 digits).
constexpr Typo comma_after_qn{"',' between header fields",
                              "534,ST=", "534;ST=", Expect{Field::qn, ParseReason::bad_format},
                              true};
// "Flag=5CP=&&": the header does not end with ';' before CP.
constexpr Typo no_semicolon_before_cp{"no ';' before CP", "Flag=5CP=&&", "Flag=5;CP=&&",
                                      Expect{Field::header, ParseReason::bad_format}, true};
// "F000169DC0; Flag=5": the header field " Flag" is not one the standard defines.
constexpr Typo space_in_header{"space in the header",
                               "; Flag=", ";Flag=", Expect{Field::header, ParseReason::unexpected},
                               true};
// "; LA-Rtd": the key starts with a space.
constexpr Typo space_after_semicolon(std::string_view needle, std::string_view fix) {
    return {"space after ';' in CP", needle, fix, kItemBad, true};
}
// "i12003-Info =0": the key ends with a space.
constexpr Typo space_before_equals(std::string_view needle, std::string_view fix) {
    return {"space before '='", needle, fix, kItemBad, true};
}
// "VaseNo=1 &&": the last value ends with a space.
constexpr Typo space_before_close(std::string_view needle, std::string_view fix) {
    return {"space before the closing &&", needle, fix, kItemBad, true};
}
// "01018-Rtd" for "w01018-Rtd": valid syntax (Appendix B is extensible, and HJ/T 212-2005 codes
// start with digits), so only the code table can tell; see MissingFactorPrefixIsKeptVerbatim.
constexpr Typo missing_w{"missing 'w' in a factor code",
                         ",01018-Rtd=", ",w01018-Rtd=", std::nullopt, false};

const std::map<std::string, std::vector<Typo>>& typos() {
    static const std::map<std::string, std::vector<Typo>> t = {
        {"C.2#3", {space_after_cp_open}},
        {"C.3#3", {space_after_cp_open}},
        {"C.4#1", {space_after_cp_open}},
        {"C.4#2", {space_in_empty_cp}},
        {"C.13#2", {space_in_empty_cp}},
        {"C.14#1", {missing_w, ellipsis_item}},
        {"C.15#1", {ellipsis_after("=0…&&", "=0&&")}},
        {"C.16#1", {ellipsis_item}},
        {"C.17#1", {ellipsis_item}},
        {"C.18#1", {ellipsis_item}},
        {"C.19#1", {no_semicolon_before_cp, ellipsis_after("=2.1…&&", "=2.1&&")}},
        {"C.20#3", {ellipsis_item}},
        {"C.21#3", {ellipsis_item}},
        {"C.22#3", {comma_after_qn, ellipsis_item}},
        {"C.23#3", {ellipsis_after("=2.1…&&", "=2.1&&")}},
        {"C.25#1", {space_after_semicolon("; LA-Rtd", ";LA-Rtd")}},
        {"C.28#1", {space_after_semicolon("; LMn-NightData", ";LMn-NightData")}},
        // Also e01001-Rtd twice (e01002 was probably meant): not a syntax error, left as is.
        {"C.29#1", {ellipsis_after("=2.2…&&", "=2.2&&")}},
        {"C.34#3", {space_after_cp_open, space_before_close("=1 &&", "=1&&")}},
        {"C.42#1", {space_before_equals("-Info =0", "-Info=0")}},
        {"C.43#1", {space_in_header}},
        {"C.44#1",
         {space_after_semicolon("; i13005", ";i13005"),
          space_before_equals("-Info =40", "-Info=40")}},
        {"C.45#3", {space_before_close("=168.0 &&", "=168.0&&")}},
        {"C.47#3", {ellipsis_item}},
        {"C.48#3", {comma_after_qn, ellipsis_item}},
        {"C.49#3", {ellipsis_item}},
        {"C.49#4", {ellipsis_item}},
        {"C.50#3", {ellipsis_item}},
        {"C.50#5", {ellipsis_item}},
    };
    return t;
}

const std::vector<Typo>& typos_of(const Example& e) {
    static const std::vector<Typo> none;
    const auto it = typos().find(e.id());
    return it == typos().end() ? none : it->second;
}

std::size_t count_of(std::string_view haystack, std::string_view needle) {
    std::size_t n = 0;
    for (auto pos = haystack.find(needle); pos != std::string_view::npos;
         pos = haystack.find(needle, pos + 1))
        ++n;
    return n;
}

std::string replace_once(std::string s, std::string_view needle, std::string_view with) {
    const auto pos = s.find(needle);
    if (pos != std::string::npos) s.replace(pos, needle.size(), with);
    return s;
}

/// The example with the typos fixed for which `fix(typo)` is true.
template <class Pred>
std::string fixed_where(const Example& e, Pred fix) {
    std::string s = e.segment;
    for (const auto& t : typos_of(e))
        if (fix(t)) s = replace_once(std::move(s), t.needle, t.fix);
    return s;
}

std::string fully_fixed(const Example& e) {
    return fixed_where(e, [](const Typo&) { return true; });
}

// --- Parsing helpers ----------------------------------------------------------------------------

struct Parsed {
    PacketView view;
    std::optional<ParseError> error;
    bool ok() const { return !error.has_value(); }
};

Parsed parse(std::string_view segment, ParseMode mode) {
    Parsed p;
    if (auto r = parse_segment(segment, p.view, mode); !r) p.error = r.error();
    return p;
}

std::string describe(const std::optional<ParseError>& e) {
    return e ? hj212::describe(*e) : std::string("no error");
}

bool is_reply(std::uint16_t cn) {
    return cn >= 9011 && cn <= 9014;
}

// --- The file ---------------------------------------------------------------------------------

TEST(AppendixC, FileHoldsEveryExample) {
    ASSERT_TRUE(data_file().problems.empty()) << data_file().problems.front();
    ASSERT_EQ(examples().size(), 156U); // 155 from tables C.1 .. C.50 + the Appendix A vector

    // Examples per table, in the standard's order: Appendix A, then C.1 .. C.50.
    constexpr std::array<int, 51> kPerTable{1, 3, 4, 3, 2, 4, 3, 4, 3, 3, 3, 2, 3, 2, 2, 2, 2,
                                            2, 2, 2, 4, 4, 4, 4, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3,
                                            4, 3, 4, 4, 4, 2, 2, 5, 2, 4, 2, 4, 3, 4, 5, 5, 7};
    std::vector<std::string> order;
    std::map<std::string, int> per_table;
    for (const auto& e : examples()) {
        if (order.empty() || order.back() != e.table) order.push_back(e.table);
        ++per_table[e.table];
    }
    ASSERT_EQ(order.size(), kPerTable.size());
    EXPECT_EQ(order[0], "A");
    EXPECT_EQ(per_table["A"], kPerTable[0]);
    for (std::size_t t = 1; t < order.size(); ++t) {
        EXPECT_EQ(order[t], "C." + std::to_string(t));
        EXPECT_EQ(per_table[order[t]], kPerTable[t]) << order[t];
    }

    std::size_t strict = 0, lenient = 0;
    for (const auto& e : examples())
        (e.strict ? strict : lenient) += 1;
    EXPECT_EQ(strict, 127U); // 126 from Appendix C + Appendix A
    EXPECT_EQ(lenient, 29U);

    // Every lenient example has its typos listed, and only lenient examples do.
    std::set<std::string> listed;
    for (const auto& [id, list] : typos())
        listed.insert(id);
    for (const auto& e : examples()) {
        EXPECT_EQ(listed.count(e.id()) == 1, !e.strict) << e.id();
        listed.erase(e.id());
    }
    EXPECT_TRUE(listed.empty()) << "typos listed for unknown example " << *listed.begin();
}

TEST(AppendixC, TypoNeedlesOccurExactlyOnce) {
    for (const auto& e : examples())
        for (const auto& t : typos_of(e))
            EXPECT_EQ(count_of(e.segment, t.needle), 1U) << e.id() << ": " << t.needle;
}

// --- Parsing ----------------------------------------------------------------------------------

TEST(AppendixC, EveryExampleParsesLeniently) {
    for (const auto& e : examples()) {
        SCOPED_TRACE(e.id());
        const Parsed p = parse(e.segment, ParseMode::lenient);
        ASSERT_TRUE(p.ok()) << describe(p.error);
        EXPECT_EQ(p.view.qn.value_or("").size(), 17U);
        EXPECT_EQ(p.view.mn, kMn);
        EXPECT_EQ(p.view.pw, e.table == "A" ? "100000" : "123456");
        EXPECT_TRUE(p.view.st.has_value());
        EXPECT_TRUE(p.view.command().has_value());
        ASSERT_TRUE(p.view.flag.has_value());
        EXPECT_EQ(p.view.version_bits(), kVersion2017);
        EXPECT_EQ(p.view.has_packet_numbers(), p.view.pnum.has_value());
    }
}

TEST(AppendixC, StrictExamplesParseStrictlyAndReencodeByteIdentically) {
    for (const auto& e : examples()) {
        if (!e.strict) continue;
        SCOPED_TRACE(e.id());
        const Parsed strict = parse(e.segment, ParseMode::strict);
        ASSERT_TRUE(strict.ok()) << describe(strict.error);
        const Packet packet = Packet::from(strict.view);
        EXPECT_EQ(encode_segment(packet), e.segment);
        // Lenient parsing of a well-formed segment reads the same packet.
        const Parsed lenient = parse(e.segment, ParseMode::lenient);
        ASSERT_TRUE(lenient.ok()) << describe(lenient.error);
        EXPECT_EQ(Packet::from(lenient.view), packet);
    }
}

TEST(AppendixC, StrictExamplesDeframeBackToTheSameSegment) {
    for (const auto& e : examples()) {
        if (!e.strict) continue;
        SCOPED_TRACE(e.id());
        auto framed = frame_segment(e.segment);
        ASSERT_TRUE(framed.ok());
        const std::string& frame = framed.value();
        EXPECT_EQ(frame.size(), e.segment.size() + 12);
        EXPECT_EQ(crc16(e.segment), crc16_bitwise(e.segment));

        Deframer d;
        ASSERT_EQ(d.feed(frame), frame.size());
        auto event = d.next();
        ASSERT_TRUE(event.has_value());
        const auto* f = std::get_if<DeframedFrame>(&*event);
        ASSERT_NE(f, nullptr) << describe(std::get<DeframeError>(*event));
        EXPECT_EQ(f->segment, e.segment);
        EXPECT_EQ(f->offset, 0U);
        EXPECT_EQ(f->crc, crc16(e.segment));
        EXPECT_FALSE(d.next().has_value());
        EXPECT_FALSE(d.flush().has_value());
        EXPECT_EQ(d.stats().frames, 1U);
        EXPECT_EQ(d.stats().total_errors(), 0U);
    }
}

TEST(AppendixC, StrictExamplesDeframeFromOneChoppedStream) {
    std::string stream;
    std::vector<std::string_view> expected;
    for (const auto& e : examples()) {
        if (!e.strict) continue;
        ASSERT_TRUE(append_frame(stream, e.segment));
        expected.push_back(e.segment);
    }
    Deframer d;
    std::vector<std::string> got;
    for (std::size_t at = 0; at < stream.size();) {
        at += d.feed(std::string_view(stream).substr(at, 7));
        while (auto event = d.next()) {
            const auto* f = std::get_if<DeframedFrame>(&*event);
            ASSERT_NE(f, nullptr) << describe(std::get<DeframeError>(*event));
            got.emplace_back(f->segment);
        }
    }
    EXPECT_FALSE(d.flush().has_value());
    ASSERT_EQ(got.size(), expected.size());
    for (std::size_t i = 0; i < got.size(); ++i)
        EXPECT_EQ(got[i], expected[i]);
}

TEST(AppendixC, AppendixAVectorFramesWithCrc1C80) {
    const Example* a = find_example("A#1");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->segment.size(), 101U);
    EXPECT_EQ(crc16(a->segment), 0x1C80);
    EXPECT_EQ(crc16_bitwise(a->segment), 0x1C80);
    const std::string expected = "##0101" + a->segment + "1C80\r\n";
    auto framed = frame_segment(a->segment);
    ASSERT_TRUE(framed.ok());
    EXPECT_EQ(framed.value(), expected);

    const Parsed p = parse(a->segment, ParseMode::strict);
    ASSERT_TRUE(p.ok()) << describe(p.error);
    EXPECT_EQ(p.view.find("RtdInterval"), "30");
    auto encoded = encode_frame(Packet::from(p.view));
    ASSERT_TRUE(encoded.ok());
    EXPECT_EQ(encoded.value(), expected);
}

// --- The typos --------------------------------------------------------------------------------

TEST(AppendixC, LenientExamplesFailStrictParsing) {
    for (const auto& e : examples()) {
        if (e.strict) continue;
        const Parsed p = parse(e.segment, ParseMode::strict);
        EXPECT_FALSE(p.ok()) << e.id() << " is accepted by strict parsing";
    }
}

/// Strict parsing of `e` with every typo but `typo` fixed gives the typo's diagnostic, with an
/// offset inside the header field or item that holds it.
void expect_strict_diagnostic(const Example& e, const Typo& typo) {
    SCOPED_TRACE(e.id() + ": " + std::string(typo.kind) + " \"" + std::string(typo.needle) + "\"");
    const std::string seg = fixed_where(e, [&](const Typo& t) { return &t != &typo; });
    const Parsed p = parse(seg, ParseMode::strict);
    if (!typo.strict_error) {
        EXPECT_TRUE(p.ok()) << describe(p.error);
        return;
    }
    if (p.ok()) {
        ADD_FAILURE() << "strict parsing accepts it";
        return;
    }
    EXPECT_EQ(to_string(p.error->field), to_string(typo.strict_error->field)) << describe(p.error);
    EXPECT_EQ(to_string(p.error->reason), to_string(typo.strict_error->reason))
        << describe(p.error);
    const std::size_t pos = seg.find(typo.needle);
    ASSERT_NE(pos, std::string::npos);
    const std::size_t sep = seg.find_last_of(";,&", pos);
    const std::size_t lo = sep == std::string::npos ? 0 : sep;
    EXPECT_GE(p.error->offset, lo) << describe(p.error);
    EXPECT_LE(p.error->offset, pos + typo.needle.size()) << describe(p.error);
}

// Each typo alone (the example's other typos fixed) gets the expected diagnostic.
TEST(AppendixC, StrictParsingNamesEveryTypo) {
    std::size_t checked = 0;
    for (const auto& e : examples())
        for (const auto& typo : typos_of(e)) {
            expect_strict_diagnostic(e, typo);
            ++checked;
        }
    EXPECT_EQ(checked, 35U);
}

TEST(AppendixC, FixedExamplesAreStrictlyWellFormed) {
    for (const auto& e : examples()) {
        if (e.strict) continue;
        SCOPED_TRACE(e.id());
        const std::string seg = fully_fixed(e);
        EXPECT_NE(seg, e.segment);
        const Parsed p = parse(seg, ParseMode::strict);
        ASSERT_TRUE(p.ok()) << describe(p.error) << "\n" << seg;
        EXPECT_EQ(encode_segment(Packet::from(p.view)), seg);
    }
}

TEST(AppendixC, LenientParsingReadsSpacingAndSeparatorTyposAsMeant) {
    std::size_t checked = 0;
    for (const auto& e : examples()) {
        if (e.strict) continue;
        bool any = false;
        for (const auto& t : typos_of(e))
            any = any || t.lenient_recovers;
        if (!any) continue;
        SCOPED_TRACE(e.id());
        const std::string meant = fixed_where(e, [](const Typo& t) { return t.lenient_recovers; });
        const Parsed as_sent = parse(e.segment, ParseMode::lenient);
        const Parsed as_meant = parse(meant, ParseMode::lenient);
        ASSERT_TRUE(as_sent.ok()) << describe(as_sent.error);
        ASSERT_TRUE(as_meant.ok()) << describe(as_meant.error);
        EXPECT_EQ(Packet::from(as_sent.view), Packet::from(as_meant.view));
        ++checked;
    }
    EXPECT_EQ(checked, 15U);
}

TEST(AppendixC, LenientParsingKeepsTheEllipsisVisible) {
    // The "…" is not silently dropped: an item of its own is kept with an empty value, a glued
    // one stays in the value.
    const Parsed c16 = parse(find_example("C.16#1")->segment, ParseMode::lenient);
    ASSERT_TRUE(c16.ok()) << describe(c16.error);
    ASSERT_FALSE(c16.view.items.empty());
    EXPECT_EQ(c16.view.items.back().key, "…");
    EXPECT_EQ(c16.view.items.back().value, "");
    EXPECT_EQ(c16.view.find("w01018-Flag"), "N");

    const Parsed c15 = parse(find_example("C.15#1")->segment, ParseMode::lenient);
    ASSERT_TRUE(c15.ok()) << describe(c15.error);
    EXPECT_EQ(c15.view.find("SB1-RS"), "1");
    EXPECT_EQ(c15.view.find("SB2-RS"), "0…");
    EXPECT_FALSE(parse_number(*c15.view.find("SB2-RS")).has_value());
}

TEST(AppendixC, MissingFactorPrefixIsKeptVerbatim) {
    // C.14 writes "01018-Rtd=2.2" for w01018 (COD): lenient parsing keeps the key as sent, and the
    // code table is what tells that "01018" is not an Appendix B code.
    const Parsed p = parse(find_example("C.14#1")->segment, ParseMode::lenient);
    ASSERT_TRUE(p.ok()) << describe(p.error);
    EXPECT_EQ(p.view.find("01018-Rtd"), "2.2");
    EXPECT_FALSE(p.view.find("w01018-Rtd").has_value());
    EXPECT_EQ(p.view.find("w01018-SampleTime"), "20160801070000");
    const ItemKey key = split_item_key("01018-Rtd");
    EXPECT_EQ(key.code, "01018");
    EXPECT_EQ(key.suffix, "Rtd");
    EXPECT_EQ(find_pollutant(key.code), nullptr);
    ASSERT_NE(find_pollutant("w01018"), nullptr);
}

// --- Replies ----------------------------------------------------------------------------------

/// For a reply example (CN 9011..9014), the example it answers: the latest earlier example of
/// the same table sent by the other side that is not itself a reply.
const Example* request_of(const Example& reply) {
    const Example* found = nullptr;
    for (const auto& e : examples()) {
        if (&e == &reply) break;
        if (e.table != reply.table || e.from_host == reply.from_host) continue;
        const Parsed p = parse(e.segment, ParseMode::lenient);
        if (p.ok() && p.view.command() && !is_reply(*p.view.command())) found = &e;
    }
    return found;
}

TEST(AppendixC, RepliesMatchTheBuilders) {
    // C.43#2 answers the request with QN=20101110010101001 instead of the request's QN: a typo in
    // the standard (every other reply of Appendix C keeps the QN).
    const std::set<std::string> kForeignQn = {"C.43#2"};
    std::map<std::uint16_t, std::size_t> checked;
    for (const auto& e : examples()) {
        const Parsed reply = parse(e.segment, ParseMode::lenient);
        ASSERT_TRUE(reply.ok()) << e.id() << ": " << describe(reply.error);
        const auto cn = reply.view.command();
        if (!cn || !is_reply(*cn)) continue;
        SCOPED_TRACE(e.id());
        const Example* req = request_of(e);
        ASSERT_NE(req, nullptr) << "no request for this reply";
        const Parsed request = parse(req->segment, ParseMode::lenient);
        ASSERT_TRUE(request.ok()) << req->id() << ": " << describe(request.error);
        EXPECT_TRUE(request.view.reply_wanted()) << req->id() << " does not ask for a reply";

        const ReplyTo to = ReplyTo::of(request.view);
        const CommandInfo* answered = find_command(*request.view.command(), req->direction());
        ASSERT_NE(answered, nullptr) << req->id();
        Packet expected;
        switch (*cn) {
        case 9011:
            EXPECT_EQ(answered->kind, CommandKind::request) << req->id();
            expected = make_request_reply(to, QnRtn::ready);
            break;
        case 9012:
            EXPECT_EQ(answered->kind, CommandKind::request) << req->id();
            expected = make_execution_result(to, ExeRtn::ok);
            break;
        case 9013:
            EXPECT_EQ(answered->kind, CommandKind::notification) << req->id();
            expected = make_notification_reply(to);
            break;
        default:
            EXPECT_EQ(answered->kind, CommandKind::upload) << req->id();
            expected = make_data_reply(to);
            break;
        }
        EXPECT_EQ(expected.st, "91");
        EXPECT_EQ(expected.flag, 4U);
        if (kForeignQn.count(e.id()) != 0) {
            EXPECT_NE(reply.view.qn, request.view.qn);
            expected.qn = std::string(reply.view.qn.value_or(""));
        } else {
            EXPECT_EQ(expected.qn, request.view.qn.value_or("")) << "QN not kept";
        }
        EXPECT_EQ(Packet::from(reply.view), expected) << "from " << req->id();
        if (e.strict) {
            EXPECT_EQ(encode_segment(expected), e.segment) << "from " << req->id();
        }
        ++checked[*cn];
    }
    EXPECT_EQ(checked[9011], 31U);
    EXPECT_EQ(checked[9012], 31U);
    EXPECT_EQ(checked[9013], 3U);
    EXPECT_EQ(checked[9014], 19U);
}

TEST(AppendixC, DataRepliesAnswerEachSplitPartWithItsOwnQn) {
    // C.50: each part carries its own QN (534, 535) and is acknowledged with it.
    const Parsed part1 = parse(find_example("C.50#3")->segment, ParseMode::lenient);
    const Parsed ack1 = parse(find_example("C.50#4")->segment, ParseMode::lenient);
    const Parsed part2 = parse(find_example("C.50#5")->segment, ParseMode::lenient);
    const Parsed ack2 = parse(find_example("C.50#6")->segment, ParseMode::lenient);
    ASSERT_TRUE(part1.ok() && ack1.ok() && part2.ok() && ack2.ok());
    EXPECT_EQ(part1.view.qn, "20160801085857534");
    EXPECT_EQ(part2.view.qn, "20160801085857535");
    EXPECT_EQ(Packet::from(ack1.view), make_data_reply(ReplyTo::of(part1.view)));
    EXPECT_EQ(Packet::from(ack2.view), make_data_reply(ReplyTo::of(part2.view)));
}

// --- Command table ----------------------------------------------------------------------------

TEST(AppendixC, CommandTableKnowsEveryCommandInItsSendersDirection) {
    std::set<std::pair<std::uint16_t, int>> seen;
    for (const auto& e : examples()) {
        SCOPED_TRACE(e.id());
        const Parsed p = parse(e.segment, ParseMode::lenient);
        ASSERT_TRUE(p.ok()) << describe(p.error);
        const auto cn = p.view.command();
        ASSERT_TRUE(cn.has_value());
        const CommandInfo* info = find_command(*cn, e.direction());
        ASSERT_NE(info, nullptr) << "CN " << *cn << " " << to_string(e.direction());
        EXPECT_EQ(info->cn, *cn);
        EXPECT_EQ(info->direction, e.direction());
        EXPECT_EQ(info->since, kVersion2017) << "CN " << *cn << " is in table 9 of 2017";
        if (is_reply(*cn)) {
            EXPECT_EQ(info->kind, CommandKind::interaction);
        } else if (e.from_host) {
            EXPECT_TRUE(info->kind == CommandKind::request ||
                        info->kind == CommandKind::notification)
                << to_string(info->kind);
        } else {
            EXPECT_TRUE(info->kind == CommandKind::upload ||
                        info->kind == CommandKind::notification)
                << to_string(info->kind);
        }
        seen.insert({*cn, static_cast<int>(e.direction())});
    }
    // Appendix C (with A) exercises 48 distinct (CN, direction) pairs.
    EXPECT_EQ(seen.size(), 48U);
}

// --- Split packets ----------------------------------------------------------------------------

struct SplitCase {
    std::string_view part1, part2; ///< the two parts (PNO 1, PNO 2)
    std::string_view whole;        ///< the same hourly upload unsplit (C.47 / C.48)
    unsigned flag;                 ///< Flag of the reassembled packet
};
constexpr std::array<SplitCase, 2> kSplits{
    {{"C.49#3", "C.49#4", "C.47#3", 4U}, {"C.50#3", "C.50#5", "C.48#3", 5U}}};

std::vector<OwnedItem> flat_items(const Packet& p, std::size_t from_group = 0) {
    std::vector<OwnedItem> out;
    for (std::size_t g = from_group; g < p.cp.size(); ++g)
        out.insert(out.end(), p.cp[g].begin(), p.cp[g].end());
    return out;
}

std::optional<std::string> value_of(const Packet& p, std::string_view key) {
    const std::string* v = p.find(key);
    return v ? std::optional<std::string>(*v) : std::nullopt;
}

TEST(AppendixC, SplitExamplesReassembleIntoOnePacket) {
    for (const auto& c : kSplits) {
        SCOPED_TRACE(std::string(c.part1) + " + " + std::string(c.part2));
        const Parsed p1 = parse(find_example(c.part1)->segment, ParseMode::lenient);
        const Parsed p2 = parse(find_example(c.part2)->segment, ParseMode::lenient);
        ASSERT_TRUE(p1.ok()) << describe(p1.error);
        ASSERT_TRUE(p2.ok()) << describe(p2.error);
        EXPECT_EQ(p1.view.pnum, 2U);
        EXPECT_EQ(p1.view.pno, 1U);
        EXPECT_EQ(p2.view.pnum, 2U);
        EXPECT_EQ(p2.view.pno, 2U);

        // Both orders of arrival give the same packet.
        std::optional<Packet> results[2];
        for (int order = 0; order < 2; ++order) {
            Reassembler r;
            const PacketView& first = order == 0 ? p1.view : p2.view;
            const PacketView& second = order == 0 ? p2.view : p1.view;
            const auto a = r.add(first, 0ms);
            EXPECT_EQ(a.status, Reassembler::Status::incomplete);
            EXPECT_FALSE(a.packet.has_value());
            EXPECT_EQ(r.pending(), 1U);
            const auto b = r.add(second, 10ms);
            ASSERT_EQ(b.status, Reassembler::Status::complete);
            ASSERT_TRUE(b.packet.has_value());
            EXPECT_EQ(r.pending(), 0U);
            EXPECT_EQ(r.stats().completed, 1U);
            results[order] = b.packet;
        }
        EXPECT_EQ(results[0], results[1]);

        const Packet& whole = *results[0];
        EXPECT_EQ(whole.qn, p1.view.qn.value_or("")); // the header of part 1
        EXPECT_EQ(whole.cn, "2061");
        EXPECT_EQ(whole.flag, c.flag);
        EXPECT_FALSE(whole.pnum.has_value());
        EXPECT_FALSE(whole.pno.has_value());
        // The items of part 1, then those of part 2 without its repeated DataTime group.
        const Packet a = Packet::from(p1.view);
        const Packet b = Packet::from(p2.view);
        ASSERT_FALSE(b.cp.empty());
        ASSERT_EQ(b.cp.front(), a.cp.front());
        std::vector<OwnedItem> expected = flat_items(a);
        const auto rest = flat_items(b, 1);
        expected.insert(expected.end(), rest.begin(), rest.end());
        EXPECT_EQ(flat_items(whole), expected);
        EXPECT_EQ(value_of(whole, "DataTime"), "20160801080000");
        EXPECT_EQ(value_of(whole, "w00000-Cou"), "63.0");
        EXPECT_EQ(value_of(whole, "w01001-Flag"), "N");
        EXPECT_EQ(value_of(whole, "w01018-Max"), "40.1");
        std::size_t datatimes = 0;
        for (const auto& it : flat_items(whole))
            datatimes += it.key == "DataTime" ? 1U : 0U;
        EXPECT_EQ(datatimes, 1U);
    }
}

TEST(AppendixC, SplitExamplesAreTheUnsplitUploadCutInTwo) {
    // Without the "…", C.49's parts reassemble into C.47's hourly upload and C.50's into C.48's;
    // and splitting that upload (when it does not fit) gives back C.49's / C.50's parts.
    for (const auto& c : kSplits) {
        SCOPED_TRACE(std::string(c.part1) + " + " + std::string(c.part2) + " = " +
                     std::string(c.whole));
        const std::string s1 = fully_fixed(*find_example(c.part1));
        const std::string s2 = fully_fixed(*find_example(c.part2));
        const std::string sw = fully_fixed(*find_example(c.whole));
        const Parsed p1 = parse(s1, ParseMode::strict);
        const Parsed p2 = parse(s2, ParseMode::strict);
        const Parsed pw = parse(sw, ParseMode::strict);
        ASSERT_TRUE(p1.ok()) << describe(p1.error);
        ASSERT_TRUE(p2.ok()) << describe(p2.error);
        ASSERT_TRUE(pw.ok()) << describe(pw.error);

        Reassembler r;
        EXPECT_EQ(r.add(p1.view, 0ms).status, Reassembler::Status::incomplete);
        auto done = r.add(p2.view, 0ms);
        ASSERT_EQ(done.status, Reassembler::Status::complete);
        EXPECT_EQ(encode_segment(*done.packet), sw);

        SplitOptions options;
        options.max_segment = sw.size() - 1;
        options.qn = SplitQn::increment;
        auto parts = split_packet(Packet::from(pw.view), options);
        ASSERT_TRUE(parts.ok()) << to_string(parts.error());
        ASSERT_EQ(parts->size(), 2U);
        EXPECT_EQ(encode_segment((*parts)[0]), s1);
        EXPECT_EQ(encode_segment((*parts)[1]), s2);
    }
}

} // namespace
} // namespace hj212
