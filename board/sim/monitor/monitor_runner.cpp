#include "sim/monitor/monitor_runner.hpp"

#include "sim/monitor/fault_injector.hpp"
#include "sim/monitor/gateway_replies.hpp"
#include "sim/monitor/link.hpp"
#include "sim/monitor/packet_schedule.hpp"
#include "sim/monitor/sim_clock.hpp"
#include "sim/monitor/time_units.hpp"

#include <hj212/datetime.hpp>
#include <hj212/deframer.hpp>
#include <hj212/encoder.hpp>
#include <hj212/parser.hpp>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <ostream>
#include <thread>

namespace hj212gw::sim {

namespace {

// "missing-hours 3, bad-crc 2" for the faults that happened; "" when none did.
std::string fault_counts_text(const FaultCounts& f) {
    std::string out;
    auto add = [&out](const char* name, std::uint64_t n) {
        if (n == 0) return;
        if (!out.empty()) out += ", ";
        out += name;
        out += ' ';
        out += std::to_string(n);
    };
    add("missing-hours", f.missing_hours);
    add("bad-crc", f.bad_crc);
    add("garbage", f.garbage);
    add("split", f.split);
    add("drip", f.drip);
    add("disconnect", f.disconnect);
    add("wrong-pw", f.wrong_pw);
    return out;
}

using Steady = std::chrono::steady_clock;
using namespace std::chrono_literals;

class MonitorRun {
public:
    MonitorRun(const MonitorOptions& options, const Target& target, const Profile& profile,
               ScheduleSettings settings, FaultSpec faults, const std::atomic<bool>& stop)
        : options_(options), target_(target), schedule_(profile, std::move(settings)),
          injector_(faults, options.seed), link_(make_link(target)), stop_(stop) {
        if (options.duration_s > 0)
            deadline_ = Steady::now() + std::chrono::duration_cast<Steady::duration>(
                                            std::chrono::duration<double>(options.duration_s));
    }
    ~MonitorRun() { disconnect(); }

    RunSummary run();

private:
    bool should_stop() const { return stop_.load() || (deadline_ && Steady::now() >= *deadline_); }
    bool sleep_until(Steady::time_point t);
    bool ensure_connected();
    void disconnect();
    bool wait_for_window();
    void expire_pending_locked();
    bool send(const Upload& u);
    void reader_loop();
    void replay_history(std::int64_t start_ms);
    void run_live(std::int64_t start_ms);
    void drain();
    void progress(bool force);
    void count_sent(UploadKind kind);

    const MonitorOptions& options_;
    Target target_;
    PacketSchedule schedule_;
    FaultInjector injector_;
    std::unique_ptr<Link> link_;
    const std::atomic<bool>& stop_;
    std::optional<Steady::time_point> deadline_;

    std::mutex mu_; // guards pending_ and summary_
    std::condition_variable cv_;
    std::map<std::string, Steady::time_point> pending_; // QN -> give-up time
    RunSummary summary_;

