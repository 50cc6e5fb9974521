#include "hj212gw/storage/delivery_queue.hpp"

namespace hj212gw::storage {
namespace {

constexpr std::int64_t state_value(DeliveryState s) noexcept {
    return static_cast<std::int64_t>(s);
}

} // namespace

StoreResult<std::int64_t> find_upstream(Database& db, std::string_view name) {
    auto st = db.cached("SELECT id FROM upstreams WHERE name = ?1");
    if (!st) return hj212::fail(st.error());
    Statement& s = **st;
    StatementReset guard(s);
    s.bind(1, name);
    auto row = s.step();
    if (!row) return hj212::fail(row.error());
    if (!*row) return store_fail(StoreErrc::unknown_upstream, "no upstream " + std::string(name));
    return s.column_int64(0);
}

StoreResult<std::int64_t> ensure_upstream(Database& db, std::string_view name,
                                          std::int64_t now_ms) {
    if (name.empty()) return store_fail(StoreErrc::invalid_argument, "empty upstream name");
    auto st = db.cached("INSERT INTO upstreams(name, created_ms) VALUES(?1, ?2) "
                        "ON CONFLICT(name) DO NOTHING");
    if (!st) return hj212::fail(st.error());
    if (auto r = (*st)->bind(1, name).bind(2, now_ms).run(); !r) return hj212::fail(r.error());
    return find_upstream(db, name);
}

StoreResult<std::vector<QueuedPacket>> next_pending(Database& db, std::string_view upstream,
                                                    std::size_t limit, PacketId after_id) {
    auto id = find_upstream(db, upstream);
    if (!id) return hj212::fail(id.error());
    auto st = db.cached("SELECT p.id, p.mn, p.cn, p.qn, p.raw, d.attempts FROM deliveries d "
                        "JOIN packets p ON p.id = d.packet_id "
                        "WHERE d.upstream_id = ?1 AND d.state = 0 AND d.packet_id > ?3 "
                        "ORDER BY d.packet_id LIMIT ?2");
    if (!st) return hj212::fail(st.error());
    Statement& s = **st;
    StatementReset guard(s);
    s.bind(1, *id).bind(2, static_cast<std::int64_t>(limit)).bind(3, after_id);
    std::vector<QueuedPacket> out;
    out.reserve(limit < 1024 ? limit : 1024);
    for (;;) {
        auto row = s.step();
        if (!row) return hj212::fail(row.error());
        if (!*row) break;
        out.push_back(QueuedPacket{s.column_int64(0), std::string(s.column_text(1)),
                                   std::string(s.column_text(2)), std::string(s.column_text(3)),
                                   std::string(s.column_text(4)), s.column_int64(5)});
    }
    return out;
}

Status mark_in_flight(Database& db, std::int64_t upstream_id, std::span<const PacketId> ids,
                      std::int64_t now_ms) {
    auto st = db.cached("UPDATE deliveries SET state = 1, attempts = attempts + 1, "
                        "last_attempt_ms = ?3 WHERE packet_id = ?1 AND upstream_id = ?2 "
                        "AND state < 2");
    if (!st) return hj212::fail(st.error());
    for (PacketId id : ids) {
        if (auto r = (*st)->bind(1, id).bind(2, upstream_id).bind(3, now_ms).run(); !r) return r;
    }
    return {};
}

Status mark_acked(Database& db, std::int64_t upstream_id, PacketId id, std::int64_t now_ms) {
    auto st = db.cached("UPDATE deliveries SET state = 2, acked_ms = ?3 "
                        "WHERE packet_id = ?1 AND upstream_id = ?2 AND state < 2");
    if (!st) return hj212::fail(st.error());
    if (auto r = (*st)->bind(1, id).bind(2, upstream_id).bind(3, now_ms).run(); !r) return r;
    if (db.changes() == 0)
        return store_fail(StoreErrc::not_found,
                          "no open delivery for packet " + std::to_string(id));
    return {};
}

StoreResult<PacketId> mark_acked_by_qn(Database& db, std::int64_t upstream_id, std::string_view qn,
                                       std::int64_t now_ms) {
    auto find =
        db.cached("SELECT d.packet_id FROM deliveries d JOIN packets p ON p.id = d.packet_id "
                  "WHERE d.upstream_id = ?1 AND d.state = 1 AND p.qn = ?2 "
                  "ORDER BY d.packet_id LIMIT 1");
    if (!find) return hj212::fail(find.error());
    PacketId id = 0;
    {
        Statement& s = **find;
        StatementReset guard(s);
        s.bind(1, upstream_id).bind(2, qn);
        auto row = s.step();
        if (!row) return hj212::fail(row.error());
        if (!*row)
            return store_fail(StoreErrc::not_found,
                              "no packet in flight with QN " + std::string(qn));
        id = s.column_int64(0);
    }
    if (auto r = mark_acked(db, upstream_id, id, now_ms); !r) return hj212::fail(r.error());
    return id;
}

StoreResult<std::int64_t> requeue_in_flight(Database& db, std::optional<std::int64_t> upstream_id) {
    auto st = db.cached("UPDATE deliveries SET state = 0 WHERE state = 1 "
                        "AND (?1 IS NULL OR upstream_id = ?1)");
    if (!st) return hj212::fail(st.error());
    if (auto r = (*st)->bind(1, upstream_id).run(); !r) return hj212::fail(r.error());
    return std::int64_t{db.changes()};
}

StoreResult<QueueStats> queue_stats(Database& db, std::string_view upstream) {
    auto id = find_upstream(db, upstream);
    if (!id) return hj212::fail(id.error());
    auto st = db.cached("SELECT state, count(*), min(packet_id) FROM deliveries "
                        "WHERE upstream_id = ?1 GROUP BY state");
    if (!st) return hj212::fail(st.error());
    Statement& s = **st;
    StatementReset guard(s);
    s.bind(1, *id);
    QueueStats out;
    for (;;) {
        auto row = s.step();
        if (!row) return hj212::fail(row.error());
        if (!*row) break;
        const auto state = s.column_int64(0);
        const auto count = s.column_int64(1);
        const auto oldest = s.column_int64(2);
        if (state == state_value(DeliveryState::pending)) out.pending = count;
        if (state == state_value(DeliveryState::in_flight)) out.in_flight = count;
        if (state == state_value(DeliveryState::acked)) out.acked = count;
        if (state != state_value(DeliveryState::acked) &&
            (!out.oldest_open || oldest < *out.oldest_open))
            out.oldest_open = oldest;
    }
    return out;
}

} // namespace hj212gw::storage
