#pragma once
// Integration harness: the hj212gw daemon as a real child process, fake platforms (TCP servers)
// and fake devices (TCP clients or the master side of a pty pair), all over real loopback
// sockets. Independent of gtest, so the benchmark can use it too. Every wait has a deadline.
#include <hj212/datetime.hpp>
#include <hj212/deframer.hpp>
#include <hj212/encoder.hpp>
#include <hj212/packet.hpp>
#include <hj212/parser.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace hj212gw::itest {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using Millis = std::chrono::milliseconds;

// ------------------------------------------------------------------------------------------
// Small helpers

/// A header field (QN, ST, CN, PW, MN, Flag) or a CP item of a segment; "" when absent.
inline std::string field(const std::string& segment, std::string_view key) {
    hj212::PacketView v;
    if (!hj212::parse_segment(segment, v, hj212::ParseMode::lenient).ok()) return {};
    if (key == "QN") return std::string(v.qn.value_or(""));
    if (key == "CN") return std::string(v.cn.value_or(""));
    if (key == "MN") return std::string(v.mn.value_or(""));
    if (key == "PW") return std::string(v.pw.value_or(""));
    if (key == "ST") return std::string(v.st.value_or(""));
    if (key == "Flag") return v.flag ? std::to_string(*v.flag) : std::string();
    if (auto i = v.find(key)) return std::string(*i);
    return {};
}

inline std::string cp_of(const std::string& segment) {
    const auto at = segment.find("CP=&&");
    return at == std::string::npos ? std::string() : segment.substr(at);
}

inline std::string frame(std::string_view segment) {
    auto f = hj212::frame_segment(segment);
    if (!f) throw std::runtime_error("cannot frame segment");
    return *f;
}

/// QN as a 17-digit time stamp: 2024-01-01 00:00:00.000 + ms.
inline std::string qn_at(std::int64_t ms) {
    static const std::int64_t base = hj212::DateTime{2024, 1, 1, 0, 0, 0, 0}.to_epoch_ms();
    return hj212::DateTime::from_epoch_ms(base + ms).format17();
}

inline std::string time14(int year, int month, int day, int hour, int minute = 0) {
    return hj212::DateTime{year, month, day, hour, minute, 0, 0}.format14();
}

/// A device's real-time upload asking for 9014 (Flag=5).
inline std::string data_segment(const std::string& mn, int seq, std::string_view cn = "2011") {
    std::ostringstream s;
    s << "QN=" << qn_at(seq) << ";ST=32;CN=" << cn << ";PW=123456;MN=" << mn
      << ";Flag=5;CP=&&DataTime=" << qn_at(seq).substr(0, 14) << ";w01018-Rtd=" << seq
      << ".5,w01018-Flag=N;w21003-Rtd=1.25,w21003-Flag=N&&";
    return s.str();
}

/// Any segment: QN;ST;CN;PW;MN;Flag;CP=&&cp&&.
inline std::string make_segment(const std::string& qn, std::string_view st, std::string_view cn,
                                std::string_view pw, const std::string& mn, int flag,
                                std::string_view cp) {
    std::ostringstream s;
    s << "QN=" << qn << ";ST=" << st << ";CN=" << cn << ";PW=" << pw << ";MN=" << mn
      << ";Flag=" << flag << ";CP=&&" << cp << "&&";
    return s.str();
}

/// A request from the platform (ST=32, Flag=5).
inline std::string request_segment(const std::string& qn, std::string_view cn,
                                   const std::string& mn, std::string_view pw,
                                   std::string_view cp) {
    return make_segment(qn, "32", cn, pw, mn, 5, cp);
}

/// A reply (ST=91, Flag=4) such as 9011/9012/9014.
inline std::string reply_segment(const std::string& qn, std::string_view cn, const std::string& mn,
                                 std::string_view pw, std::string_view cp) {
    return make_segment(qn, "91", cn, pw, mn, 4, cp);
}

/// A free loopback TCP port (bound to 0 and released: good enough on a test machine).
inline std::uint16_t free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        ::close(fd);
        throw std::runtime_error("bind 0 failed");
    }
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(fd);
    return ntohs(a.sin_port);
}

