#include "hj212/parser.hpp"

#include "hj212/datetime.hpp"
#include "hj212/version.hpp"

#include <array>
#include <bit>
#include <cstring>

namespace hj212 {
namespace {

constexpr std::string_view kCpOpen = "CP=&&";
constexpr std::string_view kCpClose = "&&";
constexpr std::size_t kMaxStrictSegment = 1024;
constexpr std::size_t kMaxStrictCp = 950;

bool all_digits(std::string_view s) noexcept {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return !s.empty();
}

bool is_upper_alnum(char c) noexcept {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
}
bool is_upper_hex(char c) noexcept {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
}

enum CharClass : std::uint8_t { kPlain, kEquals, kComma, kSemicolon };

constexpr std::array<CharClass, 256> make_classes() noexcept {
    std::array<CharClass, 256> t{};
    t[static_cast<unsigned char>('=')] = kEquals;
    t[static_cast<unsigned char>(',')] = kComma;
    t[static_cast<unsigned char>(';')] = kSemicolon;
    return t;
}
constexpr auto kClass = make_classes();

// Bit 7 of each byte of the result is set exactly where a byte of `w` is zero.
constexpr std::uint64_t zero_bytes(std::uint64_t w) noexcept {
    constexpr std::uint64_t k7f = 0x7F7F7F7F7F7F7F7FULL;
    return ~(((w & k7f) + k7f) | w | k7f);
}

// High bits marking the '=', ',' and ';' bytes among the 8 at `p` (little-endian order).
inline std::uint64_t separator_mask(const char* p) noexcept {
    static_assert(std::endian::native == std::endian::little, "byte order of the mask");
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    return zero_bytes(w ^ (ones * '=')) | zero_bytes(w ^ (ones * ',')) |
           zero_bytes(w ^ (ones * ';'));
}

bool is_blank(char c) noexcept {
    return c == ' ' || c == '\t';
}

// Devices rarely pad: test the two ends first so the common case costs two compares.
inline std::string_view trim(std::string_view s) noexcept {
    if (s.empty() || (!is_blank(s.front()) && !is_blank(s.back()))) return s;
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

std::optional<std::uint32_t> parse_uint(std::string_view s, std::uint32_t max) noexcept {
    if (s.empty() || s.size() > 9) return std::nullopt;
    std::uint32_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + static_cast<std::uint32_t>(c - '0');
    }
    if (v > max) return std::nullopt;
    return v;
}

bool is_key_char(char c) noexcept {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-';
}

// Suffixes whose values are numbers (table 4: Rtd, Min, Avg, Max, Zs*, Cou, RT, noise Data).
bool numeric_suffix(std::string_view suffix) noexcept {
    constexpr std::string_view kNumeric[] = {"Rtd",   "Min",     "Avg",      "Max", "ZsRtd",
                                             "ZsMin", "ZsAvg",   "ZsMax",    "Cou", "RT",
                                             "Data",  "DayData", "NightData"};
    for (auto n : kNumeric)
        if (suffix == n) return true;
    return false;
}

// Strict item: key of letters, digits and '-'; value without blanks; text beyond ASCII only in
// -Info values (logs may be Chinese); numbers where table 4 says numbers.
bool strict_item_ok(std::string_view key, std::string_view value) noexcept {
    if (key.empty()) return false;
    for (char c : key)
        if (!is_key_char(c)) return false;
    const auto suffix = split_item_key(key).suffix;
    const bool info = suffix == "Info";
    if (!value.empty() && (value.front() == ' ' || value.back() == ' ')) return false;
    for (char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x21 && !(info && c == ' ')) return false;
        if (u >= 0x80 && !info) return false;
    }
    return !numeric_suffix(suffix) || parse_number(value).has_value();
}

// Order of the standard header fields, for strict mode.
enum Slot : int { kQn, kSt, kCn, kPw, kMn, kFlag, kPnum, kPno, kOther };

Slot slot_of(std::string_view key) noexcept {
    if (key == "QN") return kQn;
    if (key == "ST") return kSt;
    if (key == "CN") return kCn;
    if (key == "PW") return kPw;
    if (key == "MN") return kMn;
    if (key == "Flag") return kFlag;
    if (key == "PNUM") return kPnum;
    if (key == "PNO") return kPno;
    return kOther;
}

constexpr std::array<Field, 8> kSlotField{Field::qn, Field::st,   Field::cn,   Field::pw,
                                          Field::mn, Field::flag, Field::pnum, Field::pno};

class SegmentParser {
public:
    SegmentParser(std::string_view seg, PacketView& out, ParseMode mode)
        : seg_(seg), out_(out), strict_(mode == ParseMode::strict) {}

