#include "sim/platform/platform_command.hpp"

#include "sim/platform/command_script.hpp"
#include "sim/platform/platform_server.hpp"

#include <charconv>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

namespace hj212gw::sim {
namespace {

struct CommandLine {
    std::string listen;
    bool no_ack = false;
    int ack_delay_ms = 0;
    double drop_rate = 0.0;
    double drop_link_rate = 0.0;
    std::uint32_t seed = 1;
    std::string commands_path;
    std::string script_name;
    std::string mn;
    std::string pw = "123456";
    double reply_timeout_s = 10.0;
    double duration_s = 0.0;
    double report_interval_s = 0.0;
    std::string json_path;
    bool verbose = false;
};

std::chrono::milliseconds seconds_to_ms(double s) {
    return std::chrono::milliseconds(static_cast<std::int64_t>(s * 1000.0));
}

// Loads --commands FILE or --script default; throws CLI::RuntimeError(2) with every bad line.
CommandScript load_script(const CommandLine& cl) {
    std::string text;
    std::string source;
    if (!cl.commands_path.empty()) {
        std::ifstream f(cl.commands_path, std::ios::binary);
        if (!f) {
            std::cerr << "hj212gw sim platform: cannot open " << cl.commands_path << '\n';
            throw CLI::RuntimeError(2);
        }
        std::ostringstream s;
        s << f.rdbuf();
        text = s.str();
        source = cl.commands_path;
    } else if (cl.script_name == "default") {
        text = std::string(default_script_text());
        source = "--script default";
    } else {
        return {};
    }
    auto parsed = parse_command_script(text);
    if (!parsed) {
        for (const auto& e : parsed.error())
            std::cerr << "hj212gw sim platform: " << source << ": " << e.describe() << '\n';
        throw CLI::RuntimeError(2);
    }
    return std::move(parsed.value());
}

void run(const CommandLine& cl) {
    const auto address = parse_listen_url(cl.listen);
    if (!address) {
        std::cerr << "hj212gw sim platform: --listen wants tcp://HOST:PORT, got '" << cl.listen
                  << "'\n";
        throw CLI::RuntimeError(2);
    }
    PlatformOptions options;
    options.host = address->host;
    options.port = address->port;
    options.session.acks.enabled = !cl.no_ack;
    options.session.acks.delay = std::chrono::milliseconds(cl.ack_delay_ms);
    options.session.acks.drop_rate = cl.drop_rate;
    options.session.acks.drop_link_rate = cl.drop_link_rate;
    options.session.seed = cl.seed;
    options.session.default_mn = cl.mn;
    options.session.pw = cl.pw;
    options.session.reply_timeout = seconds_to_ms(cl.reply_timeout_s);
    options.script = load_script(cl);
    options.duration = seconds_to_ms(cl.duration_s);
    options.report_interval = seconds_to_ms(cl.report_interval_s);
    options.json_path = cl.json_path;
    options.verbose = cl.verbose;
    const int status = run_platform(std::move(options), std::cout, std::cerr);
    if (status != 0) throw CLI::RuntimeError(status);
}

} // namespace

std::optional<ListenAddress> parse_listen_url(std::string_view url) {
    constexpr std::string_view scheme = "tcp://";
    if (!url.starts_with(scheme)) return std::nullopt;
    url.remove_prefix(scheme.size());
    ListenAddress out;
    std::string_view port_text;
    if (url.starts_with('[')) {
        const auto close = url.find(']');
        if (close == std::string_view::npos || close + 1 >= url.size() || url[close + 1] != ':')
            return std::nullopt;
        out.host = std::string(url.substr(1, close - 1));
        port_text = url.substr(close + 2);
    } else {
        const auto colon = url.rfind(':');
        if (colon == std::string_view::npos || url.find(':') != colon) return std::nullopt;
        out.host = std::string(url.substr(0, colon));
        port_text = url.substr(colon + 1);
    }
    unsigned port = 0;
    const auto [end, ec] =
        std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (out.host.empty() || port_text.empty() || ec != std::errc{} ||
        end != port_text.data() + port_text.size() || port > 65535)
        return std::nullopt;
    out.port = static_cast<std::uint16_t>(port);
    return out;
}

void add_platform_command(CLI::App& sim) {
    auto cl = std::make_shared<CommandLine>();
    auto* cmd = sim.add_subcommand(
        "platform",
        "Simulated supervision platform: accepts gateways, answers their uploads with 9014, "
        "sends scripted commands and checks the replies against HJ 212-2017's flows, and "
        "counts its own 传输有效率 per MN and factor");
    cmd->add_option("--listen", cl->listen,
                    "endpoint to accept gateways on, tcp://HOST:PORT (HOST an IP address; port 0 "
                    "picks a free port and prints it)")
        ->required();
    cmd->add_flag("--no-ack", cl->no_ack, "never answer 9014/9013 (the gateway must resend)");
    cmd->add_option("--ack-delay", cl->ack_delay_ms, "answer 9014/9013 after MS milliseconds")
        ->check(CLI::Range(0, 3'600'000));
    cmd->add_option("--drop-rate", cl->drop_rate,
                    "withhold each 9014/9013 with probability P (0..1)")
        ->check(CLI::Range(0.0, 1.0));
    cmd->add_option("--drop-link-rate", cl->drop_link_rate,
                    "close the connection instead of acking, with probability P (0..1)")
        ->check(CLI::Range(0.0, 1.0));
    cmd->add_option("--seed", cl->seed, "seed of the drop decisions (runs repeat)")
        ->capture_default_str();
    cmd->add_option("--commands", cl->commands_path,
                    "command script, one command a line (format below)")
        ->check(CLI::ExistingFile);
    cmd->add_option("--script", cl->script_name,
                    "built-in script when --commands is not given: 'default' (6.7's "
                    "first-connection settings, gets, a 2061 history pull, a 3011)")
        ->check(CLI::IsMember({"default"}))
        ->excludes("--commands");
    cmd->add_option("--mn", cl->mn,
                    "MN of commands without mn= (default: the MN of the gateway's first packet)");
    cmd->add_option("--pw", cl->pw, "PW of the commands")->capture_default_str();
    cmd->add_option("--reply-timeout", cl->reply_timeout_s,
                    "seconds to wait for each step of a command's flow")
        ->capture_default_str()
        ->check(CLI::Range(0.1, 3600.0));
    cmd->add_option("--duration", cl->duration_s, "stop after S seconds (default: until a signal)")
        ->check(CLI::Range(0.0, 1e7));
    cmd->add_option("--report-interval", cl->report_interval_s,
                    "also print the report (and rewrite --json) every S seconds")
        ->check(CLI::Range(0.0, 1e7));
    cmd->add_option("--json", cl->json_path,
                    "write packets, rates and flows as JSON to FILE (at exit and every report)");
    cmd->add_flag("-v,--verbose", cl->verbose, "print a line per received packet");
    cmd->footer(
        "Command script (--commands FILE), one command a line, '#' starts a comment:\n"
        "  at TIME CN [mn=MN|mn=data] [KEY=VALUE ...] [last DURATION]\n"
        "  TIME/DURATION: 500ms, 2s, 5m, 24h, 1d; TIME counts from the connection.\n"
        "  mn=data: the MN of the newest data upload; no mn=: --mn or the first MN seen.\n"
        "  SystemTime=now: the platform's clock. last 24h: BeginTime/EndTime of a pull.\n"
        "  Commands run in order, one exchange at a time; each waits for the previous.\n"
        "  Example:\n"
        "    at 2s 1011\n"
        "    at 3s 1062 RtdInterval=30\n"
        "    at 5s 2061 mn=data last 24h\n"
        "    at 8s 3011 mn=data PolId=w01018\n"
        "Flows checked: 9011 QnRtn=1 with the request's QN and MN; gets: the upload with the\n"
        "same QN and CN; history: uploads (acked when Flag has A); then 9012 ExeRtn=1 (100 also\n"
        "for history); 2012/2022: 9013. 传输有效率 counts 2061 packets: 24 hours a day per\n"
        "factor, valid = Flag N; shutdowns and the daily check-hour exemption are not modelled.\n"
        "Exit status: 0; 1 when a scripted flow failed or was not sent; 2 on a setup error.");
    cmd->callback([cl] { run(*cl); });
}

} // namespace hj212gw::sim
