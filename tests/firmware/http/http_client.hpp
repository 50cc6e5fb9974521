#pragma once
// A blocking HTTP/1.1 client on plain POSIX sockets for the loopback tests (and the daemon's
// integration test): independent of Beast, so the server is checked by another reader of the
// protocol. Every read has a timeout; nothing here can hang a test.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace hj212gw::http::testing {

struct HttpReply {
    unsigned status = 0;
    std::map<std::string, std::string> headers; ///< names in lower case
    std::string body;
    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
};

class HttpConnection {
public:
    explicit HttpConnection(std::uint16_t port,
                            std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        timeval tv{};
        tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
        tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        connected_ = ::connect(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0;
    }
    ~HttpConnection() {
        if (fd_ >= 0) ::close(fd_);
    }
    HttpConnection(const HttpConnection&) = delete;
    HttpConnection& operator=(const HttpConnection&) = delete;

    bool connected() const { return connected_; }

    bool send(std::string_view bytes) {
        while (!bytes.empty()) {
            const auto n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (n <= 0) return false;
            bytes.remove_prefix(static_cast<std::size_t>(n));
        }
        return true;
    }

    /// "GET target HTTP/1.1" with Host and `extra` header lines ("Name: value\r\n").
    bool request(std::string_view method, std::string_view target, std::string_view extra = {}) {
        std::string r(method);
        r += ' ';
        r += target;
        r += " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        r += extra;
        r += "\r\n";
        return send(r);
    }

    /// The next response; nullopt when the connection closed or timed out first. `head`: the
    /// response has no body whatever its Content-Length says.
    std::optional<HttpReply> reply(bool head = false) {
        std::size_t end;
        while ((end = buffer_.find("\r\n\r\n")) == std::string::npos)
            if (!fill()) return std::nullopt;
        HttpReply r;
        std::string_view head_text(buffer_.data(), end);
        const auto line_end = head_text.find("\r\n");
        const auto status_line = head_text.substr(0, line_end);
        if (status_line.substr(0, 9) != "HTTP/1.1 " || status_line.size() < 12) return std::nullopt;
        r.status = static_cast<unsigned>(std::stoul(std::string(status_line.substr(9, 3))));
        head_text.remove_prefix(line_end == std::string_view::npos ? head_text.size()
                                                                   : line_end + 2);
        while (!head_text.empty()) {
            const auto eol = head_text.find("\r\n");
            const auto line = head_text.substr(0, eol);
            const auto colon = line.find(':');
            if (colon != std::string_view::npos) {
                std::string name(line.substr(0, colon));
                for (auto& c : name)
                    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                auto value = line.substr(colon + 1);
                while (!value.empty() && value.front() == ' ')
                    value.remove_prefix(1);
                r.headers[name] = std::string(value);
            }
            if (eol == std::string_view::npos) break;
            head_text.remove_prefix(eol + 2);
        }
        buffer_.erase(0, end + 4);
        const auto length = head ? 0 : std::stoul("0" + r.header("content-length"));
        while (buffer_.size() < length)
            if (!fill()) return std::nullopt;
        r.body = buffer_.substr(0, length);
        buffer_.erase(0, length);
        return r;
    }

    /// Whether the server closes the connection (EOF or reset) before the timeout, discarding
    /// anything it still sends.
    bool closed_by_server() {
        char chunk[4096];
        for (;;) {
            const auto n = ::recv(fd_, chunk, sizeof chunk, 0);
            if (n == 0) return true;
            if (n < 0) return errno == ECONNRESET;
        }
    }

private:
    bool fill() {
        char chunk[16384];
        const auto n = ::recv(fd_, chunk, sizeof chunk, 0);
        if (n <= 0) return false;
        buffer_.append(chunk, static_cast<std::size_t>(n));
        return true;
    }

    int fd_ = -1;
    bool connected_ = false;
    std::string buffer_;
};

/// One request on a fresh connection.
inline std::optional<HttpReply> http_get(std::uint16_t port, std::string_view target,
                                         std::string_view extra = {}) {
    HttpConnection c(port);
    if (!c.connected() || !c.request("GET", target, extra)) return std::nullopt;
    return c.reply();
}

} // namespace hj212gw::http::testing
