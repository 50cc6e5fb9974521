#pragma once
// The validity engine: a verdict and a reason for every reported value (HJ 356-2019, HJ 75-2017:
// only N-flagged, plausible data is valid). Sans-I/O and stateful only for the stuck rule: fed
// values in DataTime order per (MN, factor, suffix), it remembers the current run of identical
// values of each.
//
// Rules, in order; the first that fails gives the verdict:
//  1. flag      the value's data flag read in the packet's edition: only N is valid (no flag
//               at all is not evidence against the value, so it passes);
//  2. number    the value must be a finite number;
//  3. negative  below zero where the rule does not allow it (every numeric suffix);
//  4. range     outside [range_min, range_max], both inclusive (Rtd, Avg, Min, Max only);
//  5. stuck     the same value since a run start at least stuck_run_ms earlier, with at least
//               stuck_min_samples values in the run (the first included). At hourly data and
//               6 h: values at 00:00 .. 06:00 are 7, so the 7th equal value is the first stuck
//               one; 6 equal values spanning 5 h are not. The run ignores midnight (it is
//               DataTime arithmetic), a different value starts a new run, and every value from
//               the one that reaches the length on is stuck until the value changes. Values
//               already judged are not revisited (streaming); run_start is in the detail so
//               the store can mark back if it wants.
//  6. zero flow a concentration's discharge amount (suffix Cou) > 0 at a DataTime where the
//               MN's flow factor reported a valid zero (its Cou, else its Avg, else its Rtd at
//               the same DataTime) marks that Cou invalid. The concentration's own Rtd/Avg stay
//               valid: a concentration can be measured in still water, an amount cannot exist
//               without flow.
//
// Every numeric value updates the run state whatever its verdict: the run describes what the
// sensor output, so a flagged value that differs also ends a run. A value whose DataTime equals
// the latest of its key and repeats its value (a re-sent packet) is judged as before and does
// not lengthen the run; an older DataTime, or the same DataTime with another value, is judged
// without the stuck rule and leaves the state alone.
#include "validity/rules.hpp"
#include "validity/run_tracker.hpp"
#include "validity/verdict.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace hj212 {
class PacketView;
}

namespace hj212gw::validity {

/// The verdict on one CP item of a packet; key points into the packet.
struct ItemVerdict {
    std::size_t item_index = 0; ///< index in PacketView::items
    std::string_view key;       ///< "w01018-Avg"
    Verdict verdict;
};

class ValidityEngine {
public:
    explicit ValidityEngine(ValidityRules rules = {});

    /// One value of factor `factor` (suffix Rtd, Avg, ..., Cou) at `mn`, DataTime
    /// `data_time_ms` (hj212::DateTime::to_epoch_ms), data flag `flag` (nullopt when the device
    /// sent none), read in edition `version_bits`. NaN or infinity is not_a_number.
    Verdict judge(std::string_view mn, std::string_view factor, std::string_view suffix,
                  double value, std::optional<char> flag, std::int64_t data_time_ms,
                  std::uint8_t version_bits);

    /// A verdict for each numeric CP item (suffixes Rtd, Avg, Min, Max, Cou, ZsRtd, ZsAvg,
    /// ZsMin, ZsMax), in item order, using the item's group's `code-Flag` (else the first
    /// `code-Flag` anywhere in CP) as its flag and the packet's DataTime as its time. The flow
    /// factor is judged first so the zero-flow rule does not depend on item order. Without a
    /// parsable DataTime the stuck and zero-flow rules are skipped and no state changes.
    std::vector<ItemVerdict> judge_packet(const hj212::PacketView& packet);

    const ValidityRules& rules() const noexcept { return rules_; }
    const RunTracker& tracker() const noexcept { return tracker_; }

    /// Whether this CP suffix carries a number the engine judges.
    static bool is_value_suffix(std::string_view suffix) noexcept;

private:
    ValidityRules rules_;
    RunTracker tracker_;

    Verdict judge_value(std::string_view mn, std::string_view factor, std::string_view suffix,
                        std::optional<double> value, std::string_view text,
                        std::optional<char> flag, std::optional<std::int64_t> data_time_ms,
                        std::uint8_t version_bits);
    std::optional<Verdict> check_stuck(const FactorRule& rule, RunState& run, double value,
                                       std::int64_t t, bool& state_touched);
    bool flow_is_zero(std::string_view mn, std::string_view factor, std::int64_t t);
};

} // namespace hj212gw::validity
