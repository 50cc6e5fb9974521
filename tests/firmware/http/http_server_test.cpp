// The endpoint over real loopback sockets: a raw-socket client against HttpServer.
#include "http_client.hpp"
#include "json_value.hpp"
#include "loopback_server.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <set>
#include <sstream>
#include <thread>

namespace hj212gw::http {
namespace {

using namespace std::chrono_literals;
using testing::http_get;
using testing::HttpConnection;
using testing::LoopbackServer;
using testing::parse_json;

/// Problems with `text` as a Prometheus text exposition (0.0.4): every sample belongs to a
/// family declared by an earlier # TYPE, families are declared once, values are numbers.
std::string prometheus_problems(const std::string& text) {
    std::set<std::string> families;
    std::string problems;
    std::istringstream in(text);
    std::size_t samples = 0;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("# HELP ", 0) == 0) continue;
        if (line.rfind("# TYPE ", 0) == 0) {
            std::istringstream words(line.substr(7));
            std::string name, type;
            words >> name >> type;
            if (type != "counter" && type != "gauge") problems += "bad type: " + line + "\n";
            if (!families.insert(name).second) problems += "declared twice: " + name + "\n";
            continue;
        }
        if (line.empty() || line[0] == '#') {
            problems += "unexpected line: '" + line + "'\n";
            continue;
        }
        ++samples;
        const auto name_end = line.find_first_of("{ ");
        const auto name = line.substr(0, name_end);
        if (!families.count(name)) problems += "undeclared family: " + line + "\n";
        auto value_at = line.find(' ', name_end);
        if (line[name_end] == '{') {
            const auto close = line.find("} ", name_end);
            if (close == std::string::npos) {
                problems += "unclosed labels: " + line + "\n";
                continue;
            }
            // k="v" pairs separated by commas.
            const auto labels = line.substr(name_end + 1, close - name_end - 1);
            std::size_t i = 0;
            while (i < labels.size()) {
                const auto eq = labels.find("=\"", i);
                if (eq == std::string::npos) break;
                auto j = eq + 2;
                while (j < labels.size() && labels[j] != '"')
                    j += labels[j] == '\\' ? 2U : 1U;
                if (j >= labels.size()) {
                    problems += "bad label value: " + line + "\n";
                    break;
                }
                i = j + 1;
                if (i < labels.size() && labels[i] != ',') problems += "bad labels: " + line + "\n";
                ++i;
            }
            value_at = close + 1;
        }
        const auto value = line.substr(value_at + 1);
        char* end = nullptr;
        std::strtod(value.c_str(), &end);
        if (value.empty() || *end != '\0') problems += "bad value: " + line + "\n";
    }
    if (samples == 0) problems += "no samples\n";
    return problems;
}

TEST(HttpServer, ServesThePageTheDataAndTheMetrics) {
    LoopbackServer server;
    const auto page = http_get(server.port(), "/");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200U);
    EXPECT_EQ(page->header("content-type"), "text/html; charset=utf-8");
    EXPECT_EQ(page->header("cache-control"), "no-store");
    EXPECT_NE(page->body.find("<!doctype html>"), std::string::npos);

    const auto status = http_get(server.port(), "/api/status");
    ASSERT_TRUE(status);
    EXPECT_EQ(status->status, 200U);
    EXPECT_EQ(status->header("content-type"), "application/json");
    const auto status_json = parse_json(status->body);
    ASSERT_TRUE(status_json) << status->body;
    EXPECT_EQ((*status_json)["upstreams"][0]["name"].text, "national");

    const auto rates = http_get(server.port(), "/api/rates");
    ASSERT_TRUE(rates);
    EXPECT_EQ(rates->status, 200U);
    EXPECT_EQ(rates->header("content-type"), "application/json");
    const auto rates_json = parse_json(rates->body);
    ASSERT_TRUE(rates_json) << rates->body;
    EXPECT_EQ((*rates_json)["days_in_month"].text, "30");
    EXPECT_EQ((*rates_json)["grids"][2]["hours"].text, server.api.rates_value.grids[2].hours);

    const auto metrics = http_get(server.port(), "/metrics");
    ASSERT_TRUE(metrics);
    EXPECT_EQ(metrics->status, 200U);
    EXPECT_EQ(metrics->header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
    EXPECT_EQ(prometheus_problems(metrics->body), "") << metrics->body;
    for (const char* sample :
         {"hj212gw_upstream_up{upstream=\"national\"} 1\n",
          "hj212gw_upstream_rtt_milliseconds{upstream=\"national\"} 86\n",
          "hj212gw_queue_depth{upstream=\"province\"} 1240\n",
          "hj212gw_queue_oldest_pending_seconds{upstream=\"province\"} 10800\n",
          "hj212gw_device_errors_total{kind=\"bad_crc\"} 17\n",
          "hj212gw_evicted_packets_total{delivered=\"true\"} 120\n",
          "hj212gw_http_responses_total{code=\"200\"} 3\n", "\nhj212gw_http_connections_open "})
        EXPECT_NE(metrics->body.find(sample), std::string::npos) << sample;
    EXPECT_EQ(server.api.unexpected_calls, 0);
}

