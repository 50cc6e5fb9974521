#include "http/router.hpp"

#include "http/access_token.hpp"
#include "http/request_target.hpp"
#include "http/status_page.hpp"

#include "ops/metrics_text.hpp"
#include "ops/status_format.hpp"
#include "tools/json_writer.hpp"

#include <utility>

namespace hj212gw::http {
namespace {

constexpr std::string_view kJson = "application/json";
constexpr std::string_view kHtml = "text/html; charset=utf-8";
constexpr std::string_view kPrometheus = "text/plain; version=0.0.4; charset=utf-8";

// The page may run inline code and talk to this gateway only: nothing external can load even
// if an MN or a factor name ever carried markup.
constexpr std::string_view kPagePolicy =
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'";

// MNs are 14..24 characters; a longer value is a mistake, not something to pass to the store.
constexpr std::size_t kMaxMnLength = 64;

Response response(unsigned status, std::string_view content_type, std::string body) {
    Response r;
    r.status = status;
    r.content_type = std::string(content_type);
    r.body = std::move(body);
    // Every answer is a snapshot of a live gateway: a cached copy would be a lie.
    r.headers.emplace_back("Cache-Control", "no-store");
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    return r;
}

} // namespace

Response text_response(unsigned status, std::string_view text) {
    std::string body(text);
    body += '\n';
    return response(status, "text/plain; charset=utf-8", std::move(body));
}

Router::Router(ops::OperatorApi& api, RouterSettings settings, const HttpStats& stats)
    : api_(api), settings_(std::move(settings)), stats_(stats),
      page_(status_page(settings_.page_refresh)) {}

bool Router::authorized(const Request& request) const {
    if (settings_.token.empty()) return true;
    if (token_matches(settings_.token, bearer_token(request.authorization))) return true;
    const auto query = query_param(request.target, "token");
    return query && token_matches(settings_.token, *query);
}

void Router::handle(const Request& request, Responder done) {
    if (!authorized(request)) {
        auto r = text_response(401, "401 unauthorized: this gateway needs its token "
                                    "(Authorization: Bearer <token>, or ?token=<token>)");
        r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"hj212gw\"");
        return done(std::move(r));
    }
    if (request.method != "GET" && request.method != "HEAD") {
        auto r = text_response(405, "405 method not allowed: GET and HEAD only");
        r.headers.emplace_back("Allow", "GET, HEAD");
        return done(std::move(r));
    }
    const auto path = target_path(request.target);
    if (path == "/" || path == "/index.html") {
        auto r = response(200, kHtml, page_);
        r.headers.emplace_back("Content-Security-Policy", std::string(kPagePolicy));
        r.headers.emplace_back("Referrer-Policy", "no-referrer");
        return done(std::move(r));
    }
    if (path == "/api/status") return done(response(200, kJson, ops::status_json(api_.status())));
    if (path == "/metrics")
        return done(response(200, kPrometheus,
                             ops::prometheus_metrics(api_.status()) + http_metrics(stats_)));
    if (path == "/api/rates") return rates(request.target, std::move(done));
    done(text_response(404, "404 not found (this gateway serves /, /api/status, /api/rates "
                            "and /metrics)"));
}

void Router::rates(std::string_view target, Responder done) {
    std::string mn = query_param(target, "mn").value_or("");
    if (mn.size() > kMaxMnLength)
        return done(text_response(400, "400 bad request: mn is longer than any MN"));
    api_.rates(std::move(mn), [done = std::move(done)](ops::Outcome<ops::RatesView> view) {
        if (view) return done(response(200, kJson, ops::rates_json(*view)));
        // The store could not be read now: the page keeps its last picture and says so.
        tools::JsonLine j;
        j.field("error", view.error());
        done(response(503, kJson, j.str() + "\n"));
    });
}

} // namespace hj212gw::http
