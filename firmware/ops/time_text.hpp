#pragma once
// How times, ages and rates read in operator output (status files, console, page).
#include <cstdint>
#include <optional>
#include <string>

namespace hj212gw::ops {

/// "2026-11-29 05:27:26" of site-local epoch ms; "-" for 0.
std::string civil_text(std::int64_t ms);
/// "12 s ago", "5 min ago", "3 h ago", "2 d ago"; "-" when `then` is 0.
std::string age_text(std::int64_t now_ms, std::int64_t then_ms);
/// "45 s", "12 min", "3 h 20 min", "2 d 4 h".
std::string duration_text(std::int64_t ms);
/// "98.61%", or "NA" when nothing was due.
std::string percent_text(const std::optional<double>& rate);
/// "1.2 MiB", "340 KiB", "12 B".
std::string bytes_text(std::uint64_t bytes);

} // namespace hj212gw::ops
