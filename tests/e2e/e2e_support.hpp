#pragma once
// Support for the end-to-end scenarios: child processes of the real hj212gw binary (gateway,
// platform simulator, monitor simulators) with their output in log files, a small JSON reader
// for the platform simulator's --json record, and the monitor library's view of what a monitor
// sent. Every wait has a deadline.
#include "sim/monitor/packet_schedule.hpp"
#include "sim/monitor/profile.hpp"
#include "sim/monitor/sim_clock.hpp"
#include "sim/monitor/time_units.hpp"

#include <hj212/datetime.hpp>
#include <hj212/encoder.hpp>
#include <hj212/packet.hpp>
#include <hj212/parser.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace hj212gw::e2e {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

inline std::string binary() {
    return HJ212GW_BINARY;
}

inline std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline void write_text(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
}

/// The last `max_bytes` of a log, for failure messages.
inline std::string tail_of(const fs::path& path, std::size_t max_bytes = 6000) {
    std::string text = read_text(path);
    if (text.size() > max_bytes) text = "...\n" + text.substr(text.size() - max_bytes);
    return text;
}

/// Waits (polling every 50 ms) until `pred` holds or `timeout` passes; returns the last result.
template <class Pred>
bool eventually(Pred pred, std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (!pred()) {
        if (Clock::now() >= deadline) return pred();
        std::this_thread::sleep_for(50ms);
    }
    return true;
}

/// A free loopback TCP port (bound to 0 and released).
inline std::uint16_t free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        ::close(fd);
        throw std::runtime_error("bind to port 0 failed");
    }
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(fd);
    return ntohs(a.sin_port);
}

/// A fresh directory under the system temp dir, removed at the end unless the test failed
/// (then its logs stay for a look).
class TempDir {
public:
    explicit TempDir(const std::string& name) {
        std::string tmpl = (fs::temp_directory_path() / ("hj212gw-e2e-" + name + "-XXXXXX"));
        if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        path_ = tmpl;
    }
    ~TempDir() {
        if (!keep_) {
            std::error_code ec;
            fs::remove_all(path_, ec);
        }
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const fs::path& path() const { return path_; }
    void keep() { keep_ = true; }

private:
    fs::path path_;
    bool keep_ = false;
};

/// A child process whose stdout and stderr go to a log file.
class Process {
public:
    Process(std::string name, std::vector<std::string> args, fs::path log)
        : name_(std::move(name)), args_(std::move(args)), log_(std::move(log)) {
        const int fd = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        if (fd < 0) throw std::runtime_error("cannot open " + log_.string());
        std::vector<char*> argv;
        for (std::string& a : args_)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        const pid_t parent = ::getpid();
        pid_ = ::fork();
        if (pid_ < 0) {
            ::close(fd);
            throw std::runtime_error("fork failed");
        }
        if (pid_ == 0) {
            // Die with the test, so that a crashed test leaves no daemons behind.
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (::getppid() != parent) ::_exit(127);
            ::dup2(fd, STDOUT_FILENO);
            ::dup2(fd, STDERR_FILENO);
            const int devnull = ::open("/dev/null", O_RDONLY);
            if (devnull >= 0) ::dup2(devnull, STDIN_FILENO);
            ::execv(argv[0], argv.data());
            ::_exit(127);
        }
        ::close(fd);
    }
    ~Process() {
        if (running()) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, &status_, 0);
        }
    }
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;

    const std::string& name() const { return name_; }
    const fs::path& log() const { return log_; }
    pid_t pid() const { return pid_; }
    std::string log_text() const { return read_text(log_); }

    /// Reaps the child if it has ended; true while it runs.
    bool running() {
        if (exited_) return false;
        const pid_t r = ::waitpid(pid_, &status_, WNOHANG);
        if (r == pid_ || r < 0) exited_ = true;
        return !exited_;
    }
    /// Waits for the end; the exit status (128 + signal when killed), nullopt on timeout.
    std::optional<int> wait(std::chrono::milliseconds timeout) {
        if (!eventually([this] { return !running(); }, timeout)) return std::nullopt;
        return exit_status();
    }
    std::optional<int> exit_status() const {
        if (!exited_) return std::nullopt;
        if (WIFEXITED(status_)) return WEXITSTATUS(status_);
        if (WIFSIGNALED(status_)) return 128 + WTERMSIG(status_);
        return -1;
    }
    void signal(int sig) {
        if (running()) ::kill(pid_, sig);
    }
    /// SIGTERM, then the status; SIGKILL when it does not end within `timeout`.
    std::optional<int> terminate(std::chrono::milliseconds timeout = 15s) {
        signal(SIGTERM);
        auto status = wait(timeout);
        if (!status) {
            signal(SIGKILL);
            wait(5s);
        }
        return status;
    }
    /// SIGKILL and reap.
    void kill9() {
        signal(SIGKILL);
        wait(10s);
    }

