#pragma once
// The three renderings of `hj212gw report`. Rows come in report order (MN, factor, period).
//   table: for people - aligned columns, rates in percent, a total line per MN and overall.
//   csv:   for spreadsheets - a header, then one line per row; rates as fractions 0..1.
//   json:  for programs - an array of objects (keys mn, factor, date, should, received,
//          valid, transmission_rate, validity_rate, effective_rate; rates as fractions 0..1).
// A rate whose denominator is 0 is "NA" in table and CSV and null in JSON, never NaN.
// In the upstream view every format adds on_time and backfilled (and the on-time rates).
#include "rates/rate_model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hj212gw::rates {

struct ReportHeading {
    std::string upstream; ///< "" for the device view
};

std::string render_table(const std::vector<RateRow>& rows, const ReportHeading& heading);
std::string render_csv(const std::vector<RateRow>& rows, const ReportHeading& heading);
std::string render_json(const std::vector<RateRow>& rows, const ReportHeading& heading);

/// "0.9583" (4 decimals), or nullopt passed through.
std::optional<std::string> fraction_text(std::optional<double> rate);
/// "95.83%", or "NA".
std::string percent_text(std::optional<double> rate);

} // namespace hj212gw::rates
