#pragma once
// CRC16 of HJ 212 Appendix A (polynomial 0xA001, register 0xFFFF, NOT Modbus: the register's
// low byte is dropped before each input byte is mixed in).
#include <cstdint>
#include <optional>
#include <string_view>

namespace hj212 {

/// Table-driven CRC of the data segment, as the standard's reference loop computes it.
std::uint16_t crc16(std::string_view data) noexcept;

/// The standard's bit-by-bit loop, kept as the oracle for tests and the benchmark baseline.
std::uint16_t crc16_bitwise(std::string_view data) noexcept;

/// Writes the CRC as 4 uppercase hex digits, zero padded (what we emit).
void write_crc_hex(std::uint16_t crc, char out[4]) noexcept;

/// Reads 4 hex digits in either case (what devices send). nullopt if any is not hex.
std::optional<std::uint16_t> parse_crc_hex(std::string_view four) noexcept;

} // namespace hj212