private:
    std::string name_;
    std::vector<std::string> args_;
    fs::path log_;
    pid_t pid_ = -1;
    int status_ = 0;
    bool exited_ = false;
};

/// Waits until a process's log contains `text` (false on timeout or when it ended first).
inline bool wait_for_log(Process& p, std::string_view text, std::chrono::milliseconds timeout) {
    eventually([&] { return p.log_text().find(text) != std::string::npos || !p.running(); },
               timeout);
    return p.log_text().find(text) != std::string::npos;
}

// ------------------------------------------------------------------------------------------
// A minimal JSON reader, enough for the platform simulator's record.

struct Json {
    enum class Type { null, boolean, number, string, array, object } type = Type::null;
    bool boolean = false;
    double number = 0;
    std::string string;
    std::vector<Json> array;
    std::vector<std::pair<std::string, Json>> object;

    const Json* get(std::string_view key) const {
        for (const auto& [k, v] : object)
            if (k == key) return &v;
        return nullptr;
    }
    std::string str(std::string_view key) const {
        const Json* v = get(key);
        return v != nullptr && v->type == Type::string ? v->string : std::string();
    }
    double num(std::string_view key) const {
        const Json* v = get(key);
        return v != nullptr && v->type == Type::number ? v->number : 0.0;
    }
};

class JsonParser {
public:
    explicit JsonParser(std::string_view text) : text_(text) {}

    /// The document, nullopt when malformed.
    std::optional<Json> parse() {
        try {
            Json v = value();
            skip();
            if (pos_ != text_.size()) return std::nullopt;
            return v;
        } catch (const std::runtime_error&) {
            return std::nullopt;
        }
    }

private:
    [[noreturn]] void error() { throw std::runtime_error("bad JSON"); }
    void skip() {
        while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\n' ||
                                       text_[pos_] == '\r' || text_[pos_] == '\t'))
            ++pos_;
    }
    char peek() {
        skip();
        if (pos_ >= text_.size()) error();
        return text_[pos_];
    }
    void expect(char c) {
        if (peek() != c) error();
        ++pos_;
    }
    bool literal(std::string_view word) {
        if (text_.substr(pos_, word.size()) != word) return false;
        pos_ += word.size();
        return true;
    }
    Json value() {
        Json v;
        const char c = peek();
        if (c == '{') {
            v.type = Json::Type::object;
            ++pos_;
            if (peek() == '}') {
                ++pos_;
                return v;
            }
            for (;;) {
                std::string key = string_body();
                expect(':');
                v.object.emplace_back(std::move(key), value());
                if (peek() == ',') {
                    ++pos_;
                    continue;
                }
                expect('}');
                return v;
            }
        }
        if (c == '[') {
            v.type = Json::Type::array;
            ++pos_;
            if (peek() == ']') {
                ++pos_;
                return v;
            }
            for (;;) {
                v.array.push_back(value());
                if (peek() == ',') {
                    ++pos_;
                    continue;
                }
                expect(']');
                return v;
            }
        }
        if (c == '"') {
            v.type = Json::Type::string;
            v.string = string_body();
            return v;
        }
        if (literal("null")) return v;
        if (literal("true") || literal("false")) {
            v.type = Json::Type::boolean;
            v.boolean = text_[pos_ - 1] == 'e' && text_[pos_ - 2] == 'u';
            return v;
        }
        const std::size_t start = pos_;
        while (pos_ < text_.size() && std::strchr("+-0123456789.eE", text_[pos_]) != nullptr)
            ++pos_;
        if (start == pos_) error();
        v.type = Json::Type::number;
        v.number = std::strtod(std::string(text_.substr(start, pos_ - start)).c_str(), nullptr);
        return v;
    }
    std::string string_body() {
        expect('"');
        std::string out;
        while (pos_ < text_.size()) {
            const char c = text_[pos_++];
            if (c == '"') return out;
            if (c != '\\') {
                out += c;
                continue;
            }
            if (pos_ >= text_.size()) error();
            const char e = text_[pos_++];
            switch (e) {
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'u': {
                if (pos_ + 4 > text_.size()) error();
                const auto code = std::stoul(std::string(text_.substr(pos_, 4)), nullptr, 16);
                pos_ += 4;
                if (code < 0x80) {
                    out += static_cast<char>(code);
                } else if (code < 0x800) {
                    out += static_cast<char>(0xC0 | (code >> 6));
                    out += static_cast<char>(0x80 | (code & 0x3F));
                } else {
                    out += static_cast<char>(0xE0 | (code >> 12));
                    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
                    out += static_cast<char>(0x80 | (code & 0x3F));
                }
                break;
            }
            default:
                out += e;
            }
        }
        error();
    }

    std::string_view text_;
    std::size_t pos_ = 0;
};

