#include "console/command_table.hpp"

#include <algorithm>
#include <array>

namespace hj212gw::console {
namespace {

constexpr std::array kCommands{
    CommandSpec{"help", "help [COMMAND]", "list the commands, or explain one",
                "Without an argument: every command with one line each.\n"
                "With a command name: its usage and what it does."},
    CommandSpec{"status", "status", "version, uptime, clock offset, disk, links at a glance",
                "The gateway's summary: version and MN, uptime, clock and the offset a\n"
                "platform's 1012 recorded, store size and free disk, platforms, devices,\n"
                "today's and month-to-date effective rate per factor."},
    CommandSpec{"links", "links", "every device connection and platform link",
                "Devices: MN, peer, packets, errors (by kind) and the last packet's age.\n"
                "Platforms: state, address, round-trip time, sent, acked, resent, timeouts,\n"
                "connects."},
    CommandSpec{"queue", "queue", "pending and in-flight packets per platform",
                "Per platform: packets not yet acknowledged, of them in flight, and how\n"
                "long the oldest one has waited. Nothing leaves a queue before the\n"
                "platform's 9014."},
    CommandSpec{"rates", "rates [day|month] [MN]", "transmission-effective rate (传输有效率)",
                "Hourly values due, received and valid per MN and factor, and the rate\n"
                "valid / due: today (day), month to date (month), or both (default).\n"
                "Give an MN to see only that one."},
    CommandSpec{"params", "params", "runtime parameters (the ones platforms set)",
                "OverTime, ReCount, RtdInterval, MinInterval, PW, RtdEnabled, ... with\n"
                "their values and whether they were set or are defaults."},
    CommandSpec{"set", "set PARAM VALUE", "change a runtime parameter (persisted)",
                "Checked exactly like a platform's set command (e.g. OverTime 1..99 s,\n"
                "MinInterval a divisor of 60), stored, and applied at once. Survives a\n"
                "restart. Example: set RtdInterval 60"},
    CommandSpec{"tap", "tap [MN]", "show packets live until a key is pressed",
                "Every data packet from the devices (in) and every packet the platforms\n"
                "send (out), decoded one per line, optionally only one MN. Press any key\n"
                "to stop. Lines that a slow line cannot keep up with are counted, not\n"
                "queued."},
    CommandSpec{"send", "send [PLATFORM] SEGMENT", "frame and send a test packet to a platform",
                "Wraps the data segment in ## length ... CRC and sends it on the link to\n"
                "PLATFORM (default: the first). Example:\n"
                "  send QN=20261129120000000;ST=91;CN=9014;PW=123456;MN=X;Flag=4;CP=&&&&\n"
                "The platform's answer shows up in `tap`."},
    CommandSpec{"history", "history MN CN FROM TO", "stored packets of an MN in a period",
                "CN: 2011 real-time, 2051 minute, 2061 hourly, 2031 daily, ...\n"
                "FROM and TO: YYYYMMDD[hh[mm[ss]]] or YYYY-MM-DD[Thh:mm[:ss]], inclusive;\n"
                "a date alone as TO means the end of that day. Shows at most 50 packets."},
    CommandSpec{"log", "log level LEVEL", "change the log level until the next restart",
                "LEVEL: trace, debug, info, warn, error, critical, off."},
    CommandSpec{"events", "events [N]", "the last N events (default 20)",
                "Link up/down, errors, evictions, restarts, quarantines, disk full, ...\n"
                "from the store's event log, newest last."},
    CommandSpec{"logout", "logout", "end this console session (also: exit, quit, Ctrl-D)",
                "Ends the session. On the serial console, the login prompt comes back\n"
                "when a password is configured."},
};

constexpr std::array<std::string_view, 7> kLogLevels{"trace", "debug",    "info", "warn",
                                                     "error", "critical", "off"};

std::vector<std::string> as_strings(auto&& range) {
    std::vector<std::string> out;
    for (const auto& s : range)
        out.emplace_back(s);
    return out;
}

} // namespace

std::span<const CommandSpec> command_specs() {
    return kCommands;
}

const CommandSpec* find_command(std::string_view name) {
    if (name == "exit" || name == "quit") name = "logout";
    for (const auto& c : kCommands)
        if (c.name == name) return &c;
    return nullptr;
}

std::vector<std::string> split_words(std::string_view line) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && line[i] == ' ')
            ++i;
        const std::size_t start = i;
        while (i < line.size() && line[i] != ' ')
            ++i;
        if (i > start) out.emplace_back(line.substr(start, i - start));
    }
    return out;
}

std::vector<std::string> completion_candidates(std::string_view before_cursor,
                                               const CompletionWords& words) {
    auto done = split_words(before_cursor);
    // The word being completed is the last one unless the cursor follows a blank.
    if (!before_cursor.empty() && before_cursor.back() != ' ' && !done.empty()) done.pop_back();
    if (done.empty()) {
        std::vector<std::string> names;
        for (const auto& c : kCommands)
            names.emplace_back(c.name);
        return names;
    }
    const auto& cmd = done.front();
    const std::size_t arg = done.size(); // 1 = first argument
    if (cmd == "help" && arg == 1) return completion_candidates("", words);
    if (cmd == "rates" && arg == 1) {
        auto out = words.mns;
        out.insert(out.begin(), {"day", "month"});
        return out;
    }
    if ((cmd == "rates" && arg == 2) || (cmd == "tap" && arg == 1) ||
        (cmd == "history" && arg == 1))
        return words.mns;
    if (cmd == "history" && arg == 2) return {"2011", "2051", "2061", "2031"};
    if (cmd == "set" && arg == 1) return words.params;
    if (cmd == "send" && arg == 1) return words.upstreams;
    if (cmd == "log" && arg == 1) return {"level"};
    if (cmd == "log" && arg == 2) return as_strings(kLogLevels);
    return {};
}

} // namespace hj212gw::console
