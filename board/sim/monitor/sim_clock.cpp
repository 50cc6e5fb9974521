#include "sim/monitor/sim_clock.hpp"

#include <ctime>

namespace hj212gw::sim {

std::int64_t local_now_ms() {
    const auto now = std::chrono::system_clock::now();
    const auto utc_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    const std::time_t secs = std::chrono::system_clock::to_time_t(now);
    std::tm local{};
    localtime_r(&secs, &local);
    return static_cast<std::int64_t>(utc_ms) + static_cast<std::int64_t>(local.tm_gmtoff) * 1000;
}

SimClock::SimClock(std::int64_t start_local_ms, double speed)
    : start_ms_(start_local_ms), start_real_(steady::now()), speed_(speed > 0 ? speed : 1) {}

std::int64_t SimClock::now_ms() const {
    const double real_ms =
        std::chrono::duration<double, std::milli>(steady::now() - start_real_).count();
    return start_ms_ + static_cast<std::int64_t>(real_ms * speed_);
}

SimClock::steady::time_point SimClock::real_time_of(std::int64_t t_ms) const {
    const double real_ms = static_cast<double>(t_ms - start_ms_) / speed_;
    return start_real_ + std::chrono::duration_cast<steady::duration>(
                             std::chrono::duration<double, std::milli>(real_ms));
}

} // namespace hj212gw::sim
