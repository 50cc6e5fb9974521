#pragma once
// What the HTTP endpoint itself counts: shown in /metrics next to the gateway's own figures, so
// a scraper that gets refused or a page that times out leaves a trace.
#include <cstdint>
#include <map>
#include <string>

namespace hj212gw::http {

struct HttpStats {
    std::uint64_t connections = 0; ///< accepted and served
    std::uint64_t open_connections = 0;
    std::map<unsigned, std::uint64_t> responses; ///< by status code
    /// refused (over max_connections), idle_timeout, too_large, bad_request, reply_timeout,
    /// read, write, accept
    std::map<std::string, std::uint64_t, std::less<>> errors;
};

/// The counters above in the Prometheus text format (hj212gw_http_* families).
std::string http_metrics(const HttpStats& stats);

} // namespace hj212gw::http