inline int connect_loopback(std::uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(port);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        ::close(fd);
        return -1;
    }
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

inline bool write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n < 0 && errno == ENOTSOCK) {
            const ssize_t w = ::write(fd, bytes.data(), bytes.size()); // a pty
            if (w < 0 && errno == EINTR) continue;
            if (w < 0 && errno == EAGAIN) {
                pollfd p{fd, POLLOUT, 0};
                ::poll(&p, 1, 100);
                continue;
            }
            if (w <= 0) return false;
            bytes.remove_prefix(static_cast<std::size_t>(w));
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

/// Waits (polling a predicate every few ms) until it holds or the deadline passes.
template <class Pred>
bool eventually(Pred pred, Millis timeout) {
    const auto deadline = Clock::now() + timeout;
    while (!pred()) {
        if (Clock::now() >= deadline) return pred();
        std::this_thread::sleep_for(5ms);
    }
    return true;
}

// ------------------------------------------------------------------------------------------
// Peer: one framed byte stream (socket or pty master) with a reader thread. Every segment
// received is passed to the handler (on the reader thread) and recorded.

class Peer {
public:
    using Handler = std::function<void(Peer&, const std::string&)>;

    Peer(int fd, Handler handler) : fd_(fd), handler_(std::move(handler)) {
        reader_ = std::thread([this] { read_loop(); });
    }
    Peer(const Peer&) = delete;
    Peer& operator=(const Peer&) = delete;
    ~Peer() { close(); }

    bool send_segment(std::string_view segment) { return send_raw(frame(segment)); }
    bool send_raw(std::string_view bytes) {
        std::lock_guard lock(write_mutex_);
        if (fd_ < 0) return false;
        return write_all(fd_, bytes);
    }

    void close() {
        stop_ = true;
        if (reader_.joinable()) reader_.join();
        std::lock_guard lock(write_mutex_);
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }
    /// Abortive close from any thread (the reader sees it and ends).
    void shutdown() {
        std::lock_guard lock(write_mutex_);
        if (fd_ >= 0) ::shutdown(fd_, SHUT_RDWR);
    }

    bool eof() const { return eof_; }

    std::vector<std::string> received() const {
        std::lock_guard lock(mutex_);
        return received_;
    }
    std::size_t received_count() const {
        std::lock_guard lock(mutex_);
        return received_.size();
    }

private:
    void read_loop() {
        hj212::Deframer deframer(hj212::DeframerLimits{9999});
        char buf[8192];
        while (!stop_) {
            pollfd p{fd_, POLLIN, 0};
            const int r = ::poll(&p, 1, 50);
            if (r <= 0) continue;
            const ssize_t n = ::read(fd_, buf, sizeof buf);
            if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
            if (n <= 0) {
                eof_ = true;
                return;
            }
            std::string_view in(buf, static_cast<std::size_t>(n));
            while (!in.empty()) {
                in.remove_prefix(deframer.feed(in));
                while (auto ev = deframer.next()) {
                    if (const auto* f = std::get_if<hj212::DeframedFrame>(&*ev)) {
                        std::string seg(f->segment);
                        {
                            std::lock_guard lock(mutex_);
                            received_.push_back(seg);
                        }
                        if (handler_) handler_(*this, seg);
                    }
                }
            }
        }
    }

    int fd_;
    Handler handler_;
    std::thread reader_;
    std::atomic<bool> stop_{false};
    std::atomic<bool> eof_{false};
    std::mutex write_mutex_;
    mutable std::mutex mutex_;
    std::vector<std::string> received_;
};

inline std::string ack_for(const std::string& segment) {
    return reply_segment(field(segment, "QN"), "9014", field(segment, "MN"), field(segment, "PW"),
                         "");
}

// ------------------------------------------------------------------------------------------
// FakePlatform: a TCP server recording every segment received, in order, across connections.

class FakePlatform {
public:
    enum class AckMode { ack, none, drop_link };

    struct Received {
        std::string segment;
        int connection = 0; ///< 1 for the first connection accepted
        Clock::time_point at;
    };

    explicit FakePlatform(std::uint16_t port = 0) : port_(port) {}
    FakePlatform(const FakePlatform&) = delete;
    FakePlatform& operator=(const FakePlatform&) = delete;
    ~FakePlatform() { stop(); }

    std::uint16_t port() const { return port_; }
    void set_ack_mode(AckMode m) { mode_ = m; }
    void set_ack_delay(Millis d) { delay_ms_ = d.count(); }

    void start() {
        listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        int one = 1;
        ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = htons(port_);
        if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
            ::listen(listen_fd_, 16) != 0)
            throw std::runtime_error("fake platform cannot listen on port " +
                                     std::to_string(port_) + ": " + std::strerror(errno));
        socklen_t len = sizeof a;
        ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&a), &len);
        port_ = ntohs(a.sin_port);
        stop_ = false;
        acceptor_ = std::thread([this] { accept_loop(); });
    }

    /// Closes the listener and every connection (the port stays the same for start()).
    void stop() {
        stop_ = true;
        if (acceptor_.joinable()) acceptor_.join();
        if (listen_fd_ >= 0) ::close(listen_fd_);
        listen_fd_ = -1;
        std::vector<std::shared_ptr<Peer>> peers;
        {
            std::lock_guard lock(mutex_);
            peers.swap(peers_);
        }
        for (auto& p : peers)
            p->close();
    }

    /// Sends a segment on the newest live connection.
    bool send(std::string_view segment) {
        auto p = current();
        return p && p->send_segment(segment);
    }

    bool wait_connected(int connections, Millis timeout) {
        return eventually([&] { return connection_count() >= connections; }, timeout);
    }

    int connection_count() const {
        std::lock_guard lock(mutex_);
        return connections_;
    }

    std::vector<Received> received() const {
        std::lock_guard lock(mutex_);
        return received_;
    }
    /// Segments whose MN is `mn` and CN is `cn` (empty = any), in order of arrival.
    std::vector<std::string> segments(const std::string& mn, std::string_view cn = {}) const {
        std::vector<std::string> out;
        for (const auto& r : received())
            if (field(r.segment, "MN") == mn && (cn.empty() || field(r.segment, "CN") == cn))
                out.push_back(r.segment);
        return out;
    }
    /// Every segment carrying QN `qn`, in order of arrival.
    std::vector<std::string> with_qn(const std::string& qn) const {
        std::vector<std::string> out;
        for (const auto& r : received())
            if (field(r.segment, "QN") == qn) out.push_back(r.segment);
        return out;
    }
    std::size_t count() const {
        std::lock_guard lock(mutex_);
        return received_.size();
    }

    /// The segments after index `from` up to and including the 9012 with `qn`, waiting for it.
    std::optional<std::vector<std::string>> exchange(std::size_t from, const std::string& qn,
                                                     Millis timeout) {
        std::vector<std::string> out;
        const bool done = eventually(
            [&] {
                out.clear();
                const auto all = received();
                for (std::size_t i = from; i < all.size(); ++i) {
                    out.push_back(all[i].segment);
                    if (field(all[i].segment, "QN") == qn && field(all[i].segment, "CN") == "9012")
                        return true;
                }
                return false;
            },
            timeout);
        if (!done) return std::nullopt;
        return out;
    }

