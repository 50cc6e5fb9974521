#pragma once
// Everything `hj212gw sim monitor` is told on the command line.
#include <cstdint>
#include <string>

namespace hj212gw::sim {

struct MonitorOptions {
    std::string target; ///< tcp://HOST:PORT, serial:DEV[:BAUD] or "serial DEV"
    std::string mn;
    std::string profile = "water";
    std::string pw = "123456";
    int interval_s = 30;          ///< real-time (2011) interval
    int min_interval_min = 10;    ///< minute-data (2051) interval
    int history_days = 0;         ///< replay this many past days before going live
    bool history_minutes = false; ///< also replay 2051 minute data
    double duration_s = 0;        ///< stop after this many seconds (0: run until a signal)
    std::uint64_t count = 0;      ///< stop after this many live 2011 packets (0: no limit)
    double speed = 1;             ///< simulated seconds per real second
    std::uint64_t seed = 1;
    std::string faults;
    int window = 16;           ///< uploads in flight without a 9014
    double ack_timeout_s = 10; ///< an upload without a 9014 after this long is given up
    int calibration_hour = 2;
    double maintenance_per_day = 0.15;
    bool verbose = false;
};

} // namespace hj212gw::sim
