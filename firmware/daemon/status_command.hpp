#pragma once
// `hj212gw status [--data-dir DIR] [--json]`: what a running gateway reports about itself (its
// status.txt / status.json, rewritten every second), with a clear word when it is stale.
#include <filesystem>

namespace hj212gw::daemon {

/// 0: printed a fresh status; 1: no status or a stale one (gateway not running?).
int print_status(const std::filesystem::path& data_dir, bool json);

} // namespace hj212gw::daemon
