#include "sim/monitor/signal_model.hpp"

#include "sim/monitor/time_units.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace hj212gw::sim {

std::uint64_t mix64(std::uint64_t x) noexcept {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

double unit_random(std::uint64_t key) noexcept {
    return static_cast<double>(mix64(key) >> 11) * 0x1.0p-53;
}

namespace {

// Random wander is interpolated between knots this far apart: smooth at minute scale, visible
// at hourly scale.
constexpr std::int64_t kKnotMs = 20 * 60'000;
// Energy meters are read against a fixed origin (2020-01-01 00:00 site time) so the reading is
// an ordinary number that grows steadily.
constexpr std::int64_t kMeterOriginMs = 1'577'836'800'000;
constexpr double kMeterStartKwh = 100'000;

std::uint64_t key(std::uint64_t seed, std::uint64_t stream, std::uint64_t salt,
                  std::int64_t n) noexcept {
    return mix64(seed ^ mix64(stream * 0x100000001B3ULL + salt) ^
                 mix64(static_cast<std::uint64_t>(n)));
}

double daily_cycle(const FactorSpec& f, std::int64_t t_ms) noexcept {
    const double hour =
        static_cast<double>(t_ms - align_down(t_ms, kDayMs)) / static_cast<double>(kHourMs);
    return f.amplitude * std::cos(2 * std::numbers::pi * (hour - f.peak_hour) / 24);
}

} // namespace

SignalModel::SignalModel(const Profile& profile, std::uint64_t seed)
    : profile_(profile), seed_(seed) {}

// Smooth wander in [-1, 1] (cosine-interpolated value noise) plus jitter in [-1, 1] per
// second, returned as a pair packed into drift and noise terms by the caller's weights.
double SignalModel::deviation(std::size_t stream, std::int64_t t_ms) const noexcept {
    const FactorSpec& f = profile_.factors[stream];
    const std::int64_t knot = floor_div(t_ms, kKnotMs);
    const double frac = static_cast<double>(t_ms - knot * kKnotMs) / static_cast<double>(kKnotMs);
    const double a = 2 * unit_random(key(seed_, stream, 1, knot)) - 1;
    const double b = 2 * unit_random(key(seed_, stream, 1, knot + 1)) - 1;
    const double w = (1 - std::cos(std::numbers::pi * frac)) / 2;
    const double wander = a + (b - a) * w;
    const double jitter = 2 * unit_random(key(seed_, stream, 2, floor_div(t_ms, 1000))) - 1;
    return f.drift * wander + f.noise * jitter;
}

double SignalModel::counter_reading(const FactorSpec& f, std::int64_t t_ms) const noexcept {
    // Integral of the rate factor's daily cycle (its wander and jitter average out): a
    // monotonic reading whose increase over an interval is the energy used in it.
    const FactorSpec& rate = profile_.factors[static_cast<std::size_t>(f.rate_factor)];
    const double hours = static_cast<double>(t_ms - kMeterOriginMs) / static_cast<double>(kHourMs);
    const double phase = 2 * std::numbers::pi * (hours - rate.peak_hour) / 24;
    const double phase0 = 2 * std::numbers::pi * (0 - rate.peak_hour) / 24;
    return kMeterStartKwh + rate.base * hours +
           rate.amplitude * 24 / (2 * std::numbers::pi) * (std::sin(phase) - std::sin(phase0));
}

double SignalModel::value(std::size_t index, std::int64_t t_ms) const noexcept {
    const FactorSpec& f = profile_.factors[index];
    if (f.accumulation == Accumulation::counter) return counter_reading(f, t_ms);
    double dev = 0;
    if (f.follows >= 0) {
        const auto leader_index = static_cast<std::size_t>(f.follows);
        const FactorSpec& leader = profile_.factors[leader_index];
        const double ratio = leader.amplitude != 0 ? f.amplitude / leader.amplitude : 0;
        dev = deviation(leader_index, t_ms) * ratio;
    } else {
        dev = deviation(index, t_ms);
    }
    const double v = f.base + daily_cycle(f, t_ms) + dev;
    return std::clamp(v, f.low, f.high);
}

} // namespace hj212gw::sim
