// hj212gw: one binary for the gateway and its tools. Each subcommand lives in its own file.
#include "console/console_client.hpp"
#include "daemon/run_command.hpp"
#include "daemon/status_command.hpp"
#include "net/clock.hpp"
#include "rates/report_command.hpp"
#ifdef HJ212GW_HAVE_SIM_monitor
#include "sim/monitor/monitor_command.hpp"
#endif
#ifdef HJ212GW_HAVE_SIM_platform
#include "sim/platform/platform_command.hpp"
#endif
#include "tools/decode_tool.hpp"
#include "tools/frame_tool.hpp"

#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>

namespace {

int run_decode(const std::string& path, const hj212gw::tools::DecodeOptions& options) {
    std::ifstream file;
    if (!path.empty() && path != "-") {
        file.open(path, std::ios::binary);
        if (!file) {
            std::cerr << "hj212gw decode: cannot open " << path << '\n';
            return 1;
        }
    }
    std::istream& in = file.is_open() ? static_cast<std::istream&>(file) : std::cin;
    const auto summary = hj212gw::tools::decode_stream(in, std::cout, options);
    std::cout.flush();
    std::cerr << "hj212gw decode: " << summary.bytes << " bytes, " << summary.frames << " frames, "
              << summary.errors << " errors\n";
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"hj212gw: HJ 212 data gateway for pollution-source online monitoring"};
    app.set_version_flag("--version", std::string(HJ212GW_VERSION));
    app.require_subcommand(1);
    app.footer("Run 'hj212gw SUBCOMMAND --help' for the options of a subcommand.");

    std::string decode_path;
    hj212gw::tools::DecodeOptions decode_options;
    auto* decode = app.add_subcommand(
        "decode", "Decode an HJ 212 byte stream (FILE or stdin) into one JSON object per line, "
                  "for every frame and every error, in stream order");
    decode->add_option("FILE", decode_path, "stream to read; '-' or nothing reads stdin");
    decode->add_flag("--strict", decode_options.strict,
                     "check segments strictly against the standard (default: lenient)");
    decode
        ->add_option("--max-segment", decode_options.max_segment,
                     "largest data segment accepted, in bytes")
        ->capture_default_str()
        ->check(CLI::Range(1, 9999));

    hj212gw::tools::FrameOptions frame_options;
    auto* frame = app.add_subcommand(
        "frame", "Read data segments from stdin, one per line, and print complete frames "
                 "(##, length, segment, CRC, CR LF)");
    frame
        ->add_option("--split", frame_options.split_above,
                     "split segments longer than N bytes into PNUM/PNO parts (standard: 1024)")
        ->check(CLI::Range(100, 9999));

    hj212gw::config::CommandLineOverrides run_options;
    auto* run =
        app.add_subcommand("run", "Run the gateway: receive from devices, store, forward to "
                                  "platforms, answer their commands");
    auto optional_string = [](CLI::App* cmd, const char* name, std::optional<std::string>& target,
                              const char* help) {
        cmd->add_option_function<std::string>(
            name, [&target](const std::string& v) { target = v; }, help);
    };
    optional_string(run, "--config", run_options.config_path,
                    "TOML configuration file (see board/hj212gw.example.toml)");
    optional_string(run, "--data-dir", run_options.data_dir,
                    "directory of the database and the log");
    run->add_option("--listen", run_options.listen, "device listener tcp://HOST:PORT (repeatable)");
    run->add_option("--serial", run_options.serial,
                    "device serial port DEV:BAUD[:8N1] (repeatable)");
    run->add_option("--upstream", run_options.upstream,
                    "platform NAME=tcp://HOST:PORT (repeatable)");
    optional_string(run, "--mn", run_options.mn, "the gateway's own MN");
    optional_string(run, "--pw", run_options.pw, "the gateway's access password");
    optional_string(run, "--http", run_options.http, "status page and metrics on HOST:PORT");
    optional_string(run, "--log-level", run_options.log_level,
                    "trace, debug, info, warn, error, critical or off");
    run->footer("Flags override the file; a list flag given once replaces the file's whole list.");

    std::string status_dir = "/var/lib/hj212gw";
    bool status_json = false;
    auto* status = app.add_subcommand("status", "Show what the running gateway reports: platform "
                                                "links, queues, connected devices");
    status->add_option("--data-dir", status_dir, "the gateway's data directory")
        ->capture_default_str();
    status->add_flag("--json", status_json, "print the machine-readable status.json");

    std::string console_dir = "/var/lib/hj212gw";
    std::string console_socket;
    auto* console = app.add_subcommand(
        "console", "Attach to the running gateway's field console (the same commands as on its "
                   "serial console; `help` lists them)");
    console->add_option("--data-dir", console_dir, "the gateway's data directory")
        ->capture_default_str();
    console->add_option("--socket", console_socket,
                        "the console socket (default: DATA_DIR/console.sock, or console.socket)");
    console->footer("On a terminal: keys go to the gateway raw, Ctrl-] detaches. With a pipe: "
                    "echo status | hj212gw console");

    hj212gw::rates::ReportOptions report_options;
    report_options.data_dir = "/var/lib/hj212gw";
    // The gateway stores received and ack times on the site's civil clock (as DataTime is), so
    // the report reads "now" from the same clock and needs no zone offset.
    report_options.rules.utc_offset_ms = 0;
    report_options.clock = [] { return hj212gw::net::GatewayClock().civil_ms(); };
    auto* report = app.add_subcommand(
        "report", "Transmission, validity and effective rates (传输率/有效率/传输有效率) per MN, "
                  "factor and day; safe while the gateway runs (read-only)");
    report->add_option("--data-dir", report_options.data_dir, "the gateway's data directory")
        ->capture_default_str();
    report->add_option("--from", report_options.from,
                       "first day YYYY-MM-DD (default: 1st of the month)");
    report->add_option("--to", report_options.to, "last day YYYY-MM-DD (default: today)");
    report->add_option("--mn", report_options.mn, "only this MN");
    report->add_option("--upstream", report_options.upstream,
                       "what this platform acknowledged (on-time / back-filled) instead of what "
                       "the gateway received");
    report->add_option("--format", report_options.format, "table, csv or json")
        ->capture_default_str()
        ->check(CLI::IsMember({"table", "csv", "json"}));
    report->add_option("--by", report_options.by, "day or month")
        ->capture_default_str()
        ->check(CLI::IsMember({"day", "month"}));

    // Bench simulators: each registers its own subcommand under `sim` and runs it when parsed.
    auto* sim = app.add_subcommand("sim", "Bench simulators: monitors and a platform");
    sim->require_subcommand(1);
#ifdef HJ212GW_HAVE_SIM_monitor
    hj212gw::sim::add_monitor_command(*sim);
#endif
#ifdef HJ212GW_HAVE_SIM_platform
    hj212gw::sim::add_platform_command(*sim);
#endif

    CLI11_PARSE(app, argc, argv);

    if (run->parsed()) return hj212gw::daemon::run_gateway(run_options);
    if (status->parsed()) return hj212gw::daemon::print_status(status_dir, status_json);
    if (report->parsed()) return hj212gw::rates::run_report(report_options);
    if (console->parsed())
        return hj212gw::console::attach_console(
            console_socket.empty() ? std::filesystem::path(console_dir) / "console.sock"
                                   : std::filesystem::path(console_socket));

    if (decode->parsed()) return run_decode(decode_path, decode_options);
    if (frame->parsed()) {
        const auto s = hj212gw::tools::frame_lines(std::cin, std::cout, std::cerr, frame_options);
        return s.errors == 0 ? 0 : 1;
    }
    return 0;
}
