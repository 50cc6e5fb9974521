#pragma once
// A request as the router sees it and the response it decides, without sockets or Beast: the
// session fills a Request from the parsed message and writes the Response back.
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hj212gw::http {

struct Request {
    std::string_view method;        ///< "GET", "HEAD", ...
    std::string_view target;        ///< "/api/rates?mn=X"
    std::string_view authorization; ///< the Authorization header, "" when absent
};

struct Response {
    unsigned status = 200;
    std::string content_type;
    std::string body;
    /// Besides Content-Type, Content-Length and Cache-Control (always "no-store").
    std::vector<std::pair<std::string, std::string>> headers;
};

/// Invoked exactly once, maybe later (on the io_context's thread) when the data is asynchronous.
using Responder = std::function<void(Response)>;

} // namespace hj212gw::http
