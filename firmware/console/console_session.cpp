#include "console/console_session.hpp"

#include "ops/status_format.hpp"

#include <algorithm>
#include <set>

namespace hj212gw::console {
namespace {

constexpr std::string_view kPrompt = "hj212gw> ";

std::string seconds_text(std::chrono::milliseconds d) {
    return std::to_string((d.count() + 999) / 1000) + " s";
}

} // namespace

ConsoleSession::ConsoleSession(ops::OperatorApi& api, LoginGuard& guard, SessionSettings settings)
    : api_(api), guard_(guard), settings_(std::move(settings)),
      editor_(EditorLimits{}, [this](std::string_view before) {
          return completion_candidates(before, completion_words());
      }) {}

ConsoleSession::~ConsoleSession() {
    stop_tap(false);
}

void ConsoleSession::start(Clock::time_point now) {
    in_call_ = true;
    finished_ = false;
    last_input_ = now;
    now_ = now;
    const auto st = api_.status();
    print("\nhj212gw " + st.version + " console (" + settings_.where + "), gateway MN " +
          (st.mn.empty() ? "-" : st.mn) + "\n");
    if (settings_.password.empty()) {
        print("Type help for the commands.\n");
        state_ = State::command;
    } else {
        state_ = State::password;
    }
    prompt();
    in_call_ = false;
}

void ConsoleSession::prompt() {
    switch (state_) {
    case State::password:
        if (auto left = guard_.locked_for(now_); left.count() > 0) {
            state_ = State::locked;
            print("Console locked after repeated wrong passwords: try again in " +
                  seconds_text(left) + ".\n");
            editor_.watch_keys();
            return;
        }
        print(editor_.begin("Password: ", true));
        break;
    case State::command:
        print(editor_.begin(std::string(kPrompt)));
        break;
    default:
        return;
    }
    // Whatever was typed ahead while the last command ran is edited into this line now.
    on_bytes({}, now_);
}

void ConsoleSession::print(std::string_view text) {
    for (char c : text) {
        if (c == '\n') out_ += '\r';
        out_ += c;
    }
    notify();
}

void ConsoleSession::notify() {
    if (!in_call_ && output_hook_) output_hook_();
}

std::string ConsoleSession::take_output(std::size_t max) {
    if (max >= out_.size()) return std::exchange(out_, {});
    std::string head = out_.substr(0, max);
    out_.erase(0, max);
    return head;
}

void ConsoleSession::on_bytes(std::string_view bytes, Clock::time_point now) {
    const bool outer = !in_call_;
    in_call_ = true;
    now_ = now;
    if (!bytes.empty()) last_input_ = now;
    std::string echo;
    for (const auto& event : editor_.feed(bytes, echo)) {
        out_ += echo;
        echo.clear();
        if (std::holds_alternative<Interrupted>(event)) {
            if (state_ == State::tapping) {
                stop_tap(true);
            } else if (state_ == State::busy) {
                ++generation_;
                print("(cancelled)\n");
                state_ = State::command;
            }
            if (state_ == State::locked) continue;
            prompt();
        } else if (std::holds_alternative<AnyKey>(event)) {
            if (state_ == State::tapping) {
                stop_tap(true);
                prompt();
            }
        } else if (std::holds_alternative<EndOfInput>(event)) {
            if (state_ == State::command || state_ == State::password) end("logged out");
        } else if (const auto* line = std::get_if<LineEntered>(&event)) {
            if (state_ == State::password)
                check_password(line->text, now);
            else if (state_ == State::command)
                run(line->text, now);
        }
    }
    out_ += echo;
    if (outer) in_call_ = false;
}

void ConsoleSession::on_tick(Clock::time_point now) {
    in_call_ = true;
    now_ = now;
    if (state_ == State::locked && guard_.locked_for(now).count() == 0) {
        state_ = State::password;
        last_input_ = now; // the idle time counts from the new prompt
        print("Console unlocked.\n");
        prompt();
    }
    if ((state_ == State::command || state_ == State::password) && !settings_.password.empty() &&
        now - last_input_ >= settings_.idle_logout)
        end("logged out after " + seconds_text(settings_.idle_logout) + " without input");
    in_call_ = false;
}

void ConsoleSession::on_closed() {
    stop_tap(false);
    ++generation_;
    state_ = State::ended;
}

void ConsoleSession::end(std::string_view why) {
    stop_tap(false);
    print(std::string(why) + ".\n");
    state_ = State::ended;
    finished_ = true;
}

void ConsoleSession::check_password(const std::string& line, Clock::time_point now) {
    if (auto left = guard_.locked_for(now); left.count() > 0) {
        state_ = State::locked;
        print("Console locked: try again in " + seconds_text(left) + ".\n");
        editor_.watch_keys();
        return;
    }
    if (line == settings_.password) {
        guard_.succeeded();
        state_ = State::command;
        print("Welcome. Type help for the commands.\n");
        prompt();
        return;
    }
    if (guard_.failed(now)) {
        state_ = State::locked;
        print("Wrong password. Console locked for " + seconds_text(guard_.locked_for(now)) + ".\n");
        editor_.watch_keys();
        return;
    }
    print("Wrong password.\n");
    prompt();
}

void ConsoleSession::run(const std::string& line, Clock::time_point now) {
    (void)now;
    const auto words = split_words(line);
    if (words.empty()) {
        prompt();
        return;
    }
    const auto* spec = find_command(words.front());
    if (!spec) {
        print("unknown command '" + words.front() + "': type help for the list\n");
        prompt();
        return;
    }
    const std::vector<std::string> args(words.begin() + 1, words.end());
    const std::string_view name = spec->name;
    if (name == "help") {
        if (args.empty()) {
            print(help_text());
        } else if (const auto* about = find_command(args.front())) {
            print(help_text(*about));
        } else {
            print("no command '" + args.front() + "': type help for the list\n");
        }
    } else if (name == "status") {
        print(ops::status_text(api_.status()));
    } else if (name == "links") {
        print(links_text(api_.status()));
    } else if (name == "queue") {
        print(queue_text(api_.status()));
    } else if (name == "logout") {
        end("logged out");
        return;
    } else {
        state_ = State::busy;
        if (name == "rates")
            cmd_rates(args);
        else if (name == "params")
            cmd_params();
        else if (name == "set")
            cmd_set(args);
        else if (name == "history")
            cmd_history(args);
        else if (name == "events")
            cmd_events(args);
        else if (name == "tap")
            cmd_tap(args);
        else if (name == "send")
            cmd_send(args);
        else if (name == "log")
            cmd_log(args);
        return;
    }
    prompt();
}

/// Prints a command's result and shows the prompt again, unless the command was cancelled
/// (Ctrl-C) or the session ended meanwhile: callers check generation_ first.
void ConsoleSession::finish_async(std::string text) {
    print(text);
    state_ = State::command;
    prompt();
}

void ConsoleSession::cmd_rates(const std::vector<std::string>& args) {
    RatesPeriod period = RatesPeriod::both;
    std::string mn;
    for (const auto& a : args) {
        if (a == "day" || a == "today")
            period = RatesPeriod::day;
        else if (a == "month")
            period = RatesPeriod::month;
        else if (mn.empty())
            mn = a;
        else
            return finish_async("usage: rates [day|month] [MN]\n");
    }
    api_.rates(mn, reply<ops::RatesView>([period](ConsoleSession& s, ops::RatesView& view) {
                   s.finish_async(rates_text(view, period));
               }));
}

void ConsoleSession::cmd_params() {
    api_.params(
        reply<std::vector<ops::ParamRow>>([](ConsoleSession& s, std::vector<ops::ParamRow>& rows) {
            s.param_names_.clear();
            for (const auto& p : rows)
                s.param_names_.push_back(p.name);
            s.finish_async(params_text(rows));
        }));
}

void ConsoleSession::cmd_set(const std::vector<std::string>& args) {
    if (args.size() != 2) return finish_async("usage: set PARAM VALUE (see params)\n");
    api_.set_param(args[0], args[1],
                   reply<ops::ParamRow>([](ConsoleSession& s, ops::ParamRow& row) {
                       s.finish_async(row.name + " = " + row.value + " (saved)\n");
                   }));
}

void ConsoleSession::cmd_history(const std::vector<std::string>& args) {
    if (args.size() != 4) return finish_async("usage: history MN CN FROM TO (see help history)\n");
    const auto from = parse_time_arg(args[2], false);
    const auto to = parse_time_arg(args[3], true);
    if (!from) return finish_async("FROM '" + args[2] + "' is not a time: use YYYYMMDD[hh[mm]]\n");
    if (!to) return finish_async("TO '" + args[3] + "' is not a time: use YYYYMMDD[hh[mm]]\n");
    if (*to < *from) return finish_async("TO is before FROM\n");
    ops::HistoryQuery q{args[0], args[1], *from, *to, settings_.history_limit};
    api_.history(std::move(q), reply<std::vector<ops::HistoryRow>>(
                                   [limit = settings_.history_limit](
                                       ConsoleSession& s, std::vector<ops::HistoryRow>& rows) {
                                       s.finish_async(history_text(rows, limit));
                                   }));
}

void ConsoleSession::cmd_events(const std::vector<std::string>& args) {
    std::size_t n = 20;
    if (args.size() > 1) return finish_async("usage: events [N]\n");
    if (args.size() == 1) {
        try {
            n = static_cast<std::size_t>(std::stoul(args[0]));
        } catch (const std::exception&) {
            return finish_async("N must be a number\n");
        }
        n = std::clamp<std::size_t>(n, 1, 500);
    }
    api_.events(n, reply<std::vector<ops::EventRow>>(
                       [](ConsoleSession& s, std::vector<ops::EventRow>& rows) {
                           s.finish_async(events_text(rows));
                       }));
}

void ConsoleSession::cmd_tap(const std::vector<std::string>& args) {
    if (args.size() > 1) return finish_async("usage: tap [MN]\n");
    const std::string mn = args.empty() ? "" : args[0];
    state_ = State::tapping;
    tap_dropped_ = 0;
    editor_.watch_keys();
    print("Showing " + (mn.empty() ? std::string("every packet") : "packets of MN " + mn) +
          " live. Press any key to stop.\n");
    tap_id_ = api_.tap(mn, [weak = weak_from_this()](const ops::TapRecord& record) {
        auto self = weak.lock();
        if (!self || self->state_ != State::tapping) return;
        // A 9600-baud line writes about 1 KB/s: past the limit, lines are counted, not queued.
        if (self->out_.size() > self->settings_.max_output) {
            ++self->tap_dropped_;
            return;
        }
        self->print(tap_text(record));
    });
}

void ConsoleSession::stop_tap(bool say) {
    if (tap_id_ == 0) return;
    api_.untap(std::exchange(tap_id_, 0));
    if (state_ == State::tapping) state_ = State::command;
    if (say)
        print(tap_dropped_ ? "(tap stopped; " + std::to_string(tap_dropped_) +
                                 " packets not shown: the line was too slow)\n"
                           : "(tap stopped)\n");
}

void ConsoleSession::cmd_send(const std::vector<std::string>& args) {
    if (args.empty() || args.size() > 2) return finish_async("usage: send [PLATFORM] SEGMENT\n");
    const auto r = args.size() == 2 ? api_.send(args[0], args[1]) : api_.send("", args[0]);
    finish_async(r.ok() ? *r + "\n" : "error: " + r.error() + "\n");
}

void ConsoleSession::cmd_log(const std::vector<std::string>& args) {
    if (args.size() != 2 || args[0] != "level")
        return finish_async("usage: log level LEVEL (trace, debug, info, warn, error, critical, "
                            "off)\n");
    const auto r = api_.set_log_level(args[1]);
    finish_async(r.ok() ? *r + "\n" : "error: " + r.error() + "\n");
}

CompletionWords ConsoleSession::completion_words() const {
    CompletionWords w;
    const auto st = api_.status();
    std::set<std::string> mns;
    for (const auto& d : st.devices)
        mns.insert(d.mns.begin(), d.mns.end());
    for (const auto& r : st.rates)
        mns.insert(r.mn);
    w.mns.assign(mns.begin(), mns.end());
    w.upstreams = api_.upstream_names();
    w.params = param_names_;
    return w;
}

} // namespace hj212gw::console
