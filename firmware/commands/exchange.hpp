#pragma once
// What handling one platform command produces. Either an Exchange: the segments to send to the
// platform, pulled one at a time so that a history upload of a month never sits in memory at
// once; or a RouteToDevice: the request belongs to a device behind the gateway and goes to its
// live connection.
#include "hj212/packet.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace hj212gw::commands {

/// One data segment for the platform (frame it with hj212::frame_segment / append_frame).
struct Outgoing {
    std::string segment;
    std::string qn; ///< this segment's QN: what the platform's reply to it carries
    /// Send nothing more of this exchange until the platform answers with `ack_cn` and this QN.
    /// The caller resends after OverTime, up to ReCount times, then gives the exchange up.
    bool await_ack = false;
    std::uint16_t ack_cn = 9014; ///< 9014 for data uploads, 9013 for the 9015 heartbeat

    /// Encodes a packet; await_ack follows its Flag A bit.
    static Outgoing of(const hj212::Packet& packet, std::uint16_t ack_cn = 9014);
};

/// Makes segments lazily (history pages).
class SegmentSource {
public:
    virtual ~SegmentSource() = default;
    virtual std::optional<Outgoing> next() = 0;
};

class Exchange {
public:
    Exchange() = default; ///< nothing to send (e.g. a 9013/9014 passed in by mistake)
    explicit Exchange(std::vector<Outgoing> segments) : fixed_(std::move(segments)) {}
    explicit Exchange(std::unique_ptr<SegmentSource> source) : source_(std::move(source)) {}

    /// The next segment to send, in order; nullopt when the exchange is complete.
    std::optional<Outgoing> next();

private:
    std::vector<Outgoing> fixed_;
    std::size_t sent_ = 0;
    std::unique_ptr<SegmentSource> source_;
};

/// Send `segment` (the platform's request, byte for byte) to the device `mn` and relay what the
/// device answers with this QN (9011, uploads, 9012) back to the platform unchanged; relay the
/// platform's 9014 for those uploads to the device.
struct RouteToDevice {
    std::string mn;
    std::string qn;
    std::string cn;
    std::string segment;
};

using Outcome = std::variant<Exchange, RouteToDevice>;

} // namespace hj212gw::commands
