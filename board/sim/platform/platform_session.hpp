#pragma once
// PlatformSession: the simulated platform's side of one gateway connection, sans I/O (bytes
// in, bytes out, time passed in), so tests drive it without sockets:
//   - deframes and parses (leniently: a platform reads what gateways send) every packet and
//     records it (time, QN, MN, CN, Flag, raw segment, what was done about its ack);
//   - answers a packet whose Flag has A (bit 0) with 9014 (9013 for a notification such as
//     1013 or 9015), unless acks are off, after the ack delay, or withholds it at random
//     (drop rate), or closes the link instead (drop-link rate): the faults a gateway must
//     survive without losing data;
//   - runs the command script: each command, when due and no exchange is open, is sent with
//     a fresh QN and followed by a FlowCheck until it passes, fails or times out.
#include "sim/platform/command_script.hpp"
#include "sim/platform/flow_check.hpp"

#include <hj212/deframer.hpp>
#include <hj212/packet.hpp>

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace hj212gw::sim {

struct AckPolicy {
    bool enabled = true;                ///< --no-ack turns every 9013/9014 off
    std::chrono::milliseconds delay{0}; ///< --ack-delay
    double drop_rate = 0.0;             ///< --drop-rate: probability an ack is withheld
    double drop_link_rate = 0.0;        ///< --drop-link-rate: probability the link is closed
                                        ///< instead of acking
};

struct SessionSettings {
    AckPolicy acks;
    std::string default_mn;    ///< --mn: MN of commands without mn= ("" = first seen)
    std::string pw = "123456"; ///< PW of our requests
    std::chrono::milliseconds reply_timeout{10'000}; ///< per flow step (Table 1: 10 s on 4G)
    std::size_t max_segment = 4096;                  ///< largest segment accepted
    std::uint32_t seed = 1;                          ///< of the drop decisions, for repeatable runs
};

/// Both clocks of the simulator: monotonic for delays and timeouts, civil (the site's local
/// time, hj212::DateTime::to_epoch_ms scale) for QNs, SystemTime and history ranges.
struct SimTime {
    std::chrono::milliseconds mono{0};
    std::int64_t civil_ms = 0;
};

enum class AckAction : std::uint8_t {
    not_wanted,   ///< Flag without A
    sent,         ///< queued (after the delay, if any)
    disabled,     ///< --no-ack
    withheld,     ///< dropped by --drop-rate
    link_dropped, ///< the link was closed instead (--drop-link-rate)
};
std::string_view to_string(AckAction a) noexcept;

struct ReceivedPacket {
    std::int64_t civil_ms = 0; ///< when it arrived
    std::string peer;
    std::string qn, st, cn, mn;
    std::optional<unsigned> flag;
    std::string segment;
    AckAction ack = AckAction::not_wanted;
};

class PlatformSession {
public:
    using PacketObserver = std::function<void(const ReceivedPacket&, const hj212::PacketView&)>;
    using FlowObserver = std::function<void(const FlowResult&)>;
    using ProblemObserver = std::function<void(const std::string&)>;

    PlatformSession(SessionSettings settings, CommandScript script, SimTime start,
                    std::string peer = {});

    void on_packet(PacketObserver f) { on_packet_ = std::move(f); }
    void on_flow(FlowObserver f) { on_flow_ = std::move(f); }
    void on_problem(ProblemObserver f) { on_problem_ = std::move(f); }

    /// Bytes from the gateway.
    void receive(std::string_view bytes, SimTime now);
    /// Sends acks that are due, the next scripted command, and checks flow timeouts. Call it
    /// at least every few hundred ms.
    void tick(SimTime now);
    /// The connection is gone: the open flow fails, commands never sent are reported.
    void disconnect();

    /// Bytes to write to the gateway (moved out).
    std::string take_output();
    /// The session decided to drop the link (--drop-link-rate).
    bool close_requested() const noexcept { return close_requested_; }

    const std::vector<ReceivedPacket>& received() const noexcept { return received_; }
    /// Finished flows (passed, failed, not sent), in script order.
    const std::vector<FlowResult>& flows() const noexcept { return flows_; }
    std::size_t commands_sent() const noexcept { return commands_sent_; }
    std::uint64_t stream_errors() const noexcept { return stream_errors_; }
    std::uint64_t parse_errors() const noexcept { return parse_errors_; }
    const std::string& peer() const noexcept { return peer_; }

private:
    void handle_segment(std::string_view segment, SimTime now);
    AckAction decide_ack(const hj212::PacketView& p, SimTime now);
    void queue(std::string frame, SimTime now, std::chrono::milliseconds delay);
    void run_script(SimTime now);
    std::optional<std::string> resolve_mn(const ScriptCommand& cmd) const;
    std::string fresh_qn(std::int64_t civil_ms);
    void finish_flow();
    void problem(const std::string& text);

    SessionSettings settings_;
    CommandScript script_;
    std::size_t next_command_ = 0;
    std::optional<FlowCheck> flow_;
    std::vector<FlowResult> flows_;
    std::size_t commands_sent_ = 0;
    SimTime start_;
    std::string peer_;

    hj212::Deframer deframer_;
    hj212::PacketView view_;
    std::mt19937 rng_;
    std::uniform_real_distribution<double> coin_{0.0, 1.0};

    struct Pending {
        std::chrono::milliseconds due;
        std::string frame;
    };
    std::deque<Pending> pending_; ///< delayed acks, in due order (the delay is constant)
    std::string output_;
    bool close_requested_ = false;

    std::vector<ReceivedPacket> received_;
    std::string first_mn_, data_mn_;
    std::string st_ = "32"; ///< ST of our requests: the gateway's own, once seen
    std::int64_t last_qn_ms_ = 0;
    std::uint64_t stream_errors_ = 0, parse_errors_ = 0;

    PacketObserver on_packet_;
    FlowObserver on_flow_;
    ProblemObserver on_problem_;
};

} // namespace hj212gw::sim