TEST(HttpServer, HeadAnnouncesTheLengthWithoutTheBody) {
    LoopbackServer server;
    HttpConnection c(server.port());
    ASSERT_TRUE(c.request("HEAD", "/api/status"));
    const auto head = c.reply(/*head=*/true);
    ASSERT_TRUE(head);
    EXPECT_EQ(head->status, 200U);
    // The next response on the connection starts right away: no body was sent for HEAD.
    ASSERT_TRUE(c.request("GET", "/api/status"));
    const auto get = c.reply();
    ASSERT_TRUE(get);
    EXPECT_EQ(get->status, 200U);
    EXPECT_EQ(head->header("content-length"), std::to_string(get->body.size()));
}

TEST(HttpServer, TokenByHeaderOrQuery) {
    auto settings = LoopbackServer::defaults();
    settings.token = "field-2026";
    LoopbackServer server(settings);
    for (const char* target : {"/", "/api/status", "/api/rates", "/metrics"}) {
        EXPECT_EQ(http_get(server.port(), target)->status, 401U) << target;
        EXPECT_EQ(http_get(server.port(), target, "Authorization: Bearer field-2025\r\n")->status,
                  401U)
            << target;
        EXPECT_EQ(http_get(server.port(), target, "Authorization: Bearer field-2026\r\n")->status,
                  200U)
            << target;
        EXPECT_EQ(http_get(server.port(), std::string(target) + "?token=field-2026")->status, 200U)
            << target;
        EXPECT_EQ(http_get(server.port(), std::string(target) + "?token=field-2025")->status, 401U)
            << target;
    }
    EXPECT_EQ(http_get(server.port(), "/")->header("www-authenticate"), "Bearer realm=\"hj212gw\"");
}

TEST(HttpServer, NotFoundAndMethodNotAllowed) {
    LoopbackServer server;
    const auto missing = http_get(server.port(), "/status.html");
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 404U);
    EXPECT_EQ(missing->header("cache-control"), "no-store");
    HttpConnection c(server.port());
    ASSERT_TRUE(c.request("DELETE", "/api/status"));
    const auto r = c.reply();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 405U);
    EXPECT_EQ(r->header("allow"), "GET, HEAD");
}

