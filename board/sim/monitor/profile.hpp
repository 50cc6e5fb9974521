#pragma once
// What a simulated monitor measures: the factors of one kind of site, with their units, ranges
// and the shape of their daily cycle. Pure data; the signal model turns it into values.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hj212gw::sim {

enum class ProfileKind { water, gas, power };

std::optional<ProfileKind> parse_profile_kind(std::string_view text) noexcept;
std::string_view to_string(ProfileKind kind) noexcept;

/// How a factor contributes a cumulative value (Cou) to minute, hourly and daily data.
enum class Accumulation {
    none,     ///< no Cou (pH, temperature, O2, voltage, ...)
    volume,   ///< the flow itself: Cou is the volume through the interval
    emission, ///< a concentration: Cou is concentration x volume (the emitted amount)
    counter,  ///< a meter reading (energy): Cou is the increase over the interval
};

struct FactorSpec {
    std::string code;
    std::string name;
    std::string unit;
    double low = 0;  ///< instrument range: values are clamped into [low, high]
    double high = 0; ///<
    double base = 0; ///< daily mean
    /// Daily cycle: base + amplitude * cos(2 pi (hour - peak_hour) / 24).
    double amplitude = 0;
    double peak_hour = 14;
    double drift = 0; ///< slow random wander (smooth over about 20 minutes), same unit
    double noise = 0; ///< sample-to-sample jitter, same unit
    int decimals = 2; ///< digits after the point when written
    Accumulation accumulation = Accumulation::none;
    /// Calibrated analysers (COD, SO2, ...) read a standard during the daily calibration hour.
    bool calibrated = false;
    /// Cou scale: volume: unit x s -> m3; emission: unit x m3 -> kg; counter: 1.
    double cou_scale = 1;
    int cou_decimals = 2;
    /// counter: index of the rate factor (active power, kW) whose cycle it integrates.
    int rate_factor = -1;
    /// Index of a factor whose random wander and jitter this one shares (scaled by the ratio
    /// of the amplitudes), so that active power moves with current; -1: its own.
    int follows = -1;
};

struct Profile {
    ProfileKind kind = ProfileKind::water;
    std::string st; ///< system code (32 water, 31 flue gas, 44 electricity)
    std::vector<FactorSpec> factors;
    int flow_factor = -1; ///< index of the flow that emissions are multiplied by
    /// Share of instantaneous values that must be normal for an interval to be normal: 1.0 for
    /// waste water (one abnormal value flags the interval), 0.75 for flue gas (HJ 212 C.16).
    double normal_share = 1.0;
};

Profile make_profile(ProfileKind kind);

} // namespace hj212gw::sim
