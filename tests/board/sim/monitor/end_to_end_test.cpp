// The real hj212gw binary against a small in-test gateway that acks every upload with a 9014.
#include <hj212/deframer.hpp>
#include <hj212/encoder.hpp>
#include <hj212/parser.hpp>
#include <hj212/replies.hpp>

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace std::chrono_literals;

struct Received {
    std::string cn, qn, data_time;
};

// Accepts connection after connection, deframes, records and acks uploads.
class AckingGateway {
public:
    AckingGateway() {
        listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
        int one = 1;
        ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = 0;
        EXPECT_EQ(::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
        EXPECT_EQ(::listen(listener_, 4), 0);
        socklen_t len = sizeof addr;
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
        port_ = ntohs(addr.sin_port);
        thread_ = std::thread([this] { serve(); });
    }
    ~AckingGateway() {
        stop_ = true;
        thread_.join();
        ::close(listener_);
    }
    std::uint16_t port() const { return port_; }
    std::vector<Received> received() {
        std::lock_guard lock(mu_);
        return received_;
    }
    int connections() const { return connections_; }
    std::uint64_t garbage_errors() const { return garbage_; }

private:
    void serve() {
        while (!stop_) {
            pollfd p{listener_, POLLIN, 0};
            if (::poll(&p, 1, 50) <= 0) continue;
            const int fd = ::accept(listener_, nullptr, nullptr);
            if (fd < 0) continue;
            ++connections_;
            talk(fd);
            ::close(fd);
        }
    }
    void talk(int fd) {
        hj212::Deframer deframer;
        hj212::PacketView view;
        char buf[4096];
        while (!stop_) {
            pollfd p{fd, POLLIN, 0};
            if (::poll(&p, 1, 50) <= 0) continue;
            const ssize_t n = ::read(fd, buf, sizeof buf);
            if (n <= 0) return;
            std::string_view data(buf, static_cast<std::size_t>(n));
            while (!data.empty()) {
                data.remove_prefix(deframer.feed(data));
                while (auto e = deframer.next()) {
                    if (auto* err = std::get_if<hj212::DeframeError>(&*e)) {
                        if (err->kind == hj212::DeframeErrorKind::garbage) ++garbage_;
                        continue;
                    }
                    const auto& f = std::get<hj212::DeframedFrame>(*e);
                    if (!hj212::parse_segment(f.segment, view, hj212::ParseMode::strict)) {
                        ADD_FAILURE() << "not strict: " << f.segment;
                        continue;
                    }
                    Received r{std::string(view.cn.value_or("")), std::string(view.qn.value_or("")),
                               std::string(view.find("DataTime").value_or(""))};
                    {
                        std::lock_guard lock(mu_);
                        received_.push_back(r);
                    }
                    if (view.reply_wanted()) {
                        const auto ack =
                            hj212::encode_frame(hj212::make_data_reply(hj212::ReplyTo::of(view)));
                        // The simulator may have closed already (disconnect fault): no SIGPIPE.
                        (void)!::send(fd, ack->data(), ack->size(), MSG_NOSIGNAL);
                    }
                }
            }
        }
    }

    int listener_ = -1;
    std::uint16_t port_ = 0;
    std::thread thread_;
    std::atomic<bool> stop_{false};
    std::atomic<int> connections_{0};
    std::atomic<std::uint64_t> garbage_{0};
    std::mutex mu_;
    std::vector<Received> received_;
};

struct Exit {
    int code = -1;
    std::string out, err;
};

// Runs the binary with a time limit, collecting stdout and stderr.
Exit run_binary(const std::vector<std::string>& args, std::chrono::seconds limit = 60s) {
    int out_pipe[2], err_pipe[2];
    EXPECT_EQ(::pipe(out_pipe), 0);
    EXPECT_EQ(::pipe(err_pipe), 0);
    std::vector<std::string> all{HJ212GW_BINARY};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(out_pipe[1], 1);
        ::dup2(err_pipe[1], 2);
        ::close(out_pipe[0]);
        ::close(err_pipe[0]);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    Exit result;
    const auto deadline = std::chrono::steady_clock::now() + limit;
    pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    int open_fds = 2;
    while (open_fds > 0 && std::chrono::steady_clock::now() < deadline) {
        if (::poll(fds, 2, 100) <= 0) continue;
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP)) == 0) continue;
            char buf[4096];
            const ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
            if (n <= 0) {
                ::close(fds[i].fd);
                fds[i].fd = -1;
                --open_fds;
                continue;
            }
            (i == 0 ? result.out : result.err).append(buf, static_cast<std::size_t>(n));
        }
    }
    if (open_fds > 0) ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    for (auto& f : fds)
        if (f.fd >= 0) ::close(f.fd);
    result.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

