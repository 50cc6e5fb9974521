#include "http/http_stats.hpp"

namespace hj212gw::http {

std::string http_metrics(const HttpStats& stats) {
    // Label values are status codes and the fixed error kinds above: nothing to escape.
    std::string out;
    out += "# HELP hj212gw_http_connections_total HTTP connections accepted and served.\n"
           "# TYPE hj212gw_http_connections_total counter\n"
           "hj212gw_http_connections_total " +
           std::to_string(stats.connections) + "\n";
    out += "# HELP hj212gw_http_connections_open HTTP connections open now.\n"
           "# TYPE hj212gw_http_connections_open gauge\n"
           "hj212gw_http_connections_open " +
           std::to_string(stats.open_connections) + "\n";
    out += "# HELP hj212gw_http_responses_total HTTP responses by status code.\n"
           "# TYPE hj212gw_http_responses_total counter\n";
    for (const auto& [code, n] : stats.responses)
        out += "hj212gw_http_responses_total{code=\"" + std::to_string(code) + "\"} " +
               std::to_string(n) + "\n";
    out += "# HELP hj212gw_http_errors_total HTTP endpoint errors by kind.\n"
           "# TYPE hj212gw_http_errors_total counter\n";
    for (const auto& [kind, n] : stats.errors)
        out += "hj212gw_http_errors_total{kind=\"" + kind + "\"} " + std::to_string(n) + "\n";
    return out;
}

} // namespace hj212gw::http
