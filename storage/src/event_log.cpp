#include "hj212gw/storage/event_log.hpp"

namespace hj212gw::storage {

Status append_event(Database& db, std::int64_t time_ms, std::string_view kind,
                    std::string_view detail) {
    auto st = db.cached("INSERT INTO events(time_ms, kind, detail) VALUES(?1, ?2, ?3)");
    if (!st) return hj212::fail(st.error());
    return (*st)->bind(1, time_ms).bind(2, kind).bind(3, detail).run();
}

StoreResult<std::vector<Event>> recent_events(Database& db, std::size_t limit,
                                              std::string_view kind) {
    auto st = db.cached("SELECT id, time_ms, kind, detail FROM events "
                        "WHERE ?1 = '' OR kind = ?1 ORDER BY id DESC LIMIT ?2");
    if (!st) return hj212::fail(st.error());
    Statement& s = **st;
    StatementReset guard(s);
    s.bind(1, kind).bind(2, static_cast<std::int64_t>(limit));
    std::vector<Event> out;
    for (;;) {
        auto row = s.step();
        if (!row) return hj212::fail(row.error());
        if (!*row) break;
        out.push_back(Event{s.column_int64(0), s.column_int64(1), std::string(s.column_text(2)),
                            std::string(s.column_text(3))});
    }
    return out;
}

Status add_to_counter(Database& db, std::string_view name, std::int64_t delta) {
    auto st = db.cached("INSERT INTO counters(name, value) VALUES(?1, ?2) "
                        "ON CONFLICT(name) DO UPDATE SET value = value + excluded.value");
    if (!st) return hj212::fail(st.error());
    return (*st)->bind(1, name).bind(2, delta).run();
}

StoreResult<std::int64_t> read_counter(Database& db, std::string_view name) {
    auto st = db.cached("SELECT value FROM counters WHERE name = ?1");
    if (!st) return hj212::fail(st.error());
    Statement& s = **st;
    StatementReset guard(s);
    s.bind(1, name);
    auto row = s.step();
    if (!row) return hj212::fail(row.error());
    return *row ? s.column_int64(0) : std::int64_t{0};
}

} // namespace hj212gw::storage
