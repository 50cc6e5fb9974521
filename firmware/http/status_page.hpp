#pragma once
// The status page served at "/": one self-contained HTML document (inline CSS and JS, no
// external assets - the box has no internet) that fetches /api/status and /api/rates itself.
#include <chrono>
#include <string>

namespace hj212gw::http {

/// The page, set to refresh its data every `refresh` (at least 1 s).
std::string status_page(std::chrono::seconds refresh);

} // namespace hj212gw::http
