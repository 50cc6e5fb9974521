#include "rates/store_reader.hpp"

#include "hj212/codes.hpp"
#include "hj212/version.hpp"
#include "hj212gw/storage/database.hpp"

#include <system_error>

namespace hj212gw::rates {
namespace {

using storage::Database;
using storage::store_fail;
using storage::StoreErrc;

std::uint8_t version_bits(std::string_view version) {
    if (version == "2005") return hj212::kVersion2005;
    if (version == "2025") return hj212::kVersion2025;
    return hj212::kVersion2017;
}

/// The upstream's id, or an error naming the configured upstreams.
storage::StoreResult<std::int64_t> upstream_id(Database& db, const std::string& name) {
    auto st = db.prepare("SELECT id, name FROM upstreams ORDER BY name");
    if (!st) return hj212::fail(st.error());
    std::string known;
    for (;;) {
        auto row = st->step();
        if (!row) return hj212::fail(row.error());
        if (!*row) break;
        if (st->column_text(1) == name) return st->column_int64(0);
        known += (known.empty() ? "" : ", ") + std::string(st->column_text(1));
    }
    return store_fail(StoreErrc::unknown_upstream,
                      "unknown upstream '" + name +
                          "' (known: " + (known.empty() ? std::string("none") : known) + ")");
}

} // namespace

bool flag_counts_as_valid(std::string_view flag, std::string_view version) {
    if (flag.empty()) return true;
    if (flag.size() != 1) return false;
    const auto* info = hj212::find_data_flag(flag[0], version_bits(version));
    return info != nullptr && info->valid;
}

storage::StoreResult<std::vector<HourObservation>>
load_hourly_observations(const std::filesystem::path& db_file, const ObservationQuery& q) {
    // SQLite would report a missing file as "unable to open"; say what is really wrong.
    std::error_code ec;
    if (!std::filesystem::is_regular_file(db_file, ec))
        return store_fail(StoreErrc::not_found, "no gateway database at " + db_file.string());
    auto opened = Database::open(db_file, Database::Mode::read_only);
    if (!opened) return hj212::fail(opened.error());
    Database& db = *opened;
    // The daemon may be committing: wait briefly for a lock rather than fail.
    if (auto st = db.exec("PRAGMA busy_timeout = 5000; PRAGMA query_only = 1"); !st)
        return hj212::fail(st.error());

    std::int64_t upstream = -1;
    if (!q.upstream.empty()) {
        auto id = upstream_id(db, q.upstream);
        if (!id) return hj212::fail(id.error());
        upstream = *id;
    }

    // With an MN the packets_by_mn_cn_time index answers the range directly. Only acked
    // deliveries (state 2) count for an upstream; ?5 = -1 never matches an upstream id.
    const std::string sql =
        std::string("SELECT p.mn, s.factor, p.data_time_ms, s.flag, p.version, p.received_ms, "
                    "d.acked_ms, s.valid "
                    "FROM packets p JOIN samples s ON s.packet_id = p.id "
                    "LEFT JOIN deliveries d ON d.packet_id = p.id AND d.upstream_id = ?4 "
                    "AND d.state = 2 "
                    "WHERE p.cn = '2061' AND s.suffix = 'Avg' "
                    "AND p.data_time_ms BETWEEN ?1 AND ?2 ") +
        (q.mn.empty() ? "AND ?3 = '' " : "AND p.mn = ?3 ") +
        "ORDER BY p.mn, s.factor, p.data_time_ms, p.id";
    auto st = db.prepare(sql);
    if (!st) return hj212::fail(st.error());
    st->bind(1, q.begin_ms).bind(2, q.end_ms).bind(3, std::string_view(q.mn)).bind(4, upstream);

    std::vector<HourObservation> out;
    for (;;) {
        auto row = st->step();
        if (!row) return hj212::fail(row.error());
        if (!*row) break;
        HourObservation o;
        o.mn = std::string(st->column_text(0));
        o.factor = std::string(st->column_text(1));
        o.hour_ms = st->column_int64(2);
        // The stored verdict decides; rows written before verdicts were kept (NULL) fall
        // back to the flag.
        o.valid = st->column_is_null(7)
                      ? flag_counts_as_valid(st->column_text(3), st->column_text(4))
                      : st->column_int64(7) != 0;
        o.received_ms = st->column_int64(5);
        if (!q.upstream.empty()) {
            UpstreamAck ack{q.upstream, std::nullopt};
            if (!st->column_is_null(6)) ack.acked_ms = st->column_int64(6);
            o.acks.push_back(std::move(ack));
        }
        out.push_back(std::move(o));
    }
    return out;
}

} // namespace hj212gw::rates
