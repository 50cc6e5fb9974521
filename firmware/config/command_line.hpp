#pragma once
// The flags of `hj212gw run` as plain strings, and how they override the file:
//
//   hj212gw run --data-dir DIR --listen tcp://HOST:PORT [--listen ...] [--serial DEV:BAUD ...]
//               --upstream NAME=tcp://HOST:PORT [--upstream ...] [--mn MN] [--pw PW]
//               [--http HOST:PORT] [--config FILE] [--log-level LEVEL]
//
// Rules (so the gateway can be scripted entirely from the command line):
//  - A scalar flag replaces the file's value.
//  - A list flag (--listen, --serial, --upstream) given at least once REPLACES the file's whole
//    list; it does not append. Entries made from flags take the built-in defaults for every
//    other key (idle_timeout, window, ...): to tune those, use the file.
//  - --http enables the HTTP endpoint at HOST:PORT; the token still comes from the file's
//    [http] table (a secret on the command line would show in `ps`).
// The `run` subcommand fills this struct from CLI11; nothing here knows about CLI11.
#include "config/config_error.hpp"
#include "config/gateway_config.hpp"

#include <hj212/result.hpp>

#include <optional>
#include <string>
#include <vector>

namespace hj212gw::config {

struct CommandLineOverrides {
    std::optional<std::string> config_path; ///< --config FILE
    std::optional<std::string> data_dir;    ///< --data-dir DIR
    std::vector<std::string> listen;        ///< --listen tcp://HOST:PORT, repeatable
    std::vector<std::string> serial;        ///< --serial DEV:BAUD[:8N1], repeatable
    std::vector<std::string> upstream;      ///< --upstream NAME=tcp://HOST:PORT, repeatable
    std::optional<std::string> mn;          ///< --mn MN
    std::optional<std::string> pw;          ///< --pw PW
    std::optional<std::string> http;        ///< --http HOST:PORT
    std::optional<std::string> log_level;   ///< --log-level LEVEL
};

/// Applies the overrides to `config`. Every malformed flag value is reported (key: the flag,
/// e.g. "--listen[1]"), and then `config` is left unchanged: a half-applied command line
/// would start a gateway nobody asked for.
hj212::Result<void, ConfigErrors> apply(GatewayConfig& config,
                                        const CommandLineOverrides& overrides);

} // namespace hj212gw::config
