#pragma once
// PlatformServer: the Asio edge of the simulated platform. Accepts any number of gateways on one
// TCP endpoint, gives each its own PlatformSession, carries bytes and time to it, and keeps the
// platform-wide record (every packet, the rate counter, every flow) for the reports.
// Single-threaded: everything runs on the io_context's one thread.
#include "sim/platform/platform_session.hpp"
#include "sim/platform/rate_counter.hpp"
#include "sim/platform/report.hpp"

#include "net/asio.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace hj212gw::sim {

struct PlatformOptions {
    std::string host = "0.0.0.0";
    std::uint16_t port = 0;
    SessionSettings session;
    CommandScript script;
    std::chrono::milliseconds duration{0};        ///< 0: until SIGINT/SIGTERM
    std::chrono::milliseconds report_interval{0}; ///< 0: only at exit
    std::string json_path;                        ///< "" : no JSON
    bool verbose = false;
};

class PlatformServer {
public:
    PlatformServer(net::asio::io_context& io, PlatformOptions options, std::ostream& out,
                   std::ostream& err);
    ~PlatformServer();
    PlatformServer(const PlatformServer&) = delete;
    PlatformServer& operator=(const PlatformServer&) = delete;

    net::error_code open();
    std::uint16_t bound_port() const;
    void start();
    /// Stops accepting and closes every connection (their open flows fail, unsent commands are
    /// reported); io.run() returns once the last handler has finished.
    void stop();

    PlatformReport report() const;
    /// Prints the table and the summary, writes the JSON (if asked). False if the JSON failed.
    bool publish(bool final_report);

private:
    struct Connection;
    void accept();
    void read(const std::shared_ptr<Connection>& c);
    void tick(const std::shared_ptr<Connection>& c);
    void flush(const std::shared_ptr<Connection>& c);
    void close(const std::shared_ptr<Connection>& c);
    SimTime now() const;

    net::asio::io_context& io_;
    PlatformOptions options_;
    std::ostream& out_;
    std::ostream& err_;
    net::tcp::acceptor acceptor_;
    std::vector<std::shared_ptr<Connection>> connections_; ///< every one, for the counters
    std::vector<ReceivedPacket> packets_;
    std::vector<FlowResult> flows_;
    RateCounter rates_;
    std::uint32_t next_seed_;
    bool stopped_ = false;
};

/// Runs the simulator until SIGINT/SIGTERM or the duration; returns the exit status: 0, 1 when
/// a scripted flow failed, 2 when the endpoint could not be opened or the JSON not written.
int run_platform(PlatformOptions options, std::ostream& out, std::ostream& err);

} // namespace hj212gw::sim
