#include "hj212gw/storage/runtime_params.hpp"

namespace hj212gw::storage {

Status set_param(Database& db, std::string_view scope, std::string_view key, std::string_view value,
                 std::int64_t now_ms) {
    auto st = db.cached("INSERT INTO params(scope, key, value, updated_ms) VALUES(?1, ?2, ?3, ?4) "
                        "ON CONFLICT(scope, key) DO UPDATE SET value = excluded.value, "
                        "updated_ms = excluded.updated_ms");
    if (!st) return hj212::fail(st.error());
    return (*st)->bind(1, scope).bind(2, key).bind(3, value).bind(4, now_ms).run();
}

StoreResult<std::optional<std::string>> get_param(Database& db, std::string_view scope,
                                                  std::string_view key) {
    auto st = db.cached("SELECT value FROM params WHERE scope = ?1 AND key = ?2");
    if (!st) return hj212::fail(st.error());
    Statement& s = **st;
    StatementReset guard(s);
    s.bind(1, scope).bind(2, key);
    auto row = s.step();
    if (!row) return hj212::fail(row.error());
    if (!*row) return std::optional<std::string>{};
    return std::optional<std::string>{std::string(s.column_text(0))};
}

StoreResult<ParamList> params_in_scope(Database& db, std::string_view scope) {
    auto st = db.cached("SELECT key, value FROM params WHERE scope = ?1 ORDER BY key");
    if (!st) return hj212::fail(st.error());
    Statement& s = **st;
    StatementReset guard(s);
    s.bind(1, scope);
    ParamList out;
    for (;;) {
        auto row = s.step();
        if (!row) return hj212::fail(row.error());
        if (!*row) break;
        out.emplace_back(std::string(s.column_text(0)), std::string(s.column_text(1)));
    }
    return out;
}

} // namespace hj212gw::storage
