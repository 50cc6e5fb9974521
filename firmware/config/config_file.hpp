#pragma once
// Loading the TOML configuration file into a GatewayConfig. The loader starts from the
// built-in defaults (GatewayConfig{}) and overwrites only the keys the file sets, so a file
// may be as short as one [[listener]] and one [[upstream]].
//
// Strict on purpose: every unknown key, wrong type and out-of-range value is an error naming
// the full key path (and its line), because a misspelt key silently ignored is a limit that
// is not what the engineer thinks it is. All problems are collected, not only the first.
// toml++ stays inside config_file.cpp: it is a heavy header.
#include "config/config_error.hpp"
#include "config/gateway_config.hpp"

#include <hj212/result.hpp>

#include <filesystem>
#include <string_view>

namespace hj212gw::config {

using ConfigResult = hj212::Result<GatewayConfig, ConfigErrors>;

/// Reads and parses `path`. A missing or unreadable file is one error with an empty key.
/// Errors carry `path` as their source.
ConfigResult load_config_file(const std::filesystem::path& path);

/// Parses TOML text; `source_name` (the file, usually) becomes each error's source.
ConfigResult load_config_text(std::string_view text, std::string_view source_name = {});

} // namespace hj212gw::config
