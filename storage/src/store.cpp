#include "hj212gw/storage/store.hpp"

#include "hj212gw/storage/packet_writer.hpp"
#include "hj212gw/storage/quarantine.hpp"

#include <spdlog/spdlog.h>
#include <sys/statvfs.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <system_error>
#include <utility>

namespace hj212gw::storage {
namespace {

std::int64_t system_now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string stamp_now() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[32];
    const auto n = std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%S", &tm);
    return std::string(buf, n);
}

std::uint64_t free_bytes(const std::filesystem::path& dir) {
    struct statvfs vfs {};
    if (::statvfs(dir.c_str(), &vfs) != 0) return 0;
    return static_cast<std::uint64_t>(vfs.f_bavail) * vfs.f_frsize;
}

class IngestJob final : public WriteJob {
public:
    IngestJob(PacketRecord record, const std::vector<std::int64_t>* upstreams, IngestDone done)
        : record_(std::move(record)), upstreams_(upstreams), done_(std::move(done)) {}
    Status apply(Database& db) override {
        auto id = insert_packet(db, record_, *upstreams_);
        if (!id) return hj212::fail(id.error());
        id_ = *id;
        return {};
    }
    void complete(const Status& status) noexcept override {
        if (!done_) return;
        if (status)
            done_(StoreResult<PacketId>(id_));
        else
            done_(StoreResult<PacketId>(hj212::fail(status.error())));
    }

private:
    PacketRecord record_;
    const std::vector<std::int64_t>* upstreams_;
    IngestDone done_;
    PacketId id_ = 0;
};

class FunctionJob final : public WriteJob {
public:
    using Apply = std::function<Status(Database&)>;
    FunctionJob(Apply apply, Done done) : apply_(std::move(apply)), done_(std::move(done)) {}
    Status apply(Database& db) override { return apply_(db); }
    void complete(const Status& status) noexcept override {
        if (done_) done_(status);
    }

private:
    Apply apply_;
    Done done_;
};

class AckByQnJob final : public WriteJob {
public:
    AckByQnJob(std::string upstream, std::string qn, std::int64_t now, AckDone done)
        : upstream_(std::move(upstream)), qn_(std::move(qn)), now_(now), done_(std::move(done)) {}
    Status apply(Database& db) override {
        auto up = find_upstream(db, upstream_);
        if (!up) return hj212::fail(up.error());
        auto id = mark_acked_by_qn(db, *up, qn_, now_);
        if (!id) return hj212::fail(id.error());
        id_ = *id;
        return {};
    }
    void complete(const Status& status) noexcept override {
        if (!done_) return;
        if (status)
            done_(StoreResult<PacketId>(id_));
        else
            done_(StoreResult<PacketId>(hj212::fail(status.error())));
    }

private:
    std::string upstream_, qn_;
    std::int64_t now_;
    AckDone done_;
    PacketId id_ = 0;
};

class AddUpstreamJob final : public WriteJob {
public:
    AddUpstreamJob(std::string name, std::vector<std::int64_t>* ids, std::int64_t now, Done done)
        : name_(std::move(name)), ids_(ids), now_(now), done_(std::move(done)) {}
    Status apply(Database& db) override {
        auto id = ensure_upstream(db, name_, now_);
        if (!id) return hj212::fail(id.error());
        id_ = *id;
        return append_event(db, now_, event_kind::upstream_added, name_);
    }
    void complete(const Status& status) noexcept override {
        // Only once the row is durable may packets be queued for it.
        if (status && std::find(ids_->begin(), ids_->end(), id_) == ids_->end())
            ids_->push_back(id_);
        if (done_) done_(status);
    }

private:
    std::string name_;
    std::vector<std::int64_t>* ids_;
    std::int64_t now_;
    Done done_;
    std::int64_t id_ = 0;
};

struct Opened {
    Database writer;
    std::optional<QuarantineInfo> quarantined;
};

StoreResult<QuarantineInfo> quarantine(const std::filesystem::path& path,
                                       const std::string& reason) {
    auto moved = quarantine_files(path, stamp_now());
    if (!moved) return hj212::fail(moved.error());
    spdlog::critical("storage: DATABASE {} IS CORRUPT ({}); moved to {} and starting a fresh one",
                     path.string(), reason, moved->string());
    return QuarantineInfo{*moved, reason};
}

/// Opens the writer connection: integrity check, quarantine, pragmas, migrations.
StoreResult<Opened> open_writer(const std::filesystem::path& path, const PragmaSettings& pragmas) {
    std::optional<QuarantineInfo> quarantined;
    auto corrupt = find_corruption(path);
    if (!corrupt) return hj212::fail(corrupt.error());
    if (*corrupt) {
        auto q = quarantine(path, **corrupt);
        if (!q) return hj212::fail(q.error());
        quarantined = std::move(*q);
    }
    for (int attempt = 0;; ++attempt) {
        std::string reason;
        {
            auto db = Database::open(path, Database::Mode::read_write_create);
            Status st = db ? Status{} : Status(hj212::fail(db.error()));
            if (st) st = apply_pragmas(*db, ConnectionRole::writer, pragmas);
            if (st) st = migrate(*db);
            if (st) return Opened{std::move(*db), std::move(quarantined)};
            // Corruption that quick_check did not see (e.g. a damaged WAL) shows up here.
            if (st.error().code != StoreErrc::corrupt || attempt > 0)
                return hj212::fail(st.error());
            reason = st.error().message;
        } // the connection is closed before its files are moved
        auto q = quarantine(path, reason);
        if (!q) return hj212::fail(q.error());
        quarantined = std::move(*q);
    }
}

} // namespace

