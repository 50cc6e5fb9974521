#pragma once
// What `hj212gw run` does with its configuration before anything starts:
//   1. built-in defaults (GatewayConfig{}),
//   2. the TOML file, when --config FILE is given (no implicit file: what runs is what the
//      command line says),
//   3. the command-line overrides (see command_line.hpp for the rules),
//   4. validation of the result.
// The first stage that fails returns all of its errors; the daemon prints them with
// describe() and exits before opening anything.
#include "config/command_line.hpp"
#include "config/config_file.hpp"

namespace hj212gw::config {

ConfigResult effective_config(const CommandLineOverrides& overrides);

} // namespace hj212gw::config