// ------------------------------------------------------------------------------------------
// The platform simulator's record (--json).

struct PlatformPacket {
    std::string time, peer, qn, st, cn, mn, ack, segment;
};

struct PlatformFlow {
    int line = 0, cn = 0, exe_rtn = 0, uploads = 0;
    std::string qn, mn, shape, status, reason;
};

struct PlatformRecord {
    int connections = 0;
    std::vector<PlatformPacket> packets;
    std::vector<PlatformFlow> flows;
    int commands_sent = 0, flows_passed = 0, flows_failed = 0;
};

/// The record at `path`; nullopt when absent or unreadable (not written yet).
inline std::optional<PlatformRecord> read_platform_record(const fs::path& path) {
    const std::string text = read_text(path);
    if (text.empty()) return std::nullopt;
    auto doc = JsonParser(text).parse();
    if (!doc || doc->type != Json::Type::object) return std::nullopt;
    PlatformRecord r;
    r.connections = static_cast<int>(doc->num("connections"));
    if (const Json* packets = doc->get("packets")) {
        for (const Json& p : packets->array)
            r.packets.push_back({p.str("time"), p.str("peer"), p.str("qn"), p.str("st"),
                                 p.str("cn"), p.str("mn"), p.str("ack"), p.str("segment")});
    }
    if (const Json* flows = doc->get("flows")) {
        for (const Json& f : flows->array) {
            PlatformFlow flow;
            flow.line = static_cast<int>(f.num("line"));
            flow.cn = static_cast<int>(f.num("cn"));
            flow.exe_rtn = static_cast<int>(f.num("exe_rtn"));
            flow.uploads = static_cast<int>(f.num("uploads"));
            flow.qn = f.str("qn");
            flow.mn = f.str("mn");
            flow.shape = f.str("shape");
            flow.status = f.str("status");
            flow.reason = f.str("reason");
            r.flows.push_back(std::move(flow));
        }
    }
    if (const Json* s = doc->get("summary")) {
        r.commands_sent = static_cast<int>(s->num("commands_sent"));
        r.flows_passed = static_cast<int>(s->num("flows_passed"));
        r.flows_failed = static_cast<int>(s->num("flows_failed"));
    }
    return r;
}

/// A header field or CP item of a segment ("" when absent).
inline std::string field_of(const std::string& segment, std::string_view key) {
    hj212::PacketView v;
    if (!hj212::parse_segment(segment, v, hj212::ParseMode::lenient).ok()) return {};
    if (key == "QN") return std::string(v.qn.value_or(""));
    if (key == "CN") return std::string(v.cn.value_or(""));
    if (key == "MN") return std::string(v.mn.value_or(""));
    if (auto i = v.find(key)) return std::string(*i);
    return {};
}

inline std::string cp_of(const std::string& segment) {
    const auto at = segment.find("CP=&&");
    return at == std::string::npos ? std::string() : segment.substr(at);
}

