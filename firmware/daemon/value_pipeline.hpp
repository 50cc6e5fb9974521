#pragma once
// What the daemon does with the values of a device packet before and after it is stored:
// a verdict for every value (validity engine) that is stored with it, and, for MNs configured
// for averaging, the gateway's own minute / hourly / daily values from their real-time data
// (2011), as the 2051 / 2061 / 2031 packets the device would have sent.
//
// Runs on the network thread only (not thread-safe): judging and averaging are cheap and keep
// the per-(MN, factor) state in arrival order.
#include "averaging/averager.hpp"
#include "averaging/packet_builder.hpp"
#include "config/gateway_config.hpp"
#include "validity/engine.hpp"

#include <hj212gw/storage/packet_record.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace hj212gw::daemon {

/// Copies each verdict onto the stored value of the same CP item: both lists are in item
/// order, so values and verdicts are matched by key walking forward (a value without a
/// verdict, e.g. an RS suffix, keeps none).
void apply_verdicts(storage::PacketRecord& record,
                    const std::vector<validity::ItemVerdict>& verdicts);

/// The validity rules of the configuration's [[validity]] entries: each becomes the override
/// of its (MN, factor), starting from the factor's class default so that the keys an entry
/// leaves out keep it; a flow_factor sets the MN's flow factor.
validity::ValidityRules validity_rules_of(const std::vector<config::ValidityEntry>& entries);

/// The source the gateway's own averages are stored under.
storage::Source averaging_source();

class ValuePipeline {
public:
    ValuePipeline(validity::ValidityRules rules, std::vector<averaging::AveragingConfig> averaging);

    /// Parses `segment` as the store does and judges every numeric value.
    storage::PacketRecord make_record(std::string_view segment, storage::Source source,
                                      std::int64_t received_ms);

    /// A device packet is durable: a 2011 of an averaged MN feeds its Averager. Returns the
    /// data segments of the intervals this closed, in time order (minute, hour, day).
    /// `next_qn` gives the QN of each generated packet.
    std::vector<std::string> on_stored(const storage::PacketRecord& record,
                                       const std::function<std::string()>& next_qn);
    /// Closes every interval ending at or before `now_ms` (site-local civil time), so a silent
    /// device's last interval is emitted too.
    std::vector<std::string> close_until(std::int64_t now_ms,
                                         const std::function<std::string()>& next_qn);

    bool averages(std::string_view mn) const;
    const validity::ValidityEngine& engine() const noexcept { return engine_; }

private:
    struct Averaged {
        averaging::Averager averager;
        averaging::PacketIdentity identity; ///< ST/PW/edition of the device's latest 2011
    };
    std::vector<std::string> emit(Averaged& a, std::vector<averaging::IntervalResult> closed,
                                  const std::function<std::string()>& next_qn);

    validity::ValidityEngine engine_;
    std::map<std::string, Averaged, std::less<>> averaged_; // by MN
};

} // namespace hj212gw::daemon
