#pragma once
// UpstreamLink: the forwarding state machine of one platform link, without sockets or timers.
// The I/O layer feeds it events (connected, bytes written, 9014 received, time passing, packets
// read from the store) and carries out the actions it emits (connect, send, mark in the store,
// disconnect). Nothing leaves the store's queue until the platform acknowledged it: a packet
// that asks for a reply waits for 9014 with its QN; after OverTime it is sent again, up to
// ReCount times; then the link is treated as down and reconnected. Nothing is ever dropped.
#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <random>
#include <string>
#include <variant>
#include <vector>

namespace hj212gw::upstream {

using Millis = std::chrono::milliseconds; ///< monotonic time, any epoch

struct LinkSettings {
    std::size_t window = 1;         ///< packets in flight at once (1: the standard's stop-and-wait)
    Millis over_time{10'000};       ///< OverTime: wait for 9014 this long before resending
    int re_count = 3;               ///< ReCount: resends before the link counts as down
    Millis backoff_initial{1'000};  ///< first reconnect delay
    Millis backoff_max{60'000};     ///< reconnect delays double up to this
    double jitter = 0.2;            ///< +/- fraction applied to each delay
    std::size_t fetch_batch = 64;   ///< packets read from the store at a time
    Millis connect_timeout{10'000}; ///< a connect attempt that takes longer has failed
};

/// A packet from the store's queue for this upstream, ready to go (already rewritten).
struct OutgoingPacket {
    std::int64_t id = 0;    ///< store id (0 for the gateway's own traffic: replies, heartbeats)
    std::string segment;    ///< data segment, framed by the link
    std::string qn;         ///< QN the platform's 9014 will carry
    bool await_ack = false; ///< the segment's Flag asks for a reply
};

// Actions for the I/O layer.
struct Connect {};
struct Send {
    std::string frame;             ///< bytes to write, in order with earlier sends
    std::vector<std::int64_t> ids; ///< store ids in this write (empty for gateway traffic)
    bool resend = false;
};
struct MarkInFlight {
    std::vector<std::int64_t> ids;
};
struct MarkAcked {
    std::int64_t id;
};
struct RequeueInFlight {};
struct Disconnect {
    std::string reason;
};
struct Fetch {
    std::int64_t after_id; ///< read pending packets with a larger id
    std::size_t limit;
};
using Action =
    std::variant<Connect, Send, MarkInFlight, MarkAcked, RequeueInFlight, Disconnect, Fetch>;

enum class LinkState : std::uint8_t { disconnected, connecting, connected };
std::string_view to_string(LinkState s) noexcept;

struct LinkStats {
    std::uint64_t sent = 0;
    std::uint64_t resent = 0;
    std::uint64_t acked = 0;
    std::uint64_t timeouts = 0; ///< resend rounds exhausted -> link down
    std::uint64_t connects = 0; ///< successful connections
    std::uint64_t connect_failures = 0;
    std::uint64_t unexpected_acks = 0;
    std::optional<Millis> last_rtt;
    std::optional<Millis> smoothed_rtt;
};

class UpstreamLink {
public:
    UpstreamLink(LinkSettings settings, std::uint32_t seed);

    // --- events -----------------------------------------------------------------------------
    void start(Millis now); ///< begin connecting
    void on_connected(Millis now);
    void on_connect_failed(Millis now);
    void on_disconnected(Millis now);                      ///< peer closed, read/write error
    void on_written(const std::vector<std::int64_t>& ids); ///< a Send's bytes were written
    void on_fetched(std::vector<OutgoingPacket> packets);  ///< answer to a Fetch
    void on_new_data();                                    ///< the store holds new packets
    /// 9014 from the platform; false when no in-flight segment has this QN.
    bool on_ack(std::string_view qn, Millis now);
    void on_tick(Millis now); ///< call at least every ~100 ms
    /// The gateway's own traffic (replies, history uploads, heartbeats): sent ahead of queued
    /// data, in order; a segment with await_ack holds the ones after it until its 9014.
    void send_control(OutgoingPacket packet, Millis now);
    void set_settings(const LinkSettings& s) { settings_ = s; }

    /// The next action to carry out, or nullopt.
    std::optional<Action> poll();

    LinkState state() const noexcept { return state_; }
    const LinkStats& stats() const noexcept { return stats_; }
    std::size_t in_flight() const noexcept { return in_flight_.size(); }
    std::size_t buffered() const noexcept { return pending_.size(); }
    /// Control traffic still queued or waiting for its 9014.
    bool control_idle() const noexcept { return control_.empty(); }
    Millis next_connect_at() const noexcept { return next_connect_at_; }
    const LinkSettings& settings() const noexcept { return settings_; }

private:
    struct Flight {
        OutgoingPacket packet;
        Millis sent_at{};
        int resends = 0;
        bool sent = false;    // handed to the I/O layer at least once
        bool written = false; // the I/O layer reported the bytes written
    };
    void pump(Millis now);
    bool pump_control(Millis now); ///< true when no control segment is waiting for its 9014
    void send(Flight& f, Millis now, bool resend);
    void link_down(Millis now, std::string reason);
    void maybe_fetch();
    Millis next_backoff();

    LinkSettings settings_;
    std::minstd_rand rng_;
    LinkState state_ = LinkState::disconnected;
    bool started_ = false;
    Millis next_connect_at_{0};
    Millis connect_started_{0};
    Millis backoff_{0};

    std::deque<OutgoingPacket> pending_; // fetched from the store, not yet sent
    std::deque<Flight> in_flight_;       // sent, waiting for 9014 or for the write
    std::deque<Flight> control_;         // gateway traffic; front may be in flight
    std::int64_t highest_fetched_ = 0;
    bool fetch_outstanding_ = false;
    bool more_in_store_ = true;

    std::deque<Action> actions_;
    LinkStats stats_;
};

} // namespace hj212gw::upstream