    Result<void, ParseError> run() {
        out_.clear();
        out_.segment = seg_;
        if (strict_ && seg_.size() > kMaxStrictSegment)
            return fail(ParseError{Field::segment, ParseReason::too_long, kMaxStrictSegment});

        const auto cp = seg_.find(kCpOpen);
        if (cp == std::string_view::npos)
            return fail(ParseError{Field::cp, ParseReason::missing, seg_.size()});

        if (auto r = header(cp); !r) return r;

        std::string_view tail = seg_.substr(cp + kCpOpen.size());
        if (!strict_) {
            while (!tail.empty() && (tail.back() == ' ' || tail.back() == '\t'))
                tail.remove_suffix(1);
        }
        if (tail.size() < kCpClose.size() || tail.substr(tail.size() - 2) != kCpClose)
            return fail(ParseError{Field::cp, ParseReason::unterminated, seg_.size()});
        if (strict_ && seg_.size() - cp > kMaxStrictCp)
            return fail(ParseError{Field::cp, ParseReason::too_long, cp});
        const std::size_t data_at = cp + kCpOpen.size();
        if (auto r = data(tail.substr(0, tail.size() - 2), data_at); !r) return r;
        return check_fields(cp);
    }

private:
    // Lenient: a ',' separates header fields only where a standard field follows ("QN=..,ST=32"
    // is a known device quirk); elsewhere it belongs to the value (PW may contain ',').
    bool field_follows(std::size_t k, std::size_t cp) const noexcept {
        while (k < cp && is_blank(seg_[k]))
            ++k;
        std::size_t e = k;
        while (e < cp && seg_[e] != '=' && seg_[e] != ';' && seg_[e] != ',')
            ++e;
        return e < cp && seg_[e] == '=' && slot_of(trim(seg_.substr(k, e - k))) != kOther;
    }

    Result<void, ParseError> header(std::size_t cp) {
        std::size_t i = 0;
        int last_slot = -1;
        if (strict_ && cp > 0 && seg_[cp - 1] != ';')
            return fail(ParseError{Field::header, ParseReason::bad_format, cp});
        while (i < cp) {
            std::size_t j = i;
            while (j < cp && seg_[j] != ';' &&
                   (strict_ || seg_[j] != ',' || !field_follows(j + 1, cp)))
                ++j;
            std::string_view field = seg_.substr(i, j - i);
            const std::size_t at = i;
            i = j + 1;
            if (!strict_) field = trim(field);
            if (field.empty()) {
                if (strict_) return fail(ParseError{Field::header, ParseReason::bad_format, at});
                continue;
            }
            const auto eq = field.find('=');
            if (eq == std::string_view::npos)
                return fail(ParseError{Field::header, ParseReason::bad_format, at});
            std::string_view key = field.substr(0, eq);
            std::string_view value = field.substr(eq + 1);
            if (!strict_) {
                key = trim(key);
                value = trim(value);
            }
            out_.header.push_back({key, value});
            const Slot slot = slot_of(key);
            if (strict_) {
                if (slot == kOther) {
                    // Fields beyond the standard ones exist from 2025 on (RF marks back-fill).
                    if (key != "RF" || !out_.flag || flag_version_bits(*out_.flag) < kVersion2025)
                        return fail(ParseError{Field::header, ParseReason::unexpected, at});
                    last_slot = kOther;
                    continue;
                }
                if (static_cast<int>(slot) <= last_slot)
                    return fail(ParseError{kSlotField[static_cast<std::size_t>(slot)],
                                           ParseReason::out_of_order, at});
                last_slot = slot;
            }
            if (slot == kOther) continue;
            if (auto r = assign(slot, value, at); !r) return r;
        }
        return {};
    }

