#include "hj212gw/storage/packet_writer.hpp"

namespace hj212gw::storage {

StoreResult<PacketId> insert_packet(Database& db, const PacketRecord& r,
                                    std::span<const std::int64_t> upstream_ids) {
    auto packet = db.cached(
        "INSERT INTO packets(received_ms, data_time_ms, mn, st, cn, qn, flag, version, listener, "
        "port, peer, parse_ok, n_values, n_abnormal, raw, backfill) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
    if (!packet) return hj212::fail(packet.error());
    Statement& p = **packet;
    p.bind(1, r.received_ms)
        .bind(2, r.data_time_ms)
        .bind_text_or_null(3, r.mn)
        .bind_text_or_null(4, r.st)
        .bind_text_or_null(5, r.cn)
        .bind_text_or_null(6, r.qn);
    if (r.flag)
        p.bind(7, static_cast<std::int64_t>(*r.flag));
    else
        p.bind_null(7);
    p.bind(8, r.version)
        .bind(9, r.source.listener)
        .bind(10, std::int64_t{r.source.port})
        .bind(11, r.source.peer)
        .bind(12, std::int64_t{r.parse_ok ? 1 : 0})
        .bind(13, static_cast<std::int64_t>(r.samples.size()))
        .bind(14, r.abnormal)
        .bind(15, r.raw)
        .bind(16, std::int64_t{r.backfill ? 1 : 0});
    if (auto st = p.run(); !st) return hj212::fail(st.error());
    const PacketId id = db.last_insert_rowid();

    if (!r.samples.empty()) {
        auto sample = db.cached(
            "INSERT INTO samples(packet_id, seq, factor, suffix, value, flag, valid, reason) "
            "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        if (!sample) return hj212::fail(sample.error());
        Statement& s = **sample;
        std::int64_t seq = 0;
        for (const auto& v : r.samples) {
            s.bind(1, id)
                .bind(2, seq++)
                .bind(3, v.factor)
                .bind(4, v.suffix)
                .bind(5, v.value)
                .bind_text_or_null(6, v.flag);
            if (v.valid)
                s.bind(7, std::int64_t{*v.valid ? 1 : 0});
            else
                s.bind_null(7);
            s.bind_text_or_null(8, v.reason);
            if (auto st = s.run(); !st) return hj212::fail(st.error());
        }
    }

    auto delivery =
        db.cached("INSERT INTO deliveries(packet_id, upstream_id, state) VALUES(?1, ?2, 0)");
    if (!delivery) return hj212::fail(delivery.error());
    for (auto upstream : upstream_ids) {
        if (auto st = (*delivery)->bind(1, id).bind(2, upstream).run(); !st)
            return hj212::fail(st.error());
    }
    return id;
}

} // namespace hj212gw::storage
