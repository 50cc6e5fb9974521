#include "daemon/status_command.hpp"

#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

namespace hj212gw::daemon {

int print_status(const std::filesystem::path& data_dir, bool json) {
    const auto file = data_dir / (json ? "status.json" : "status.txt");
    std::error_code ec;
    const auto written = std::filesystem::last_write_time(file, ec);
    if (ec) {
        std::cerr << "hj212gw status: no status in " << data_dir.string()
                  << " (is the gateway running with this --data-dir?)\n";
        return 1;
    }
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    std::cout << text.str();
    const auto age = std::filesystem::file_time_type::clock::now() - written;
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(age).count();
    if (seconds > 5) {
        std::cerr << "hj212gw status: this status is " << seconds
                  << " s old: the gateway is not running or is stuck\n";
        return 1;
    }
    return 0;
}

} // namespace hj212gw::daemon
