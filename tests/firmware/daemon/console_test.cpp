// The field console through the real daemon: the serial console on a pty pair (as a laptop
// with a USB-serial cable sees it), the unix socket through `hj212gw console` with a pipe and
// with a terminal (forkpty), parameters that survive a restart.
#include "daemon_fixture.hpp"

#include <pty.h>
#include <sys/wait.h>

namespace hj212gw::itest {
namespace {

/// The engineer's end of a pty pair: the gateway opens the slave as its console port.
class Terminal {
public:
    Terminal() {
        auto p = open_raw_pty();
        master_ = p.master;
        slave_ = p.slave;
        slave_path_ = std::move(p.slave_path);
    }
    explicit Terminal(int master) : master_(master) {}
    ~Terminal() {
        if (slave_ >= 0) ::close(slave_);
        if (master_ >= 0) ::close(master_);
    }
    Terminal(const Terminal&) = delete;
    Terminal& operator=(const Terminal&) = delete;

    const std::string& slave_path() const { return slave_path_; }
    void type(std::string_view keys) { write_all(master_, keys); }

    /// Reads until `text` appeared after the last match; false on timeout. The screen so far
    /// is in screen() for the failure message.
    bool expect(std::string_view text, Millis timeout = 10s) {
        const auto deadline = Clock::now() + timeout;
        for (;;) {
            if (auto at = screen_.find(text, mark_); at != std::string::npos) {
                mark_ = at + text.size();
                return true;
            }
            const auto left = std::chrono::duration_cast<Millis>(deadline - Clock::now());
            if (left.count() <= 0) return false;
            pollfd p{master_, POLLIN, 0};
            if (::poll(&p, 1, static_cast<int>(std::min<Millis::rep>(left.count(), 200))) <= 0)
                continue;
            char buf[4096];
            const auto n = ::read(master_, buf, sizeof buf);
            if (n <= 0) return false;
            screen_.append(buf, static_cast<std::size_t>(n));
        }
    }
    const std::string& screen() const { return screen_; }

private:
    int master_ = -1;
    int slave_ = -1;
    std::string slave_path_;
    std::string screen_;
    std::size_t mark_ = 0;
};

/// Runs `hj212gw console` with `input` on a pipe; returns its exit status and output.
std::pair<int, std::string> piped_console(const fs::path& data_dir, const std::string& input) {
    const std::string cmd = std::string(HJ212GW_BINARY) + " console --data-dir '" +
                            data_dir.string() + "' > '" + (data_dir / "client.out").string() +
                            "' 2>&1";
    FILE* p = ::popen(cmd.c_str(), "w");
    if (!p) return {-1, ""};
    std::fwrite(input.data(), 1, input.size(), p);
    const int status = ::pclose(p);
    std::ifstream in(data_dir / "client.out");
    std::stringstream s;
    s << in.rdbuf();
    return {status, s.str()};
}

TEST_F(DaemonTest, SerialConsoleOnAPtyWithPasswordLockoutAndEveryCommand) {
    auto& platform = make_platform();
    Terminal term;
    GatewayOptions o;
    o.upstreams = {{"national", platform.port()}};
    o.mn = "010000A8900016F0000000GW";
    o.extra_toml = "[console]\nserial = \"" + term.slave_path() +
                   "\"\nbaud = 9600\npassword = \"field1\"\nmax_failures = 2\nlockout = 2\n";
    auto& gw = make_gateway(o);
    ASSERT_TRUE(gw.start());
    ASSERT_TRUE(platform.wait_connected(1, 10s));

    ASSERT_TRUE(term.expect("console (serial " + term.slave_path() + ")")) << term.screen();
    ASSERT_TRUE(term.expect("Password: ")) << term.screen();
    term.type("guess\r");
    ASSERT_TRUE(term.expect("Wrong password.")) << term.screen();
    term.type("again\r");
    ASSERT_TRUE(term.expect("Console locked for 2 s.")) << term.screen();
    term.type("field1\r"); // ignored while locked
    ASSERT_TRUE(term.expect("Console unlocked.", 6s)) << term.screen();
    ASSERT_TRUE(term.expect("Password: ")) << term.screen();
    EXPECT_EQ(term.screen().find("field1"), std::string::npos) << "never echoed";
    term.type("field1\r");
    ASSERT_TRUE(term.expect("Welcome.")) << term.screen();
    ASSERT_TRUE(term.expect("hj212gw> "));

    term.type("status\r");
    ASSERT_TRUE(term.expect("MN 010000A8900016F0000000GW")) << term.screen();
    ASSERT_TRUE(term.expect("national")) << term.screen();

    auto& dev = add_device(FakeDevice::tcp(gw.listen_port(), device_mn(1)));
    ASSERT_TRUE(dev.send_data(1));
    ASSERT_TRUE(dev.wait_acked(1, 10s));
    term.type("links\r");
    ASSERT_TRUE(term.expect(device_mn(1))) << term.screen();
    ASSERT_TRUE(term.expect("hj212gw> "));

    term.type("tap " + device_mn(1) + "\r");
    ASSERT_TRUE(term.expect("Press any key to stop.")) << term.screen();
    ASSERT_TRUE(dev.send_data(2));
    ASSERT_TRUE(term.expect("dev")) << term.screen();
    ASSERT_TRUE(term.expect("CN 2011")) << term.screen();
    ASSERT_TRUE(term.expect("w01018-Rtd=2.5")) << term.screen();
    term.type("q");
    ASSERT_TRUE(term.expect("(tap stopped)")) << term.screen();
    ASSERT_TRUE(term.expect("hj212gw> "));

    term.type("history " + device_mn(1) + " 2011 20240101 20240101\r");
    ASSERT_TRUE(term.expect("CN 2011  from 127.0.0.1:")) << term.screen();
    ASSERT_TRUE(term.expect("w01018-Rtd=1.5")) << term.screen();

    term.type("set RtdInterval 60\r");
    ASSERT_TRUE(term.expect("RtdInterval = 60 (saved)")) << term.screen();
    term.type("set RtdInterval 5\r");
    ASSERT_TRUE(term.expect("'5' is not a valid RtdInterval")) << term.screen();

    const std::string probe =
        reply_segment("20261129120000123", "9014", device_mn(1), "123456", "");
    term.type("send national " + probe + "\r");
    ASSERT_TRUE(term.expect("sent to national")) << term.screen();
    EXPECT_TRUE(eventually([&] { return !platform.with_qn("20261129120000123").empty(); }, 5s));

    term.type("queue\r");
    ASSERT_TRUE(term.expect("oldest waiting")) << term.screen();
    term.type("rates\r");
    ASSERT_TRUE(term.expect("No hourly data")) << term.screen();
    term.type("events\r");
    ASSERT_TRUE(term.expect("start")) << term.screen();
    term.type("log level trace\r");
    ASSERT_TRUE(term.expect("log level is now trace")) << term.screen();
    term.type("help set\r");
    ASSERT_TRUE(term.expect("usage: set PARAM VALUE")) << term.screen();

    // Logging out of the serial console brings the login back for the next engineer.
    term.type("logout\r");
    ASSERT_TRUE(term.expect("logged out.")) << term.screen();
    ASSERT_TRUE(term.expect("Password: ")) << term.screen();
    EXPECT_NE(gw.log().find("console: serial console on"), std::string::npos);
}

TEST_F(DaemonTest, SocketConsoleIsScriptableAndParametersSurviveARestart) {
    auto& platform = make_platform();
    GatewayOptions o;
    o.upstreams = {{"national", platform.port()}};
    auto& gw = make_gateway(o);
    ASSERT_TRUE(gw.start());
    const auto data = gw.data_dir() / "data";
    ASSERT_TRUE(eventually([&] { return fs::exists(data / "console.sock"); }, 5s));
    EXPECT_EQ(fs::status(data / "console.sock").permissions() & fs::perms::others_all,
              fs::perms::none)
        << "the console socket is never world-accessible";

    auto [status, out] = piped_console(data, "set OverTime 25\rparams\r");
    EXPECT_EQ(status, 0) << out;
    EXPECT_NE(out.find("OverTime = 25 (saved)"), std::string::npos) << out;
    EXPECT_NE(out.find("logged out."), std::string::npos) << out;

    ASSERT_EQ(gw.stop(), 0);
    ASSERT_TRUE(gw.start());
    ASSERT_TRUE(eventually([&] { return fs::exists(data / "console.sock"); }, 5s));
    std::tie(status, out) = piped_console(data, "params\r");
    EXPECT_EQ(status, 0) << out;
    EXPECT_NE(out.find("OverTime       25           set"), std::string::npos) << out;

    // Nobody listening: a clear message and exit status 1.
    ASSERT_EQ(gw.stop(), 0);
    std::tie(status, out) = piped_console(data, "status\r");
    EXPECT_NE(status, 0);
    EXPECT_NE(out.find("cannot reach"), std::string::npos) << out;
}

TEST_F(DaemonTest, ConsoleClientOnATerminalEditsRawAndDetachesWithCtrlBracket) {
    auto& platform = make_platform();
    GatewayOptions o;
    o.upstreams = {{"national", platform.port()}};
    auto& gw = make_gateway(o);
    ASSERT_TRUE(gw.start());
    const auto data = gw.data_dir() / "data";
    ASSERT_TRUE(eventually([&] { return fs::exists(data / "console.sock"); }, 5s));

    int master = -1;
    const std::string socket_arg = (data / "console.sock").string();
    const pid_t child = ::forkpty(&master, nullptr, nullptr, nullptr);
    ASSERT_GE(child, 0);
    if (child == 0) {
        ::execl(HJ212GW_BINARY, HJ212GW_BINARY, "console", "--socket", socket_arg.c_str(),
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    Terminal term(master);
    ASSERT_TRUE(term.expect("(Ctrl-] detaches)")) << term.screen();
    ASSERT_TRUE(term.expect("hj212gw> ")) << term.screen();
    // Keys arrive one by one, as typed: the daemon edits the line (here: a Tab completion
    // and a backspace) and echoes it.
    for (char c : std::string("que\t"))
        term.type(std::string(1, c));
    ASSERT_TRUE(term.expect("queue")) << term.screen();
    term.type("\r");
    ASSERT_TRUE(term.expect("oldest waiting")) << term.screen();
    term.type("statusx\x7f\r");
    ASSERT_TRUE(term.expect("up since")) << term.screen();
    term.type("\x1d");
    ASSERT_TRUE(term.expect("(detached)")) << term.screen();
    int status = 0;
    ASSERT_TRUE(eventually([&] { return ::waitpid(child, &status, WNOHANG) == child; }, 5s));
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

} // namespace
} // namespace hj212gw::itest