    Result<void, ParseError> assign(Slot slot, std::string_view value, std::size_t at) {
        auto set = [&](std::optional<std::string_view>& f) -> Result<void, ParseError> {
            if (f) {
                if (strict_)
                    return fail(ParseError{kSlotField[static_cast<std::size_t>(slot)],
                                           ParseReason::duplicate, at});
                return {};
            }
            f = value;
            return {};
        };
        switch (slot) {
        case kQn:
            return set(out_.qn);
        case kSt:
            return set(out_.st);
        case kCn:
            return set(out_.cn);
        case kPw:
            return set(out_.pw);
        case kMn:
            return set(out_.mn);
        case kFlag:
            if (out_.flag) break;
            if (auto v = parse_uint(value, 255))
                out_.flag = *v;
            else
                return fail(ParseError{Field::flag, ParseReason::bad_format, at});
            break;
        case kPnum:
        case kPno: {
            auto& dst = slot == kPnum ? out_.pnum : out_.pno;
            if (dst) break;
            if (auto v = parse_uint(value, 99999999))
                dst = *v;
            else
                return fail(ParseError{kSlotField[static_cast<std::size_t>(slot)],
                                       ParseReason::bad_format, at});
            break;
        }
        case kOther:
            break;
        }
        return {};
    }

    // One pass over the data area: ';' ends a group, ',' an item, the first '=' splits it.
    // Raw pointers and a byte class table: this loop is most of the parse time.
    Result<void, ParseError> data(std::string_view d, std::size_t base) {
        if (d.empty()) return {};
        if (!strict_ && trim(d).empty()) return {};
        const char* const begin = d.data();
        const char* const end = begin + d.size();
        const char* item = begin;
        const char* eq = nullptr;
        auto group_first = static_cast<std::uint32_t>(out_.items.size());
        auto close_group = [&] {
            const auto count = static_cast<std::uint32_t>(out_.items.size());
            if (count != group_first) { // lenient: an empty group is skipped
                out_.group_ends.push_back(count);
                group_first = count;
            }
        };
        auto on_separator = [&](const char* p) -> Result<void, ParseError> {
            const CharClass cls = kClass[static_cast<unsigned char>(*p)];
            if (cls == kEquals) {
                if (eq == nullptr) eq = p;
                return {};
            }
            if (auto r = add_item(item, p, eq, base + static_cast<std::size_t>(item - begin)); !r)
                return r;
            item = p + 1;
            eq = nullptr;
            if (cls == kSemicolon) close_group();
            return {};
        };
        // Eight bytes at a time: a mask of the separator bytes, then one step per separator.
        // Tokens are short, so a byte loop's branch per byte mispredicts far more often.
        const char* p = begin;
        for (; end - p >= 8; p += 8) {
            for (std::uint64_t m = separator_mask(p); m != 0; m &= m - 1)
                if (auto r = on_separator(p + (std::countr_zero(m) >> 3)); !r) return r;
        }
        for (; p < end; ++p)
            if (kClass[static_cast<unsigned char>(*p)] != kPlain)
                if (auto r = on_separator(p); !r) return r;
        if (auto r = add_item(item, end, eq, base + static_cast<std::size_t>(item - begin)); !r)
            return r;
        close_group();
        return {};
    }

    Result<void, ParseError> add_item(const char* b, const char* e, const char* eq,
                                      std::size_t at) {
        std::string_view key, value;
        if (eq == nullptr) {
            key = std::string_view(b, static_cast<std::size_t>(e - b));
        } else {
            key = std::string_view(b, static_cast<std::size_t>(eq - b));
            value = std::string_view(eq + 1, static_cast<std::size_t>(e - eq - 1));
        }
        if (strict_) {
            if (eq == nullptr || !strict_item_ok(key, value))
                return fail(ParseError{Field::item, ParseReason::bad_format, at});
        } else {
            key = trim(key);
            value = trim(value);
            if (key.empty() && value.empty()) return {}; // stray separator
        }
        out_.items.push_back({key, value});
        return {};
    }

