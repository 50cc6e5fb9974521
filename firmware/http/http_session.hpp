#pragma once
// One operator's HTTP connection: reads requests within the size limits, asks the router,
// writes the responses, keeps the connection alive while the client wants and closes it
// gracefully (idle timeout, too-large request, server stop). Beast stays in http_session.cpp:
// a translation unit with Beast costs ~17 s to compile on the board-sized build machine.
#include "http/server_context.hpp"

#include "net/asio.hpp"

#include <memory>
#include <string>

namespace hj212gw::http {

class HttpSession {
public:
    /// Serves `socket` until the client leaves; the session keeps itself alive meanwhile.
    static std::shared_ptr<HttpSession> start(net::tcp::socket socket, std::string peer,
                                              std::shared_ptr<ServerContext> context);
    /// Answers 503 (over max_connections) and closes `socket` gracefully.
    static void refuse(net::tcp::socket socket, std::string peer,
                       std::shared_ptr<ServerContext> context);

    virtual ~HttpSession() = default;
    /// Stops reading; a response being prepared or written is still delivered, then the
    /// connection closes.
    virtual void close() = 0;
    virtual const std::string& peer() const = 0;
};

} // namespace hj212gw::http
