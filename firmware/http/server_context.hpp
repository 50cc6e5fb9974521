#pragma once
// What the listener and every session of one HttpServer share (Beast's cppcon2018 example calls
// it shared_state): the limits, the router, the counters and the live sessions, so stop() can
// close them. Sessions hold it by shared_ptr: a late reply never outlives it.
#include "http/http_settings.hpp"
#include "http/http_stats.hpp"
#include "http/router.hpp"

#include "ops/operator_api.hpp"

#include <memory>
#include <string_view>
#include <vector>

namespace hj212gw::http {

class HttpSession;

struct ServerContext {
    ServerContext(ops::OperatorApi& api, const HttpSettings& s)
        : settings(s), router(api, RouterSettings{s.token, s.page_refresh}, stats) {}

    void count_error(std::string_view kind) {
        auto it = stats.errors.find(kind);
        if (it == stats.errors.end()) it = stats.errors.emplace(std::string(kind), 0).first;
        ++it->second;
    }
    /// Live sessions (expired ones are dropped).
    std::size_t live_sessions() {
        std::erase_if(sessions, [](const auto& w) { return w.expired(); });
        return sessions.size();
    }

    const HttpSettings settings;
    HttpStats stats; // before router, which keeps a reference
    Router router;
    std::vector<std::weak_ptr<HttpSession>> sessions;
};

} // namespace hj212gw::http
