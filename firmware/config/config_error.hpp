#pragma once
// One problem with the configuration, named by the key it is about, so an engineer at the
// serial console knows what to change. Every stage (file, command line, validation) collects
// all of its problems instead of stopping at the first: fixing a config one error per start
// is slow on a box that takes a minute to reboot.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace hj212gw::config {

struct ConfigError {
    ConfigError() = default;
    ConfigError(std::string key_, std::string message_, std::uint32_t line_ = 0,
                std::uint32_t column_ = 0, std::string source_ = {})
        : key(std::move(key_)), message(std::move(message_)), line(line_), column(column_),
          source(std::move(source_)) {}

    /// Full key path ("upstream[1].window"), a flag ("--listen") or empty for a syntax error.
    std::string key;
    std::string message;
    /// Position in the TOML file, 1-based; 0 when the problem has none (flags, validation).
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    /// The file the problem is in; empty for flags, validation and text without a name.
    std::string source;
    bool operator==(const ConfigError&) const = default;
};

using ConfigErrors = std::vector<ConfigError>;

/// "FILE:12:1: upstream[1].windw: unknown key (did you mean window?)" (compiler style, so
/// editors can jump to it); "line 12, column 1: ..." without a source; "key: message" without
/// a position.
std::string describe(const ConfigError& error);

/// One describe() per line, each prefixed with `prefix` (e.g. the file name and ": ").
std::string describe(const ConfigErrors& errors, const std::string& prefix = {});

} // namespace hj212gw::config
