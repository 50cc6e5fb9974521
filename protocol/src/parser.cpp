#include "hj212/parser.hpp"

#include "hj212/datetime.hpp"
#include "hj212/version.hpp"

#include <array>

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

bool is_upper_alnum(char c) noexcept { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'); }
bool is_upper_hex(char c) noexcept { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'); }

std::string_view trim(std::string_view s) noexcept {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
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
            while (!tail.empty() && (tail.back() == ' ' || tail.back() == '\t')) tail.remove_suffix(1);
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
    Result<void, ParseError> header(std::size_t cp) {
        std::size_t i = 0;
        int last_slot = -1;
        if (strict_ && cp > 0 && seg_[cp - 1] != ';')
            return fail(ParseError{Field::header, ParseReason::bad_format, cp});
        while (i < cp) {
            std::size_t j = i;
            while (j < cp && seg_[j] != ';' && (strict_ || seg_[j] != ',')) ++j;
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
                    return fail(ParseError{kSlotField[slot], ParseReason::out_of_order, at});
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
                if (strict_) return fail(ParseError{kSlotField[slot], ParseReason::duplicate, at});
                return {};
            }
            f = value;
            return {};
        };
        switch (slot) {
        case kQn: return set(out_.qn);
        case kSt: return set(out_.st);
        case kCn: return set(out_.cn);
        case kPw: return set(out_.pw);
        case kMn: return set(out_.mn);
        case kFlag:
            if (out_.flag) break;
            if (auto v = parse_uint(value, 255)) out_.flag = *v;
            else return fail(ParseError{Field::flag, ParseReason::bad_format, at});
            break;
        case kPnum:
        case kPno: {
            auto& dst = slot == kPnum ? out_.pnum : out_.pno;
            if (dst) break;
            if (auto v = parse_uint(value, 99999999)) dst = *v;
            else return fail(ParseError{kSlotField[slot], ParseReason::bad_format, at});
            break;
        }
        case kOther: break;
        }
        return {};
    }

    // One pass over the data area: ';' ends a group, ',' an item, the first '=' splits it.
    Result<void, ParseError> data(std::string_view d, std::size_t base) {
        if (d.empty()) return {};
        if (!strict_ && trim(d).empty()) return {};
        std::size_t item_start = 0;
        std::size_t eq = std::string_view::npos;
        std::size_t group_first_item = 0;
        const std::size_t n = d.size();
        for (std::size_t i = 0; i <= n; ++i) {
            const char c = i < n ? d[i] : ';';
            if (c == '=') {
                if (eq == std::string_view::npos) eq = i;
                continue;
            }
            if (c != ',' && c != ';') continue;
            if (auto r = item(d, item_start, i, eq, base); !r) return r;
            item_start = i + 1;
            eq = std::string_view::npos;
            if (c == ';') {
                const auto count = static_cast<std::uint32_t>(out_.items.size());
                if (count == group_first_item) continue; // lenient: an empty group is skipped
                out_.group_ends.push_back(count);
                group_first_item = count;
            }
        }
        return {};
    }

    Result<void, ParseError> item(std::string_view d, std::size_t b, std::size_t e, std::size_t eq,
                                  std::size_t base) {
        std::string_view key, value;
        if (eq == std::string_view::npos) {
            key = d.substr(b, e - b);
        } else {
            key = d.substr(b, eq - b);
            value = d.substr(eq + 1, e - eq - 1);
        }
        if (strict_) {
            if (eq == std::string_view::npos || key.empty() ||
                key.find(' ') != std::string_view::npos)
                return fail(ParseError{Field::item, ParseReason::bad_format, base + b});
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
    case Field::segment: return "a data segment of at most 1024 bytes";
    case Field::qn: return "17 digits YYYYMMDDhhmmsszzz forming a valid time";
    case Field::st: return "2 characters 0-9/A-Z";
    case Field::cn: return "4 digits";
    case Field::pw: return "at most 6 characters";
    case Field::mn: return "24 characters 0-9/A-F";
    case Field::flag: return "an integer 0..255 whose D bit matches PNUM/PNO";
    case Field::pnum: return "a positive integer, present together with PNO";
    case Field::pno: return "an integer 1..PNUM, present together with PNUM";
    case Field::header: return "KEY=VALUE fields separated by ';' before CP=&&";
    case Field::cp: return "CP=&&...&& closing the segment, at most 950 characters";
    case Field::item: return "KEY=VALUE items separated by ',' and ';'";
    }
    return "";
}

} // namespace

std::string_view to_string(Field f) noexcept {
    switch (f) {
    case Field::segment: return "segment";
    case Field::qn: return "QN";
    case Field::st: return "ST";
    case Field::cn: return "CN";
    case Field::pw: return "PW";
    case Field::mn: return "MN";
    case Field::flag: return "Flag";
    case Field::pnum: return "PNUM";
    case Field::pno: return "PNO";
    case Field::header: return "header";
    case Field::cp: return "CP";
    case Field::item: return "CP item";
    }
    return "?";
}

std::string_view to_string(ParseReason r) noexcept {
    switch (r) {
    case ParseReason::missing: return "missing";
    case ParseReason::bad_format: return "bad_format";
    case ParseReason::too_long: return "too_long";
    case ParseReason::out_of_range: return "out_of_range";
    case ParseReason::duplicate: return "duplicate";
    case ParseReason::out_of_order: return "out_of_order";
    case ParseReason::unterminated: return "unterminated";
    case ParseReason::inconsistent: return "inconsistent";
    case ParseReason::unexpected: return "unexpected";
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
