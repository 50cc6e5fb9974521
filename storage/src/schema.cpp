#include "hj212gw/storage/schema.hpp"

#include <spdlog/spdlog.h>

#include <array>
#include <string>

namespace hj212gw::storage {
namespace {

// Version 1: the original layout. Frozen: a released file may hold exactly this.
constexpr std::string_view kV1 = R"sql(
CREATE TABLE packets(
  id           INTEGER PRIMARY KEY AUTOINCREMENT, -- arrival order, never reused after eviction
  received_ms  INTEGER NOT NULL,                  -- gateway clock, ms since the Unix epoch
  data_time_ms INTEGER,                           -- CP DataTime, site-local ms; NULL if absent
  mn TEXT, st TEXT, cn TEXT, qn TEXT,             -- NULL when the packet lacks the field
  flag         INTEGER,
  version      TEXT NOT NULL,                     -- "2005" / "2017" / "2025" / "unknown"
  listener     TEXT NOT NULL,
  port         INTEGER NOT NULL,
  peer         TEXT NOT NULL,
  parse_ok     INTEGER NOT NULL,                  -- 0: stored raw, lenient parse failed
  n_values     INTEGER NOT NULL,                  -- numeric values extracted
  n_abnormal   INTEGER NOT NULL,                  -- values whose Flag is present and not N
  raw          TEXT NOT NULL                      -- the data segment as received
);
CREATE INDEX packets_by_mn_cn_time ON packets(mn, cn, data_time_ms);

-- Values hang off their packet (clustered by packet_id, appended in order: cheap to insert,
-- cheap to evict); history and rate queries reach them through packets_by_mn_cn_time.
CREATE TABLE samples(
  packet_id INTEGER NOT NULL,
  seq       INTEGER NOT NULL,
  factor    TEXT NOT NULL,
  suffix    TEXT NOT NULL,
  value     REAL NOT NULL,
  flag      TEXT,
  PRIMARY KEY(packet_id, seq)
) WITHOUT ROWID;

CREATE TABLE upstreams(
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  created_ms INTEGER NOT NULL
);

CREATE TABLE deliveries(
  packet_id       INTEGER NOT NULL,
  upstream_id     INTEGER NOT NULL,
  state           INTEGER NOT NULL CHECK(state IN (0, 1, 2)), -- pending, in flight, acked
  attempts        INTEGER NOT NULL DEFAULT 0,
  last_attempt_ms INTEGER,
  acked_ms        INTEGER,
  PRIMARY KEY(packet_id, upstream_id)
) WITHOUT ROWID;
CREATE INDEX deliveries_by_state ON deliveries(upstream_id, state, packet_id);

CREATE TABLE params(
  scope      TEXT NOT NULL,
  key        TEXT NOT NULL,
  value      TEXT NOT NULL,
  updated_ms INTEGER NOT NULL,
  PRIMARY KEY(scope, key)
) WITHOUT ROWID;

CREATE TABLE events(
  id      INTEGER PRIMARY KEY,
  time_ms INTEGER NOT NULL,
  kind    TEXT NOT NULL,
  detail  TEXT NOT NULL
);

CREATE TABLE counters(
  name  TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
)sql";

// Version 2: HJ 212-2025 back-filled packets (header RF=1) are kept apart from on-time ones
// (the national platform rates them separately), and events are looked up by kind.
constexpr std::string_view kV2 = R"sql(
ALTER TABLE packets ADD COLUMN backfill INTEGER NOT NULL DEFAULT 0;
CREATE INDEX events_by_kind ON events(kind, time_ms);
)sql";

// Version 3: every value carries the gateway's verdict (validity engine): valid 1/0 and the
// stable reason name ("valid", "flag_calibration", ...). NULL in rows written before: readers
// then fall back to the data flag.
constexpr std::string_view kV3 = R"sql(
ALTER TABLE samples ADD COLUMN valid INTEGER;
ALTER TABLE samples ADD COLUMN reason TEXT;
)sql";

constexpr std::array kMigrations{
    Migration{1, "packets, samples, upstreams, deliveries, params, events, counters", kV1},
    Migration{2, "packets.backfill (RF=1), events_by_kind", kV2},
    Migration{3, "samples.valid, samples.reason (verdicts)", kV3},
};

} // namespace

std::span<const Migration> migrations() noexcept {
    return kMigrations;
}
int current_schema_version() noexcept {
    return kMigrations.back().version;
}

Status migrate(Database& db) {
    auto version = db.query_int("PRAGMA user_version");
    if (!version) return hj212::fail(version.error());
    if (*version > current_schema_version())
        return store_fail(StoreErrc::schema_too_new, "file has schema " + std::to_string(*version) +
                                                         ", this build knows " +
                                                         std::to_string(current_schema_version()));
    for (const auto& m : kMigrations) {
        if (m.version <= *version) continue;
        spdlog::info("storage: migrating {} to schema {} ({})", db.path().string(), m.version,
                     m.description);
        if (auto st = db.exec("BEGIN IMMEDIATE"); !st) return st;
        auto st = db.exec(m.sql);
        if (st) st = db.exec("PRAGMA user_version = " + std::to_string(m.version));
        if (st) st = db.exec("COMMIT");
        if (!st) {
            (void)db.exec("ROLLBACK");
            return st;
        }
    }
    return {};
}

Status apply_pragmas(Database& db, ConnectionRole role, const PragmaSettings& s) {
    // busy_timeout: the reader and the writer share the file; a short wait beats an error.
    std::string sql = "PRAGMA busy_timeout = " + std::to_string(s.busy_timeout_ms) + ";";
    // Bounded page cache: the box has little RAM.
    sql += "PRAGMA cache_size = -" + std::to_string(s.cache_kib) + ";";
    sql += "PRAGMA temp_store = MEMORY;";
    if (role == ConnectionRole::writer) {
        // WAL: readers (history pulls, queue reads) never block the writer, a commit is one
        // sequential append, and a crash leaves the main file untouched.
        sql += "PRAGMA journal_mode = WAL;";
        // FULL: every commit fsyncs the WAL, so what a completion reported stays after power
        // loss. NORMAL would lose the last transactions, which we would already have acked.
        sql += "PRAGMA synchronous = FULL;";
        // After a checkpoint the WAL is truncated back to this size, so one burst of backlog
        // does not keep a large WAL file forever.
        sql += "PRAGMA journal_size_limit = " + std::to_string(s.journal_size_limit_bytes) + ";";
        // We checkpoint ourselves when the writer is idle (GroupCommitter), not inside a commit.
        sql += "PRAGMA wal_autocheckpoint = 0;";
        // Deletes are explicit (eviction), so no cascades are needed; keep FK checks off the
        // hot path.
        sql += "PRAGMA foreign_keys = OFF;";
    } else {
        sql += "PRAGMA query_only = 1;";
    }
    auto st = db.exec(sql);
    if (!st) return st;
    if (role == ConnectionRole::writer) {
        auto mode = db.query_text("PRAGMA journal_mode");
        if (!mode) return hj212::fail(mode.error());
        if (*mode != "wal")
            return store_fail(StoreErrc::sqlite, "journal_mode is " + *mode + ", expected wal");
    }
    return {};
}

} // namespace hj212gw::storage