StoreResult<std::unique_ptr<Store>> Store::open(StoreOptions options) {
    std::unique_ptr<Store> store(new Store());
    if (!options.clock) options.clock = system_now_ms;
    std::error_code ec;
    std::filesystem::create_directories(options.data_dir, ec);
    if (ec)
        return store_fail(StoreErrc::sqlite,
                          "cannot create " + options.data_dir.string() + ": " + ec.message());
    store->path_ = options.data_dir / options.file_name;
    store->options_ = std::move(options);
    const auto now = store->options_.clock();

    auto opened = open_writer(store->path_, store->options_.pragmas);
    if (!opened) return hj212::fail(opened.error());
    store->quarantined_ = std::move(opened->quarantined);
    Database& writer = opened->writer;

    // Upstreams, restart bookkeeping and the start/quarantine events in one transaction.
    {
        Status st = writer.exec("BEGIN IMMEDIATE");
        for (const auto& name : store->options_.upstreams) {
            if (!st) break;
            auto id = ensure_upstream(writer, name, now);
            if (!id)
                st = hj212::fail(id.error());
            else if (std::find(store->upstream_ids_.begin(), store->upstream_ids_.end(), *id) ==
                     store->upstream_ids_.end())
                store->upstream_ids_.push_back(*id);
        }
        std::int64_t requeued = 0;
        if (st) {
            // After a restart nothing is in flight any more: the connections are gone.
            auto n = storage::requeue_in_flight(writer, std::nullopt);
            if (!n)
                st = hj212::fail(n.error());
            else
                requeued = *n;
        }
        if (st)
            st = append_event(writer, now, event_kind::start,
                              "schema " + std::to_string(current_schema_version()) + ", requeued " +
                                  std::to_string(requeued) + " in flight");
        if (st && store->quarantined_) {
            st = append_event(writer, now, event_kind::quarantine,
                              store->quarantined_->reason + " -> " +
                                  store->quarantined_->moved_to.string());
            if (st) st = add_to_counter(writer, counter_name::quarantines, 1);
        }
        if (st) st = writer.exec("COMMIT");
        if (!st) {
            (void)writer.exec("ROLLBACK");
            return hj212::fail(st.error());
        }
    }

    std::uint64_t file_bytes = 0;
    if (auto size = std::filesystem::file_size(store->path_, ec); !ec) file_bytes = size;
    store->limits_ =
        resolve_limits(store->options_.retention, free_bytes(store->options_.data_dir), file_bytes);

    auto reader = Database::open(store->path_, Database::Mode::read_write);
    if (!reader) return hj212::fail(reader.error());
    if (auto st = apply_pragmas(*reader, ConnectionRole::reader, store->options_.pragmas); !st)
        return hj212::fail(st.error());
    store->reader_.emplace(std::move(*reader));

    spdlog::info("storage: {} open, {} upstream(s), budget {} bytes, hard limit {} bytes",
                 store->path_.string(), store->upstream_ids_.size(), store->limits_.budget_bytes,
                 store->limits_.hard_limit_bytes);
    Store* self = store.get();
    store->committer_ = std::make_unique<GroupCommitter>(
        std::move(writer), store->options_.commit, [self](Database& db) { self->maintain(db); },
        store->options_.clock, store->options_.on_alarm);
    return store;
}

Store::~Store() {
    committer_.reset();
}

std::int64_t Store::now_ms() const {
    return options_.clock();
}

void Store::maintain(Database& db) {
    auto report = storage::enforce_retention(db, limits_, now_ms());
    if (!report) spdlog::warn("storage: retention failed: {}", describe(report.error()));
}

void Store::ingest(std::string_view segment, Source source, IngestDone done,
                   std::int64_t received_ms) {
    ingest(
        make_packet_record(segment, std::move(source), received_ms != 0 ? received_ms : now_ms()),
        std::move(done));
}

void Store::ingest(PacketRecord record, IngestDone done) {
    committer_->submit(
        std::make_unique<IngestJob>(std::move(record), &upstream_ids_, std::move(done)));
}

void Store::add_upstream(std::string name, Done done) {
    committer_->submit(std::make_unique<AddUpstreamJob>(std::move(name), &upstream_ids_, now_ms(),
                                                        std::move(done)));
}

