#pragma once
// "Did you mean ...?" for misspelt keys: a typo in a config key should cost the engineer one
// glance, not a trip to the documentation.
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace hj212gw::config {

/// Levenshtein distance (insert, delete, substitute: 1 each), ASCII case-insensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate nearest to `word`, when it is near enough to be a plausible typo (distance at
/// most max(1, length/3)); ties go to the first candidate.
std::optional<std::string> closest_match(std::string_view word,
                                         std::span<const std::string_view> candidates);

} // namespace hj212gw::config
