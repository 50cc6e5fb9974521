#pragma once
// Data model of the transmission-effective rate (传输有效率, see docs/domain.md):
//   传输率 transmission = received / should-be
//   有效率 validity     = valid / received
//   传输有效率 effective = valid / should-be  (= transmission x validity)
// counted in hourly values (CN 2061, suffix Avg) per MN x factor x site-local day.
//
// Times: `hour_ms` is the packet's DataTime as site-local epoch ms (hj212::DateTime's zone-less
// clock, as the store keeps it), so a site-local day is a plain floor division by 24 h.
// `received_ms` and `acked_ms` are the gateway clock (UTC epoch ms); RateRules::utc_offset_ms
// bridges the two when deciding whether an acknowledgement was on time.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace hj212gw::rates {

inline constexpr std::int64_t kHourMs = 3'600'000;
inline constexpr std::int64_t kDayMs = 24 * kHourMs;

/// One upstream's acknowledgement of the packet that carried an observation.
struct UpstreamAck {
    std::string upstream;
    std::optional<std::int64_t> acked_ms; ///< gateway clock; nullopt: not (yet) acknowledged
};

/// One hourly value of one factor as the gateway stored it (one row per copy: resends of the
/// same hour are separate observations and are merged by the calculator).
struct HourObservation {
    std::string mn;
    std::string factor;
    std::int64_t hour_ms = 0; ///< DataTime, site-local epoch ms (floored to the hour)
    bool valid = false;       ///< the value's flag counts as valid (N, or no flag)
    std::int64_t received_ms = 0;
    std::vector<UpstreamAck> acks;
};

/// Hours in [begin_ms, end_ms) (site-local) in which the source was shut down: no hourly value
/// is due then. Every hour that overlaps the period is excluded, because a value for an hour
/// the plant only partly ran cannot be demanded either.
struct ShutdownPeriod {
    std::string mn;
    std::string factor; ///< "" for every factor of the MN
    std::int64_t begin_ms = 0;
    std::int64_t end_ms = 0;
};

struct RateRules {
    /// Assessed factors per MN. An MN missing here is assessed on every factor seen in its
    /// hourly data in the period (the default of the issue).
    std::map<std::string, std::set<std::string>> assessed_factors;
    /// Hours a day a factor may miss without penalty (wastewater COD w01018, NH3-N w21003,
    /// TP w21011, TN w21001: 1 hour for the automatic standard check, so 23/24 is 100 %).
    /// See RateCalculator for how the exemption is applied.
    std::map<std::string, int> exemption_hours_per_day;
    std::vector<ShutdownPeriod> shutdowns;
    /// Hours that have not ended by this site-local time are not yet due (a report on the
    /// current day must not count the evening as missing). nullopt: every hour is due.
    std::optional<std::int64_t> due_until_ms;
    /// An acknowledgement is on time (即时) when it arrives at most this long after the end of
    /// the hour; later ones are back-filled (补全).
    std::int64_t on_time_delay_ms = kHourMs;
    /// site-local minus UTC (China: +8 h), to compare DataTime with the gateway clock.
    std::int64_t utc_offset_ms = 8 * kHourMs;

    /// The usual wastewater exemptions (1 hour a day for COD, NH3-N, TP, TN).
    static std::map<std::string, int> wastewater_exemptions();
};

/// Hour counts; the rates are derived from them so that sums (months, totals) stay exact.
struct Counts {
    std::int64_t should = 0;
    std::int64_t received = 0;
    std::int64_t valid = 0;

    Counts& operator+=(const Counts& o) {
        should += o.should;
        received += o.received;
        valid += o.valid;
        return *this;
    }
    friend bool operator==(const Counts&, const Counts&) = default;
};

/// nullopt when the denominator is 0 (reported as null / NA, never NaN).
std::optional<double> transmission_rate(const Counts& c);
std::optional<double> validity_rate(const Counts& c);
std::optional<double> effective_rate(const Counts& c);

/// One line of a report: a day, a month, or a total.
struct RateRow {
    std::string mn;     ///< "" in the overall total
    std::string factor; ///< "" in totals
    std::string period; ///< "2024-05-01", "2024-05", or "" in totals
    Counts counts;
    /// Upstream view only: the on-time (即时) version of the counts; received - on_time.received
    /// were back-filled (补全).
    std::optional<Counts> on_time;

    std::int64_t backfilled() const { return on_time ? counts.received - on_time->received : 0; }
};

/// Which reception is counted: what the gateway received from the devices, or what one
/// upstream platform acknowledged.
struct View {
    std::string upstream; ///< "" for the device-side view
    bool device_side() const { return upstream.empty(); }
};

} // namespace hj212gw::rates
