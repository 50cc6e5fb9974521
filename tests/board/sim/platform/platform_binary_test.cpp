// End to end: the real binary (`hj212gw sim platform`) against an in-test gateway over TCP.
#include "test_support.hpp"

#include "net/asio.hpp"

#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

extern char** environ;

using namespace std::chrono_literals;
using hj212gw::net::asio::ip::tcp;
using hj212gw::sim::test::frame;
using hj212gw::sim::test::hourly_segment;
using hj212gw::sim::test::Parsed;
using hj212gw::sim::test::segments_of;
namespace asio = hj212gw::net::asio;

namespace {

std::uint16_t free_port() {
    asio::io_context io;
    tcp::acceptor a(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    return a.local_endpoint().port();
}

std::string temp_path(const std::string& name) {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    return ::testing::TempDir() + "simplat_" + info->name() + "_" + name;
}

std::string read_file(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

std::size_t count(const std::string& text, const std::string& needle) {
    std::size_t n = 0;
    for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1))
        ++n;
    return n;
}

class Binary {
public:
    explicit Binary(std::vector<std::string> args, const std::string& out_path) {
        args.insert(args.begin(), HJ212GW_BINARY);
        std::vector<char*> argv;
        for (auto& a : args)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_adddup2(&actions, 1, 2);
        spawned_ = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ) == 0;
        posix_spawn_file_actions_destroy(&actions);
    }
    ~Binary() {
        if (spawned_ && !waited_) {
            kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
    }
    bool spawned() const { return spawned_; }
    /// Exit status, or -1 when it did not exit normally.
    int wait() {
        int status = 0;
        waitpid(pid_, &status, 0);
        waited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

private:
    pid_t pid_ = 0;
    bool spawned_ = false;
    bool waited_ = false;
};

tcp::socket connect_with_retry(asio::io_context& io, std::uint16_t port) {
    tcp::socket s(io);
    for (int i = 0; i < 100; ++i) {
        hj212gw::net::error_code ec;
        s.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
        if (!ec) return s;
        s = tcp::socket(io);
        std::this_thread::sleep_for(50ms);
    }
    throw std::runtime_error("the platform did not start listening");
}

/// Reads frames until `n` segments arrived (or 3 s passed).
std::vector<std::string> read_segments(tcp::socket& s, std::size_t n) {
    std::string bytes;
    std::vector<std::string> out;
    const auto deadline = std::chrono::steady_clock::now() + 3s;
    while (out.size() < n && std::chrono::steady_clock::now() < deadline) {
        if (s.available() == 0) {
            std::this_thread::sleep_for(10ms);
            continue;
        }
        std::array<char, 1024> buf{};
        const auto got = s.read_some(asio::buffer(buf));
        bytes.append(buf.data(), got);
        // Only complete frames: cut at the last CR LF.
        const auto end = bytes.rfind("\r\n");
        if (end == std::string::npos) continue;
        for (auto& seg : segments_of(bytes.substr(0, end + 2)))
            out.push_back(std::move(seg));
        bytes.erase(0, end + 2);
    }
    return out;
}

} // namespace

TEST(PlatformBinary, AcksHourlyPacketsAndWritesJson) {
    const auto port = free_port();
    const auto json = temp_path("out.json");
    const auto log = temp_path("out.log");
    std::remove(json.c_str());
    Binary platform({"sim", "platform", "--listen", "tcp://127.0.0.1:" + std::to_string(port),
                     "--duration", "3", "--json", json, "--verbose"},
                    log);
    ASSERT_TRUE(platform.spawned());

    asio::io_context io;
    auto socket = connect_with_retry(io, port);
    std::string bytes;
    // Hours 08, 09 (calibration), 10 with Flag=5, a duplicate of 08 with Flag=4 (no ack wanted).
    bytes += frame(hourly_segment("GWTEST01", "20260105080000", "N", 5, "20260105090000001"));
    bytes += frame(hourly_segment("GWTEST01", "20260105090000", "C", 5, "20260105100000001"));
    bytes += frame(hourly_segment("GWTEST01", "20260105100000", "N", 5, "20260105110000001"));
    bytes += frame(hourly_segment("GWTEST01", "20260105080000", "N", 4, "20260105110000002"));
    asio::write(socket, asio::buffer(bytes));

    const auto acks = read_segments(socket, 3);
    ASSERT_EQ(acks.size(), 3U);
    const char* qns[] = {"20260105090000001", "20260105100000001", "20260105110000001"};
    for (std::size_t i = 0; i < 3; ++i) {
        const Parsed ack(acks[i]);
        EXPECT_EQ(ack.view.cn, "9014");
        EXPECT_EQ(ack.view.qn, qns[i]);
        EXPECT_EQ(ack.view.mn, "GWTEST01");
        EXPECT_EQ(ack.view.flag, 4U);
    }

    EXPECT_EQ(platform.wait(), 0) << read_file(log);
    const auto text = read_file(json);
    ASSERT_FALSE(text.empty()) << read_file(log);
    EXPECT_EQ(count(text, "\"cn\":\"2061\""), 4U);
    EXPECT_EQ(count(text, "\"ack\":\"sent\""), 3U);
    EXPECT_EQ(count(text, "\"ack\":\"not_wanted\""), 1U);
    EXPECT_NE(text.find("\"connections\":1"), std::string::npos);
    // w01018: 3 distinct hours (the duplicate counts once), 2 valid (09 was C). The day is in
    // the past of the machine's clock, so it should have had 24.
    EXPECT_NE(text.find("{\"mn\":\"GWTEST01\",\"factor\":\"w01018\",\"received\":3,\"valid\":2,"
                        "\"should\":24,"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("{\"mn\":\"GWTEST01\",\"factor\":\"w00000\",\"received\":3,\"valid\":3,"),
              std::string::npos);
    EXPECT_NE(text.find("\"summary\":{\"commands_sent\":0,\"flows_passed\":0,\"flows_failed\":0}"),
              std::string::npos);
    const auto out = read_file(log);
    EXPECT_NE(out.find("CN=2061 MN=GWTEST01 QN=20260105090000001 Flag=5 ack=sent"),
              std::string::npos)
        << out;
    EXPECT_NE(out.find("传输有效率"), std::string::npos);
}

// A scripted command the gateway answers correctly passes (exit 0); one it leaves without a
// 9012 fails (exit 1) with the reason in the JSON.
TEST(PlatformBinary, ScriptedFlowsDecideTheExitStatus) {
    for (const bool answer_fully : {true, false}) {
        SCOPED_TRACE(answer_fully ? "full answer" : "no 9012");
        const auto port = free_port();
        const auto json = temp_path(answer_fully ? "ok.json" : "fail.json");
        const auto log = temp_path(answer_fully ? "ok.log" : "fail.log");
        const auto script = temp_path("script.txt");
        std::ofstream(script) << "# set an interval\nat 200ms 1062 RtdInterval=30\n";
        Binary platform({"sim", "platform", "--listen", "tcp://127.0.0.1:" + std::to_string(port),
                         "--duration", "3", "--json", json, "--commands", script, "--mn",
                         "GWTEST01", "--reply-timeout", "1"},
                        log);
        ASSERT_TRUE(platform.spawned());
        asio::io_context io;
        auto socket = connect_with_retry(io, port);
        const auto requests = read_segments(socket, 1);
        ASSERT_EQ(requests.size(), 1U);
        const Parsed req(requests[0]);
        EXPECT_EQ(req.view.cn, "1062");
        EXPECT_EQ(req.view.mn, "GWTEST01");
        EXPECT_EQ(req.view.find("RtdInterval"), "30");
        const std::string head = "QN=" + std::string(*req.view.qn) + ";ST=91;CN=";
        const std::string tail = ";PW=123456;MN=GWTEST01;Flag=4;CP=&&";
        std::string bytes = frame(head + "9011" + tail + "QnRtn=1&&");
        if (answer_fully) bytes += frame(head + "9012" + tail + "ExeRtn=1&&");
        asio::write(socket, asio::buffer(bytes));

        const int status = platform.wait();
        const auto text = read_file(json);
        if (answer_fully) {
            EXPECT_EQ(status, 0) << read_file(log);
            EXPECT_NE(text.find("\"status\":\"passed\""), std::string::npos) << text;
            EXPECT_NE(text.find("\"flows_passed\":1,\"flows_failed\":0"), std::string::npos);
        } else {
            EXPECT_EQ(status, 1) << read_file(log);
            EXPECT_NE(text.find("expected 9012 after 9011, got nothing within 1 s"),
                      std::string::npos)
                << text;
            EXPECT_NE(read_file(log).find("FAIL line 2: 1062 QN"), std::string::npos);
        }
    }
}

TEST(PlatformBinary, BadScriptLineIsASetupError) {
    const auto script = temp_path("bad.txt");
    const auto log = temp_path("bad.log");
    std::ofstream(script) << "at 1s 1011\nat soon 1062\n";
    Binary platform({"sim", "platform", "--listen", "tcp://127.0.0.1:1", "--commands", script},
                    log);
    ASSERT_TRUE(platform.spawned());
    EXPECT_EQ(platform.wait(), 2);
    EXPECT_NE(read_file(log).find("line 2: bad time 'soon'"), std::string::npos) << read_file(log);
}