    std::mutex write_mu_; // one writer at a time: a dripped frame must not be interleaved
    std::thread reader_;
    std::atomic<bool> reader_stop_{false};
    std::atomic<bool> link_down_{false};
    bool said_waiting_ = false;
    Steady::time_point last_progress_ = Steady::now();
};

bool MonitorRun::sleep_until(Steady::time_point t) {
    while (!should_stop()) {
        const auto now = Steady::now();
        if (now >= t) return true;
        std::this_thread::sleep_for(std::min<Steady::duration>(t - now, 100ms));
    }
    return false;
}

bool MonitorRun::ensure_connected() {
    if (link_->is_open() && !link_down_) return true;
    if (link_->is_open()) disconnect();
    std::string error;
    while (!should_stop()) {
        if (link_->open(error)) {
            spdlog::info("sim monitor {}: connected to {}", options_.mn, target_.to_string());
            said_waiting_ = false;
            link_down_ = false;
            reader_stop_ = false;
            {
                std::lock_guard lock(mu_);
                summary_.connects++;
            }
            reader_ = std::thread([this] { reader_loop(); });
            return true;
        }
        // The gateway may not be up yet: say so once, then keep trying quietly.
        if (!said_waiting_) {
            spdlog::warn("sim monitor {}: {} not reachable ({}); retrying every second",
                         options_.mn, target_.to_string(), error);
            said_waiting_ = true;
        }
        sleep_until(Steady::now() + 1s);
    }
    return false;
}

void MonitorRun::disconnect() {
    reader_stop_ = true;
    if (reader_.joinable()) reader_.join();
    link_->close();
    std::lock_guard lock(mu_);
    // The gateway cannot ack over a closed connection: these are lost to the window.
    summary_.unacked += pending_.size();
    pending_.clear();
}

void MonitorRun::expire_pending_locked() {
    const auto now = Steady::now();
    for (auto it = pending_.begin(); it != pending_.end();) {
        if (it->second <= now) {
            summary_.unacked++;
            it = pending_.erase(it);
        } else {
            ++it;
        }
    }
}

bool MonitorRun::wait_for_window() {
    std::unique_lock lock(mu_);
    for (;;) {
        expire_pending_locked();
        if (link_down_) return false;
        if (pending_.size() < static_cast<std::size_t>(options_.window)) return true;
        if (should_stop()) return false;
        cv_.wait_for(lock, 50ms);
    }
}

void MonitorRun::count_sent(UploadKind kind) {
    std::lock_guard lock(mu_);
    summary_.sent++;
    switch (kind) {
    case UploadKind::realtime:
        summary_.realtime++;
        break;
    case UploadKind::minute:
        summary_.minute++;
        break;
    case UploadKind::hourly:
        summary_.hourly++;
        break;
    case UploadKind::daily:
        summary_.daily++;
        break;
    }
}

bool MonitorRun::send(const Upload& u) {
    while (!should_stop()) {
        if (!ensure_connected()) return false;
        if (!wait_for_window()) {
            if (link_down_) {
                spdlog::warn("sim monitor {}: connection lost; reconnecting", options_.mn);
                disconnect();
            }
            continue;
        }
        const Transmission t = injector_.transmit(u.packet);
        if (t.writes.empty()) {
            spdlog::error("sim monitor {}: CN={} QN={} does not fit in a frame; skipped",
                          options_.mn, u.packet.cn, u.packet.qn);
            return true;
        }
        bool written = true;
        {
            std::lock_guard lock(write_mu_);
            for (const WireWrite& w : t.writes) {
                if (w.pause_before.count() > 0) std::this_thread::sleep_for(w.pause_before);
                if (!link_->write(w.bytes)) {
                    written = false;
                    break;
                }
            }
        }
        if (!written) {
            spdlog::warn("sim monitor {}: write failed; reconnecting and resending", options_.mn);
            disconnect();
            continue;
        }
        if (!t.unackable && u.packet.reply_wanted()) {
            std::lock_guard lock(mu_);
            pending_[u.packet.qn] =
                Steady::now() + std::chrono::duration_cast<Steady::duration>(
                                    std::chrono::duration<double>(options_.ack_timeout_s));
        }
        count_sent(u.kind);
        if (t.disconnect_after) {
            spdlog::info("sim monitor {}: fault: disconnecting", options_.mn);
            // Let the frame leave before the FIN so the fault is the disconnect, not a loss.
            std::this_thread::sleep_for(50ms);
            disconnect();
        }
        return true;
    }
    return false;
}

void MonitorRun::reader_loop() {
    hj212::Deframer deframer;
    hj212::PacketView view;
    char buffer[4096];
    while (!reader_stop_) {
        const long n = link_->read_some(buffer, sizeof buffer, 100ms);
        if (n < 0) {
            link_down_ = true;
            cv_.notify_all();
            return;
        }
        std::string_view data(buffer, static_cast<std::size_t>(n));
        while (!data.empty()) {
            data.remove_prefix(deframer.feed(data));
            while (auto event = deframer.next()) {
                const auto* frame = std::get_if<hj212::DeframedFrame>(&*event);
                if (frame == nullptr || !hj212::parse_segment(frame->segment, view)) continue;
                const IncomingOutcome outcome = handle_incoming(view);
                if (outcome.acked_qn) {
                    std::lock_guard lock(mu_);
                    summary_.acked++;
                    pending_.erase(*outcome.acked_qn);
                    cv_.notify_all();
                }
                if (outcome.control_request) {
                    spdlog::info("sim monitor {}: answering CN={} QN={}", options_.mn, *view.cn,
                                 view.qn.value_or(""));
                    std::lock_guard lock(mu_);
                    summary_.replies++;
                }
                for (const hj212::Packet& reply : outcome.replies) {
                    auto framed = hj212::encode_frame(reply);
                    if (!framed) continue;
                    std::lock_guard lock(write_mu_);
                    link_->write(*framed);
                }
            }
        }
    }
}

void MonitorRun::progress(bool force) {
    if (!options_.verbose) return;
    const auto now = Steady::now();
    if (!force && now - last_progress_ < 5s) return;
    last_progress_ = now;
    std::lock_guard lock(mu_);
    spdlog::info("sim monitor {}: sent {} (2011 {}, 2051 {}, 2061 {}, 2031 {}), acked {}, "
                 "waiting {}, unacked {}, faults {}",
                 options_.mn, summary_.sent, summary_.realtime, summary_.minute, summary_.hourly,
                 summary_.daily, summary_.acked, pending_.size(), summary_.unacked,
                 injector_.counts().total());
}

void MonitorRun::replay_history(std::int64_t start_ms) {
    if (options_.history_days <= 0) return;
    UploadKinds kinds = UploadKinds{}.with(UploadKind::hourly).with(UploadKind::daily);
    if (options_.history_minutes) kinds = kinds.with(UploadKind::minute);
    const std::int64_t from = align_down(start_ms, kDayMs) - options_.history_days * kDayMs;
    spdlog::info("sim monitor {}: replaying history from {} ({} days)", options_.mn,
                 hj212::DateTime::from_epoch_ms(from).format14(), options_.history_days);
    const auto began = Steady::now();
    std::uint64_t count = 0;
    // A day at a time, so that a long history starts flowing at once.
    for (std::int64_t day = from; day < start_ms && !should_stop(); day += kDayMs) {
        for (const Upload& u : schedule_.uploads(day, std::min(day + kDayMs, start_ms), kinds,
                                                 &injector_.counts().missing_hours)) {
            if (!send(u)) return;
            ++count;
            progress(false);
        }
    }
    spdlog::info("sim monitor {}: history replayed: {} packets in {:.1f} s", options_.mn, count,
                 std::chrono::duration<double>(Steady::now() - began).count());
}

void MonitorRun::run_live(std::int64_t start_ms) {
    const SimClock clock(start_ms, options_.speed);
    std::int64_t cursor = start_ms;
    std::uint64_t live_realtime = 0;
    while (!should_stop()) {
        const std::int64_t now = clock.now_ms();
        // Everything generated since the last wake-up, in order (several intervals at once
        // when sending fell behind).
        for (const Upload& u : schedule_.uploads(cursor, now + 1, UploadKinds::all(),
                                                 &injector_.counts().missing_hours)) {
            if (!send(u)) return;
            if (u.kind == UploadKind::realtime && options_.count > 0 &&
                ++live_realtime >= options_.count)
                return;
        }
        cursor = now + 1;
        progress(false);
        const std::int64_t next = std::min(align_up(cursor, schedule_.rtd_interval_ms()),
                                           align_up(cursor, schedule_.min_interval_ms()));
        sleep_until(clock.real_time_of(next));
    }
}

void MonitorRun::drain() {
    // Give the last acks a moment (shorter when asked to stop).
    const auto limit = Steady::now() + (stop_.load() ? 500ms : 2s);
    std::unique_lock lock(mu_);
    while (!pending_.empty() && !link_down_ && Steady::now() < limit)
        cv_.wait_for(lock, 50ms);
}

RunSummary MonitorRun::run() {
    // Whole seconds, so that real-time instants fall on the interval grid.
    const std::int64_t start = align_down(local_now_ms(), kSecondMs);
    replay_history(start);
    run_live(start);
    drain();
    disconnect();
    progress(true);
    RunSummary s;
    {
        std::lock_guard lock(mu_);
        s = summary_;
    }
    s.faults = injector_.counts().total();
    s.fault_detail = fault_counts_text(injector_.counts());
    return s;
}

} // namespace

RunResult run_monitor(const MonitorOptions& options, const std::atomic<bool>& stop,
                      std::ostream& out) {
    RunResult result;
    auto fail = [&result](std::string message) {
        result.exit_code = 2;
        result.error = std::move(message);
        return result;
    };
    const auto target = parse_target(options.target);
    if (!target) return fail("--target " + target.error());
    const auto kind = parse_profile_kind(options.profile);
    if (!kind) return fail("--profile must be water, gas or power");
    const auto faults = parse_fault_spec(options.faults);
    if (!faults) return fail("--faults: " + faults.error());
    if (!(options.speed > 0)) return fail("--speed must be positive");
    if (options.window < 1) return fail("--window must be at least 1");
    if (options.history_days < 0) return fail("--history must not be negative");

    ScheduleSettings settings;
    settings.mn = options.mn;
    settings.pw = options.pw;
    settings.rtd_interval_s = options.interval_s;
    settings.min_interval_min = options.min_interval_min;
    settings.missing_hours = faults->missing_hours;
    settings.seed = options.seed;
    settings.flags.calibration_hour = options.calibration_hour;
    settings.flags.maintenance_per_day = options.maintenance_per_day;
    if (auto problem = validate(settings); !problem.empty()) return fail(problem);

    MonitorRun run(options, *target, make_profile(*kind), settings, *faults, stop);
    result.summary = run.run();
    const RunSummary& s = result.summary;
    out << "hj212gw sim monitor " << options.mn << ": sent " << s.sent << " (2011 " << s.realtime
        << ", 2051 " << s.minute << ", 2061 " << s.hourly << ", 2031 " << s.daily << "), acked "
        << s.acked << ", unacked " << s.unacked << ", control requests answered " << s.replies
        << ", connections " << s.connects << ", faults injected " << s.faults;
    if (!s.fault_detail.empty()) out << " (" << s.fault_detail << ")";
    out << '\n';
    return result;
}

} // namespace hj212gw::sim
