#pragma once
// The operators' token: sent as "Authorization: Bearer <token>" by scripts and scrapers, or as
// "?token=<token>" by a browser (the status page passes it on to its own API calls).
#include <string_view>

namespace hj212gw::http {

/// "<token>" of "Bearer <token>" (scheme case-insensitive); "" for anything else.
std::string_view bearer_token(std::string_view authorization);

/// Whether `given` equals `expected`, in a time that depends only on expected's length, so a
/// remote client cannot find the token one character at a time by timing the 401s.
bool token_matches(std::string_view expected, std::string_view given);

} // namespace hj212gw::http
