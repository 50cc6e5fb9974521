#include "sim/monitor/profile.hpp"

namespace hj212gw::sim {

std::optional<ProfileKind> parse_profile_kind(std::string_view text) noexcept {
    if (text == "water") return ProfileKind::water;
    if (text == "gas") return ProfileKind::gas;
    if (text == "power") return ProfileKind::power;
    return std::nullopt;
}

std::string_view to_string(ProfileKind kind) noexcept {
    switch (kind) {
    case ProfileKind::water:
        return "water";
    case ProfileKind::gas:
        return "gas";
    case ProfileKind::power:
        return "power";
    }
    return "?";
}

namespace {

FactorSpec factor(std::string code, std::string name, std::string unit, double low, double high,
                  double base, double amplitude, double drift, double noise, int decimals) {
    FactorSpec f;
    f.code = std::move(code);
    f.name = std::move(name);
    f.unit = std::move(unit);
    f.low = low;
    f.high = high;
    f.base = base;
    f.amplitude = amplitude;
    f.drift = drift;
    f.noise = noise;
    f.decimals = decimals;
    return f;
}

FactorSpec emission(FactorSpec f, double cou_scale) {
    f.accumulation = Accumulation::emission;
    f.calibrated = true;
    f.cou_scale = cou_scale;
    f.cou_decimals = 3;
    return f;
}

// A municipal-style treated effluent: concentrations well under the discharge limits, flow
// following the working day (peak early afternoon, low at night).
Profile water() {
    Profile p;
    p.kind = ProfileKind::water;
    p.st = "32";
    p.normal_share = 1.0;
    // mg/L x m3 = g; Cou in kg.
    p.factors.push_back(emission(factor("w01018", "COD", "mg/L", 0, 500, 32, 8, 3, 0.8, 2), 0.001));
    p.factors.push_back(
        emission(factor("w21003", "NH3-N", "mg/L", 0, 50, 1.8, 0.6, 0.25, 0.05, 3), 0.001));
    p.factors.push_back(
        emission(factor("w21011", "TP", "mg/L", 0, 10, 0.32, 0.08, 0.04, 0.01, 3), 0.001));
    p.factors.push_back(
        emission(factor("w21001", "TN", "mg/L", 0, 100, 11, 2.5, 1, 0.2, 2), 0.001));
    p.factors.push_back(factor("w01001", "pH", "", 0, 14, 7.2, 0.15, 0.1, 0.02, 2));
    FactorSpec flow = factor("w00000", "flow", "L/s", 0, 500, 42, 18, 4, 1, 2);
    flow.accumulation = Accumulation::volume;
    flow.cou_scale = 0.001; // L/s x s = L -> m3
    p.factors.push_back(flow);
    p.flow_factor = 5;
    return p;
}

// A coal-fired boiler stack after desulphurisation and denitrification (ultra-low emission).
Profile gas() {
    Profile p;
    p.kind = ProfileKind::gas;
    p.st = "31";
    p.normal_share = 0.75;
    // mg/m3 x m3 = mg; Cou in kg.
    p.factors.push_back(emission(factor("a21026", "SO2", "mg/m3", 0, 200, 18, 5, 3, 0.8, 2), 1e-6));
    p.factors.push_back(emission(factor("a21002", "NOx", "mg/m3", 0, 300, 32, 7, 4, 1, 2), 1e-6));
    p.factors.push_back(
        emission(factor("a34013", "dust", "mg/m3", 0, 50, 3.2, 0.8, 0.5, 0.1, 2), 1e-6));
    FactorSpec o2 = factor("a19001", "O2", "%", 0, 25, 8.5, 0.8, 0.4, 0.1, 2);
    o2.calibrated = true;
    o2.peak_hour = 3; // more excess air at low load (night)
    p.factors.push_back(o2);
    p.factors.push_back(factor("a01012", "temperature", "°C", 0, 300, 52, 4, 1.5, 0.3, 1));
    p.factors.push_back(factor("a01013", "pressure", "kPa", -10, 10, -0.35, 0.08, 0.05, 0.01, 3));
    p.factors.push_back(factor("a01014", "humidity", "%", 0, 40, 11, 1.5, 0.6, 0.1, 2));
    p.factors.push_back(factor("a01011", "velocity", "m/s", 0, 40, 12.5, 3, 0.8, 0.2, 2));
    FactorSpec flow = factor("a00000", "flow", "m3/s", 0, 300, 85, 20, 5, 1.2, 2);
    flow.accumulation = Accumulation::volume;
    flow.cou_scale = 1; // m3/s x s = m3
    p.factors.push_back(flow);
    p.flow_factor = 8;
    return p;
}

// Electricity meters on a production line and on its treatment facility (HJ 212-2025 ST=44).
// The d-codes are PROVISIONAL: the 2025 code table is not in this repository. Layout:
// d1xxxx production circuit, d2xxxx treatment circuit; xx001 current (A), xx002 voltage (V),
// xx003 active power (kW), xx004 active energy (kWh, meter reading).
Profile power() {
    Profile p;
    p.kind = ProfileKind::power;
    p.st = "44";
    p.normal_share = 1.0;
    auto circuit = [&p](const std::string& prefix, const std::string& label, double amps,
                        double swing) {
        const int first = static_cast<int>(p.factors.size());
        p.factors.push_back(factor(prefix + "001", label + " current", "A", 0, 1000, amps, swing,
                                   amps * 0.04, amps * 0.01, 2));
        p.factors.push_back(
            factor(prefix + "002", label + " voltage", "V", 0, 500, 380, 3, 1.5, 0.5, 1));
        // P = sqrt(3) U I cos(phi) with cos(phi) = 0.9: about 0.592 kW per A at 380 V.
        const double kw_per_amp = 1.7320508 * 380 * 0.9 / 1000;
        p.factors.push_back(factor(prefix + "003", label + " active power", "kW", 0, 600,
                                   amps * kw_per_amp, swing * kw_per_amp, amps * 0.04 * kw_per_amp,
                                   amps * 0.01 * kw_per_amp, 2));
        p.factors.back().follows = first;
        FactorSpec energy =
            factor(prefix + "004", label + " active energy", "kWh", 0, 1e9, 0, 0, 0, 0, 2);
        energy.accumulation = Accumulation::counter;
        energy.rate_factor = first + 2;
        energy.cou_decimals = 2;
        p.factors.push_back(energy);
    };
    circuit("d10", "production", 220, 90);
    circuit("d20", "treatment", 75, 25);
    return p;
}

} // namespace

Profile make_profile(ProfileKind kind) {
    switch (kind) {
    case ProfileKind::water:
        return water();
    case ProfileKind::gas:
        return gas();
    case ProfileKind::power:
        return power();
    }
    return water();
}

} // namespace hj212gw::sim