void Store::mark_in_flight(std::string upstream, std::vector<PacketId> ids, Done done) {
    const auto now = now_ms();
    committer_->submit(std::make_unique<FunctionJob>(
        [upstream = std::move(upstream), ids = std::move(ids), now](Database& db) -> Status {
            auto up = find_upstream(db, upstream);
            if (!up) return hj212::fail(up.error());
            return storage::mark_in_flight(db, *up, ids, now);
        },
        std::move(done)));
}

void Store::mark_acked(std::string upstream, PacketId id, Done done) {
    const auto now = now_ms();
    committer_->submit(std::make_unique<FunctionJob>(
        [upstream = std::move(upstream), id, now](Database& db) -> Status {
            auto up = find_upstream(db, upstream);
            if (!up) return hj212::fail(up.error());
            return storage::mark_acked(db, *up, id, now);
        },
        std::move(done)));
}

void Store::mark_acked_by_qn(std::string upstream, std::string qn, AckDone done) {
    committer_->submit(std::make_unique<AckByQnJob>(std::move(upstream), std::move(qn), now_ms(),
                                                    std::move(done)));
}

void Store::requeue_in_flight(std::string upstream, Done done) {
    committer_->submit(std::make_unique<FunctionJob>(
        [upstream = std::move(upstream)](Database& db) -> Status {
            auto up = find_upstream(db, upstream);
            if (!up) return hj212::fail(up.error());
            auto n = storage::requeue_in_flight(db, *up);
            if (!n) return hj212::fail(n.error());
            return {};
        },
        std::move(done)));
}

void Store::set_param(std::string scope, std::string key, std::string value, Done done) {
    const auto now = now_ms();
    committer_->submit(std::make_unique<FunctionJob>(
        [scope = std::move(scope), key = std::move(key), value = std::move(value),
         now](Database& db) { return storage::set_param(db, scope, key, value, now); },
        std::move(done)));
}

void Store::log_event(std::string kind, std::string detail, Done done) {
    const auto now = now_ms();
    committer_->submit(std::make_unique<FunctionJob>(
        [kind = std::move(kind), detail = std::move(detail), now](Database& db) {
            return append_event(db, now, kind, detail);
        },
        std::move(done)));
}

void Store::flush() {
    committer_->flush();
}

StoreResult<EvictionReport> Store::enforce_retention() {
    std::optional<StoreResult<EvictionReport>> out;
    committer_->run_and_wait(
        [&](Database& db) { out.emplace(storage::enforce_retention(db, limits_, now_ms())); });
    return std::move(*out);
}

StoreResult<std::vector<QueuedPacket>> Store::next_pending(std::string_view upstream,
                                                           std::size_t limit, PacketId after_id) {
    std::lock_guard lk(read_mu_);
    return storage::next_pending(*reader_, upstream, limit, after_id);
}

StoreResult<QueueStats> Store::queue_stats(std::string_view upstream) {
    std::lock_guard lk(read_mu_);
    return storage::queue_stats(*reader_, upstream);
}

StoreResult<std::vector<StoredPacket>> Store::history(const HistoryRequest& request) {
    std::lock_guard lk(read_mu_);
    return storage::history(*reader_, request);
}

StoreResult<std::optional<StoredPacket>> Store::packet(PacketId id) {
    std::lock_guard lk(read_mu_);
    return storage::packet_by_id(*reader_, id);
}

StoreResult<std::vector<StoredSample>> Store::samples(const SampleRequest& request) {
    std::lock_guard lk(read_mu_);
    return storage::samples(*reader_, request);
}

StoreResult<std::vector<DailyCount>> Store::daily_counts(std::string_view mn, std::string_view cn,
                                                         std::string_view suffix,
                                                         std::int64_t begin_ms,
                                                         std::int64_t end_ms) {
    std::lock_guard lk(read_mu_);
    return storage::daily_counts(*reader_, mn, cn, suffix, begin_ms, end_ms);
}

StoreResult<std::optional<std::string>> Store::param(std::string_view scope, std::string_view key) {
    std::lock_guard lk(read_mu_);
    return get_param(*reader_, scope, key);
}

StoreResult<ParamList> Store::params(std::string_view scope) {
    std::lock_guard lk(read_mu_);
    return params_in_scope(*reader_, scope);
}

StoreResult<std::vector<Event>> Store::recent_events(std::size_t limit, std::string_view kind) {
    std::lock_guard lk(read_mu_);
    return storage::recent_events(*reader_, limit, kind);
}

bool Store::alarm() const noexcept {
    return committer_->alarm();
}

StoreStats Store::stats() {
    StoreStats s;
    s.alarm = committer_->alarm();
    s.commits = committer_->stats();
    s.quarantined = quarantined_;
    s.limits = limits_;
    std::lock_guard lk(read_mu_);
    if (auto v = read_counter(*reader_, counter_name::evicted_delivered)) s.evicted_delivered = *v;
    if (auto v = read_counter(*reader_, counter_name::evicted_undelivered))
        s.evicted_undelivered = *v;
    return s;
}

} // namespace hj212gw::storage