private:
    std::shared_ptr<Peer> current() const {
        std::lock_guard lock(mutex_);
        for (auto it = peers_.rbegin(); it != peers_.rend(); ++it)
            if (!(*it)->eof()) return *it;
        return nullptr;
    }

    void accept_loop() {
        while (!stop_) {
            pollfd p{listen_fd_, POLLIN, 0};
            if (::poll(&p, 1, 50) <= 0) continue;
            const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
            if (fd < 0) continue;
            int one = 1;
            ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            // The connection counts only once its peer can be used: wait_connected() followed
            // by send() must find it (under qemu the gap was wide enough to lose the race).
            const int id = ++accepted_;
            auto peer = std::make_shared<Peer>(
                fd, [this, id](Peer& self, const std::string& seg) { on_segment(self, id, seg); });
            std::lock_guard lock(mutex_);
            peers_.push_back(std::move(peer));
            ++connections_;
        }
    }

    void on_segment(Peer& peer, int id, const std::string& seg) {
        {
            std::lock_guard lock(mutex_);
            received_.push_back({seg, id, Clock::now()});
        }
        hj212::PacketView v;
        if (!hj212::parse_segment(seg, v, hj212::ParseMode::lenient).ok() || !v.reply_wanted())
            return;
        const auto cn = v.command();
        if (cn && *cn >= 9011 && *cn <= 9014) return;
        switch (mode_.load()) {
        case AckMode::none:
            return;
        case AckMode::drop_link:
            peer.shutdown();
            return;
        case AckMode::ack:
            break;
        }
        if (const auto d = delay_ms_.load(); d > 0) std::this_thread::sleep_for(Millis(d));
        peer.send_segment(ack_for(seg));
    }

    std::uint16_t port_;
    int listen_fd_ = -1;
    std::atomic<bool> stop_{false};
    std::atomic<AckMode> mode_{AckMode::ack};
    std::atomic<Millis::rep> delay_ms_{0};
    std::thread acceptor_;
    mutable std::mutex mutex_;
    int connections_ = 0;
    int accepted_ = 0; ///< accept thread only
    std::vector<std::shared_ptr<Peer>> peers_;
    std::vector<Received> received_;
};

