#include "validity/engine.hpp"

#include <hj212/codes.hpp>
#include <hj212/datetime.hpp>
#include <hj212/packet.hpp>
#include <hj212/version.hpp>

#include <array>
#include <cmath>
#include <cstdio>
#include <string>

namespace hj212gw::validity {
namespace {

constexpr std::array<std::string_view, 9> kValueSuffixes = {
    "Rtd", "Avg", "Min", "Max", "Cou", "ZsRtd", "ZsAvg", "ZsMin", "ZsMax",
};

// The instrument range bounds what the analyser measures; Cou is an amount and Zs* is scaled
// to reference O2, so neither is compared with it.
bool is_measured_suffix(std::string_view suffix) noexcept {
    return suffix == "Rtd" || suffix == "Avg" || suffix == "Min" || suffix == "Max";
}

std::string number_text(double v) {
    std::array<char, 32> buf{};
    std::snprintf(buf.data(), buf.size(), "%.10g", v);
    return buf.data();
}

std::string time_text(std::int64_t ms) {
    return hj212::DateTime::from_epoch_ms(ms).format14();
}

std::string_view edition_name(std::uint8_t version_bits) noexcept {
    const auto* v = hj212::find_version(version_bits);
    return v != nullptr ? v->name : std::string_view{"unknown edition"};
}

// The protocol table's machine names, per edition, onto our stable reasons.
Reason flag_reason(std::string_view table_reason) noexcept {
    if (table_reason == "calibration" || table_reason == "check") return Reason::flag_calibration;
    if (table_reason == "maintenance") return Reason::flag_maintenance;
    if (table_reason == "fault") return Reason::flag_fault;
    if (table_reason == "stopped" || table_reason == "source_stopped") return Reason::flag_stopped;
    if (table_reason == "comm_fault") return Reason::flag_comm_fault;
    if (table_reason == "manual") return Reason::flag_manual;
    if (table_reason == "over_range") return Reason::flag_over_range;
    if (table_reason == "power_fault") return Reason::flag_power_fault;
    return Reason::flag_unknown;
}

std::optional<Verdict> check_flag(std::optional<char> flag, std::uint8_t version_bits) {
    if (!flag) return std::nullopt;
    const auto* info = hj212::find_data_flag(*flag, version_bits);
    std::string letter(1, *flag);
    if (info == nullptr)
        return Verdict::invalid(Reason::flag_unknown, "flag " + letter + " is not defined in " +
                                                          std::string(edition_name(version_bits)));
    if (info->valid) return std::nullopt;
    return Verdict::invalid(flag_reason(info->reason),
                            "flag " + letter + ": " + std::string(info->meaning));
}

std::optional<Verdict> check_sign_and_range(const FactorRule& rule, std::string_view suffix,
                                            double value) {
    if (value < 0 && !rule.negative_allowed)
        return Verdict::invalid(Reason::negative, number_text(value) + " < 0");
    if (!is_measured_suffix(suffix)) return std::nullopt;
    if (rule.range_min && value < *rule.range_min)
        return Verdict::invalid(Reason::below_range, number_text(value) + " < range minimum " +
                                                         number_text(*rule.range_min));
    if (rule.range_max && value > *rule.range_max)
        return Verdict::invalid(Reason::above_range, number_text(value) + " > range maximum " +
                                                         number_text(*rule.range_max));
    return std::nullopt;
}

} // namespace

ValidityEngine::ValidityEngine(ValidityRules rules)
    : rules_(std::move(rules)), tracker_(rules_.max_tracked_keys) {}

bool ValidityEngine::is_value_suffix(std::string_view suffix) noexcept {
    for (auto s : kValueSuffixes)
        if (s == suffix) return true;
    return false;
}

Verdict ValidityEngine::judge(std::string_view mn, std::string_view factor, std::string_view suffix,
                              double value, std::optional<char> flag, std::int64_t data_time_ms,
                              std::uint8_t version_bits) {
    std::optional<double> number;
    if (std::isfinite(value)) number = value;
    return judge_value(mn, factor, suffix, number, {}, flag, data_time_ms, version_bits);
}

// Advances the run with this value (see the header for repeats and out-of-order values) and
// says whether the value is stuck. state_touched is false when the value was out of order.
std::optional<Verdict> ValidityEngine::check_stuck(const FactorRule& rule, RunState& run,
                                                   double value, std::int64_t t,
                                                   bool& state_touched) {
    state_touched = true;
    if (run.samples == 0 || (t > run.last_time_ms && value != run.value)) {
        run.value = value;
        run.run_start_ms = t;
        run.last_time_ms = t;
        run.samples = 1;
    } else if (t > run.last_time_ms) {
        run.last_time_ms = t;
        if (run.samples < UINT32_MAX) ++run.samples;
    } else if (!(t == run.last_time_ms && value == run.value)) {
        state_touched = false;
        return std::nullopt;
    }
    if (rule.stuck_run_ms <= 0) return std::nullopt;
    if (rule.stuck_exempts_zero && value == 0) return std::nullopt;
    const std::int64_t span = run.last_time_ms - run.run_start_ms;
    if (span < rule.stuck_run_ms || run.samples < rule.stuck_min_samples) return std::nullopt;
    return Verdict::invalid(Reason::stuck, number_text(value) + " unchanged since " +
                                               time_text(run.run_start_ms) + " (" +
                                               std::to_string(run.samples) + " values)");
}

bool ValidityEngine::flow_is_zero(std::string_view mn, std::string_view factor, std::int64_t t) {
    const std::string_view flow = rules_.flow_factor_for(mn, factor);
    if (flow.empty()) return false;
    // The flow's most telling value at this DataTime decides: its amount, else its mean,
    // else its real-time value.
    for (std::string_view suffix : {"Cou", "Avg", "Rtd"}) {
        const RunState* s = tracker_.find(mn, flow, suffix);
        if (s != nullptr && s->samples > 0 && s->last_time_ms == t)
            return s->last_valid && s->value == 0;
    }
    return false;
}

Verdict ValidityEngine::judge_value(std::string_view mn, std::string_view factor,
                                    std::string_view suffix, std::optional<double> value,
                                    std::string_view text, std::optional<char> flag,
                                    std::optional<std::int64_t> data_time_ms,
                                    std::uint8_t version_bits) {
    std::optional<Verdict> verdict = check_flag(flag, version_bits);
    if (!value) {
        if (verdict) return *verdict;
        return Verdict::invalid(Reason::not_a_number,
                                text.empty() ? std::string("not a finite number")
                                             : "'" + std::string(text) + "' is not a number");
    }
    const FactorRule& rule = rules_.rule_for(mn, factor);
    if (!verdict) verdict = check_sign_and_range(rule, suffix, *value);
    if (!data_time_ms) return verdict ? *verdict : Verdict::ok();

    const std::int64_t t = *data_time_ms;
    RunState& run = tracker_.get_or_create(mn, factor, suffix);
    bool state_touched = false;
    auto stuck = check_stuck(rule, run, *value, t, state_touched);
    if (!verdict) verdict = std::move(stuck);
    if (!verdict && suffix == "Cou" && *value > 0 && flow_is_zero(mn, factor, t))
        verdict = Verdict::invalid(Reason::zero_flow_with_discharge,
                                   number_text(*value) + " discharged while the flow " +
                                       std::string(rules_.flow_factor_for(mn, factor)) +
                                       " is 0 at " + time_text(t));
    if (state_touched) run.last_valid = !verdict.has_value();
    return verdict ? *verdict : Verdict::ok();
}

std::vector<ItemVerdict> ValidityEngine::judge_packet(const hj212::PacketView& packet) {
    const std::string_view mn = packet.mn.value_or(std::string_view{});
    const std::uint8_t version = packet.version_bits();
    std::optional<std::int64_t> t;
    if (const auto text = packet.find("DataTime"))
        if (const auto dt = hj212::DateTime::parse(*text)) t = dt->to_epoch_ms();

    const auto& items = packet.items;
    // The flag of factor `code` for the item at index i: its group's code-Flag, else the first
    // code-Flag anywhere (some devices put flags in a group of their own).
    const auto flag_for = [&](std::string_view code, std::size_t i) -> std::optional<char> {
        std::size_t begin = 0, end = items.size();
        for (std::size_t g = 0; g < packet.group_ends.size(); ++g) {
            if (i < packet.group_ends[g]) {
                begin = g == 0 ? 0 : packet.group_ends[g - 1];
                end = packet.group_ends[g];
                break;
            }
        }
        const auto scan = [&](std::size_t b, std::size_t e) -> std::optional<std::string_view> {
            for (std::size_t k = b; k < e && k < items.size(); ++k) {
                const auto key = hj212::split_item_key(items[k].key);
                if (key.code == code && key.suffix == "Flag") return items[k].value;
            }
            return std::nullopt;
        };
        auto text = scan(begin, end);
        if (!text) text = scan(0, items.size());
        if (!text || text->empty()) return std::nullopt;
        // A multi-letter flag is no letter of any edition: '?' makes it flag_unknown.
        return text->size() == 1 ? (*text)[0] : '?';
    };

    std::vector<ItemVerdict> out;
    for (std::size_t i = 0; i < items.size(); ++i)
        if (is_value_suffix(hj212::split_item_key(items[i].key).suffix))
            out.push_back(ItemVerdict{i, items[i].key, {}});

    const auto judge_item = [&](ItemVerdict& iv) {
        const auto& item = items[iv.item_index];
        const auto key = hj212::split_item_key(item.key);
        iv.verdict = judge_value(mn, key.code, key.suffix, hj212::parse_number(item.value),
                                 item.value, flag_for(key.code, iv.item_index), t, version);
    };
    // Flow first, so that zero flow is known whatever the order of the items.
    for (auto& iv : out)
        if (classify_factor(hj212::split_item_key(iv.key).code).rule_class == RuleClass::flow)
            judge_item(iv);
    for (auto& iv : out)
        if (classify_factor(hj212::split_item_key(iv.key).code).rule_class != RuleClass::flow)
            judge_item(iv);
    return out;
}

} // namespace hj212gw::validity
