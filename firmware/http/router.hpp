#pragma once
// The operators' endpoint as a function of the request, without sockets: token check, method,
// path, then the page or the data. Asynchronous only where OperatorApi is (rates).
//   /             the status page (self-contained HTML)
//   /api/status   ops::status_json
//   /api/rates    ops::rates_json of the current month (?mn=MN for one MN)
//   /metrics      ops::prometheus_metrics and the endpoint's own hj212gw_http_* counters
#include "http/http_exchange.hpp"
#include "http/http_stats.hpp"

#include "ops/operator_api.hpp"

#include <chrono>
#include <string>
#include <string_view>

namespace hj212gw::http {

struct RouterSettings {
    std::string token; ///< "" = none required
    std::chrono::seconds page_refresh{10};
};

/// A short text/plain response with the headers every response carries.
Response text_response(unsigned status, std::string_view text);

class Router {
public:
    /// `api` and `stats` must outlive the router and every reply it has promised.
    Router(ops::OperatorApi& api, RouterSettings settings, const HttpStats& stats);

    /// Decides the response to `request`; `done` is invoked once, at once or (for /api/rates)
    /// when the gateway has read the store. `request`'s views need not outlive this call.
    void handle(const Request& request, Responder done);

private:
    bool authorized(const Request& request) const;
    void rates(std::string_view target, Responder done);

    ops::OperatorApi& api_;
    RouterSettings settings_;
    const HttpStats& stats_;
    std::string page_; ///< rendered once: it only depends on the settings
};

} // namespace hj212gw::http