// ------------------------------------------------------------------------------------------
// FakeDevice: a monitor connected over TCP or over a pty pair. It sends framed packets and
// records the gateway's 9014s; an optional hook answers requests the gateway routes to it.

/// A pty pair as a serial line: the test holds the master; the gateway opens the slave path.
/// The slave is also held open (so reads on the master never see EIO while the gateway
/// reopens it) and made raw before the gateway opens it: no echo, no line discipline.
struct RawPty {
    int master = -1;
    int slave = -1;
    std::string slave_path;
};

inline RawPty open_raw_pty() {
    RawPty p;
    p.master = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (p.master < 0 || ::grantpt(p.master) != 0 || ::unlockpt(p.master) != 0)
        throw std::runtime_error("posix_openpt failed");
    char name[128];
    if (::ptsname_r(p.master, name, sizeof name) != 0) throw std::runtime_error("ptsname failed");
    p.slave_path = name;
    p.slave = ::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (p.slave < 0) throw std::runtime_error("cannot open pty slave");
    termios t{};
    ::tcgetattr(p.slave, &t);
    ::cfmakeraw(&t);
    ::tcsetattr(p.slave, TCSANOW, &t);
    return p;
}

class FakeDevice {
public:
    using RequestHook = std::function<void(FakeDevice&, const std::string&)>;

    /// TCP device connected to the gateway's listener.
    static std::unique_ptr<FakeDevice> tcp(std::uint16_t port, std::string mn) {
        const int fd = connect_loopback(port);
        if (fd < 0)
            throw std::runtime_error("device cannot connect to port " + std::to_string(port));
        return std::unique_ptr<FakeDevice>(new FakeDevice(fd, -1, std::move(mn), {}));
    }

    /// Device on the master side of a new pty; give the gateway `--serial slave_path():9600`.
    static std::unique_ptr<FakeDevice> pty(std::string mn) {
        auto p = open_raw_pty();
        return std::unique_ptr<FakeDevice>(
            new FakeDevice(p.master, p.slave, std::move(mn), std::move(p.slave_path)));
    }

    ~FakeDevice() {
        peer_.reset();
        if (slave_ >= 0) ::close(slave_);
    }

    const std::string& mn() const { return mn_; }
    const std::string& slave_path() const { return slave_path_; }
    void set_request_hook(RequestHook h) {
        std::lock_guard lock(mutex_);
        hook_ = std::move(h);
    }

    bool send_segment(std::string_view segment) { return peer_->send_segment(segment); }
    /// Sends data_segment(mn, seq) and remembers its QN as sent.
    bool send_data(int seq, std::string_view cn = "2011") {
        const auto seg = data_segment(mn_, seq, cn);
        {
            std::lock_guard lock(mutex_);
            sent_.push_back(seg);
        }
        return peer_->send_segment(seg);
    }

