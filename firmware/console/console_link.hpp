#pragma once
// ConsoleLink: carries one ConsoleSession over an Asio stream (a unix socket connection or
// the serial console port): reads into the session, writes its output in bounded chunks one
// write at a time (a 9600-baud line is slow; the session bounds what it queues), and ticks it
// once a second. Only this file and console_service.cpp touch Asio in console/.
#include "console/console_session.hpp"
#include "net/asio.hpp"

#include <spdlog/spdlog.h>

#include <memory>
#include <string>

namespace hj212gw::console {

template <class Stream>
class ConsoleLink : public std::enable_shared_from_this<ConsoleLink<Stream>> {
public:
    /// `restart`: when the session ends (logout), start it again instead of closing - a
    /// serial console always has a prompt waiting for the next engineer.
    ConsoleLink(Stream stream, std::shared_ptr<ConsoleSession> session, bool restart,
                std::string name)
        : stream_(std::move(stream)), timer_(stream_.get_executor()), session_(std::move(session)),
          restart_(restart), name_(std::move(name)) {}

    void start() {
        auto weak = this->weak_from_this();
        session_->set_output_hook([weak] {
            if (auto self = weak.lock()) self->flush();
        });
        session_->start(ConsoleSession::Clock::now());
        flush();
        read();
        tick();
    }

    void close() {
        if (closed_) return;
        closed_ = true;
        session_->on_closed();
        session_->set_output_hook({});
        net::error_code ec;
        stream_.close(ec);
        timer_.cancel();
    }
    bool closed() const { return closed_; }

private:
    void read() {
        auto self = this->shared_from_this();
        stream_.async_read_some(net::asio::buffer(buf_), [self](const net::error_code& ec,
                                                                std::size_t n) {
            if (ec) {
                if (!self->closed_)
                    spdlog::info("console {}: closed ({})", self->name_, ec.message());
                self->close();
                return;
            }
            self->session_->on_bytes(std::string_view(self->buf_, n), ConsoleSession::Clock::now());
            self->flush();
            self->read();
        });
    }

    void tick() {
        timer_.expires_after(std::chrono::seconds(1));
        auto self = this->shared_from_this();
        timer_.async_wait([self](const net::error_code& ec) {
            if (ec || self->closed_) return;
            self->session_->on_tick(ConsoleSession::Clock::now());
            self->flush();
            self->tick();
        });
    }

    void flush() {
        if (writing_ || closed_) return;
        if (!session_->has_output()) {
            if (session_->finished()) {
                if (restart_)
                    session_->start(ConsoleSession::Clock::now());
                else
                    return close();
                if (!session_->has_output()) return;
            } else {
                return;
            }
        }
        writing_ = true;
        pending_ = session_->take_output(kChunk);
        auto self = this->shared_from_this();
        net::asio::async_write(stream_, net::asio::buffer(pending_),
                               [self](const net::error_code& ec, std::size_t) {
                                   self->writing_ = false;
                                   if (ec) return self->close();
                                   self->flush();
                               });
    }

    static constexpr std::size_t kChunk = 1024;
    Stream stream_;
    net::asio::steady_timer timer_;
    std::shared_ptr<ConsoleSession> session_;
    bool restart_;
    std::string name_;
    char buf_[512];
    std::string pending_;
    bool writing_ = false;
    bool closed_ = false;
};

} // namespace hj212gw::console
