#pragma once
// What the daemon decides about the operators' HTTP endpoint. Every limit is explicit: the
// board is small, and an operator's browser or a scraper must not be able to exhaust it.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace hj212gw::http {

struct HttpSettings {
    std::string host;       ///< "127.0.0.1" unless the operators asked for more (then a token)
    std::uint16_t port = 0; ///< 0: an ephemeral port (tests)
    std::string token;      ///< "" = no token required
    std::size_t max_connections = 8;
    std::size_t max_request_bytes = 8192;  ///< request header, and body, each
    std::chrono::seconds idle_timeout{30}; ///< also bounds a slow client and a slow reply
    std::chrono::seconds page_refresh{10}; ///< how often the status page fetches /api/*
};

} // namespace hj212gw::http
