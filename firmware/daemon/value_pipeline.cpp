#include "daemon/value_pipeline.hpp"

#include "hj212/encoder.hpp"
#include "hj212/parser.hpp"
#include "hj212/version.hpp"

#include <utility>

namespace hj212gw::daemon {

void apply_verdicts(storage::PacketRecord& record,
                    const std::vector<validity::ItemVerdict>& verdicts) {
    std::size_t next = 0;
    std::string key;
    for (auto& sample : record.samples) {
        key.assign(sample.factor).append("-").append(sample.suffix);
        for (std::size_t i = next; i < verdicts.size(); ++i) {
            if (verdicts[i].key != key) continue;
            sample.valid = verdicts[i].verdict.valid;
            sample.reason.assign(validity::to_string(verdicts[i].verdict.reason));
            next = i + 1;
            break;
        }
    }
}

validity::ValidityRules validity_rules_of(const std::vector<config::ValidityEntry>& entries) {
    validity::ValidityRules rules;
    for (const auto& e : entries) {
        if (!e.flow_factor.empty() && !e.mn.empty()) rules.flow_factor_by_mn[e.mn] = e.flow_factor;
        const auto rule_class = validity::classify_factor(e.factor).rule_class;
        validity::FactorRule rule = rules.class_defaults[static_cast<std::size_t>(rule_class)];
        const bool sets_rule = e.range_min || e.range_max || e.allow_negative || e.stuck_hours;
        if (!sets_rule) continue; // only a flow factor: the factor keeps its class default
        if (e.range_min) rule.range_min = *e.range_min;
        if (e.range_max) rule.range_max = *e.range_max;
        if (e.allow_negative) rule.negative_allowed = *e.allow_negative;
        if (e.stuck_hours) rule.stuck_run_ms = e.stuck_hours->count() * validity::kHourMs;
        rules.overrides.insert_or_assign(validity::OverrideKey{e.mn, e.factor}, rule);
    }
    return rules;
}

storage::Source averaging_source() {
    return storage::Source{"averaging", 0, "gateway"};
}

ValuePipeline::ValuePipeline(validity::ValidityRules rules,
                             std::vector<averaging::AveragingConfig> averaging)
    : engine_(std::move(rules)) {
    for (auto& c : averaging) {
        std::string mn = c.mn;
        averaging::PacketIdentity identity;
        identity.mn = mn;
        averaged_.emplace(std::move(mn), Averaged{averaging::Averager(std::move(c)), identity});
    }
}

storage::PacketRecord ValuePipeline::make_record(std::string_view segment, storage::Source source,
                                                 std::int64_t received_ms) {
    auto record = storage::make_packet_record(segment, std::move(source), received_ms);
    if (!record.parse_ok || record.samples.empty()) return record;
    hj212::PacketView view;
    // Views into the record's own copy, which outlives `view`.
    if (!hj212::parse_segment(record.raw, view, hj212::ParseMode::lenient)) return record;
    apply_verdicts(record, engine_.judge_packet(view));
    if (view.cn == "2011" && view.mn) {
        // Generated packets speak with the device's own header fields.
        if (auto it = averaged_.find(*view.mn); it != averaged_.end()) {
            auto& id = it->second.identity;
            if (view.st) id.st.assign(*view.st);
            if (view.pw) id.pw.assign(*view.pw);
            if (view.flag) id.version_bits = view.version_bits();
        }
    }
    return record;
}

bool ValuePipeline::averages(std::string_view mn) const {
    return averaged_.find(mn) != averaged_.end();
}

std::vector<std::string> ValuePipeline::on_stored(const storage::PacketRecord& record,
                                                  const std::function<std::string()>& next_qn) {
    if (record.cn != "2011" || !record.data_time_ms) return {};
    const auto it = averaged_.find(record.mn);
    if (it == averaged_.end()) return {};
    Averaged& a = it->second;
    std::vector<averaging::IntervalResult> closed;
    for (const auto& s : record.samples) {
        if (s.suffix != "Rtd") continue;
        averaging::Sample sample;
        sample.data_time_ms = *record.data_time_ms;
        sample.factor = s.factor;
        sample.value = s.value;
        sample.flag = s.flag.empty() ? 'N' : s.flag[0];
        sample.valid = s.valid.value_or(true);
        for (auto& r : a.averager.add(sample))
            closed.push_back(std::move(r));
    }
    return emit(a, std::move(closed), next_qn);
}

std::vector<std::string> ValuePipeline::close_until(std::int64_t now_ms,
                                                    const std::function<std::string()>& next_qn) {
    std::vector<std::string> out;
    for (auto& entry : averaged_) {
        Averaged& a = entry.second;
        for (auto& seg : emit(a, a.averager.close_until(now_ms), next_qn))
            out.push_back(std::move(seg));
    }
    return out;
}

std::vector<std::string> ValuePipeline::emit(Averaged& a,
                                             std::vector<averaging::IntervalResult> closed,
                                             const std::function<std::string()>& next_qn) {
    std::vector<std::string> out;
    for (const auto& interval : closed) {
        if (interval.factors.empty()) continue;
        out.push_back(hj212::encode_segment(averaging::build_packet(interval, a.identity, next_qn(),
                                                                    a.averager.config().decimals)));
    }
    return out;
}

} // namespace hj212gw::daemon