inline std::optional<std::int64_t> civil_ms(std::string_view text14) {
    auto dt = hj212::DateTime::parse(text14);
    if (!dt) return std::nullopt;
    return dt->to_epoch_ms();
}

inline std::string civil_text(std::int64_t ms) {
    return hj212::DateTime::from_epoch_ms(ms).format14();
}

// ------------------------------------------------------------------------------------------
// A simulated monitor: its options, its process, and what it must have sent.

struct MonitorSpec {
    std::string name;
    std::string mn;
    std::string profile = "water";
    std::uint64_t seed = 1;
    int interval_s = 1;
    int history_days = 1;
    double duration_s = 4;
    int window = 16;
    std::vector<std::string> extra;

    std::vector<std::string> args(std::uint16_t gateway_port) const {
        std::vector<std::string> a = {binary(),
                                      "sim",
                                      "monitor",
                                      "--target",
                                      "tcp://127.0.0.1:" + std::to_string(gateway_port),
                                      "--mn",
                                      mn,
                                      "--profile",
                                      profile,
                                      "--seed",
                                      std::to_string(seed),
                                      "--interval",
                                      std::to_string(interval_s),
                                      "--history",
                                      std::to_string(history_days),
                                      "--duration",
                                      std::to_string(duration_s),
                                      "--window",
                                      std::to_string(window)};
        a.insert(a.end(), extra.begin(), extra.end());
        return a;
    }

    sim::PacketSchedule schedule() const {
        sim::ScheduleSettings s;
        s.mn = mn;
        s.rtd_interval_s = interval_s;
        s.seed = seed;
        auto kind = sim::parse_profile_kind(profile);
        if (!kind) throw std::runtime_error("bad profile " + profile);
        return sim::PacketSchedule(sim::make_profile(*kind), s);
    }
};

/// The summary line a monitor prints at exit.
struct MonitorSummary {
    std::uint64_t sent = 0, realtime = 0, minute = 0, hourly = 0, daily = 0, acked = 0, unacked = 0,
                  replies = 0, connections = 0;
};

inline std::optional<MonitorSummary> parse_monitor_summary(const std::string& log) {
    static const std::regex re(
        R"(sent (\d+) \(2011 (\d+), 2051 (\d+), 2061 (\d+), 2031 (\d+)\), acked (\d+), )"
        R"(unacked (\d+), control requests answered (\d+), connections (\d+))");
    std::smatch m;
    if (!std::regex_search(log, m, re)) return std::nullopt;
    auto n = [&m](std::size_t i) { return std::stoull(m[i].str()); };
    return MonitorSummary{n(1), n(2), n(3), n(4), n(5), n(6), n(7), n(8), n(9)};
}

/// The first moment of the history replay, from "replaying history from YYYYMMDDhhmmss".
inline std::optional<std::int64_t> parse_history_from(const std::string& log) {
    static const std::regex re(R"(replaying history from (\d{14}))");
    std::smatch m;
    if (!std::regex_search(log, m, re)) return std::nullopt;
    return civil_ms(m[1].str());
}

class Monitor {
public:
    Monitor(MonitorSpec spec, std::uint16_t gateway_port, const fs::path& dir)
        : spec_(std::move(spec)), launched_ms_(sim::local_now_ms()),
          process_(std::make_unique<Process>("monitor " + spec_.name, spec_.args(gateway_port),
                                             dir / ("monitor-" + spec_.name + ".log"))) {}

    const MonitorSpec& spec() const { return spec_; }
    Process& process() { return *process_; }
    /// Site-local time just before the monitor was started: every hour that ended before it
    /// is in the monitor's history replay.
    std::int64_t launched_ms() const { return launched_ms_; }

    std::optional<std::int64_t> history_from() const {
        return parse_history_from(process_->log_text());
    }
    bool history_replayed() const {
        return process_->log_text().find("history replayed") != std::string::npos;
    }
    std::optional<MonitorSummary> summary() const {
        return parse_monitor_summary(process_->log_text());
    }