// Hourly DataTimes grouped by date: the dates whose 24 hours all arrived.
std::vector<std::string> complete_days(const std::vector<Received>& received) {
    std::map<std::string, std::set<std::string>> hours;
    for (const auto& r : received)
        if (r.cn == "2061") hours[r.data_time.substr(0, 8)].insert(r.data_time);
    std::vector<std::string> days;
    for (const auto& [day, set] : hours)
        if (set.size() == 24) days.push_back(day);
    return days;
}

TEST(EndToEnd, HistoryDayArrivesCompleteAndAcked) {
    AckingGateway gateway;
    const auto run = run_binary({"sim", "monitor", "--target",
                                 "tcp://127.0.0.1:" + std::to_string(gateway.port()), "--mn",
                                 "511300000000000000000001", "--profile", "water", "--history", "1",
                                 // Long enough for live data after the replay also under
                                 // qemu-aarch64, where computing the day takes about 1 s.
                                 "--duration", "4", "--interval", "1"});
    EXPECT_EQ(run.code, 0) << run.err;
    const auto received = gateway.received();
    const auto days = complete_days(received);
    ASSERT_GE(days.size(), 1U) << run.out << run.err;
    // Every hourly DataTime is sent once, and so is the daily packet of the replayed day.
    std::set<std::string> hourly, daily;
    std::size_t hourly_count = 0;
    for (const auto& r : received) {
        if (r.cn == "2061") {
            ++hourly_count;
            hourly.insert(r.data_time);
            EXPECT_EQ(r.data_time.substr(10), "0000");
        }
        if (r.cn == "2031") {
            EXPECT_TRUE(daily.insert(r.data_time).second);
            EXPECT_EQ(r.data_time.substr(8), "000000");
        }
    }
    EXPECT_EQ(hourly.size(), hourly_count);
    EXPECT_EQ(daily.count(days.front() + "000000"), 1U);
    // Live real-time data followed the history.
    std::set<std::string> realtime;
    for (const auto& r : received)
        if (r.cn == "2011") {
            EXPECT_TRUE(realtime.insert(r.data_time).second);
        }
    EXPECT_GE(realtime.size(), 1U);
    EXPECT_NE(run.out.find("acked " + std::to_string(received.size())), std::string::npos)
        << run.out;
    EXPECT_NE(run.out.find("sent " + std::to_string(received.size())), std::string::npos)
        << run.out;
}

TEST(EndToEnd, FaultsDoNotCostHourlyPacketsButMissingHoursDo) {
    AckingGateway gateway;
    const auto run = run_binary({"sim", "monitor", "--target",
                                 "tcp://127.0.0.1:" + std::to_string(gateway.port()), "--mn",
                                 "511300000000000000000002", "--profile", "gas", "--history", "2",
                                 "--duration", "6", "--interval", "1", "--seed", "3", "--faults",
                                 "missing-hours=2,garbage=0.3,split=0.3,disconnect=0.1"});
    EXPECT_EQ(run.code, 0) << run.err;
    const auto received = gateway.received();
    std::map<std::string, std::set<std::string>> hours;
    for (const auto& r : received)
        if (r.cn == "2061") hours[r.data_time.substr(0, 8)].insert(r.data_time);
    // The two fully replayed days lack exactly two hours each.
    // (today, late in the evening, may have 22 already).
    int full_days = 0;
    for (const auto& [day, set] : hours) {
        EXPECT_LE(set.size(), 22U) << day;
        if (set.size() == 22) ++full_days;
    }
    EXPECT_GE(full_days, 2) << run.out;
    EXPECT_GT(gateway.connections(), 1);
    EXPECT_GT(gateway.garbage_errors(), 0U);
    EXPECT_NE(run.out.find("missing-hours"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("disconnect"), std::string::npos) << run.out;
}

TEST(EndToEnd, CountStopsTheLiveRun) {
    AckingGateway gateway;
    const auto run = run_binary(
        {"sim", "monitor", "--target", "tcp://127.0.0.1:" + std::to_string(gateway.port()), "--mn",
         "511300000000000000000003", "--profile", "power", "--interval", "1", "--count", "3"});
    EXPECT_EQ(run.code, 0) << run.err;
    std::set<std::string> realtime;
    for (const auto& r : gateway.received())
        if (r.cn == "2011") realtime.insert(r.data_time);
    EXPECT_EQ(realtime.size(), 3U);
}

TEST(EndToEnd, BadOptionsFailWithAReason) {
    const auto faults = run_binary({"sim", "monitor", "--target", "tcp://127.0.0.1:1", "--mn", "X",
                                    "--profile", "water", "--faults", "bad-crc=2"});
    EXPECT_NE(faults.code, 0);
    EXPECT_NE(faults.err.find("bad-crc='2'"), std::string::npos) << faults.err;
    const auto target =
        run_binary({"sim", "monitor", "--target", "udp://h:1", "--mn", "X", "--profile", "water"});
    EXPECT_NE(target.code, 0);
    EXPECT_NE(target.err.find("udp://h:1"), std::string::npos) << target.err;
}

} // namespace
