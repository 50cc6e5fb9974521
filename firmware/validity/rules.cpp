#include "validity/rules.hpp"

#include <hj212/codes.hpp>

namespace hj212gw::validity {
namespace {

bool is_flow_code(std::string_view code) noexcept {
    return code == "w00000" || code == "a00000";
}

// Flue-gas conditions and water temperature: physical state, not pollutants. Temperature and
// pressure can go below zero and a steady stack can hold them constant for hours.
bool is_condition_code(std::string_view code) noexcept {
    return code.starts_with("a01") || code == "a19001" || code == "w01010";
}

} // namespace

std::string_view to_string(RuleClass c) noexcept {
    switch (c) {
    case RuleClass::water_concentration:
        return "water_concentration";
    case RuleClass::gas_concentration:
        return "gas_concentration";
    case RuleClass::gas_condition:
        return "gas_condition";
    case RuleClass::flow:
        return "flow";
    case RuleClass::electricity:
        return "electricity";
    case RuleClass::other:
        return "other";
    }
    return "other";
}

FactorClassification classify_factor(std::string_view factor) noexcept {
    FactorClassification out;
    std::string_view code = factor;
    if (hj212::find_pollutant(factor) == nullptr) {
        if (const auto* old = hj212::find_pollutant_by_2005_code(factor)) {
            code = old->code;
            out.code_2005 = true;
        }
    }
    if (is_flow_code(code)) {
        out.rule_class = RuleClass::flow;
    } else if (is_condition_code(code)) {
        out.rule_class = RuleClass::gas_condition;
    } else if (code.starts_with('w') && code.size() == 6) {
        out.rule_class = RuleClass::water_concentration;
    } else if (code.starts_with('a') && code.size() == 6) {
        out.rule_class = RuleClass::gas_concentration;
    } else if (code.starts_with('d') && code.size() == 6) {
        out.rule_class = RuleClass::electricity;
    }
    return out;
}

std::array<FactorRule, kRuleClassCount> ValidityRules::standard_defaults() {
    std::array<FactorRule, kRuleClassCount> d{};
    // Concentrations: never negative, a 6 h constant run means a stuck analyser.
    d[static_cast<std::size_t>(RuleClass::water_concentration)] = FactorRule{};
    d[static_cast<std::size_t>(RuleClass::gas_concentration)] = FactorRule{};
    // Conditions: negative temperature/pressure is real and a steady process holds them.
    FactorRule condition;
    condition.negative_allowed = true;
    condition.stuck_run_ms = 0;
    d[static_cast<std::size_t>(RuleClass::gas_condition)] = condition;
    // Flow: never negative; a constant non-zero flow for 6 h is a stuck meter, a constant zero
    // is a plant not discharging.
    FactorRule flow;
    flow.stuck_exempts_zero = true;
    d[static_cast<std::size_t>(RuleClass::flow)] = flow;
    // Electricity: current, voltage, power and energy of a consumer are not negative; an idle
    // or steadily loaded machine reads constant, so no stuck rule.
    FactorRule electricity;
    electricity.stuck_run_ms = 0;
    d[static_cast<std::size_t>(RuleClass::electricity)] = electricity;
    // Unknown meaning: judge only what is certain (flags, numbers, a configured range).
    FactorRule other;
    other.negative_allowed = true;
    other.stuck_run_ms = 0;
    d[static_cast<std::size_t>(RuleClass::other)] = other;
    return d;
}

const FactorRule& ValidityRules::rule_for(std::string_view mn, std::string_view factor) const {
    const auto find = [&](std::string_view m, std::string_view f) -> const FactorRule* {
        const auto it = overrides.find(OverrideKeyLess::View{m, f});
        return it == overrides.end() ? nullptr : &it->second;
    };
    const FactorClassification c = classify_factor(factor);
    // A 2005 device's code is also looked up under its 2017 code, so one override covers both.
    std::string_view code_2017 = factor;
    if (c.code_2005) {
        if (const auto mapped = hj212::map_2005_to_2017(factor)) code_2017 = *mapped;
    }
    for (std::string_view m : {mn, std::string_view{}}) {
        if (const auto* r = find(m, factor)) return *r;
        if (c.code_2005)
            if (const auto* r = find(m, code_2017)) return *r;
    }
    return class_defaults[static_cast<std::size_t>(c.rule_class)];
}

std::string_view ValidityRules::flow_factor_for(std::string_view mn,
                                                std::string_view factor) const {
    const FactorClassification c = classify_factor(factor);
    if (c.rule_class != RuleClass::water_concentration &&
        c.rule_class != RuleClass::gas_concentration)
        return {};
    if (const auto it = flow_factor_by_mn.find(mn); it != flow_factor_by_mn.end())
        return it->second;
    if (c.rule_class == RuleClass::water_concentration) return c.code_2005 ? "B01" : "w00000";
    return c.code_2005 ? "B02" : "a00000";
}

} // namespace hj212gw::validity