TEST(HttpServer, AnOversizedHeaderIs431AndTheConnectionCloses) {
    LoopbackServer server;
    HttpConnection c(server.port());
    ASSERT_TRUE(c.request("GET", "/", "X-Filler: " + std::string(10'000, 'x') + "\r\n"));
    const auto r = c.reply();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 431U);
    EXPECT_EQ(r->header("connection"), "close");
    EXPECT_TRUE(c.closed_by_server());
    EXPECT_EQ(server.stats().errors.at("too_large"), 1U);
}

TEST(HttpServer, AnOversizedBodyIs413AndTheConnectionCloses) {
    LoopbackServer server;
    HttpConnection c(server.port());
    ASSERT_TRUE(c.request("POST", "/api/status", "Content-Length: 100000\r\n"));
    ASSERT_TRUE(c.send(std::string(20'000, 'z'))); // the client goes on sending meanwhile
    const auto r = c.reply();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 413U);
    EXPECT_TRUE(c.closed_by_server());
}

TEST(HttpServer, ABodyWithinTheLimitIsReadAndTheMethodRefused) {
    LoopbackServer server;
    HttpConnection c(server.port());
    ASSERT_TRUE(c.request("POST", "/api/status", "Content-Length: 5\r\n"));
    ASSERT_TRUE(c.send("hello"));
    ASSERT_EQ(c.reply()->status, 405U);
    ASSERT_TRUE(c.request("GET", "/api/status"));
    EXPECT_EQ(c.reply()->status, 200U);
}

TEST(HttpServer, MalformedRequestIs400) {
    LoopbackServer server;
    HttpConnection c(server.port());
    ASSERT_TRUE(c.send("GARBAGE\r\n\r\n"));
    const auto r = c.reply();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400U);
    EXPECT_TRUE(c.closed_by_server());
}

TEST(HttpServer, KeepAliveCarriesRequestsUntilTheClientSaysClose) {
    LoopbackServer server;
    HttpConnection c(server.port());
    ASSERT_TRUE(c.request("GET", "/api/status"));
    const auto first = c.reply();
    ASSERT_TRUE(first);
    EXPECT_EQ(first->status, 200U);
    EXPECT_NE(first->header("connection"), "close");
    ASSERT_TRUE(c.request("GET", "/api/rates"));
    const auto second = c.reply();
    ASSERT_TRUE(second);
    EXPECT_EQ(second->status, 200U);
    // Two pipelined requests in one write, the last asking to close.
    ASSERT_TRUE(c.send("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n"
                       "GET /nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    EXPECT_EQ(c.reply()->status, 200U);
    const auto last = c.reply();
    ASSERT_TRUE(last);
    EXPECT_EQ(last->status, 404U);
    EXPECT_EQ(last->header("connection"), "close");
    EXPECT_TRUE(c.closed_by_server());
    EXPECT_EQ(server.stats().connections, 1U);
}

TEST(HttpServer, ConnectionsOverTheLimitAreRefusedWith503) {
    auto settings = LoopbackServer::defaults();
    settings.max_connections = 2;
    LoopbackServer server(settings);
    auto a = std::make_unique<HttpConnection>(server.port());
    HttpConnection b(server.port());
    for (auto* c : {a.get(), &b}) {
        ASSERT_TRUE(c->request("GET", "/api/status"));
        ASSERT_EQ(c->reply()->status, 200U);
    }
    HttpConnection third(server.port());
    ASSERT_TRUE(third.request("GET", "/api/status"));
    const auto refused = third.reply();
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 503U);
    EXPECT_EQ(refused->header("retry-after"), "5");
    EXPECT_TRUE(third.closed_by_server());
    EXPECT_EQ(server.stats().errors.at("refused"), 1U);

    a.reset(); // a place frees up once the server has seen the close
    unsigned status = 0;
    for (int attempt = 0; attempt < 50 && status != 200; ++attempt) {
        std::this_thread::sleep_for(20ms);
        HttpConnection next(server.port());
        if (next.request("GET", "/api/status"))
            if (auto r = next.reply()) status = r->status;
    }
    EXPECT_EQ(status, 200U);
    ASSERT_TRUE(b.request("GET", "/api/status"));
    EXPECT_EQ(b.reply()->status, 200U) << "the kept connection still works";
}

TEST(HttpServer, AnIdleConnectionIsClosedAfterTheTimeout) {
    auto settings = LoopbackServer::defaults();
    settings.idle_timeout = 1s;
    LoopbackServer server(settings);
    HttpConnection c(server.port());
    ASSERT_TRUE(c.request("GET", "/api/status"));
    ASSERT_EQ(c.reply()->status, 200U);
    const auto start = std::chrono::steady_clock::now();
    EXPECT_TRUE(c.closed_by_server());
    const auto waited = std::chrono::steady_clock::now() - start;
    EXPECT_GE(waited, 900ms);
    EXPECT_LT(waited, 4s);
    EXPECT_EQ(server.stats().errors.at("idle_timeout"), 1U);
}

TEST(HttpServer, AGatewayThatDoesNotAnswerGetsA503NotAHang) {
    auto settings = LoopbackServer::defaults();
    settings.idle_timeout = 1s;
    LoopbackServer server(settings);
    server.api.answer_rates = false;
    const auto r = http_get(server.port(), "/api/rates");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 503U);
    EXPECT_EQ(server.stats().errors.at("reply_timeout"), 1U);
}

TEST(HttpServer, StopClosesConnectionsAndStopsListening) {
    LoopbackServer server;
    HttpConnection c(server.port());
    ASSERT_TRUE(c.request("GET", "/api/status"));
    ASSERT_EQ(c.reply()->status, 200U);
    const auto port = server.port();
    server.on_io([&] {
        server.server().stop();
        return 0;
    });
    EXPECT_TRUE(c.closed_by_server());
    HttpConnection late(port);
    EXPECT_FALSE(late.connected());
}

TEST(HttpServer, OpenSaysWhyItCannotListen) {
    LoopbackServer first;
    net::asio::io_context io;
    testing::FakeOperatorApi api;
    HttpSettings settings;
    settings.host = "127.0.0.1";
    settings.port = first.port();
    HttpServer second(io, api, settings);
    EXPECT_EQ(second.open(), "cannot listen on 127.0.0.1:" + std::to_string(first.port()) +
                                 ": Address already in use");
    settings.host = "not-an-address";
    HttpServer third(io, api, settings);
    EXPECT_NE(third.open().find("cannot listen on not-an-address:"), std::string::npos);
}

} // namespace
} // namespace hj212gw::http
