#include "hj212gw/storage/retention.hpp"

#include "hj212gw/storage/event_log.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <string>
#include <vector>

namespace hj212gw::storage {
namespace {

enum class Rule : std::uint8_t { age, size, hard };

// Oldest packets that the rule may evict. "Delivered" = no open delivery for any upstream.
constexpr std::string_view kDeliveredByAge =
    "SELECT id, 0 FROM packets p WHERE received_ms < ?1 AND NOT EXISTS (SELECT 1 FROM deliveries d "
    "WHERE d.packet_id = p.id AND d.state < 2) ORDER BY id LIMIT ?2";
constexpr std::string_view kDelivered =
    "SELECT id, 0 FROM packets p WHERE ?1 = ?1 AND NOT EXISTS (SELECT 1 FROM deliveries d "
    "WHERE d.packet_id = p.id AND d.state < 2) ORDER BY id LIMIT ?2";
constexpr std::string_view kAny =
    "SELECT id, EXISTS (SELECT 1 FROM deliveries d WHERE d.packet_id = p.id AND d.state < 2) "
    "FROM packets p WHERE ?1 = ?1 ORDER BY id LIMIT ?2";

struct Chunk {
    std::vector<std::int64_t> ids;
    std::int64_t undelivered = 0;
};

StoreResult<Chunk> select_chunk(Database& db, Rule rule, std::int64_t cutoff, std::int64_t limit) {
    const auto sql = rule == Rule::age ? kDeliveredByAge : rule == Rule::size ? kDelivered : kAny;
    auto st = db.cached(sql);
    if (!st) return hj212::fail(st.error());
    Statement& s = **st;
    StatementReset guard(s);
    s.bind(1, cutoff).bind(2, limit);
    Chunk out;
    for (;;) {
        auto row = s.step();
        if (!row) return hj212::fail(row.error());
        if (!*row) break;
        out.ids.push_back(s.column_int64(0));
        out.undelivered += s.column_int64(1);
    }
    return out;
}

Status delete_packet(Database& db, std::int64_t id) {
    for (auto sql :
         {"DELETE FROM samples WHERE packet_id = ?1", "DELETE FROM deliveries WHERE packet_id = ?1",
          "DELETE FROM packets WHERE id = ?1"}) {
        auto st = db.cached(sql);
        if (!st) return hj212::fail(st.error());
        if (auto r = (*st)->bind(1, id).run(); !r) return r;
    }
    return {};
}

std::string_view rule_name(Rule r) {
    switch (r) {
    case Rule::age:
        return "age";
    case Rule::size:
        return "budget";
    case Rule::hard:
        return "hard limit";
    }
    return "?";
}

/// Evicts one chunk in its own transaction; returns how many packets went.
StoreResult<Chunk> evict_chunk(Database& db, Rule rule, std::int64_t cutoff, std::int64_t limit,
                               std::int64_t now_ms) {
    if (auto st = db.exec("BEGIN IMMEDIATE"); !st) return hj212::fail(st.error());
    auto fail_with = [&db](const StoreError& e) -> StoreResult<Chunk> {
        (void)db.exec("ROLLBACK");
        return hj212::fail(e);
    };
    auto chunk = select_chunk(db, rule, cutoff, limit);
    if (!chunk) return fail_with(chunk.error());
    for (auto id : chunk->ids)
        if (auto st = delete_packet(db, id); !st) return fail_with(st.error());
    if (!chunk->ids.empty()) {
        const auto total = static_cast<std::int64_t>(chunk->ids.size());
        const auto delivered = total - chunk->undelivered;
        Status st;
        if (delivered > 0) st = add_to_counter(db, counter_name::evicted_delivered, delivered);
        if (st && chunk->undelivered > 0)
            st = add_to_counter(db, counter_name::evicted_undelivered, chunk->undelivered);
        if (st) {
            std::string detail = "rule=" + std::string(rule_name(rule)) +
                                 " packets=" + std::to_string(total) +
                                 " undelivered=" + std::to_string(chunk->undelivered) +
                                 " ids=" + std::to_string(chunk->ids.front()) + ".." +
                                 std::to_string(chunk->ids.back());
            st = append_event(db, now_ms, event_kind::eviction, detail);
            if (chunk->undelivered > 0)
                spdlog::error("storage: evicted {} UNDELIVERED packets over the hard limit ({})",
                              chunk->undelivered, detail);
            else
                spdlog::info("storage: eviction {}", detail);
        }
        if (!st) return fail_with(st.error());
    }
    if (auto st = db.exec("COMMIT"); !st) return fail_with(st.error());
    return chunk;
}

} // namespace

ResolvedLimits resolve_limits(const RetentionLimits& l, std::uint64_t free_bytes,
                              std::uint64_t file_bytes) noexcept {
    const std::uint64_t room = free_bytes + file_bytes;
    ResolvedLimits r;
    r.budget_bytes =
        l.budget_bytes != 0 ? l.budget_bytes : std::min(kDefaultBudgetCap, room / 10 * 8);
    if (l.hard_limit_bytes != 0) {
        r.hard_limit_bytes = l.hard_limit_bytes;
    } else {
        r.hard_limit_bytes = std::min(r.budget_bytes + r.budget_bytes / 4, room / 20 * 19);
    }
    r.hard_limit_bytes = std::max(r.hard_limit_bytes, r.budget_bytes);
    r.delivered_max_age_ms = l.delivered_max_age_ms;
    r.max_events = l.max_events;
    r.chunk = std::max<std::int64_t>(1, l.chunk);
    return r;
}

StoreResult<std::uint64_t> used_bytes(Database& db) {
    auto pages = db.query_int("PRAGMA page_count");
    if (!pages) return hj212::fail(pages.error());
    auto free_pages = db.query_int("PRAGMA freelist_count");
    if (!free_pages) return hj212::fail(free_pages.error());
    auto page_size = db.query_int("PRAGMA page_size");
    if (!page_size) return hj212::fail(page_size.error());
    return static_cast<std::uint64_t>((*pages - *free_pages) * *page_size);
}

StoreResult<EvictionReport> enforce_retention(Database& db, const ResolvedLimits& limits,
                                              std::int64_t now_ms) {
    EvictionReport report;
    auto used = used_bytes(db);
    if (!used) return hj212::fail(used.error());
    report.used_before = *used;

    // 1. Delivered and older than the age limit. Ids follow arrival, so when the oldest packet
    //    is young enough there is nothing to scan (keeps the periodic tick cheap).
    const std::int64_t cutoff = now_ms - limits.delivered_max_age_ms;
    auto oldest =
        db.query_int("SELECT coalesce((SELECT received_ms FROM packets ORDER BY id LIMIT 1), "
                     "9223372036854775807)");
    if (!oldest) return hj212::fail(oldest.error());
    for (bool more = *oldest < cutoff; more;) {
        auto chunk = evict_chunk(db, Rule::age, cutoff, limits.chunk, now_ms);
        if (!chunk) return hj212::fail(chunk.error());
        report.delivered_by_age += static_cast<std::int64_t>(chunk->ids.size());
        more = static_cast<std::int64_t>(chunk->ids.size()) == limits.chunk;
    }
    // 2. Over budget: oldest delivered first, down to 90 % of the budget so that we do not
    //    evict again on every tick.
    const std::uint64_t target = limits.budget_bytes / 10 * 9;
    used = used_bytes(db);
    if (!used) return hj212::fail(used.error());
    if (*used > limits.budget_bytes) {
        while (*used > target) {
            auto chunk = evict_chunk(db, Rule::size, 0, limits.chunk, now_ms);
            if (!chunk) return hj212::fail(chunk.error());
            report.delivered_by_size += static_cast<std::int64_t>(chunk->ids.size());
            if (chunk->ids.empty()) break;
            used = used_bytes(db);
            if (!used) return hj212::fail(used.error());
        }
    }
    // 3. Still over the hard limit: the oldest packets go whether delivered or not.
    if (*used > limits.hard_limit_bytes) {
        const std::uint64_t hard_target = limits.hard_limit_bytes / 10 * 9;
        while (*used > hard_target) {
            auto chunk = evict_chunk(db, Rule::hard, 0, limits.chunk, now_ms);
            if (!chunk) return hj212::fail(chunk.error());
            report.undelivered += chunk->undelivered;
            report.delivered_by_size +=
                static_cast<std::int64_t>(chunk->ids.size()) - chunk->undelivered;
            if (chunk->ids.empty()) break;
            used = used_bytes(db);
            if (!used) return hj212::fail(used.error());
        }
    }
    // 4. The event log is bounded by row count.
    auto trim = db.cached("DELETE FROM events WHERE id <= (SELECT max(id) FROM events) - ?1");
    if (!trim) return hj212::fail(trim.error());
    if (auto st = (*trim)->bind(1, limits.max_events).run(); !st) return hj212::fail(st.error());
    report.events = db.changes();
    if (report.events > 0) {
        if (auto st = add_to_counter(db, counter_name::evicted_events, report.events); !st)
            return hj212::fail(st.error());
    }
    report.used_after = *used;
    return report;
}

} // namespace hj212gw::storage
