#include "hj212gw/storage/history_query.hpp"

namespace hj212gw::storage {
namespace {

constexpr std::string_view kPacketColumns =
    "id, received_ms, data_time_ms, mn, st, cn, qn, flag, version, listener, port, peer, "
    "parse_ok, backfill, n_values, n_abnormal, raw";

StoredPacket read_packet(const Statement& s) {
    StoredPacket p;
    p.id = s.column_int64(0);
    p.received_ms = s.column_int64(1);
    if (!s.column_is_null(2)) p.data_time_ms = s.column_int64(2);
    p.mn = s.column_text(3);
    p.st = s.column_text(4);
    p.cn = s.column_text(5);
    p.qn = s.column_text(6);
    if (!s.column_is_null(7)) p.flag = static_cast<unsigned>(s.column_int64(7));
    p.version = s.column_text(8);
    p.source.listener = s.column_text(9);
    p.source.port = static_cast<std::uint16_t>(s.column_int64(10));
    p.source.peer = s.column_text(11);
    p.parse_ok = s.column_int64(12) != 0;
    p.backfill = s.column_int64(13) != 0;
    p.n_values = s.column_int64(14);
    p.n_abnormal = s.column_int64(15);
    p.raw = s.column_text(16);
    return p;
}

} // namespace

StoreResult<std::vector<StoredPacket>> history(Database& db, const HistoryRequest& r) {
    static const std::string sql = "SELECT " + std::string(kPacketColumns) +
                                   " FROM packets WHERE mn = ?1 AND cn = ?2 AND data_time_ms "
                                   "BETWEEN ?3 AND ?4 AND (?6 IS NULL OR data_time_ms > ?6 OR "
                                   "(data_time_ms = ?6 AND id > ?7)) "
                                   "ORDER BY data_time_ms, id LIMIT ?5";
    auto st = db.cached(sql);
    if (!st) return hj212::fail(st.error());
    Statement& s = **st;
    StatementReset guard(s);
    s.bind(1, r.mn)
        .bind(2, r.cn)
        .bind(3, r.begin_ms)
        .bind(4, r.end_ms)
        .bind(5, static_cast<std::int64_t>(r.limit))
        .bind(6, r.after_data_time_ms)
        .bind(7, r.after_id);
    std::vector<StoredPacket> out;
    for (;;) {
        auto row = s.step();
        if (!row) return hj212::fail(row.error());
        if (!*row) break;
        out.push_back(read_packet(s));
    }
    return out;
}

StoreResult<std::optional<StoredPacket>> packet_by_id(Database& db, PacketId id) {
    static const std::string sql =
        "SELECT " + std::string(kPacketColumns) + " FROM packets WHERE id = ?1";
    auto st = db.cached(sql);
    if (!st) return hj212::fail(st.error());
    Statement& s = **st;
    StatementReset guard(s);
    s.bind(1, id);
    auto row = s.step();
    if (!row) return hj212::fail(row.error());
    if (!*row) return std::optional<StoredPacket>{};
    return std::optional<StoredPacket>{read_packet(s)};
}

StoreResult<std::vector<StoredSample>> samples(Database& db, const SampleRequest& r) {
    auto st = db.cached("SELECT s.packet_id, s.factor, s.suffix, s.value, s.flag, p.data_time_ms, "
                        "s.valid, s.reason FROM packets p JOIN samples s ON s.packet_id = p.id "
                        "WHERE p.mn = ?1 AND p.cn = ?2 AND p.data_time_ms BETWEEN ?3 AND ?4 "
                        "AND (?5 = '' OR s.factor = ?5) AND (?6 = '' OR s.suffix = ?6) "
                        "ORDER BY p.data_time_ms, s.factor, s.packet_id, s.seq LIMIT ?7");
    if (!st) return hj212::fail(st.error());
    Statement& s = **st;
    StatementReset guard(s);
    s.bind(1, r.mn)
        .bind(2, r.cn)
        .bind(3, r.begin_ms)
        .bind(4, r.end_ms)
        .bind(5, r.factor)
        .bind(6, r.suffix);
    s.bind(7, static_cast<std::int64_t>(r.limit));
    std::vector<StoredSample> out;
    for (;;) {
        auto row = s.step();
        if (!row) return hj212::fail(row.error());
        if (!*row) break;
        StoredSample v;
        v.packet_id = s.column_int64(0);
        v.factor = std::string(s.column_text(1));
        v.suffix = std::string(s.column_text(2));
        v.value = s.column_double(3);
        v.flag = std::string(s.column_text(4));
        v.data_time_ms = s.column_int64(5);
        if (!s.column_is_null(6)) v.valid = s.column_int64(6) != 0;
        v.reason = std::string(s.column_text(7));
        out.push_back(std::move(v));
    }
    return out;
}

StoreResult<std::vector<DailyCount>> daily_counts(Database& db, std::string_view mn,
                                                  std::string_view cn, std::string_view suffix,
                                                  std::int64_t begin_ms, std::int64_t end_ms) {
    // Site-local epoch ms, so integer division by a day gives the local calendar day.
    auto st = db.cached(
        "SELECT (p.data_time_ms / 86400000) * 86400000 AS day, s.factor, "
        "count(DISTINCT p.data_time_ms), "
        "count(DISTINCT CASE WHEN s.flag IS NULL OR s.flag = 'N' THEN p.data_time_ms END) "
        "FROM packets p JOIN samples s ON s.packet_id = p.id "
        "WHERE p.mn = ?1 AND p.cn = ?2 AND p.data_time_ms BETWEEN ?3 AND ?4 AND s.suffix = ?5 "
        "GROUP BY day, s.factor ORDER BY day, s.factor");
    if (!st) return hj212::fail(st.error());
    Statement& s = **st;
    StatementReset guard(s);
    s.bind(1, mn).bind(2, cn).bind(3, begin_ms).bind(4, end_ms).bind(5, suffix);
    std::vector<DailyCount> out;
    for (;;) {
        auto row = s.step();
        if (!row) return hj212::fail(row.error());
        if (!*row) break;
        out.push_back(DailyCount{s.column_int64(0), std::string(s.column_text(1)),
                                 s.column_int64(2), s.column_int64(3)});
    }
    return out;
}

} // namespace hj212gw::storage