    /// Sends seq first..first+count-1 keeping at most `window` unacknowledged.
    bool send_run(int first, int count, std::size_t window, Millis timeout) {
        for (int i = 0; i < count; ++i) {
            const auto outstanding = [&] { return sent_count() - acked_count(); };
            if (!eventually([&] { return outstanding() < window; }, timeout)) return false;
            if (!send_data(first + i)) return false;
        }
        return true;
    }

    std::size_t sent_count() const {
        std::lock_guard lock(mutex_);
        return sent_.size();
    }
    std::vector<std::string> sent() const {
        std::lock_guard lock(mutex_);
        return sent_;
    }
    std::size_t acked_count() const {
        std::lock_guard lock(mutex_);
        return acked_.size();
    }
    std::vector<std::string> acked_qns() const {
        std::lock_guard lock(mutex_);
        return acked_;
    }
    bool wait_acked(std::size_t n, Millis timeout) const {
        return eventually([&] { return acked_count() >= n; }, timeout);
    }
    std::vector<std::string> received() const { return peer_->received(); }
    bool eof() const { return peer_->eof(); }
    void disconnect() { peer_->close(); }

private:
    FakeDevice(int fd, int slave, std::string mn, std::string slave_path)
        : mn_(std::move(mn)), slave_(slave), slave_path_(std::move(slave_path)) {
        peer_ =
            std::make_unique<Peer>(fd, [this](Peer&, const std::string& seg) { on_segment(seg); });
    }

    void on_segment(const std::string& seg) {
        RequestHook hook;
        {
            std::lock_guard lock(mutex_);
            if (field(seg, "CN") == "9014") {
                acked_.push_back(field(seg, "QN"));
                return;
            }
            hook = hook_;
        }
        if (hook) hook(*this, seg);
    }

    std::string mn_;
    int slave_ = -1;
    std::string slave_path_;
    mutable std::mutex mutex_;
    std::vector<std::string> sent_;
    std::vector<std::string> acked_;
    RequestHook hook_;
    std::unique_ptr<Peer> peer_;
};

// ------------------------------------------------------------------------------------------
// GatewayProcess: `hj212gw run` as a child process with its own data dir and config file.

struct UpstreamSpec {
    std::string name;
    std::uint16_t port = 0;
    int window = 1;
    int over_time = 5;
    int re_count = 3;
    int backoff_initial = 1;
    int backoff_max = 1;
};

struct GatewayOptions {
    std::vector<UpstreamSpec> upstreams;
    std::vector<std::string> serial; ///< DEV:BAUD
    std::string mn;                  ///< gateway MN (--mn); empty: none
    std::string log_level = "debug";
    std::string extra_toml; ///< appended to the config file
};

class GatewayProcess {
public:
    /// A fresh data directory under the system temp dir, removed by the destructor.
    GatewayProcess(std::string binary, GatewayOptions options)
        : binary_(std::move(binary)), options_(std::move(options)) {
        std::string tmpl = (fs::temp_directory_path() / "hj212gw-itest-XXXXXX").string();
        if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
        dir_ = tmpl;
        listen_port_ = free_port();
    }
    GatewayProcess(const GatewayProcess&) = delete;
    GatewayProcess& operator=(const GatewayProcess&) = delete;
    ~GatewayProcess() {
        kill_now();
        if (!keep_) {
            std::error_code ec;
            fs::remove_all(dir_, ec);
        }
    }

    std::uint16_t listen_port() const { return listen_port_; }
    const fs::path& data_dir() const { return dir_; }
    pid_t pid() const { return pid_; }
    bool running() const { return pid_ > 0; }
    void keep_data_dir() { keep_ = true; }
    GatewayOptions& options() { return options_; }

