#pragma once
// The store facade: what the daemon calls.
//
// Threads: write methods (ingest, mark_*, set_param, log_event, add_upstream) enqueue a job for
// the writer thread and return at once; their completion callbacks run ON THE WRITER THREAD
// after the job's batch is durable (or failed). Read methods (next_pending, history, ...) run
// on the calling thread against a separate read connection (WAL: they never block the writer)
// and block for the query's duration, so the daemon should call them from a worker, not from
// its network thread. Every method is thread-safe.
//
// Guarantees: a successful ingest completion means the packet, its values and one pending
// delivery per configured upstream are in the file and survive power loss. A failed
// completion means none of it is; the daemon must then not send 9014 to the device.
#include "hj212gw/storage/delivery_queue.hpp"
#include "hj212gw/storage/event_log.hpp"
#include "hj212gw/storage/group_committer.hpp"
#include "hj212gw/storage/history_query.hpp"
#include "hj212gw/storage/packet_record.hpp"
#include "hj212gw/storage/retention.hpp"
#include "hj212gw/storage/runtime_params.hpp"
#include "hj212gw/storage/schema.hpp"
#include "hj212gw/storage/store_error.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hj212gw::storage {

struct StoreOptions {
    std::filesystem::path data_dir;
    std::string file_name = "hj212gw.db";
    std::vector<std::string> upstreams; ///< every packet is queued for each of these
    CommitterOptions commit;
    RetentionLimits retention;
    PragmaSettings pragmas;
    /// Gateway clock for received/ack/event times, ms since the Unix epoch.
    std::function<std::int64_t()> clock;
    /// Told (on the writer thread) when the disk-full alarm is raised (true) or cleared.
    std::function<void(bool)> on_alarm;
};

using IngestDone = std::function<void(const StoreResult<PacketId>&)>;
using Done = std::function<void(const Status&)>;
using AckDone = std::function<void(const StoreResult<PacketId>&)>;

struct QuarantineInfo {
    std::filesystem::path moved_to;
    std::string reason;
};

struct StoreStats {
    bool alarm = false;
    CommitterStats commits;
    std::int64_t evicted_delivered = 0;
    std::int64_t evicted_undelivered = 0;
    std::optional<QuarantineInfo> quarantined; ///< set when this start quarantined a file
    ResolvedLimits limits;
};

class Store {
public:
    /// Opens (creating, migrating, or quarantining and recreating) the database. Fails only
    /// when no usable database can be had at all (e.g. the directory is not writable).
    static StoreResult<std::unique_ptr<Store>> open(StoreOptions options);
    /// Commits everything queued, then stops the writer thread.
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // --- writes (asynchronous; callbacks on the writer thread) ------------------------------
    /// Stores one accepted data segment and queues it for every upstream. received_ms 0: now.
    void ingest(std::string_view segment, Source source, IngestDone done,
                std::int64_t received_ms = 0);
    /// Same, for a record the caller built (e.g. already parsed off the network thread).
    void ingest(PacketRecord record, IngestDone done);
    /// New upstreams receive packets ingested from then on.
    void add_upstream(std::string name, Done done = {});
    /// The packets were (re)sent: in flight, attempts + 1.
    void mark_in_flight(std::string upstream, std::vector<PacketId> ids, Done done = {});
    void mark_acked(std::string upstream, PacketId id, Done done = {});
    /// 9014 from the platform carries the QN: acks the oldest in-flight packet with that QN.
    void mark_acked_by_qn(std::string upstream, std::string qn, AckDone done = {});
    /// Link lost: what was in flight is pending again (sent again, never dropped).
    void requeue_in_flight(std::string upstream, Done done = {});
    void set_param(std::string scope, std::string key, std::string value, Done done = {});
    void log_event(std::string kind, std::string detail, Done done = {});

    /// Blocks until every write submitted before is durable or failed. Not from a callback.
    void flush();
    /// Runs the retention rules now (normally periodic) and waits.
    StoreResult<EvictionReport> enforce_retention();

    // --- reads (synchronous, on the caller's thread) ----------------------------------------
    StoreResult<std::vector<QueuedPacket>> next_pending(std::string_view upstream,
                                                        std::size_t limit, PacketId after_id = 0);
    StoreResult<QueueStats> queue_stats(std::string_view upstream);
    StoreResult<std::vector<StoredPacket>> history(const HistoryRequest& request);
    StoreResult<std::optional<StoredPacket>> packet(PacketId id);
    StoreResult<std::vector<StoredSample>> samples(const SampleRequest& request);
    StoreResult<std::vector<DailyCount>> daily_counts(std::string_view mn, std::string_view cn,
                                                      std::string_view suffix,
                                                      std::int64_t begin_ms, std::int64_t end_ms);
    StoreResult<std::optional<std::string>> param(std::string_view scope, std::string_view key);
    StoreResult<ParamList> params(std::string_view scope);
    StoreResult<std::vector<Event>> recent_events(std::size_t limit, std::string_view kind = {});

    /// Disk full: ingests fail until space returns. The daemon must not ack devices meanwhile.
    bool alarm() const noexcept;
    StoreStats stats();
    const std::filesystem::path& path() const noexcept { return path_; }

private:
    Store() = default;
    std::int64_t now_ms() const;
    void maintain(Database& db);

    StoreOptions options_;
    std::filesystem::path path_;
    std::optional<QuarantineInfo> quarantined_;
    ResolvedLimits limits_;
    std::vector<std::int64_t> upstream_ids_; // writer thread only (after open)

    std::mutex read_mu_;
    std::optional<Database> reader_;

    std::unique_ptr<GroupCommitter> committer_; // last: stopped first
};

} // namespace hj212gw::storage