    Result<void, ParseError> check_fields(std::size_t cp) {
        const auto& o = out_;
        if (o.pnum.has_value() != o.pno.has_value())
            return fail(ParseError{o.pnum ? Field::pno : Field::pnum, ParseReason::missing, cp});
        if (o.pnum && (*o.pnum == 0 || *o.pno == 0 || *o.pno > *o.pnum))
            return fail(ParseError{Field::pno, ParseReason::out_of_range, cp});
        if (!strict_) return {};

        auto missing = [&](Field f) { return fail(ParseError{f, ParseReason::missing, cp}); };
        auto bad = [&](Field f, std::string_view key) {
            std::size_t at = 0;
            for (const auto& h : o.header)
                if (h.key == key) at = static_cast<std::size_t>(h.value.data() - seg_.data());
            return fail(ParseError{f, ParseReason::bad_format, at});
        };
        if (!o.qn) return missing(Field::qn);
        if (o.qn->size() != 17 || !all_digits(*o.qn) || !DateTime::parse(*o.qn))
            return bad(Field::qn, "QN");
        if (!o.st) return missing(Field::st);
        if (o.st->size() != 2 || !is_upper_alnum((*o.st)[0]) || !is_upper_alnum((*o.st)[1]))
            return bad(Field::st, "ST");
        if (!o.cn) return missing(Field::cn);
        if (o.cn->size() != 4 || !all_digits(*o.cn)) return bad(Field::cn, "CN");
        if (!o.pw) return missing(Field::pw);
        if (o.pw->size() > 6) return fail(ParseError{Field::pw, ParseReason::too_long, cp});
        if (!o.mn) return missing(Field::mn);
        if (o.mn->size() != 24) return bad(Field::mn, "MN");
        for (char c : *o.mn)
            if (!is_upper_hex(c)) return bad(Field::mn, "MN");
        if (!o.flag) return missing(Field::flag);
        if (flag_has_packet_numbers(*o.flag) != o.pnum.has_value())
            return fail(ParseError{Field::flag, ParseReason::inconsistent, cp});
        return {};
    }

    std::string_view seg_;
    PacketView& out_;
    bool strict_;
};

std::string_view expectation(Field f) noexcept {
    switch (f) {
    case Field::segment:
        return "a data segment of at most 1024 bytes";
    case Field::qn:
        return "17 digits YYYYMMDDhhmmsszzz forming a valid time";
    case Field::st:
        return "2 characters 0-9/A-Z";
    case Field::cn:
        return "4 digits";
    case Field::pw:
        return "at most 6 characters";
    case Field::mn:
        return "24 characters 0-9/A-F";
    case Field::flag:
        return "an integer 0..255 whose D bit matches PNUM/PNO";
    case Field::pnum:
        return "a positive integer, present together with PNO";
    case Field::pno:
        return "an integer 1..PNUM, present together with PNUM";
    case Field::header:
        return "KEY=VALUE fields separated by ';' before CP=&&";
    case Field::cp:
        return "CP=&&...&& closing the segment, at most 950 characters";
    case Field::item:
        return "KEY=VALUE items separated by ',' and ';'";
    }
    return "";
}

} // namespace

std::string_view to_string(Field f) noexcept {
    switch (f) {
    case Field::segment:
        return "segment";
    case Field::qn:
        return "QN";
    case Field::st:
        return "ST";
    case Field::cn:
        return "CN";
    case Field::pw:
        return "PW";
    case Field::mn:
        return "MN";
    case Field::flag:
        return "Flag";
    case Field::pnum:
        return "PNUM";
    case Field::pno:
        return "PNO";
    case Field::header:
        return "header";
    case Field::cp:
        return "CP";
    case Field::item:
        return "CP item";
    }
    return "?";
}

std::string_view to_string(ParseReason r) noexcept {
    switch (r) {
    case ParseReason::missing:
        return "missing";
    case ParseReason::bad_format:
        return "bad_format";
    case ParseReason::too_long:
        return "too_long";
    case ParseReason::out_of_range:
        return "out_of_range";
    case ParseReason::duplicate:
        return "duplicate";
    case ParseReason::out_of_order:
        return "out_of_order";
    case ParseReason::unterminated:
        return "unterminated";
    case ParseReason::inconsistent:
        return "inconsistent";
    case ParseReason::unexpected:
        return "unexpected";
    }
    return "?";
}

std::string describe(const ParseError& e) {
    std::string s;
    s += to_string(e.field);
    s += ": ";
    s += to_string(e.reason);
    s += " at byte ";
    s += std::to_string(e.offset);
    s += " (expected ";
    s += expectation(e.field);
    s += ")";
    return s;
}

Result<void, ParseError> parse_segment(std::string_view segment, PacketView& out, ParseMode mode) {
    return SegmentParser(segment, out, mode).run();
}

} // namespace hj212
