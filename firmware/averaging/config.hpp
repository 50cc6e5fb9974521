#pragma once
// Per-MN configuration of the gateway's own averaging (HJ 212-2017 Appendix D). Used for devices
// that only send real-time data (2011): the gateway computes the minute (MinInterval), hourly and
// daily values (2051/2061/2031) itself.
//
// Units, as the code tables give them (Appendix B) and as Appendix D computes with them:
//   water: flow w00000 in L/s, concentrations in mg/L.
//     slice volume     V_i = Q_i [L/s] x T [s] x 1e-3 [m3/L]                      (D.1 formula 1)
//     slice amount     G_i = V_i [m3] x C_i [mg/L] x 1e-3 = kg  (1 m3 = 1000 L, 1e6 mg = 1 kg;
//                                                               D.1 formula 8)
//   gas: flow a00000 in m3/s (standard state, dry), concentrations in mg/m3 (dry, standard).
//     slice volume     V_i = Q_i [m3/s] x T [s]                                   (m3)
//     slice amount     G_i = V_i [m3] x C_i [mg/m3] x 1e-6 = kg            (D.2.5 formula 33)
//   Cou of the flow factor is the volume sum V (m3); Cou of a pollutant is the amount sum G (kg).
//   T is slice_seconds: the device's real-time interval (RtdInterval).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hj212gw::averaging {

enum class SourceKind : std::uint8_t { water, gas };

/// D.1.2.3 (flow-weighted, formulas 12-14) or D.1.3 (arithmetic, formulas 15-17).
enum class WaterMethod : std::uint8_t { arithmetic, flow_weighted };

struct FactorSetting {
    std::string code;
    /// Gas only: the standard's reference oxygen content O2_ref (%). When set, ZsAvg is emitted:
    /// C_ref = C_dry x (21 - O2_ref) / (21 - O2_meas)  (D.2.3 formula 28).
    std::optional<double> reference_o2;
};

/// Minimum valid data for an interval. A zero means "at least one".
struct Thresholds {
    /// Minute interval: valid samples >= samples_per_minute x MinInterval (D.2.2 formula 23:
    /// n >= 12 per minute for flue gas).
    int samples_per_minute = 0;
    /// Hour: valid minute intervals x MinInterval >= hour_valid_minutes (formula 24: k >= 45).
    int hour_valid_minutes = 0;
    /// Day: valid hours >= day_valid_hours (formula 25: m >= 20).
    int day_valid_hours = 0;
};

struct AveragingConfig {
    std::string mn;
    SourceKind kind = SourceKind::water;
    int min_interval_minutes = 10;      ///< MinInterval; must divide 60
    int slice_seconds = 30;             ///< T of formula 1: the device's real-time interval
    std::string flow_factor;            ///< w00000 / a00000; empty: no flow, no amounts (Cou)
    std::vector<FactorSetting> factors; ///< averaged factors besides the flow and O2 factors
    WaterMethod water_method = WaterMethod::arithmetic;
    std::string oxygen_factor = "a19001"; ///< O2_meas for ZsAvg (gas)
    Thresholds thresholds;
    int decimals = 3; ///< digits after the point in emitted values

    /// Water defaults: w00000 flow, no minimum counts (D.1 only asks for >= 1 valid value).
    static AveragingConfig water(std::string mn, WaterMethod method);
    /// Flue-gas defaults: a00000 flow, MinInterval 1, thresholds 12 / 45 / 20 (D.2.2).
    static AveragingConfig gas(std::string mn);

    bool any_reference_o2() const noexcept;
    /// Every averaged factor, in emission order: flow first, the listed factors, then O2 when
    /// ZsAvg needs it and it is not listed.
    std::vector<std::string> ordered_factors() const;
    bool is_averaged(std::string_view code) const noexcept;
    const FactorSetting* find(std::string_view code) const noexcept;
};

/// Why the configuration cannot be used, or nullopt when it can.
std::optional<std::string> validate(const AveragingConfig& config);

} // namespace hj212gw::averaging
