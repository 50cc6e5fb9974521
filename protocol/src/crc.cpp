#include "hj212/crc.hpp"

#include <array>

namespace hj212 {
namespace {

// One byte through the eight shift/xor steps of Appendix A.
constexpr std::uint16_t step_byte(std::uint16_t reg) noexcept {
    for (int i = 0; i < 8; ++i) {
        const bool lsb = (reg & 1U) != 0;
        reg = static_cast<std::uint16_t>(reg >> 1);
        if (lsb) reg ^= 0xA001U;
    }
    return reg;
}

constexpr std::array<std::uint16_t, 256> make_table() noexcept {
    std::array<std::uint16_t, 256> t{};
    for (unsigned i = 0; i < 256; ++i)
        t[i] = step_byte(static_cast<std::uint16_t>(i));
    return t;
}

constexpr auto kTable = make_table();

// Because each step computes reg = T[(reg >> 8) ^ byte], only the register's high byte carries
// state from one byte to the next, and T is linear. So k bytes can be folded with k independent
// lookups (slicing): state' = H^k(state ^ b0) ^ H^(k-1)(b1) ^ ... ^ H(b[k-1]), H(x) = T[x] >> 8.
using ByteTable = std::array<std::uint8_t, 256>;

constexpr std::array<ByteTable, 8> make_slices() noexcept {
    std::array<ByteTable, 8> s{};
    for (unsigned x = 0; x < 256; ++x)
        s[0][x] = static_cast<std::uint8_t>(kTable[x] >> 8);
    for (std::size_t k = 1; k < 8; ++k)
        for (unsigned x = 0; x < 256; ++x)
            s[k][x] = s[0][s[k - 1][x]];
    return s;
}

constexpr auto kSlices = make_slices();

} // namespace

std::uint16_t crc16(std::string_view data) noexcept {
    if (data.empty()) return 0xFFFF;
    const auto* p = reinterpret_cast<const unsigned char*>(data.data());
    std::size_t n = data.size() - 1; // the last byte yields the full 16-bit register
    std::uint8_t s = 0xFF;           // high byte of the initial 0xFFFF register
    while (n >= 8) {
        s = static_cast<std::uint8_t>(kSlices[7][s ^ p[0]] ^ kSlices[6][p[1]] ^ kSlices[5][p[2]] ^
                                      kSlices[4][p[3]] ^ kSlices[3][p[4]] ^ kSlices[2][p[5]] ^
                                      kSlices[1][p[6]] ^ kSlices[0][p[7]]);
        p += 8;
        n -= 8;
    }
    while (n > 0) {
        s = kSlices[0][s ^ *p++];
        --n;
    }
    return kTable[s ^ *p];
}

std::uint16_t crc16_bitwise(std::string_view data) noexcept {
    std::uint16_t reg = 0xFFFF;
    for (char c : data) {
        const auto b = static_cast<unsigned char>(c);
        reg = static_cast<std::uint16_t>((reg >> 8) ^ b);
        reg = step_byte(reg);
    }
    return reg;
}

void write_crc_hex(std::uint16_t crc, char out[4]) noexcept {
    constexpr char kHex[] = "0123456789ABCDEF";
    out[0] = kHex[(crc >> 12) & 0xF];
    out[1] = kHex[(crc >> 8) & 0xF];
    out[2] = kHex[(crc >> 4) & 0xF];
    out[3] = kHex[crc & 0xF];
}

std::optional<std::uint16_t> parse_crc_hex(std::string_view four) noexcept {
    if (four.size() != 4) return std::nullopt;
    unsigned v = 0;
    for (char c : four) {
        unsigned d;
        if (c >= '0' && c <= '9')
            d = static_cast<unsigned>(c - '0');
        else if (c >= 'A' && c <= 'F')
            d = static_cast<unsigned>(c - 'A' + 10);
        else if (c >= 'a' && c <= 'f')
            d = static_cast<unsigned>(c - 'a' + 10);
        else
            return std::nullopt;
        v = (v << 4) | d;
    }
    return static_cast<std::uint16_t>(v);
}

} // namespace hj212
