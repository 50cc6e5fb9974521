#include "http/access_token.hpp"
#include "http/request_target.hpp"
#include "http/router.hpp"

#include "fake_operator_api.hpp"
#include "json_value.hpp"

#include <gtest/gtest.h>

#include <optional>

namespace hj212gw::http {
namespace {

using testing::FakeOperatorApi;
using testing::parse_json;

std::string header(const Response& r, std::string_view name) {
    for (const auto& [k, v] : r.headers)
        if (k == name) return v;
    return {};
}

class RouterTest : public ::testing::Test {
protected:
    /// The response if the router answered at once.
    std::optional<Response> ask(std::string_view method, std::string_view target,
                                std::string_view authorization = {}) {
        std::optional<Response> out;
        router_->handle(Request{method, target, authorization},
                        [&out](Response r) { out = std::move(r); });
        return out;
    }
    void with_token(std::string token) {
        router_.emplace(api_, RouterSettings{std::move(token), std::chrono::seconds(10)}, stats_);
    }

    FakeOperatorApi api_;
    HttpStats stats_;
    std::optional<Router> router_{std::in_place, api_, RouterSettings{}, stats_};
};

TEST_F(RouterTest, PageIsSelfContainedHtmlWithItsRefreshAndPolicy) {
    const auto r = ask("GET", "/");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200U);
    EXPECT_EQ(r->content_type, "text/html; charset=utf-8");
    EXPECT_EQ(header(*r, "Cache-Control"), "no-store");
    EXPECT_NE(header(*r, "Content-Security-Policy").find("default-src 'none'"), std::string::npos);
    EXPECT_NE(r->body.find("<body data-refresh=\"10\">"), std::string::npos);
    EXPECT_EQ(r->body.find("{{"), std::string::npos);
    // No external assets: the board has no internet.
    // The one URL in it is the SVG namespace, which names, and loads nothing.
    std::size_t urls = 0;
    for (auto at = r->body.find("://"); at != std::string::npos; at = r->body.find("://", at + 1))
        ++urls;
    std::size_t namespaces = 0;
    for (auto at = r->body.find("http://www.w3.org/2000/svg"); at != std::string::npos;
         at = r->body.find("http://www.w3.org/2000/svg", at + 1))
        ++namespaces;
    EXPECT_EQ(urls, namespaces);
    EXPECT_EQ(r->body.find("@import"), std::string::npos);
    EXPECT_EQ(r->body.find("url("), std::string::npos);
    EXPECT_EQ(r->body.find("<script src"), std::string::npos);
    EXPECT_EQ(r->body.find("<link rel=\"stylesheet\""), std::string::npos);
    EXPECT_NE(r->body.find("传输有效率"), std::string::npos);
    EXPECT_EQ(ask("HEAD", "/index.html")->body, r->body);
}

TEST_F(RouterTest, PageRefreshFollowsTheSettings) {
    router_.emplace(api_, RouterSettings{"", std::chrono::seconds(3)}, stats_);
    EXPECT_NE(ask("GET", "/")->body.find("data-refresh=\"3\""), std::string::npos);
}

TEST_F(RouterTest, StatusIsTheSnapshotAsJson) {
    const auto r = ask("GET", "/api/status");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200U);
    EXPECT_EQ(r->content_type, "application/json");
    const auto json = parse_json(r->body);
    ASSERT_TRUE(json) << r->body;
    EXPECT_EQ((*json)["mn"].text, "010000A8900016F0000000GW");
    ASSERT_EQ((*json)["upstreams"].items.size(), 2U);
    EXPECT_EQ((*json)["upstreams"][1]["state"].text, "down");
}

TEST_F(RouterTest, RatesAnswerWhenTheGatewayHasReadTheStore) {
    std::optional<Response> out;
    router_->handle(Request{"GET", "/api/rates", ""}, [&out](Response r) { out = std::move(r); });
    EXPECT_FALSE(out) << "the router must not block on the store";
    ASSERT_EQ(api_.rates_requests, std::vector<std::string>{""});
    EXPECT_EQ(api_.deliver(), 1U);
    ASSERT_TRUE(out);
    EXPECT_EQ(out->status, 200U);
    EXPECT_EQ(out->content_type, "application/json");
    EXPECT_EQ(header(*out, "Cache-Control"), "no-store");
    const auto json = parse_json(out->body);
    ASSERT_TRUE(json) << out->body;
    EXPECT_EQ((*json)["month"].text, "2026-11");
    ASSERT_EQ((*json)["grids"].items.size(), 3U);
    EXPECT_EQ((*json)["grids"][0]["hours"].text, api_.rates_value.grids[0].hours);
}

TEST_F(RouterTest, RatesOfOneMnAreFilteredByTheGateway) {
    std::optional<Response> out;
    router_->handle(Request{"GET", "/api/rates?mn=88888880000002", ""},
                    [&out](Response r) { out = std::move(r); });
    api_.deliver();
    ASSERT_EQ(api_.rates_requests, std::vector<std::string>{"88888880000002"});
    const auto json = parse_json(out->body);
    ASSERT_TRUE(json);
    ASSERT_EQ((*json)["grids"].items.size(), 1U);
    EXPECT_EQ((*json)["grids"][0]["factor"].text, "a21026");
}

TEST_F(RouterTest, AnOverlongMnIsABadRequestWithoutAskingTheStore) {
    const auto r = ask("GET", "/api/rates?mn=" + std::string(65, 'A'));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400U);
    EXPECT_TRUE(api_.rates_requests.empty());
}

