#pragma once
// ConsoleSession: one field-console conversation (on the serial console or a socket client),
// sans-I/O. Bytes and ticks in (with the time), output bytes out; the gateway is reached only
// through ops::OperatorApi. Replies that arrive later (store reads, tap) append output and
// call the output hook, so the transport knows to write.
//
// Flow: banner -> password (when configured; lockout shared through LoginGuard) -> prompt ->
// one command at a time. Output is bounded: `tap` drops lines (and says how many) rather than
// queue more than SessionSettings::max_output for a slow serial line.
#include "console/line_editor.hpp"
#include "console/login_guard.hpp"
#include "console/reports.hpp"
#include "ops/operator_api.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace hj212gw::console {

struct SessionSettings {
    std::string where;    ///< "serial /dev/ttyS0" or "socket": shown in the banner and logs
    std::string password; ///< empty: no login
    std::chrono::milliseconds idle_logout{std::chrono::minutes(15)};
    std::size_t max_output = 64 * 1024;
    std::size_t history_limit = 50; ///< packets `history` shows
};

class ConsoleSession : public std::enable_shared_from_this<ConsoleSession> {
public:
    using Clock = std::chrono::steady_clock;

    ConsoleSession(ops::OperatorApi& api, LoginGuard& guard, SessionSettings settings);
    ~ConsoleSession();

    /// The banner and the first prompt.
    void start(Clock::time_point now);
    void on_bytes(std::string_view bytes, Clock::time_point now);
    /// About once a second: idle logout, the end of a lockout.
    void on_tick(Clock::time_point now);
    /// The connection is gone: stops a tap.
    void on_closed();

    /// Up to `max` bytes of pending output.
    std::string take_output(std::size_t max = SIZE_MAX);
    bool has_output() const { return !out_.empty(); }
    /// The session ended (logout, Ctrl-D): close the connection once the output is written.
    /// A serial console instead starts again with start().
    bool finished() const { return finished_; }
    /// Called when output appears outside on_bytes/on_tick (a store reply, a tapped packet).
    void set_output_hook(std::function<void()> hook) { output_hook_ = std::move(hook); }

    bool logged_in() const {
        return state_ == State::command || state_ == State::busy || state_ == State::tapping;
    }

private:
    enum class State { password, locked, command, busy, tapping, ended };

    void prompt();
    void print(std::string_view text); ///< '\n' becomes CR LF
    void run(const std::string& line, Clock::time_point now);
    void check_password(const std::string& line, Clock::time_point now);
    void finish_async(std::string text);
    void stop_tap(bool say);
    void end(std::string_view why);
    void notify();

    // Commands that need the store answer later; each finishes with finish_async().
    void cmd_rates(const std::vector<std::string>& args);
    void cmd_params();
    void cmd_set(const std::vector<std::string>& args);
    void cmd_history(const std::vector<std::string>& args);
    void cmd_events(const std::vector<std::string>& args);
    void cmd_tap(const std::vector<std::string>& args);
    void cmd_send(const std::vector<std::string>& args);
    void cmd_log(const std::vector<std::string>& args);
    CompletionWords completion_words() const;

    /// A reply for OperatorApi that holds the session weakly and drops a reply of a cancelled
    /// command (Ctrl-C) or of a session that ended meanwhile; errors are printed as such.
    template <class T, class F>
    ops::Reply<T> reply(F on_value) {
        return [weak = weak_from_this(), gen = generation_,
                on_value = std::move(on_value)](ops::Outcome<T> r) mutable {
            auto self = weak.lock();
            if (!self || self->generation_ != gen || self->state_ != State::busy) return;
            if (!r.ok()) {
                self->finish_async("error: " + r.error() + "\n");
                return;
            }
            on_value(*self, *r);
        };
    }

    ops::OperatorApi& api_;
    LoginGuard& guard_;
    SessionSettings settings_;
    LineEditor editor_;
    State state_ = State::password;
    std::string out_;
    std::function<void()> output_hook_;
    Clock::time_point last_input_{};
    Clock::time_point now_{}; ///< the time of the call being handled
    std::vector<std::string> param_names_{"OverTime", "ReCount",    "RtdInterval",  "MinInterval",
                                          "PW",       "RtdEnabled", "StatusEnabled"};
    std::uint64_t tap_id_ = 0;
    std::uint64_t tap_dropped_ = 0;
    std::uint64_t generation_ =
        0; ///< bumps on Ctrl-C: late replies of a cancelled command are dropped
    bool finished_ = false;
    bool in_call_ = false; ///< inside on_bytes/on_tick: the transport writes afterwards anyway
};

} // namespace hj212gw::console
