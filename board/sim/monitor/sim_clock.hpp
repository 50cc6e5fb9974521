#pragma once
// The simulator's clock: site-local time (what DataTime and QN show), optionally running
// faster than real time (--speed) so tests can cover hours in seconds.
#include <chrono>
#include <cstdint>

namespace hj212gw::sim {

/// The wall clock as site-local ms since 1970 (UTC shifted by the local zone offset).
std::int64_t local_now_ms();

class SimClock {
public:
    using steady = std::chrono::steady_clock;
    SimClock(std::int64_t start_local_ms, double speed);

    std::int64_t now_ms() const;
    /// The real instant at which the simulated clock shows t_ms.
    steady::time_point real_time_of(std::int64_t t_ms) const;
    double speed() const noexcept { return speed_; }

private:
    std::int64_t start_ms_;
    steady::time_point start_real_;
    double speed_;
};

} // namespace hj212gw::sim
