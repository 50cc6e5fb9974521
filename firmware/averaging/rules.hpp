#pragma once
// The Appendix D formulas and the C.16-C.18 flag notes, as small pure functions, so each rule is
// tested alone and the aggregators only collect data.
#include "averaging/config.hpp"
#include "averaging/interval.hpp"

#include <optional>
#include <span>
#include <string_view>

namespace hj212gw::averaging {

/// The flag a sample contributes to the roll-up: N when it is valid, otherwise its own letter,
/// or D (instrument fault) when validity rejected a value the device still flagged N.
char effective_flag(const Sample& sample) noexcept;

/// Water (C.16-C.18 notes): one abnormal value makes the interval abnormal. Of several abnormal
/// letters the most frequent wins (ties: the earliest), so a minute with one C is C.
char roll_up_water_flag(std::span<const char> flags) noexcept;

/// Flue gas (C.16-C.18 notes): normal when >= 75 % of the values are normal (4 n >= 3 total, in
/// integers so 75 % exactly counts), otherwise D.
bool gas_share_normal(int normal, int total) noexcept;

/// Sets valid and flag of a finished result. `flags` are the members' flags (samples or child
/// intervals), `required` the minimum number of valid members.
void finish_validity(FactorResult& result, SourceKind kind, std::span<const char> flags,
                     int required) noexcept;

/// Valid samples a minute interval needs: samples_per_minute x MinInterval, at least 1.
int required_samples(const AveragingConfig& config) noexcept;
/// Valid child intervals an hour (children: minute intervals) or a day (hours) needs.
int required_children(const AveragingConfig& config, IntervalKind parent) noexcept;

/// Slice volume V_i in m3: water Q [L/s] x T [s] x 1e-3 (formula 1); gas Q [m3/s] x T [s].
double slice_volume_m3(SourceKind kind, double flow, int slice_seconds) noexcept;
/// Amount in kg from sum(C_i x V_i): water mg/L x m3 x 1e-3 (formula 8), gas mg/m3 x m3 x 1e-6.
double amount_kg(SourceKind kind, double weighted_sum) noexcept;
/// Whether a factor has an emission amount (Cou): the code table gives it a "kg" amount unit.
bool has_mass_amount(std::string_view code) noexcept;

/// Formula 28: C_ref = C x (21 - O2_ref) / (21 - O2_meas); nullopt when O2_meas >= 21.
std::optional<double> reference_oxygen_concentration(double concentration, double o2_reference,
                                                     double o2_measured) noexcept;
/// Sets zs_avg of every factor with a reference O2, from the interval's own Avg and O2 Avg.
void apply_reference_oxygen(IntervalResult& interval, const AveragingConfig& config);

} // namespace hj212gw::averaging