    /// Starts the daemon and waits until its device listener accepts (false: it did not).
    bool start(Millis timeout = 20s) {
        write_config();
        std::vector<std::string> args{
            binary_,       "run",
            "--config",    (dir_ / "hj212gw.toml").string(),
            "--data-dir",  (dir_ / "data").string(),
            "--listen",    "tcp://127.0.0.1:" + std::to_string(listen_port_),
            "--log-level", options_.log_level};
        for (const auto& s : options_.serial) {
            args.push_back("--serial");
            args.push_back(s);
        }
        if (!options_.mn.empty()) {
            args.push_back("--mn");
            args.push_back(options_.mn);
        }
        std::vector<char*> argv;
        for (auto& a : args)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        const std::string out_path = (dir_ / "console.log").string();
        const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        ++starts_;
        const pid_t pid = ::fork();
        if (pid < 0) {
            ::close(out);
            return false;
        }
        if (pid == 0) {
            // Only async-signal-safe calls between fork and exec.
            ::dup2(out, STDOUT_FILENO);
            ::dup2(out, STDERR_FILENO);
            if (::syscall(SYS_close_range, 3U, ~0U, 0U) != 0)
                for (int fd = 3; fd < 4096; ++fd)
                    ::close(fd);
            ::execv(argv[0], argv.data());
            ::_exit(127);
        }
        ::close(out);
        pid_ = pid;
        return eventually(
                   [&] {
                       if (!alive()) return true;
                       const int fd = connect_loopback(listen_port_);
                       if (fd < 0) return false;
                       ::close(fd);
                       return true;
                   },
                   timeout) &&
               alive();
    }

    /// SIGTERM and reap; SIGKILL if it does not stop in time. Returns the exit status.
    int stop(Millis timeout = 15s) {
        if (pid_ <= 0) return -1;
        ::kill(pid_, SIGTERM);
        const auto deadline = Clock::now() + timeout;
        int status = 0;
        while (Clock::now() < deadline) {
            const pid_t r = ::waitpid(pid_, &status, WNOHANG);
            if (r == pid_) {
                pid_ = -1;
                return status;
            }
            std::this_thread::sleep_for(10ms);
        }
        kill_now();
        return -1;
    }

    /// SIGKILL and reap.
    void kill_now() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGKILL);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
    }

    bool alive() {
        if (pid_ <= 0) return false;
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            return false;
        }
        return true;
    }

    /// The console output (everything the daemon logged).
    std::string log() const {
        std::ifstream in(dir_ / "console.log");
        std::stringstream s;
        s << in.rdbuf();
        return s.str();
    }
    void dump_log(std::ostream& os, std::size_t max_lines = 300) const {
        const auto text = log();
        std::vector<std::string> lines;
        std::istringstream in(text);
        for (std::string l; std::getline(in, l);)
            lines.push_back(l);
        const std::size_t first = lines.size() > max_lines ? lines.size() - max_lines : 0;
        os << "---- hj212gw log (" << dir_.string() << ", last " << (lines.size() - first) << " of "
           << lines.size() << " lines) ----\n";
        for (std::size_t i = first; i < lines.size(); ++i)
            os << lines[i] << '\n';
        os << "---- end of log ----\n";
    }

    /// A line of /proc/PID/status, in kB (VmRSS, VmHWM).
    std::optional<long> status_kb(const std::string& key) const {
        if (pid_ <= 0) return std::nullopt;
        std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
        for (std::string l; std::getline(in, l);)
            if (l.rfind(key + ":", 0) == 0) return std::stol(l.substr(key.size() + 1));
        return std::nullopt;
    }

private:
    void write_config() {
        std::ofstream f(dir_ / "hj212gw.toml", std::ios::trunc);
        f << "[log]\nmax_file_bytes = 16777216\n\n";
        for (const auto& u : options_.upstreams) {
            f << "[[upstream]]\nname = \"" << u.name
              << "\"\nhost = \"127.0.0.1\"\nport = " << u.port << "\nwindow = " << u.window
              << "\nover_time = " << u.over_time << "\nre_count = " << u.re_count
              << "\nbackoff_initial = " << u.backoff_initial << "\nbackoff_max = " << u.backoff_max
              << "\n\n";
        }
        f << options_.extra_toml << '\n';
    }

    std::string binary_;
    GatewayOptions options_;
    fs::path dir_;
    std::uint16_t listen_port_ = 0;
    pid_t pid_ = -1;
    int starts_ = 0;
    bool keep_ = false;
};

} // namespace hj212gw::itest