    /// Every hourly upload the monitor certainly sent (its history replay), in sending order.
    /// When the monitor ended (--duration) before its replay did, only the part it sent: the
    /// replay sends the schedule in order, so that is the first hourly + daily uploads it counts.
    std::vector<sim::Upload> expected_hourly() const {
        if (!history_) {
            const auto from = history_from();
            if (!from) return {};
            // Generating a day of summaries is not free (a sanitizer build polls this): once.
            history_ = spec_.schedule().uploads(
                *from, launched_ms_,
                sim::UploadKinds{}.with(sim::UploadKind::hourly).with(sim::UploadKind::daily));
        }
        std::vector<sim::Upload> all = *history_;
        if (!history_replayed()) {
            if (const auto s = summary())
                all.resize(static_cast<std::size_t>(
                    std::min<std::uint64_t>(all.size(), s->hourly + s->daily)));
        }
        std::vector<sim::Upload> hourly;
        for (sim::Upload& u : all)
            if (u.kind == sim::UploadKind::hourly) hourly.push_back(std::move(u));
        return hourly;
    }

private:
    MonitorSpec spec_;
    std::int64_t launched_ms_;
    std::unique_ptr<Process> process_;
    mutable std::optional<std::vector<sim::Upload>> history_; ///< the whole replay, cached
};

// ------------------------------------------------------------------------------------------
// The gateway and the platform simulator.

inline constexpr const char* kGatewayMn = "010000A8900016F0000000GW";

struct GatewayConfig {
    std::uint16_t listen_port = 0;
    std::uint16_t upstream_port = 0;
    int over_time = 10;
    int re_count = 3;
    int window = 1;
};

inline std::string gateway_toml(const fs::path& data_dir, const GatewayConfig& c) {
    std::ostringstream s;
    s << "data_dir = \"" << data_dir.string() << "\"\n"
      << "[gateway]\nmn = \"" << kGatewayMn << "\"\n"
      << "[[listener]]\nhost = \"127.0.0.1\"\nport = " << c.listen_port << "\n"
      << "[[upstream]]\nname = \"national\"\nhost = \"127.0.0.1\"\nport = " << c.upstream_port
      << "\nwindow = " << c.window << "\nover_time = " << c.over_time
      << "\nre_count = " << c.re_count << "\nbackoff_initial = 1\nbackoff_max = 1\n"
      << "[log]\nlevel = \"info\"\n";
    return s.str();
}

/// Starts `hj212gw run` with a config file written next to its data dir.
inline std::unique_ptr<Process> start_gateway(const fs::path& dir, const GatewayConfig& c,
                                              const std::string& log_name = "gateway.log") {
    const fs::path data = dir / "gateway";
    fs::create_directories(data);
    const fs::path config = dir / "hj212gw.toml";
    write_text(config, gateway_toml(data, c));
    auto gateway = std::make_unique<Process>(
        "gateway", std::vector<std::string>{binary(), "run", "--config", config.string()},
        dir / log_name);
    // Listening before the monitors start, so that they need not wait for their 1 s retry.
    if (!wait_for_log(*gateway, "hj212gw running", 10s))
        throw std::runtime_error("the gateway did not start:\n" + tail_of(dir / log_name));
    return gateway;
}

/// The port a platform simulator started with --listen ...:0 reports ("listening on port N").
inline std::optional<std::uint16_t> platform_port(Process& p, std::chrono::milliseconds timeout) {
    static const std::regex re(R"(listening on port (\d+))");
    std::optional<std::uint16_t> port;
    eventually(
        [&] {
            const std::string log = p.log_text();
            std::smatch m;
            if (std::regex_search(log, m, re)) port = static_cast<std::uint16_t>(std::stoul(m[1]));
            return port.has_value() || !p.running();
        },
        timeout);
    return port;
}

inline std::unique_ptr<Process> start_platform(const fs::path& dir, std::uint16_t port,
                                               std::vector<std::string> extra) {
    std::vector<std::string> args = {binary(),
                                     "sim",
                                     "platform",
                                     "--listen",
                                     "tcp://127.0.0.1:" + std::to_string(port),
                                     "--json",
                                     (dir / "platform.json").string(),
                                     "--report-interval",
                                     "0.5"};
    args.insert(args.end(), extra.begin(), extra.end());
    return std::make_unique<Process>("platform", std::move(args), dir / "platform.log");
}

// ------------------------------------------------------------------------------------------
// The comparison: what the platform received against what a monitor sent.

