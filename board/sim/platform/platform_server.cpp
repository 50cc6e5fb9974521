#include "sim/platform/platform_server.hpp"

#include "net/clock.hpp"
#include "net/tcp_listen.hpp"

#include <array>
#include <csignal>

namespace hj212gw::sim {

namespace asio = net::asio;
using net::error_code;
using net::tcp;

// How often a connection's session gets the time: the resolution of --ack-delay and of the
// flow timeouts, cheap enough for the few gateways of a bench.
constexpr std::chrono::milliseconds kTickPeriod{20};

struct PlatformServer::Connection {
    Connection(tcp::socket s, PlatformSession sess)
        : socket(std::move(s)), timer(socket.get_executor()), session(std::move(sess)) {}
    tcp::socket socket;
    asio::steady_timer timer;
    PlatformSession session;
    std::array<char, 4096> buffer{};
    std::string writing; ///< the bytes of the write in flight
    bool open = true;
};

PlatformServer::PlatformServer(asio::io_context& io, PlatformOptions options, std::ostream& out,
                               std::ostream& err)
    : io_(io), options_(std::move(options)), out_(out), err_(err), acceptor_(io),
      next_seed_(options_.session.seed) {}

PlatformServer::~PlatformServer() = default;

SimTime PlatformServer::now() const {
    static const net::GatewayClock clock;
    return {clock.mono(), clock.civil_ms()};
}

error_code PlatformServer::open() {
    return net::listen_on(acceptor_, options_.host, options_.port);
}

std::uint16_t PlatformServer::bound_port() const {
    return net::bound_port(acceptor_);
}

void PlatformServer::start() {
    accept();
}

void PlatformServer::accept() {
    acceptor_.async_accept([this](error_code ec, tcp::socket socket) {
        if (ec) {
            if (!stopped_ && acceptor_.is_open()) {
                err_ << "accept: " << ec.message() << '\n';
                accept();
            }
            return;
        }
        error_code peer_ec;
        const auto remote = socket.remote_endpoint(peer_ec);
        const std::string peer =
            peer_ec ? std::string("?")
                    : remote.address().to_string() + ":" + std::to_string(remote.port());
        auto settings = options_.session;
        settings.seed = next_seed_++; // each link its own, still repeatable, sequence
        PlatformSession session(std::move(settings), options_.script, now(), peer);
        session.on_packet([this](const ReceivedPacket& p, const hj212::PacketView& view) {
            packets_.push_back(p);
            rates_.add(view);
            if (options_.verbose) out_ << format_packet_line(p) << std::endl;
        });
        session.on_flow([this](const FlowResult& f) {
            flows_.push_back(f);
            out_ << "flow " << f.cn << " QN " << f.qn << " MN " << f.mn << ": "
                 << to_string(f.status) << (f.reason.empty() ? "" : " (" + f.reason + ")")
                 << std::endl;
        });
        session.on_problem([this, peer](const std::string& text) {
            if (options_.verbose) err_ << peer << ": " << text << std::endl;
        });
        auto c = std::make_shared<Connection>(std::move(socket), std::move(session));
        connections_.push_back(c);
        out_ << "gateway connected: " << peer << std::endl;
        read(c);
        tick(c);
        accept();
    });
}

void PlatformServer::read(const std::shared_ptr<Connection>& c) {
    c->socket.async_read_some(asio::buffer(c->buffer), [this, c](error_code ec, std::size_t n) {
        if (!c->open) return;
        if (ec) {
            out_ << "gateway disconnected: " << c->session.peer() << " (" << ec.message() << ")"
                 << std::endl;
            close(c);
            return;
        }
        c->session.receive(std::string_view(c->buffer.data(), n), now());
        flush(c);
        if (c->session.close_requested()) {
            out_ << "dropping the link to " << c->session.peer() << " (--drop-link-rate)"
                 << std::endl;
            close(c);
            return;
        }
        read(c);
    });
}

void PlatformServer::tick(const std::shared_ptr<Connection>& c) {
    c->timer.expires_after(kTickPeriod);
    c->timer.async_wait([this, c](error_code ec) {
        if (ec || !c->open) return;
        c->session.tick(now());
        flush(c);
        tick(c);
    });
}

void PlatformServer::flush(const std::shared_ptr<Connection>& c) {
    if (!c->open || !c->writing.empty()) return;
    c->writing = c->session.take_output();
    if (c->writing.empty()) return;
    asio::async_write(c->socket, asio::buffer(c->writing), [this, c](error_code ec, std::size_t) {
        c->writing.clear();
        if (ec) {
            if (c->open) close(c);
            return;
        }
        flush(c);
    });
}

void PlatformServer::close(const std::shared_ptr<Connection>& c) {
    if (!c->open) return;
    c->open = false;
    c->session.disconnect();
    error_code ec;
    c->socket.shutdown(tcp::socket::shutdown_both, ec);
    c->socket.close(ec);
    c->timer.cancel();
}

void PlatformServer::stop() {
    if (stopped_) return;
    stopped_ = true;
    error_code ec;
    acceptor_.close(ec);
    for (const auto& c : connections_)
        close(c);
}

PlatformReport PlatformServer::report() const {
    PlatformReport r;
    r.now_civil_ms = now().civil_ms;
    r.connections = connections_.size();
    r.packets = packets_;
    r.rates = rates_.report(r.now_civil_ms);
    r.flows = flows_;
    for (const auto& c : connections_) {
        r.commands_sent += c->session.commands_sent();
        r.stream_errors += c->session.stream_errors();
        r.parse_errors += c->session.parse_errors();
    }
    return r;
}

bool PlatformServer::publish(bool final_report) {
    const auto r = report();
    out_ << (final_report ? "--- final report ---\n" : "--- report ---\n") << r.connections
         << " connections, " << r.packets.size() << " packets received, " << r.stream_errors
         << " stream errors, " << r.parse_errors << " unparsable\n";
    print_rate_table(out_, r.rates);
    if (!options_.script.empty() || !r.flows.empty()) print_flow_summary(out_, r);
    out_.flush();
    if (options_.json_path.empty()) return true;
    if (write_file_atomically(options_.json_path, to_json(r))) return true;
    err_ << "hj212gw sim platform: cannot write " << options_.json_path << '\n';
    return false;
}

int run_platform(PlatformOptions options, std::ostream& out, std::ostream& err) {
    asio::io_context io;
    const auto duration = options.duration;
    const auto interval = options.report_interval;
    PlatformServer server(io, std::move(options), out, err);
    if (const auto ec = server.open()) {
        err << "hj212gw sim platform: cannot listen: " << ec.message() << '\n';
        return 2;
    }
    out << "platform listening on port " << server.bound_port() << std::endl;
    server.start();

    asio::signal_set signals(io, SIGINT, SIGTERM);
    asio::steady_timer end_timer(io);
    asio::steady_timer report_timer(io);
    auto stop_all = [&] {
        server.stop();
        signals.cancel();
        end_timer.cancel();
        report_timer.cancel();
    };
    signals.async_wait([&](const error_code& ec, int) {
        if (!ec) stop_all();
    });
    if (duration.count() > 0) {
        end_timer.expires_after(duration);
        end_timer.async_wait([&](const error_code& ec) {
            if (!ec) stop_all();
        });
    }
    std::function<void()> schedule_report = [&] {
        report_timer.expires_after(interval);
        report_timer.async_wait([&](const error_code& ec) {
            if (ec) return;
            server.publish(false);
            schedule_report();
        });
    };
    if (interval.count() > 0) schedule_report();

    io.run();
    const bool written = server.publish(true);
    if (!written) return 2;
    return server.report().flows_failed() > 0 ? 1 : 0;
}

} // namespace hj212gw::sim
