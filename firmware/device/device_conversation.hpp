#pragma once
// DeviceConversation: the gateway's side of one device connection (TCP or serial), without I/O.
// Bytes in; out come store requests, replies to write, relays and closes. A device gets its
// 9014 only after the store reported its packet durable (on_stored), never before.
#include <hj212/deframer.hpp>
#include <hj212/parser.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

namespace hj212gw::device {

using Millis = std::chrono::milliseconds;

struct DeviceRules {
    std::vector<std::string> allow_mn;      ///< empty: any MN
    std::optional<std::string> password;    ///< set: packets with another PW get QnRtn 3
    std::size_t max_segment = 4096;         ///< accepted segment length
    std::size_t max_garbage_bytes = 65'536; ///< garbage since the last good frame before closing
    Millis idle_timeout{300'000};           ///< nothing received for this long: close
};

/// Time as the gateway sees it: a monotonic clock for timeouts, the site's civil clock
/// (ms since 1970 of local time, as hj212::DateTime counts) for the packets it writes.
struct Now {
    Millis mono{0};
    std::int64_t civil_ms = 0;
};

// Actions for the I/O layer.
struct StorePacket {
    std::uint64_t token; ///< give it back to on_stored
    std::string segment;
    std::string mn;
};
struct Write {
    std::string bytes;
};
struct Close {
    std::string reason;
};
struct DeviceSeen {
    std::string mn; ///< a device MN now reachable on this connection (for control routing)
};
struct RelayToPlatform {
    std::string segment; ///< the device's answer to a control command a platform sent
    std::string qn;
};
struct Problem {
    std::string kind; ///< deframe error name, bad_segment, mn_rejected, pw_rejected, store_failed
    std::string detail;
};
using DeviceAction = std::variant<StorePacket, Write, Close, DeviceSeen, RelayToPlatform, Problem>;

struct ConversationStats {
    std::uint64_t bytes = 0;
    std::uint64_t frames = 0;
    std::uint64_t stored = 0;
    std::uint64_t acked = 0;
    std::uint64_t rejected = 0;
    std::uint64_t bad_segments = 0;
    std::uint64_t store_failures = 0;
    std::array<std::uint64_t, hj212::kDeframeErrorKinds> frame_errors{};
    std::optional<std::int64_t> last_packet_civil_ms;
};

class DeviceConversation {
public:
    explicit DeviceConversation(DeviceRules rules);

    /// The connection opened: the idle timeout counts from here.
    void on_open(Now now) { last_rx_ = now.mono; }
    void on_bytes(std::string_view bytes, Now now);
    /// The store's answer for a StorePacket: ok means durable.
    void on_stored(std::uint64_t token, bool ok);
    void on_tick(Now now);
    /// A platform's control command for a device on this connection: written to the device;
    /// the device's packets with the same QN are relayed back.
    void route_request(std::string_view segment, std::string_view qn, Now now);

    std::optional<DeviceAction> poll();

    const ConversationStats& stats() const noexcept { return stats_; }
    const std::vector<std::string>& device_mns() const noexcept { return mns_; }

private:
    struct AwaitingStore {
        bool reply_wanted;
        std::string qn, pw, mn;
        std::uint8_t version_bits;
    };
    void handle_frame(std::string_view segment, Now now);
    void reply(const hj212::Packet& packet);
    void problem(std::string kind, std::string detail);

    DeviceRules rules_;
    hj212::Deframer deframer_;
    hj212::PacketView view_;
    std::uint64_t next_token_ = 1;
    std::unordered_map<std::uint64_t, AwaitingStore> awaiting_;
    std::unordered_map<std::string, Millis> routed_qns_; // QN -> when routed
    std::vector<std::string> mns_;
    Millis last_rx_{0};
    std::size_t garbage_since_frame_ = 0;
    bool closed_ = false;
    std::deque<DeviceAction> actions_;
    ConversationStats stats_;
};

} // namespace hj212gw::device
