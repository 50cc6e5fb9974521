#pragma once
// The current month as operators see it (ops::RatesView): per MN x factor one character per
// hour (valid, invalid, missing, not yet due) and the calculator's daily and month-to-date
// counts, so the picture and the figures come from the same observations.
#include "ops/rates_view.hpp"
#include "rates/rate_model.hpp"

#include <cstdint>
#include <vector>

namespace hj212gw::rates {

/// Site-local midnight of the 1st of the month holding `local_ms`.
std::int64_t month_start(std::int64_t local_ms);

/// `observations` of the month holding `now_local_ms` (others are ignored); `rules` as for a
/// report (its due_until_ms is set to now_local_ms here).
ops::RatesView month_view(const std::vector<HourObservation>& observations, RateRules rules,
                          std::int64_t now_local_ms);

} // namespace hj212gw::rates
