#pragma once
// RateCounter: the platform's own 传输有效率, computed from the hourly packets (CN 2061) it
// received, independently of the gateway's bookkeeping (so one can check the other).
//   per MN x factor x day (the day of the hour's DataTime):
//   received = distinct DataTime hours whose packet carries the factor's Avg (duplicates of an
//              hour, e.g. a live upload and a history pull, count once; the newest copy's
//              Flag wins, since a resend may correct it)
//   valid    = those hours whose factor Flag is N (table 8: only N is normal; a missing Flag
//              is not N, so it is not valid)
//   should   = 24 for a day that ended before `now`; for the day of `now` the hours already
//              completed (an hour's value exists only once the hour is over), and for days after
//              `now` (a simulated clock running ahead) the hours up to the newest one received,
//              so received never exceeds should. Days without any packet between the first
//              and the newest day seen (and on to today, unless the data is over 31 days
//              old) count as 0 received.
//   传输率 = received / should, 有效率 = valid / received, 传输有效率 = valid / should.
// Not modelled (a simulator's simplification): shutdown periods and the one hour a day that
// water COD/NH3-N/TP/TN may exempt for the automatic standard check; every day counts 24.
// Split packets need no reassembly: each part repeats DataTime (C.49) and carries whole factors.
#include <hj212/packet.hpp>

#include <bitset>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace hj212gw::sim {

struct RateCounts {
    int received = 0;
    int valid = 0;
    int should = 0;
    /// received / should, valid / received, valid / should; 0 when the divisor is 0.
    double transmission_rate() const noexcept;
    double validity_rate() const noexcept;
    double effective_rate() const noexcept;
};

struct DayRate {
    std::string date; ///< YYYYMMDD
    RateCounts counts;
};

struct FactorRate {
    std::string mn;
    std::string factor;
    RateCounts total;          ///< summed over the days
    std::vector<DayRate> days; ///< oldest first
};

class RateCounter {
public:
    /// Counts a packet if it is an hourly packet (CN 2061) with a usable DataTime; returns
    /// whether it was counted.
    bool add(const hj212::PacketView& p);

    /// The rates as of `now_civil_ms` (the site's civil clock, DateTime::to_epoch_ms scale),
    /// ordered by MN, then factor.
    std::vector<FactorRate> report(std::int64_t now_civil_ms) const;

    bool empty() const noexcept { return days_.empty(); }

private:
    struct Day {
        std::bitset<24> received;
        std::bitset<24> valid;
    };
    // MN -> factor -> day number (days since 1970-01-01) -> hours.
    std::map<std::string, std::map<std::string, std::map<std::int64_t, Day>>, std::less<>> days_;
};

} // namespace hj212gw::sim
