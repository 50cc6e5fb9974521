#pragma once
// Inserts one packet, its values and one pending delivery per upstream, on the writer
// connection inside the caller's transaction: a committed packet is always queued for every
// upstream configured at that moment.
#include "hj212gw/storage/database.hpp"
#include "hj212gw/storage/packet_record.hpp"

#include <cstdint>
#include <span>

namespace hj212gw::storage {

StoreResult<PacketId> insert_packet(Database& db, const PacketRecord& record,
                                    std::span<const std::int64_t> upstream_ids);

} // namespace hj212gw::storage
