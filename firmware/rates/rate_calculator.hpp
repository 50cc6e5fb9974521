#pragma once
// Sans-I/O core of the rates: hourly observations in, rows per MN x factor x day out.
//
// Rules, per MN x assessed factor x site-local day:
//   eligible  = the day's 24 hours, minus hours not yet due (RateRules::due_until_ms) and hours
//               overlapping a shutdown period of that MN (and factor).
//   should    = max(0, eligible - exemption), exemption = RateRules::exemption_hours_per_day.
//   received  = distinct eligible hours with at least one value (resends count once), capped
//               at should;
//   valid     = of those, hours with at least one valid value, capped at the capped received.
// The caps are what "23/24 counts as 100 %" means: the exempted hours are taken first from the
// missing hours, then from the received-but-invalid ones (the standard-check hour is flagged
// C), and only then from valid ones, so exemption can never push a rate above 1 and a full
// 24/24 day still reads 100 %. Values received in excluded hours are not counted at all.
//
// Upstream view: an hour is received when the upstream acknowledged a packet carrying it; it
// is valid when such a packet had a valid value. It is on time (即时) when that acknowledgement
// came at most RateRules::on_time_delay_ms after the hour's end, otherwise back-filled (补全);
// the on-time counts go through the same exemption caps.
#include "rates/rate_model.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hj212gw::rates {

/// Site-local day starts, both inclusive.
struct DayRange {
    std::int64_t first_day_ms = 0;
    std::int64_t last_day_ms = 0;
};

/// Site-local midnight of the day holding `local_ms` (floor, also before 1970).
std::int64_t day_start(std::int64_t local_ms);

class RateCalculator {
public:
    explicit RateCalculator(RateRules rules);

    void add(const HourObservation& observation);
    void add(const std::vector<HourObservation>& observations);

    /// One row per MN x assessed factor x day of `days` that has begun (by due_until_ms),
    /// ordered by MN, factor, day. MNs are those seen in the observations plus those with
    /// configured assessed factors (which then show 0 received rather than vanishing).
    std::vector<RateRow> daily(const DayRange& days, const View& view) const;

private:
    /// What one upstream acknowledged of one hour.
    struct AckState {
        std::optional<std::int64_t> first_ack_ms;       ///< earliest ack of any copy
        std::optional<std::int64_t> first_valid_ack_ms; ///< earliest ack of a valid copy
    };
    struct HourState {
        bool valid = false; ///< at least one received copy was valid
        std::map<std::string, AckState> acks;
    };
    using Hours = std::map<std::int64_t, HourState>; // by hour_ms
    using Factors = std::map<std::string, Hours>;

    bool in_shutdown(const std::string& mn, const std::string& factor, std::int64_t hour_ms) const;
    bool due(std::int64_t hour_ms) const;
    int exemption(const std::string& factor) const;
    RateRow day_row(const std::string& mn, const std::string& factor, const Hours* hours,
                    std::int64_t day_ms, const View& view) const;

    RateRules rules_;
    std::map<std::string, Factors> data_; // mn -> factor -> hour
};

/// Sums of daily rows per MN x factor x calendar month (period "YYYY-MM"); rates are then
/// ratios of the sums, never averages of daily rates.
std::vector<RateRow> monthly(const std::vector<RateRow>& daily_rows);

/// Totals per MN (factor and period ""), in MN order.
std::vector<RateRow> totals_per_mn(const std::vector<RateRow>& rows);
/// The total of every row (mn, factor and period "").
RateRow overall_total(const std::vector<RateRow>& rows);

/// "YYYY-MM-DD" of a site-local day start.
std::string format_day(std::int64_t day_ms);
/// Site-local midnight of "YYYY-MM-DD"; nullopt when it is not a real date.
std::optional<std::int64_t> parse_day(const std::string& text);

} // namespace hj212gw::rates
