#include "json_writer.hpp"

namespace hj212gw::tools {
namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is not valid.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    std::size_t n;
    std::uint32_t cp;
    if (b0 < 0x80) return 1;
    if ((b0 & 0xE0) == 0xC0) {
        n = 2;
        cp = b0 & 0x1FU;
    } else if ((b0 & 0xF0) == 0xE0) {
        n = 3;
        cp = b0 & 0x0FU;
    } else if ((b0 & 0xF8) == 0xF0) {
        n = 4;
        cp = b0 & 0x07U;
    } else
        return 0;
    if (i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b & 0x3FU);
    }
    const std::uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

} // namespace

void append_string(std::string& out, std::string_view s) {
    constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    for (std::size_t i = 0; i < s.size();) {
        const char c = s[i];
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
            ++i;
        } else if (u < 0x20) {
            switch (c) {
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                out += "\\u00";
                out += kHex[u >> 4];
                out += kHex[u & 0xF];
            }
            ++i;
        } else if (u < 0x80) {
            out += c;
            ++i;
        } else if (const auto n = utf8_sequence(s, i); n > 0) {
            out.append(s.substr(i, n));
            i += n;
        } else {
            out += "\\ufffd";
            ++i;
        }
    }
    out += '"';
}

void JsonLine::key(std::string_view k) {
    if (out_.size() > 1) out_ += ',';
    append_string(out_, k);
    out_ += ':';
}

JsonLine& JsonLine::field(std::string_view k, std::string_view value) {
    key(k);
    append_string(out_, value);
    return *this;
}

JsonLine& JsonLine::field(std::string_view k, std::uint64_t value) {
    key(k);
    out_ += std::to_string(value);
    return *this;
}

JsonLine& JsonLine::field(std::string_view k, bool value) {
    key(k);
    out_ += value ? "true" : "false";
    return *this;
}

JsonLine& JsonLine::null_field(std::string_view k) {
    key(k);
    out_ += "null";
    return *this;
}

JsonLine& JsonLine::raw_field(std::string_view k, std::string_view json) {
    key(k);
    out_ += json;
    return *this;
}

} // namespace hj212gw::tools
