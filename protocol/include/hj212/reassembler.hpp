#pragma once
// Reassembler: joins the PNUM/PNO parts of a split packet back into one packet. Parts belong
// together when they share MN, CN and PNUM (QNs may differ: Appendix C.49 gives each part its
// own). Bounded in slots and bytes; incomplete packets expire after a timeout. Time is passed in.
#include "hj212/packet.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hj212 {

struct ReassemblerLimits {
    std::size_t max_pending = 32;              ///< packets being assembled at once
    std::size_t max_bytes = 256 * 1024;        ///< segment bytes held across all of them
    std::uint32_t max_parts = 1000;            ///< larger PNUM is refused
    std::chrono::milliseconds timeout{60'000}; ///< an incomplete packet is dropped after this
};

struct ReassemblerStats {
    std::uint64_t parts = 0;      ///< parts accepted
    std::uint64_t completed = 0;  ///< packets reassembled
    std::uint64_t duplicates = 0; ///< a PNO already held (the newer replaces it)
    std::uint64_t refused = 0;    ///< missing/invalid PNUM/PNO, too many parts, too big
    std::uint64_t expired = 0;    ///< incomplete packets dropped by timeout
    std::uint64_t evicted = 0;    ///< incomplete packets dropped to make room
};

class Reassembler {
public:
    using Clock = std::chrono::milliseconds; ///< monotonic time, any epoch

    enum class Status : std::uint8_t { incomplete, complete, duplicate, refused };
    struct AddResult {
        Status status;
        std::optional<Packet> packet; ///< the whole packet when status == complete
    };

    explicit Reassembler(ReassemblerLimits limits = {});

    /// Adds one part (a packet with PNUM and PNO). The merged packet carries the header of part
    /// 1 without PNUM/PNO and without the D bit, the shared leading groups once, then every
    /// part's own groups in PNO order.
    AddResult add(const PacketView& part, Clock now);

    /// Drops incomplete packets older than the timeout; returns how many.
    std::size_t expire(Clock now);

    std::size_t pending() const noexcept { return slots_.size(); }
    std::size_t bytes_held() const noexcept { return bytes_; }
    const ReassemblerStats& stats() const noexcept { return stats_; }

private:
    struct Slot {
        std::string mn, cn;
        std::uint32_t pnum = 0;
        Clock started{};
        std::vector<std::optional<Packet>> parts;
        std::vector<std::size_t> sizes;
        std::uint32_t have = 0;
    };
    void drop(std::size_t index);
    Packet merge(Slot& slot) const;

    ReassemblerLimits limits_;
    std::vector<Slot> slots_;
    std::size_t bytes_ = 0;
    ReassemblerStats stats_;
};

} // namespace hj212
