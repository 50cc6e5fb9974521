#pragma once
// The parts of a request target ("/api/rates?mn=X&token=Y") the router needs: the path, and a
// query parameter's decoded value.
#include <optional>
#include <string>
#include <string_view>

namespace hj212gw::http {

/// "/api/rates" of "/api/rates?mn=X".
std::string_view target_path(std::string_view target);

/// The value of the first `name=` in the query, percent-decoded ('+' is a space); nullopt when
/// absent or when its encoding is broken.
std::optional<std::string> query_param(std::string_view target, std::string_view name);

} // namespace hj212gw::http
