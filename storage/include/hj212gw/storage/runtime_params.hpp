#pragma once
// Parameters that platforms set at run time (1000 OverTime/ReCount, 1062 RtdInterval,
// 1064 MinInterval, 1072 password, 2011/2012 real-time on/off). Stored per scope (normally the
// upstream's name, since each platform sets its own) so they survive restarts.
#include "hj212gw/storage/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hj212gw::storage {

namespace param_key {
inline constexpr std::string_view over_time = "OverTime";
inline constexpr std::string_view re_count = "ReCount";
inline constexpr std::string_view rtd_interval = "RtdInterval";
inline constexpr std::string_view min_interval = "MinInterval";
inline constexpr std::string_view password = "PW";
inline constexpr std::string_view realtime_enabled = "RtdEnabled";
} // namespace param_key

using ParamList = std::vector<std::pair<std::string, std::string>>;

Status set_param(Database& db, std::string_view scope, std::string_view key, std::string_view value,
                 std::int64_t now_ms);
StoreResult<std::optional<std::string>> get_param(Database& db, std::string_view scope,
                                                  std::string_view key);
/// Every key of a scope, sorted by key.
StoreResult<ParamList> params_in_scope(Database& db, std::string_view scope);

} // namespace hj212gw::storage
