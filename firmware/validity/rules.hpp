#pragma once
// What counts as abnormal for a factor: a plain struct the daemon's configuration fills in.
// Defaults come per rule class (a finer split than hj212::FactorFamily, because within flue
// gas a concentration cannot be negative or constant for hours, while O2, temperature,
// pressure, humidity and velocity can); overrides are per (MN, factor), or per factor for every
// MN when the MN is empty.
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace hj212gw::validity {

enum class RuleClass : std::uint8_t {
    water_concentration, ///< w-codes except flow and water temperature
    gas_concentration,   ///< a-codes except flow and the flue-gas conditions
    gas_condition,       ///< O2 (a19001), a01xxx temperature/pressure/humidity/velocity/wind
                         ///< and water temperature (w01010): may be negative or steady
    flow,                ///< w00000 / a00000 (2005: B01 / B02)
    electricity,         ///< d-codes of electricity monitoring
    other,               ///< anything else (noise, facility parameters, unknown codes)
};
inline constexpr std::size_t kRuleClassCount = 6;
std::string_view to_string(RuleClass c) noexcept;

/// How a factor code is classified, and its 2017 code when it was written in the 2005 edition
/// ("011" -> w01018), so that rules keyed by 2017 code also apply to 2005 devices.
struct FactorClassification {
    RuleClass rule_class = RuleClass::other;
    bool code_2005 = false;
};
FactorClassification classify_factor(std::string_view factor) noexcept;

inline constexpr std::int64_t kHourMs = 3'600'000;

struct FactorRule {
    /// Instrument range, inclusive at both ends; unset means unbounded. Applies to measured
    /// values (Rtd, Avg, Min, Max), not to amounts (Cou) or O2-converted values (Zs*), which
    /// have other units or may legitimately exceed the analyser's span.
    std::optional<double> range_min;
    std::optional<double> range_max;
    bool negative_allowed = false;
    /// A run of identical values lasting at least this long (first to current DataTime) is
    /// stuck. 0 turns the rule off.
    std::int64_t stuck_run_ms = 6 * kHourMs;
    /// ...and holding at least this many values: two equal readings either side of a long gap
    /// are no evidence of a stuck sensor. 7 = hourly data over 6 h (00:00 .. 06:00).
    std::uint32_t stuck_min_samples = 7;
    /// A long run of 0 is normal for this factor (no discharge at night), so never stuck.
    bool stuck_exempts_zero = false;

    friend bool operator==(const FactorRule&, const FactorRule&) = default;
};

/// Key of a per-(MN, factor) override; compared as string views so lookups do not allocate.
struct OverrideKey {
    std::string mn;
    std::string factor;
};
struct OverrideKeyLess {
    using is_transparent = void;
    struct View {
        std::string_view mn, factor;
    };
    static View view(const OverrideKey& k) noexcept { return {k.mn, k.factor}; }
    static View view(const View& v) noexcept { return v; }
    template <class A, class B>
    bool operator()(const A& a, const B& b) const noexcept {
        const View x = view(a), y = view(b);
        return x.mn != y.mn ? x.mn < y.mn : x.factor < y.factor;
    }
};

struct ValidityRules {
    /// Defaults per rule class, indexed by RuleClass.
    std::array<FactorRule, kRuleClassCount> class_defaults = standard_defaults();
    /// (MN, factor) -> rule; an empty MN applies to the factor at every MN. The factor is
    /// written as the device writes it (a 2005 device's "011" or the 2017 "w01018"; the 2017
    /// code also matches the 2005 one).
    std::map<OverrideKey, FactorRule, OverrideKeyLess> overrides;
    /// MN -> the flow factor whose zero makes a discharge amount invalid. Without an entry,
    /// water concentrations use w00000 (2005: B01) and gas concentrations a00000 (B02).
    std::map<std::string, std::string, std::less<>> flow_factor_by_mn;
    /// Cap on the (MN, factor, suffix) keys whose run state is kept; the least recently used
    /// is forgotten beyond it (its next value starts a new run).
    std::size_t max_tracked_keys = 10'000;

    static std::array<FactorRule, kRuleClassCount> standard_defaults();

    /// The rule for a factor at an MN: (MN, factor), then ("", factor), then the class default.
    const FactorRule& rule_for(std::string_view mn, std::string_view factor) const;
    /// The flow factor the zero-flow rule compares a concentration of this factor against, or
    /// an empty view when the factor is not a concentration.
    std::string_view flow_factor_for(std::string_view mn, std::string_view factor) const;
};

} // namespace hj212gw::validity
