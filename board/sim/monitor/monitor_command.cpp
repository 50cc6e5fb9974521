#include "sim/monitor/monitor_command.hpp"

#include "sim/monitor/fault_spec.hpp"
#include "sim/monitor/monitor_options.hpp"
#include "sim/monitor/monitor_runner.hpp"

#include <atomic>
#include <csignal>
#include <iostream>
#include <memory>

namespace hj212gw::sim {

namespace {

std::atomic<bool> g_stop{false};

extern "C" void on_stop_signal(int) {
    g_stop = true;
}

// SIGINT/SIGTERM end the run cleanly (summary printed); the previous handlers come back after.
class StopSignals {
public:
    StopSignals() {
        g_stop = false;
        struct sigaction sa {};
        sa.sa_handler = on_stop_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, &old_int_);
        sigaction(SIGTERM, &sa, &old_term_);
    }
    ~StopSignals() {
        sigaction(SIGINT, &old_int_, nullptr);
        sigaction(SIGTERM, &old_term_, nullptr);
    }
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;

private:
    struct sigaction old_int_ {};
    struct sigaction old_term_ {};
};

std::string join(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) {
        if (!out.empty()) out += ' ';
        out += w;
    }
    return out;
}

} // namespace

void add_monitor_command(CLI::App& sim) {
    // Owned by the callback: CLI11 keeps the App alive for the whole parse.
    auto options = std::make_shared<MonitorOptions>();
    auto target_words = std::make_shared<std::vector<std::string>>();
    auto* cmd = sim.add_subcommand(
        "monitor", "Simulate an online monitor (water, flue gas or electricity meters) that sends "
                   "HJ 212 real-time, minute, hourly and daily uploads to a gateway");
    cmd->add_option("--target", *target_words,
                    "tcp://HOST:PORT (reconnects every second), serial:DEV[:BAUD] or serial DEV "
                    "(9600 8N1 by default)")
        ->required()
        ->expected(1, 2);
    cmd->add_option("--mn", options->mn, "the monitor's MN")->required();
    cmd->add_option("--profile", options->profile,
                    "water (ST=32: COD, NH3-N, TP, TN, pH, flow), gas (ST=31: SO2, NOx, dust, O2, "
                    "temperature, pressure, humidity, velocity, flow) or power (ST=44: current, "
                    "voltage, active power, energy of a production and a treatment circuit; "
                    "provisional d-codes)")
        ->required()
        ->check(CLI::IsMember({"water", "gas", "power"}));
    cmd->add_option("--pw", options->pw, "access password (PW)")->capture_default_str();
    cmd->add_option("--interval", options->interval_s, "real-time (2011) interval, seconds")
        ->capture_default_str()
        ->check(CLI::Range(1, 3600));
    cmd->add_option("--min-interval", options->min_interval_min,
                    "minute-data (2051) interval, minutes; divides 60")
        ->capture_default_str()
        ->check(CLI::IsMember({1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60}));
    cmd->add_option("--history", options->history_days,
                    "first replay hourly (2061) and daily (2031) data of the past DAYS days and "
                    "of today so far, paced by the gateway's 9014 acks")
        ->capture_default_str()
        ->check(CLI::Range(0, 366));
    cmd->add_flag("--history-minutes", options->history_minutes,
                  "also replay minute (2051) data in the history");
    cmd->add_option("--duration", options->duration_s,
                    "stop after S seconds (history included); 0: until SIGINT/SIGTERM")
        ->capture_default_str()
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--count", options->count, "stop after N live real-time packets; 0: no limit")
        ->capture_default_str();
    cmd->add_option("--speed", options->speed,
                    "simulated seconds per real second in live mode (tests, demos)")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    cmd->add_option("--seed", options->seed, "random seed: same seed, same values and faults")
        ->capture_default_str();
    cmd->add_option("--faults", options->faults, std::string(fault_spec_help()));
    cmd->add_option("--window", options->window,
                    "uploads in flight without a 9014 before sending waits")
        ->capture_default_str()
        ->check(CLI::Range(1, 1000));
    cmd->add_option("--ack-timeout", options->ack_timeout_s,
                    "seconds after which an upload without a 9014 is given up")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    cmd->add_option("--calibration-hour", options->calibration_hour,
                    "hour of the daily calibration (data flagged C); -1: none")
        ->capture_default_str()
        ->check(CLI::Range(-1, 23));
    cmd->add_option("--maintenance", options->maintenance_per_day,
                    "chance per day of a 1-2 hour maintenance window (data flagged M)")
        ->capture_default_str()
        ->check(CLI::Range(0.0, 1.0));
    cmd->add_flag("--verbose,-v", options->verbose, "one-line progress every 5 seconds");
    cmd->footer("Every upload carries Flag=5 (HJ 212-2017, 9014 wanted) and QN = the time it "
                "is generated. A summary (sent, acked, faults injected) is printed at exit.");

    cmd->callback([options, target_words] {
        options->target = join(*target_words);
        StopSignals signals;
        const RunResult result = run_monitor(*options, g_stop, std::cout);
        if (result.exit_code != 0) {
            std::cerr << "hj212gw sim monitor: " << result.error << '\n';
            throw CLI::RuntimeError(result.exit_code);
        }
    });
}

} // namespace hj212gw::sim
