#pragma once
// One delivery queue per upstream platform, as rows of `deliveries`: pending -> in flight ->
// acked (with ack time), attempts counted, arrival (id) order. Nothing here ever drops an
// undelivered packet: a retry limit only ever means "link down", never "discard".
#include "hj212gw/storage/database.hpp"
#include "hj212gw/storage/packet_record.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace hj212gw::storage {

enum class DeliveryState : std::uint8_t { pending = 0, in_flight = 1, acked = 2 };

struct QueuedPacket {
    PacketId id = 0;
    std::string mn, cn, qn;
    std::string raw; ///< the data segment to send
    std::int64_t attempts = 0;
};

struct QueueStats {
    std::int64_t pending = 0;
    std::int64_t in_flight = 0;
    std::int64_t acked = 0;
    std::optional<PacketId> oldest_open; ///< oldest pending or in-flight id
};

/// The upstream's row id, or unknown_upstream.
StoreResult<std::int64_t> find_upstream(Database& db, std::string_view name);
/// Creates the upstream if needed; returns its row id.
StoreResult<std::int64_t> ensure_upstream(Database& db, std::string_view name, std::int64_t now_ms);

/// The oldest `limit` pending packets for this upstream with an id above `after_id`, in
/// arrival order (a sender that already holds some asks for what comes after them).
StoreResult<std::vector<QueuedPacket>> next_pending(Database& db, std::string_view upstream,
                                                    std::size_t limit, PacketId after_id = 0);
/// Marks packets as sent (pending or already in flight): attempts + 1. Unknown or acked ids
/// are ignored (a late resend after an ack must not reopen it).
Status mark_in_flight(Database& db, std::int64_t upstream_id, std::span<const PacketId> ids,
                      std::int64_t now_ms);
/// not_found when the packet has no open delivery for this upstream.
Status mark_acked(Database& db, std::int64_t upstream_id, PacketId id, std::int64_t now_ms);
/// Acks the oldest in-flight packet with this QN; returns its id, or not_found.
StoreResult<PacketId> mark_acked_by_qn(Database& db, std::int64_t upstream_id, std::string_view qn,
                                       std::int64_t now_ms);
/// In flight -> pending (link lost; or every upstream at start, upstream_id nullopt).
StoreResult<std::int64_t> requeue_in_flight(Database& db, std::optional<std::int64_t> upstream_id);
StoreResult<QueueStats> queue_stats(Database& db, std::string_view upstream);

} // namespace hj212gw::storage
