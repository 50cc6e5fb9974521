#pragma once
// `hj212gw sim platform`: a simulated supervision platform for the bench. Registered under the
// `sim` subcommand by firmware/main.cpp; its callback runs the simulator and blocks.
#include <CLI/CLI.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hj212gw::sim {

void add_platform_command(CLI::App& sim);

struct ListenAddress {
    std::string host;
    std::uint16_t port = 0;
};
/// "tcp://HOST:PORT" (IPv6 in brackets) -> host and port; nullopt when malformed.
std::optional<ListenAddress> parse_listen_url(std::string_view url);

} // namespace hj212gw::sim