TEST_F(RouterTest, AStoreErrorIs503WithTheReason) {
    api_.rates_error = "the store is busy";
    std::optional<Response> out;
    router_->handle(Request{"GET", "/api/rates", ""}, [&out](Response r) { out = std::move(r); });
    api_.deliver();
    ASSERT_TRUE(out);
    EXPECT_EQ(out->status, 503U);
    const auto json = parse_json(out->body);
    ASSERT_TRUE(json) << out->body;
    EXPECT_EQ((*json)["error"].text, "the store is busy");
}

TEST_F(RouterTest, MetricsAreGatewayAndEndpointFamilies) {
    stats_.responses[200] = 5;
    stats_.errors["refused"] = 1;
    const auto r = ask("GET", "/metrics");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200U);
    EXPECT_EQ(r->content_type, "text/plain; version=0.0.4; charset=utf-8");
    EXPECT_NE(r->body.find("hj212gw_upstream_up{upstream=\"province\"} 0\n"), std::string::npos)
        << r->body;
    EXPECT_NE(r->body.find("hj212gw_http_responses_total{code=\"200\"} 5\n"), std::string::npos);
    EXPECT_NE(r->body.find("hj212gw_http_errors_total{kind=\"refused\"} 1\n"), std::string::npos);
}

TEST_F(RouterTest, UnknownPathIs404AndOtherMethodsAre405) {
    const auto missing = ask("GET", "/api/nothing");
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 404U);
    EXPECT_EQ(header(*missing, "Cache-Control"), "no-store");
    EXPECT_LT(missing->body.size(), 200U);
    for (const char* method : {"POST", "PUT", "DELETE", "OPTIONS", "PATCH"}) {
        const auto r = ask(method, "/api/status");
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 405U) << method;
        EXPECT_EQ(header(*r, "Allow"), "GET, HEAD");
    }
    EXPECT_EQ(ask("HEAD", "/metrics")->status, 200U);
}

TEST_F(RouterTest, WithoutATokenConfiguredNothingIsAsked) {
    EXPECT_EQ(ask("GET", "/api/status", "Bearer whatever")->status, 200U);
}

TEST_F(RouterTest, ATokenIsNeededEverywhereByHeaderOrQuery) {
    with_token("s3cret-t0ken");
    for (const char* target : {"/", "/api/status", "/api/rates", "/metrics", "/nothing"}) {
        const auto r = ask("GET", target);
        ASSERT_TRUE(r) << target;
        EXPECT_EQ(r->status, 401U) << target;
        EXPECT_EQ(header(*r, "WWW-Authenticate"), "Bearer realm=\"hj212gw\"");
        EXPECT_EQ(ask("GET", target, "Bearer s3cret-t0kem")->status, 401U) << target;
        EXPECT_EQ(ask("POST", target)->status, 401U) << "the token comes first";
    }
    EXPECT_EQ(ask("GET", "/api/status", "Bearer s3cret-t0ken")->status, 200U);
    EXPECT_EQ(ask("GET", "/api/status", "bearer   s3cret-t0ken ")->status, 200U);
    EXPECT_EQ(ask("GET", "/api/status", "Basic s3cret-t0ken")->status, 401U);
    EXPECT_EQ(ask("GET", "/api/status?token=s3cret-t0ken")->status, 200U);
    EXPECT_EQ(ask("GET", "/?x=1&token=s3cret%2Dt0ken")->status, 200U);
    EXPECT_EQ(ask("GET", "/?token=s3cret-t0ke")->status, 401U);
    EXPECT_EQ(ask("GET", "/?token=s3cret-t0kenn")->status, 401U);
    EXPECT_EQ(ask("GET", "/?token=")->status, 401U);
    EXPECT_EQ(ask("GET", "/?mytoken=s3cret-t0ken")->status, 401U);
    EXPECT_EQ(ask("PUT", "/?token=s3cret-t0ken")->status, 405U);
}

TEST(AccessToken, BearerSchemeIsCaseInsensitiveAndTrimmed) {
    EXPECT_EQ(bearer_token("Bearer abc"), "abc");
    EXPECT_EQ(bearer_token("BEARER\tabc "), "abc");
    EXPECT_EQ(bearer_token("Bearerabc"), "");
    EXPECT_EQ(bearer_token("Bearer"), "");
    EXPECT_EQ(bearer_token("Basic abc"), "");
    EXPECT_EQ(bearer_token(""), "");
}

TEST(AccessToken, MatchesOnlyTheWholeToken) {
    EXPECT_TRUE(token_matches("abc", "abc"));
    EXPECT_FALSE(token_matches("abc", "abd"));
    EXPECT_FALSE(token_matches("abc", "ab"));
    EXPECT_FALSE(token_matches("abc", "abcd"));
    EXPECT_FALSE(token_matches("abc", ""));
    EXPECT_FALSE(token_matches("", "")) << "an empty token never matches";
    EXPECT_FALSE(token_matches("abc", std::string_view("abc\0", 4)));
}

TEST(RequestTarget, PathAndDecodedQuery) {
    EXPECT_EQ(target_path("/api/rates?mn=1"), "/api/rates");
    EXPECT_EQ(target_path("/#frag"), "/");
    EXPECT_EQ(query_param("/a?mn=88%20x&token=t+1", "token"), "t 1");
    EXPECT_EQ(query_param("/a?mn=88%20x&token=t+1", "mn"), "88 x");
    EXPECT_EQ(query_param("/a?mn", "mn"), "");
    EXPECT_EQ(query_param("/a?mn=1#token=2", "token"), std::nullopt);
    EXPECT_EQ(query_param("/a?token=%4", "token"), std::nullopt);
    EXPECT_EQ(query_param("/a?token=%zz", "token"), std::nullopt);
    EXPECT_EQ(query_param("/a", "token"), std::nullopt);
    EXPECT_EQ(query_param("/a?xtoken=1&token=2", "token"), "2");
}

} // namespace
} // namespace hj212gw::http