struct HourlyArrival {
    std::int64_t data_time = 0;
    std::size_t index = 0; ///< position in the platform's record
};

/// The first arrival of each hourly (2061) DataTime of `mn`, in arrival order.
inline std::vector<HourlyArrival> first_hourly_arrivals(const PlatformRecord& r,
                                                        const std::string& mn) {
    std::vector<HourlyArrival> out;
    std::map<std::int64_t, bool> seen;
    for (std::size_t i = 0; i < r.packets.size(); ++i) {
        const PlatformPacket& p = r.packets[i];
        if (p.cn != "2061" || p.mn != mn) continue;
        const auto t = civil_ms(field_of(p.segment, "DataTime"));
        if (!t || seen[*t]) continue;
        seen[*t] = true;
        out.push_back({*t, i});
    }
    return out;
}

/// How many of the monitor's history hours the platform has (for polling).
inline std::size_t hourly_delivered(const PlatformRecord& r, const Monitor& m) {
    std::map<std::int64_t, bool> have;
    for (const HourlyArrival& a : first_hourly_arrivals(r, m.spec().mn))
        have[a.data_time] = true;
    std::size_t n = 0;
    for (const sim::Upload& u : m.expected_hourly())
        if (have.count(u.data_time_ms) != 0) ++n;
    return n;
}

/// Problems of the platform's record against one monitor, "" when none:
///  - every hour of the monitor's history arrived at least once;
///  - first arrivals come in the monitor's order (ascending DataTime);
///  - every 2061 of that MN is what the monitor generated for its DataTime (the whole segment
///    when the QN is the monitor's, the CP when the gateway re-sent it under its own QN for a
///    history pull); split packets (PNUM) are only checked for their DataTime;
///  - at most `allowed_missing` history hours may be absent (packets the monitor gave up).
inline std::string compare_hourly(const PlatformRecord& r, const Monitor& m,
                                  std::size_t allowed_missing = 0) {
    std::ostringstream problems;
    const auto expected = m.expected_hourly();
    if (expected.empty()) return "no expected hourly uploads (did the monitor log its history?)";
    const sim::PacketSchedule schedule = m.spec().schedule();
    const auto from = *m.history_from();

    const auto arrivals = first_hourly_arrivals(r, m.spec().mn);
    std::map<std::int64_t, bool> have;
    for (std::size_t i = 0; i < arrivals.size(); ++i) {
        have[arrivals[i].data_time] = true;
        if (i > 0 && arrivals[i].data_time <= arrivals[i - 1].data_time)
            problems << "out of order: first arrival of DataTime "
                     << civil_text(arrivals[i].data_time) << " after "
                     << civil_text(arrivals[i - 1].data_time) << "\n";
    }
    std::size_t missing = 0;
    for (const sim::Upload& u : expected) {
        if (have.count(u.data_time_ms) != 0) continue;
        ++missing;
        if (missing > allowed_missing)
            problems << "missing: 2061 DataTime=" << civil_text(u.data_time_ms)
                     << " QN=" << u.packet.qn << "\n";
    }
    for (const PlatformPacket& p : r.packets) {
        if (p.cn != "2061" || p.mn != m.spec().mn) continue;
        const auto t = civil_ms(field_of(p.segment, "DataTime"));
        if (!t || *t % sim::kHourMs != 0 || *t < from - sim::kHourMs) {
            problems << "unexpected 2061: " << p.segment << "\n";
            continue;
        }
        if (p.segment.find("PNUM=") != std::string::npos) continue;
        const sim::Upload want = schedule.make_upload(sim::UploadKind::hourly, *t);
        const std::string want_segment = hj212::encode_segment(want.packet);
        if (p.qn == want.packet.qn ? p.segment != want_segment
                                   : cp_of(p.segment) != cp_of(want_segment))
            problems << "content differs for DataTime " << civil_text(*t) << ":\n  got  "
                     << p.segment << "\n  want " << want_segment << "\n";
    }
    std::ostringstream out;
    const std::string text = problems.str();
    if (!text.empty())
        out << m.spec().mn << " (" << expected.size() << " history hours expected, "
            << arrivals.size() << " distinct hours received, " << missing << " missing):\n"
            << text;
    return out.str();
}

} // namespace hj212gw::e2e
