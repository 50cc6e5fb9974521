#pragma once
// The underlying series of every factor: a pure function of (seed, factor, time), so that any
// instant can be computed in any order. History replay, live data and the minute, hourly and
// daily summaries all read the same series, and a given --seed always gives the same values.
#include "sim/monitor/profile.hpp"

#include <cstdint>

namespace hj212gw::sim {

/// Deterministic 64-bit mixing (splitmix64 finaliser): the seeded randomness of the simulator.
std::uint64_t mix64(std::uint64_t x) noexcept;
/// Uniform in [0, 1) from a key.
double unit_random(std::uint64_t key) noexcept;

class SignalModel {
public:
    SignalModel(const Profile& profile, std::uint64_t seed);

    /// Value of factor `index` at local time `t_ms` (ms since 1970 of the site's clock),
    /// clamped to the factor's range. Counters return their meter reading.
    double value(std::size_t index, std::int64_t t_ms) const noexcept;

    const Profile& profile() const noexcept { return profile_; }
    std::uint64_t seed() const noexcept { return seed_; }

private:
    double deviation(std::size_t stream, std::int64_t t_ms) const noexcept;
    double counter_reading(const FactorSpec& f, std::int64_t t_ms) const noexcept;

    Profile profile_;
    std::uint64_t seed_;
};

} // namespace hj212gw::sim
