#pragma once
// The effective configuration in words: every key and every limit with its value and unit,
// so the log at start (and the `status` console command) shows what the gateway actually
// runs with, including which values are automatic. Keys are the TOML key paths, so a line
// of the report can be looked up in the example file.
#include "config/gateway_config.hpp"

#include <string>
#include <vector>

namespace hj212gw::config {

struct ReportLine {
    std::string key;   ///< "upstream[0].over_time"
    std::string value; ///< "10 s"
    bool operator==(const ReportLine&) const = default;
};

/// One line per key, in the order of the example file. Secrets (http.token) are masked.
std::vector<ReportLine> report_lines(const GatewayConfig& config);

/// report_lines() as text: "key  value" with aligned values, one per line.
std::string config_report(const GatewayConfig& config);

} // namespace hj212gw::config
