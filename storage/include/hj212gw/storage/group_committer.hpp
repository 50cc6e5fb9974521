#pragma once
// The writer thread. It owns the write connection and turns many small writes into few
// durable transactions (group commit): a batch closes when it holds max_batch_items jobs or
// max_batch_delay after the writer picked it up, whichever comes first. Each job's completion
// is called after its batch is durable (COMMIT with synchronous=FULL returned), or with the
// error when the batch failed; nothing of a failed batch is in the file.
//
// Completions run ON THE WRITER THREAD: they must be short and must not block on the store
// (no flush() from a completion); posting to another executor is the owner's business.
#include "hj212gw/storage/database.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace hj212gw::storage {

/// One write. apply() runs inside the batch transaction (under a savepoint, so a job that fails
/// alone is rolled back alone); complete() is called exactly once.
class WriteJob {
public:
    virtual ~WriteJob() = default;
    virtual Status apply(Database& db) = 0;
    virtual void complete(const Status& status) noexcept = 0;
};

struct CommitterOptions {
    std::size_t max_batch_items = 500;
    std::chrono::milliseconds max_batch_delay{20};
    /// Maintenance (retention) runs this often, between batches.
    std::chrono::milliseconds maintenance_interval{60000};
    /// While the disk is full: how often to run maintenance and probe for free space.
    std::chrono::milliseconds alarm_retry_interval{2000};
    /// WAL frames after which we checkpoint when the queue is empty ...
    std::int64_t checkpoint_frames = 1000;
    /// ... and after which we checkpoint even under load, to bound the WAL.
    std::int64_t forced_checkpoint_frames = 16000;
};

struct CommitterStats {
    std::uint64_t batches = 0;
    std::uint64_t committed_items = 0;
    std::uint64_t failed_items = 0;
    std::uint64_t checkpoints = 0;
};

class GroupCommitter {
public:
    using Task = std::function<void(Database&)>;
    using Clock = std::function<std::int64_t()>;
    using AlarmHandler = std::function<void(bool alarm)>;

    /// Starts the writer thread. `maintenance` runs on it every maintenance_interval (first
    /// time right away) and before every disk-full probe; `on_alarm` is told when the
    /// disk-full alarm is raised or cleared.
    GroupCommitter(Database db, CommitterOptions options, Task maintenance, Clock clock,
                   AlarmHandler on_alarm);
    /// Commits everything already submitted, then stops the thread.
    ~GroupCommitter();
    GroupCommitter(const GroupCommitter&) = delete;
    GroupCommitter& operator=(const GroupCommitter&) = delete;

    /// Thread-safe. After shutdown began, the job is completed at once with `closed`.
    void submit(std::unique_ptr<WriteJob> job);
    /// Runs `task` on the writer thread outside any batch, after everything submitted before.
    void post(Task task);
    /// Blocks until every job submitted before the call has completed. Not from a completion.
    void flush();
    /// Runs `task` on the writer thread and waits for it.
    void run_and_wait(Task task);

    /// True while the disk is full: ingests fail and the daemon must not ack devices.
    bool alarm() const noexcept { return alarm_.load(std::memory_order_acquire); }
    CommitterStats stats() const noexcept;

private:
    struct Entry {
        std::unique_ptr<WriteJob> job; // a batched write, or
        Task task;                     // work outside any batch
    };

    void loop();
    void run_batch(std::vector<std::unique_ptr<WriteJob>>& batch);
    void run_maintenance();
    void probe_disk();
    void set_alarm(bool on, const StoreError* cause);
    void maybe_checkpoint(bool idle);

    Database db_;
    CommitterOptions options_;
    Task maintenance_;
    Clock clock_;
    AlarmHandler on_alarm_;

    mutable std::mutex mu_;
    std::condition_variable cv_;
    std::deque<Entry> queue_;
    bool stopping_ = false;

    std::atomic<bool> alarm_{false};
    std::int64_t alarm_since_ms_ = 0;
    std::uint64_t refused_while_full_ = 0;
    std::atomic<std::int64_t> wal_frames_{0};
    std::atomic<std::uint64_t> batches_{0}, committed_{0}, failed_{0}, checkpoints_{0};

    std::thread thread_; // last: started after everything above exists
};

} // namespace hj212gw::storage
