#include "sim/platform/command_script.hpp"

#include <hj212/codes.hpp>

#include <charconv>
#include <cstdint>

namespace hj212gw::sim {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

std::vector<std::string_view> split_words(std::string_view s) {
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t'))
            ++i;
        const std::size_t start = i;
        while (i < s.size() && s[i] != ' ' && s[i] != '\t')
            ++i;
        if (i > start) words.push_back(s.substr(start, i - start));
    }
    return words;
}

// CP keys and values must not contain the characters that delimit the data area, or the
// request we build would not say what the script meant.
bool cp_safe(std::string_view s) {
    return s.find_first_of(";,=&") == std::string_view::npos;
}

std::optional<ScriptCommand> parse_line(std::string_view line, std::size_t number,
                                        std::vector<ScriptError>& errors) {
    auto error = [&](std::string message) {
        errors.push_back({number, std::move(message)});
        return std::nullopt;
    };
    const auto words = split_words(line);
    if (words.size() < 3 || words[0] != "at")
        return error("expected 'at TIME CN [KEY=VALUE ...]', got '" + std::string(line) + "'");
    ScriptCommand cmd;
    cmd.line = number;
    cmd.text = std::string(line);
    const auto at = parse_duration(words[1]);
    if (!at)
        return error("bad time '" + std::string(words[1]) + "' (a number with ms, s, m, h or d)");
    cmd.at = *at;

    const auto cn_text = words[2];
    unsigned cn = 0;
    const auto [end, ec] = std::from_chars(cn_text.data(), cn_text.data() + cn_text.size(), cn);
    if (cn_text.size() != 4 || ec != std::errc{} || end != cn_text.data() + cn_text.size())
        return error("bad CN '" + std::string(cn_text) + "' (4 digits)");
    cmd.cn = static_cast<std::uint16_t>(cn);
    const auto* info = hj212::find_command(cmd.cn, hj212::Direction::host_to_field);
    if (info == nullptr || (info->kind != hj212::CommandKind::request &&
                            info->kind != hj212::CommandKind::notification))
        return error("CN " + std::string(cn_text) + " is not a platform request of table 9");

    for (std::size_t i = 3; i < words.size(); ++i) {
        const auto word = words[i];
        if (word == "last") {
            if (i + 1 >= words.size()) return error("'last' needs a duration (last 24h)");
            const auto d = parse_duration(words[i + 1]);
            if (!d || d->count() <= 0)
                return error("bad duration '" + std::string(words[i + 1]) + "' after 'last'");
            cmd.last = *d;
            ++i;
            continue;
        }
        const auto eq = word.find('=');
        if (eq == std::string_view::npos || eq == 0)
            return error("expected KEY=VALUE, got '" + std::string(word) + "'");
        const auto key = word.substr(0, eq);
        const auto value = word.substr(eq + 1);
        if (key == "mn") {
            if (value.empty()) return error("empty mn=");
            cmd.mn = std::string(value);
            continue;
        }
        if (!cp_safe(key) || !cp_safe(value))
            return error("'" + std::string(word) + "' contains ; , = or &");
        cmd.params.emplace_back(std::string(key), std::string(value));
    }
    return cmd;
}

} // namespace

std::string ScriptError::describe() const {
    return "line " + std::to_string(line) + ": " + message;
}

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
    std::int64_t n = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc{} || end == text.data() || n < 0) return std::nullopt;
    const std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
    std::int64_t scale = 0;
    if (unit == "ms")
        scale = 1;
    else if (unit == "s")
        scale = 1000;
    else if (unit == "m")
        scale = 60'000;
    else if (unit == "h")
        scale = 3'600'000;
    else if (unit == "d")
        scale = 86'400'000;
    else
        return std::nullopt;
    if (n > INT64_MAX / scale) return std::nullopt;
    return std::chrono::milliseconds(n * scale);
}

hj212::Result<CommandScript, std::vector<ScriptError>> parse_command_script(std::string_view text) {
    CommandScript script;
    std::vector<ScriptError> errors;
    std::size_t number = 0;
    while (!text.empty()) {
        ++number;
        const auto nl = text.find('\n');
        auto line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
        const auto hash = line.find('#');
        if (hash != std::string_view::npos) line = line.substr(0, hash);
        line = trim(line);
        if (line.empty()) continue;
        auto cmd = parse_line(line, number, errors);
        if (!cmd) continue;
        if (!script.empty() && cmd->at < script.back().at) {
            errors.push_back({number, "time " + std::to_string(cmd->at.count()) +
                                          " ms is earlier than the previous command's (commands "
                                          "run in file order)"});
            continue;
        }
        script.push_back(std::move(*cmd));
    }
    if (!errors.empty()) return hj212::fail(std::move(errors));
    return script;
}

std::string_view default_script_text() noexcept {
    return "# hj212gw sim platform --script default: section 6.7's first-connection settings,\n"
           "# read back, then a history pull and a control command to a monitor.\n"
           "at 1s 1012 SystemTime=now\n"
           "at 1s 1000 OverTime=10 ReCount=3\n"
           "at 1s 1062 RtdInterval=30\n"
           "at 1s 1064 MinInterval=10\n"
           "at 2s 1011\n"
           "at 2s 1061\n"
           "at 2s 1063\n"
           "at 3s 2061 mn=data last 24h\n"
           "at 4s 3011 mn=data PolId=w01018\n";
}

} // namespace hj212gw::sim
