#pragma once
// UpstreamClient: one platform link. Carries out what its UpstreamLink decides: connects,
// writes frames in order, reads the platform's 9014s and commands, reads the store's queue on
// the read worker, and records sends and acks in the store.
#include "net/asio.hpp"
#include "net/clock.hpp"

#include "upstream/upstream_link.hpp"

#include <hj212/deframer.hpp>
#include <hj212/parser.hpp>
#include <hj212gw/storage/store.hpp>

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace hj212gw::net {

struct UpstreamSettings {
    std::string name;
    std::string host;
    std::uint16_t port = 0;
    upstream::LinkSettings link;
    std::optional<std::string> rewrite_pw;                  ///< replace PW when forwarding
    std::map<std::string, std::string, std::less<>> mn_map; ///< device MN -> platform MN
    std::chrono::seconds heartbeat{0};                      ///< 9015 interval, 0: off
    std::size_t max_segment = 4096;
};

class UpstreamClient : public std::enable_shared_from_this<UpstreamClient> {
public:
    using RequestHandler =
        std::function<void(const hj212::PacketView& request, UpstreamClient& from)>;
    using HeartbeatMaker = std::function<std::string()>;

    UpstreamClient(asio::io_context& io, storage::Store& store, asio::thread_pool& reads,
                   const GatewayClock& clock, UpstreamSettings settings, std::uint32_t seed);

    void set_request_handler(RequestHandler h) { on_request_ = std::move(h); }
    void set_heartbeat_maker(HeartbeatMaker h) { make_heartbeat_ = std::move(h); }
    /// Called whenever no gateway traffic is queued or awaited: the moment to feed the next
    /// segment of a command exchange.
    void set_control_idle_hook(std::function<void()> h) { on_control_idle_ = std::move(h); }
    /// Called when the link is lost: exchanges with the platform end with the connection.
    void set_link_down_hook(std::function<void()> h) { on_link_down_ = std::move(h); }
    /// Every segment received from (true) or written to (false) the platform, for `tap`.
    void set_traffic_hook(std::function<void(bool from_platform, std::string_view segment)> h) {
        on_traffic_ = std::move(h);
    }

    void start();
    void stop();

    /// New packets are durable in the store.
    void notify_new_data();
    /// The gateway's own traffic (replies, uploads, relays) for this platform.
    void send_control(upstream::OutgoingPacket packet);
    bool control_idle() const { return link_.control_idle(); }
    /// OverTime/ReCount as a platform's 1000 set them.
    void set_timeouts(std::chrono::milliseconds over_time, int re_count);

    const UpstreamSettings& settings() const { return settings_; }
    upstream::LinkState state() const { return link_.state(); }
    const upstream::LinkStats& stats() const { return link_.stats(); }
    std::size_t in_flight() const { return link_.in_flight(); }
    std::uint64_t frame_errors() const { return frame_errors_; }

private:
    void process();
    void carry_out(upstream::Connect&);
    void carry_out(upstream::Send&);
    void carry_out(upstream::MarkInFlight&);
    void carry_out(upstream::MarkAcked&);
    void carry_out(upstream::RequeueInFlight&);
    void carry_out(upstream::Disconnect&);
    void carry_out(upstream::Fetch&);
    asio::awaitable<void> connect_and_read(std::uint64_t generation);
    asio::awaitable<void> tick_loop();
    void write_next();
    void on_frame(std::string_view segment);
    upstream::OutgoingPacket to_outgoing(const storage::QueuedPacket& q);
    upstream::Millis now() const { return clock_.mono(); }

    asio::io_context& io_;
    storage::Store& store_;
    asio::thread_pool& reads_;
    const GatewayClock& clock_;
    UpstreamSettings settings_;
    upstream::UpstreamLink link_;
    tcp::socket socket_;
    asio::steady_timer ticker_;
    std::uint64_t generation_ = 0;
    bool connected_ = false;
    bool stopped_ = false;
    struct PendingWrite {
        std::string bytes;
        std::vector<std::int64_t> ids;
    };
    std::deque<PendingWrite> outbox_;
    bool writing_ = false;
    hj212::Deframer deframer_;
    hj212::PacketView view_;
    std::uint64_t frame_errors_ = 0;
    upstream::Millis last_heartbeat_{0};
    RequestHandler on_request_;
    HeartbeatMaker make_heartbeat_;
    std::function<void()> on_control_idle_;
    std::function<void()> on_link_down_;
    std::function<void(bool, std::string_view)> on_traffic_;
    bool in_idle_hook_ = false;
};

} // namespace hj212gw::net
