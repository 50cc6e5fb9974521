#pragma once
// `hj212gw sim monitor`: a simulated online monitor (water, flue gas or electricity meters)
// that sends realistic HJ 212 uploads to a gateway, with history replay and fault injection.
#include <CLI/CLI.hpp>

namespace hj212gw::sim {

/// Registers `monitor` on the `sim` subcommand; its callback runs the simulator and throws
/// CLI::RuntimeError(exit_code) on failure.
void add_monitor_command(CLI::App& sim);

} // namespace hj212gw::sim
