#pragma once
// CommandScript: the commands the simulated platform sends to each gateway that connects, read
// from --commands FILE. One command per line:
//
//   at <TIME> <CN> [mn=<MN>|mn=data] [KEY=VALUE ...] [last <DURATION>]
//
//   TIME, DURATION  a number with a unit: ms, s, m, h or d (500ms, 2s, 5m, 24h, 1d)
//   CN              a host-to-field request of table 9 (1000, 1011, 1012, 1061..1064, 1072,
//                   2011/2012, 2021/2022, 2031/2041/2051/2061, 3011..3021)
//   mn=<MN>         send to this MN (a monitor behind the gateway); mn=data: the MN of the
//                   newest data upload (2011/2051/2061/2031) seen on the connection; without
//                   mn=: --mn, else the MN of the first packet the gateway sent
//   KEY=VALUE       CP items, in order, one group each (RtdInterval=30, PolId=w01018,
//                   BeginTime=20160801080000); SystemTime=now is the platform's clock
//   last <DURATION> BeginTime/EndTime for a history pull: from the start of the hour DURATION
//                   ago to the start of the current hour, computed when the command is sent
//   # ...           a comment; blank lines are ignored
//
// TIME counts from the connection. Commands run in file order, one exchange at a time (as a
// platform does on one link), so TIME is the earliest moment a command is sent: it waits for
// the previous exchange to finish. TIMEs must therefore not decrease.
#include <hj212/result.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hj212gw::sim {

struct ScriptCommand {
    std::size_t line = 0;            ///< line in the file (1-based), for reports
    std::chrono::milliseconds at{0}; ///< after the connection
    std::uint16_t cn = 0;
    std::string mn; ///< "" = default MN, "data" = newest data MN, else literal
    std::vector<std::pair<std::string, std::string>> params; ///< CP items in order
    std::optional<std::chrono::milliseconds> last;           ///< relative history range
    std::string text; ///< the line as written (trimmed), for reports
};

struct ScriptError {
    std::size_t line = 0;
    std::string message;
    std::string describe() const; ///< "line 3: unknown unit 'x' in '2x'"
};

using CommandScript = std::vector<ScriptCommand>;

/// Parses the whole file; every bad line is reported (not only the first).
hj212::Result<CommandScript, std::vector<ScriptError>> parse_command_script(std::string_view text);

/// "2s", "500ms", "24h" -> milliseconds; nullopt when malformed.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

/// The script of `--script default`: the initial settings of section 6.7 (time, OverTime and
/// ReCount, intervals), the gets that read them back, an hourly history pull and a control
/// command to the newest data MN.
std::string_view default_script_text() noexcept;

} // namespace hj212gw::sim
