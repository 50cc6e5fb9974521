#include "hj212gw/storage/group_committer.hpp"

#include "hj212gw/storage/event_log.hpp"

#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <algorithm>
#include <future>
#include <string>
#include <utility>
#include <vector>

namespace hj212gw::storage {
namespace {

// Failures that concern one job only (its savepoint is rolled back, the batch goes on).
// Anything else (full disk, I/O, corruption, out of memory) dooms the whole batch.
bool fails_job_only(const StoreError& e, const Database& db) {
    if (!db.in_transaction()) return false; // SQLite already rolled the transaction back
    switch (e.code) {
    case StoreErrc::not_found:
    case StoreErrc::unknown_upstream:
    case StoreErrc::invalid_argument:
        return true;
    case StoreErrc::sqlite: {
        const int primary = e.sqlite_code & 0xFF;
        return primary == SQLITE_CONSTRAINT || primary == SQLITE_MISMATCH ||
               primary == SQLITE_RANGE || primary == SQLITE_TOOBIG;
    }
    default:
        return false;
    }
}

int on_wal_commit(void* self, sqlite3* /*db*/, const char* /*name*/, int frames) {
    static_cast<std::atomic<std::int64_t>*>(self)->store(frames, std::memory_order_relaxed);
    return SQLITE_OK;
}

} // namespace

GroupCommitter::GroupCommitter(Database db, CommitterOptions options, Task maintenance, Clock clock,
                               AlarmHandler on_alarm)
    : db_(std::move(db)), options_(options), maintenance_(std::move(maintenance)),
      clock_(std::move(clock)), on_alarm_(std::move(on_alarm)) {
    if (options_.max_batch_items == 0) options_.max_batch_items = 1;
    // Our hook replaces SQLite's auto-checkpoint: we checkpoint when idle, not inside a commit.
    sqlite3_wal_hook(db_.handle(), &on_wal_commit, &wal_frames_);
    thread_ = std::thread([this] { loop(); });
}

GroupCommitter::~GroupCommitter() {
    {
        std::lock_guard lk(mu_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
    sqlite3_wal_hook(db_.handle(), nullptr, nullptr);
}

void GroupCommitter::submit(std::unique_ptr<WriteJob> job) {
    {
        std::lock_guard lk(mu_);
        if (!stopping_) {
            queue_.push_back(Entry{std::move(job), {}});
            if (queue_.size() == 1 || queue_.size() >= options_.max_batch_items) cv_.notify_one();
            return;
        }
    }
    job->complete(store_fail(StoreErrc::closed, "store is shutting down"));
}

void GroupCommitter::post(Task task) {
    {
        std::lock_guard lk(mu_);
        queue_.push_back(Entry{nullptr, std::move(task)});
    }
    cv_.notify_one();
}

void GroupCommitter::run_and_wait(Task task) {
    std::promise<void> done;
    auto fut = done.get_future();
    post([&](Database& db) {
        task(db);
        done.set_value();
    });
    fut.wait();
}

void GroupCommitter::flush() {
    run_and_wait([](Database&) {});
}

CommitterStats GroupCommitter::stats() const noexcept {
    return CommitterStats{batches_.load(), committed_.load(), failed_.load(), checkpoints_.load()};
}

void GroupCommitter::loop() {
    using SteadyClock = std::chrono::steady_clock;
    auto next_maintenance = SteadyClock::now(); // first run right away
    std::vector<std::unique_ptr<WriteJob>> batch;
    batch.reserve(options_.max_batch_items);

    std::unique_lock lk(mu_);
    for (;;) {
        if (queue_.empty() && !stopping_)
            cv_.wait_until(lk, next_maintenance, [&] { return !queue_.empty() || stopping_; });
        if (queue_.empty()) {
            if (stopping_) break;
            lk.unlock();
            run_maintenance();
            if (alarm()) probe_disk();
            lk.lock();
            next_maintenance = SteadyClock::now() + (alarm() ? options_.alarm_retry_interval
                                                             : options_.maintenance_interval);
            continue;
        }
        if (queue_.front().task) {
            Task task = std::move(queue_.front().task);
            queue_.pop_front();
            lk.unlock();
            task(db_);
            lk.lock();
            continue;
        }
        // Let the batch fill a little: one fsync for many packets.
        if (queue_.size() < options_.max_batch_items && options_.max_batch_delay.count() > 0 &&
            !stopping_) {
            cv_.wait_for(lk, options_.max_batch_delay,
                         [&] { return queue_.size() >= options_.max_batch_items || stopping_; });
        }
        while (!queue_.empty() && queue_.front().job && batch.size() < options_.max_batch_items) {
            batch.push_back(std::move(queue_.front().job));
            queue_.pop_front();
        }
        lk.unlock();
        run_batch(batch);
        batch.clear();
        if (alarm()) // probe soon, not at the next regular maintenance
            next_maintenance =
                std::min(next_maintenance, SteadyClock::now() + options_.alarm_retry_interval);
        if (SteadyClock::now() >= next_maintenance) {
            run_maintenance();
            next_maintenance = SteadyClock::now() + (alarm() ? options_.alarm_retry_interval
                                                             : options_.maintenance_interval);
        }
        lk.lock();
        const bool idle = queue_.empty();
        lk.unlock();
        maybe_checkpoint(idle);
        lk.lock();
    }
    lk.unlock();
    maybe_checkpoint(true);
}

void GroupCommitter::run_batch(std::vector<std::unique_ptr<WriteJob>>& batch) {
    if (batch.empty()) return;
    std::vector<Status> results(batch.size());
    Status fatal;

    auto run_cached = [this](std::string_view sql) -> Status {
        auto st = db_.cached(sql);
        if (!st) return hj212::fail(st.error());
        return (*st)->run();
    };

    fatal = run_cached("BEGIN IMMEDIATE");
    if (fatal) {
        for (std::size_t i = 0; i < batch.size(); ++i) {
            if (auto sp = run_cached("SAVEPOINT job"); !sp) {
                fatal = sp;
                break;
            }
            Status st = batch[i]->apply(db_);
            if (st) {
                if (auto rel = run_cached("RELEASE job"); !rel) {
                    fatal = rel;
                    break;
                }
                continue;
            }
            if (!fails_job_only(st.error(), db_)) {
                fatal = st;
                break;
            }
            results[i] = st;
            auto undo = run_cached("ROLLBACK TO job");
            if (undo) undo = run_cached("RELEASE job");
            if (!undo) {
                fatal = undo;
                break;
            }
        }
        if (fatal) fatal = run_cached("COMMIT");
    }

    batches_.fetch_add(1, std::memory_order_relaxed);
    if (!fatal) {
        if (db_.in_transaction()) (void)db_.exec("ROLLBACK");
        const auto& e = fatal.error();
        failed_.fetch_add(batch.size(), std::memory_order_relaxed);
        if (e.code == StoreErrc::disk_full) {
            refused_while_full_ += batch.size();
            set_alarm(true, &e);
        } else {
            spdlog::error("storage: batch of {} failed: {}", batch.size(), describe(e));
        }
        for (auto& job : batch)
            job->complete(fatal);
        return;
    }
    // The alarm state changes before the completions run, so whoever a completion wakes
    // already sees the store's current state.
    if (alarm()) set_alarm(false, nullptr);
    std::uint64_t ok = 0;
    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (results[i]) ++ok;
        batch[i]->complete(results[i]);
    }
    committed_.fetch_add(ok, std::memory_order_relaxed);
    failed_.fetch_add(batch.size() - ok, std::memory_order_relaxed);
}

void GroupCommitter::run_maintenance() {
    if (maintenance_) maintenance_(db_);
}

void GroupCommitter::probe_disk() {
    // A tiny write: if it commits, there is room again.
    if (db_.exec("BEGIN IMMEDIATE")) {
        Status st = append_event(db_, clock_(), event_kind::disk_ok, "probe write succeeded");
        if (st) st = db_.exec("COMMIT");
        if (st) {
            set_alarm(false, nullptr);
            return;
        }
        if (db_.in_transaction()) (void)db_.exec("ROLLBACK");
    }
}

void GroupCommitter::set_alarm(bool on, const StoreError* cause) {
    if (on) {
        if (!alarm_.exchange(true)) {
            alarm_since_ms_ = clock_();
            spdlog::critical("storage: DISK FULL, devices will not be acknowledged until space "
                             "returns: {}",
                             cause != nullptr ? describe(*cause) : std::string("?"));
            if (on_alarm_) on_alarm_(true);
        }
        return;
    }
    if (!alarm_.exchange(false)) return;
    const auto now = clock_();
    spdlog::warn("storage: disk space is back after {} ms; {} writes were refused meanwhile",
                 now - alarm_since_ms_, refused_while_full_);
    // Recorded now that it can be: the event log could not take it while the disk was full.
    if (db_.exec("BEGIN IMMEDIATE")) {
        Status st = append_event(db_, alarm_since_ms_, event_kind::disk_full,
                                 "refused " + std::to_string(refused_while_full_) + " writes");
        if (st) st = append_event(db_, now, event_kind::disk_ok, "writes resumed");
        if (st) st = db_.exec("COMMIT");
        if (!st && db_.in_transaction()) (void)db_.exec("ROLLBACK");
    }
    refused_while_full_ = 0;
    if (on_alarm_) on_alarm_(false);
}

void GroupCommitter::maybe_checkpoint(bool idle) {
    const auto frames = wal_frames_.load(std::memory_order_relaxed);
    if (frames < options_.checkpoint_frames) return;
    if (!idle && frames < options_.forced_checkpoint_frames) return;
    int log = 0;
    int done = 0;
    const int rc =
        sqlite3_wal_checkpoint_v2(db_.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &done);
    if (rc == SQLITE_OK) {
        checkpoints_.fetch_add(1, std::memory_order_relaxed);
        // Frames still in the WAL; a complete checkpoint lets the next commit restart it.
        wal_frames_.store(log - done, std::memory_order_relaxed);
    } else if (rc != SQLITE_BUSY) {
        spdlog::warn("storage: checkpoint failed: {}", describe(db_.error(rc, "wal_checkpoint")));
    }
}

} // namespace hj212gw::storage
