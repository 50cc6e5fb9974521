#pragma once
// The byte link to the gateway: a TCP client or a serial port, through Asio's synchronous API
// (the simulator is a plain loop with a reader thread; nothing here needs an event loop).
#include "sim/monitor/target.hpp"

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

namespace hj212gw::sim {

class Link {
public:
    virtual ~Link() = default;
    /// Opens (connects); on failure returns false and sets `error`.
    virtual bool open(std::string& error) = 0;
    /// Writes everything; false when the link broke.
    virtual bool write(std::string_view bytes) = 0;
    /// Waits up to `timeout` for bytes. Returns the count read, 0 on timeout, -1 when the
    /// link closed or broke. Only one thread reads.
    virtual long read_some(char* buffer, std::size_t size, std::chrono::milliseconds timeout) = 0;
    virtual void close() = 0;
    virtual bool is_open() const = 0;
};

std::unique_ptr<Link> make_link(const Target& target);

} // namespace hj212gw::sim
