#pragma once
// Code tables as data (section 6.6 and Appendix B). Every row names the edition that introduced
// it (version bits, see version.hpp): a new edition adds rows, the parser never changes.
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace hj212 {

// --- System codes (ST), table 5 ------------------------------------------------------------
struct SystemCodeInfo {
    std::string_view code;
    std::string_view name;
    std::string_view name_zh;
    std::uint8_t since;
};
std::span<const SystemCodeInfo> system_code_table() noexcept;
const SystemCodeInfo* find_system_code(std::string_view st) noexcept;

// --- Command codes (CN), table 9 -------------------------------------------------------------
enum class Direction : std::uint8_t { host_to_field, field_to_host };
enum class CommandKind : std::uint8_t { request, upload, notification, interaction };
std::string_view to_string(Direction d) noexcept;
std::string_view to_string(CommandKind k) noexcept;

struct CommandInfo {
    std::uint16_t cn;
    Direction direction;
    CommandKind kind;
    std::string_view name;
    std::uint8_t since;
};
std::span<const CommandInfo> command_table() noexcept;
/// The row for CN sent in this direction (1011 is a request from the host, an upload from the
/// field), or nullptr when the code is unknown for that direction.
const CommandInfo* find_command(std::uint16_t cn, Direction direction) noexcept;

// --- Request replies (QnRtn, table 7) and execution results (ExeRtn, table 6) ----------------
enum class QnRtn : std::uint16_t {
    ready = 1,
    rejected = 2,
    pw_error = 3,
    mn_error = 4,
    st_error = 5,
    flag_error = 6,
    qn_error = 7,
    cn_error = 8,
    crc_error = 9,
    unknown = 100,
};
enum class ExeRtn : std::uint16_t {
    ok = 1,
    failed = 2,
    condition_error = 3,
    timeout = 4,
    busy = 5,
    fault = 6,
    no_data = 100,
};
struct ReturnCodeInfo {
    std::uint16_t code;
    std::string_view description;
};
std::span<const ReturnCodeInfo> qn_rtn_table() noexcept;
std::span<const ReturnCodeInfo> exe_rtn_table() noexcept;
std::string_view describe(QnRtn r) noexcept;
std::string_view describe(ExeRtn r) noexcept;

// --- Data flags (table 8 for 2017; HJ/T 212-2005 set) ----------------------------------------
struct DataFlagInfo {
    char flag;
    std::uint8_t version;    ///< edition whose meaning this row gives
    bool valid;              ///< counts as valid data for the effective rate
    std::string_view reason; ///< short machine name: normal, stopped, maintenance, ...
    std::string_view meaning;
};
std::span<const DataFlagInfo> data_flag_table() noexcept;
/// Meaning of a flag letter in an edition (2025 reads like 2017 until its table is added).
const DataFlagInfo* find_data_flag(char flag, std::uint8_t version_bits) noexcept;

// --- Factor codes (Appendix B) ---------------------------------------------------------------
enum class FactorFamily : std::uint8_t { water, gas, noise, facility, electricity, other };
std::string_view to_string(FactorFamily f) noexcept;

struct PollutantInfo {
    std::string_view code; ///< 2017 code, e.g. w01018
    std::string_view name;
    std::string_view name_zh;
    std::string_view unit;        ///< default concentration unit
    std::string_view amount_unit; ///< default emission-amount unit ("" when none)
    std::string_view code_2005;   ///< HJ/T 212-2005 code ("" when none)
    FactorFamily family;
};
std::span<const PollutantInfo> pollutant_table() noexcept;
const PollutantInfo* find_pollutant(std::string_view code) noexcept;
const PollutantInfo* find_pollutant_by_2005_code(std::string_view old_code) noexcept;
/// 2005 code -> 2017 code ("011" -> "w01018"); nullopt when the code is not in the table.
std::optional<std::string_view> map_2005_to_2017(std::string_view old_code) noexcept;

} // namespace hj212
