#pragma once
// What each console command prints: aligned text for an 80-column terminal, lines ending in
// '\n' (the session turns them into CR LF for raw serial lines). Pure functions of the data
// the OperatorApi returns, so they are tested without a gateway.
#include "console/command_table.hpp"
#include "ops/operator_api.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hj212gw::console {

std::string help_text();
std::string help_text(const CommandSpec& spec);

std::string links_text(const ops::GatewayStatus& s);
std::string queue_text(const ops::GatewayStatus& s);

enum class RatesPeriod { both, day, month };
std::string rates_text(const ops::RatesView& view, RatesPeriod period);

std::string params_text(const std::vector<ops::ParamRow>& params);
std::string history_text(const std::vector<ops::HistoryRow>& rows, std::size_t limit);
std::string events_text(const std::vector<ops::EventRow>& events);
/// One packet as `tap` shows it: time, direction, where, MN, CN, then the CP items, wrapped
/// at 80 columns with an indent.
std::string tap_text(const ops::TapRecord& record);

/// A time argument of `history`: YYYYMMDD[hh[mm[ss]]] or YYYY-MM-DD[Thh:mm[:ss]]. The omitted
/// fields are the start of the period, or its end when `end_of_period` (so TO = a date means
/// the whole day). Site-local epoch ms; nullopt when it is not a real time.
std::optional<std::int64_t> parse_time_arg(std::string_view text, bool end_of_period);

} // namespace hj212gw::console
