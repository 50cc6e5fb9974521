#pragma once
// The console's commands: names, usage, one-line summaries and help text, and the words Tab
// completes. One table, so `help`, completion and the dispatcher cannot disagree.
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hj212gw::console {

struct CommandSpec {
    std::string_view name;
    std::string_view usage;   ///< "rates [day|month] [MN]"
    std::string_view summary; ///< one line for the `help` list
    std::string_view details; ///< shown by `help NAME`
};

std::span<const CommandSpec> command_specs();
const CommandSpec* find_command(std::string_view name);

/// Words separated by blanks (commands take no quoted arguments: HJ 212 segments have none).
std::vector<std::string> split_words(std::string_view line);

/// What the gateway knows that completion can offer beyond the fixed words.
struct CompletionWords {
    std::vector<std::string> mns;
    std::vector<std::string> upstreams;
    std::vector<std::string> params;
};

/// Candidates for the word under the cursor (`before_cursor` ends where the cursor is).
std::vector<std::string> completion_candidates(std::string_view before_cursor,
                                               const CompletionWords& words);

} // namespace hj212gw::console
