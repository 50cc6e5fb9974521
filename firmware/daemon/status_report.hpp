#pragma once
// The gateway's status, written every second to the data directory as status.json (for the
// demo, scripts and monitoring) and status.txt (aligned, 80 columns, for people: what
// `hj212gw status` prints). Written atomically (temp file + rename): a reader never sees half.
#include "ops/gateway_status.hpp"
#include "ops/status_format.hpp"

#include <filesystem>
#include <string>

namespace hj212gw::daemon {

using ops::GatewayStatus;
using ops::RateStatus;
using ops::UpstreamStatus;

/// Writes `text` to dir/name through a temporary file and a rename.
bool write_atomically(const std::filesystem::path& dir, const std::string& name,
                      const std::string& text);

} // namespace hj212gw::daemon
