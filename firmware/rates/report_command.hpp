#pragma once
// `hj212gw report`: transmission / validity / effective rates from the gateway's database.
// Safe while the daemon runs: it reads over its own read-only connection (see store_reader).
#include "rates/rate_model.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string>

namespace hj212gw::rates {

struct ReportOptions {
    std::filesystem::path data_dir = "/var/lib/hj212gw";
    std::string db_file_name = "hj212gw.db"; ///< as storage::StoreOptions::file_name
    std::string from;                        ///< YYYY-MM-DD; "" = first day of the month of `to`
    std::string to;                          ///< YYYY-MM-DD; "" = today (site-local)
    std::string mn;                          ///< "" = every MN
    std::string upstream;         ///< "" = what the gateway received; NAME = what NAME acknowledged
    std::string format = "table"; ///< table, csv or json
    std::string by = "day";       ///< day or month
    /// Assessed factors, exemptions, shutdowns, on-time delay, UTC offset. The default exempts
    /// 1 hour a day for wastewater COD, NH3-N, TP and TN (standard check).
    RateRules rules = default_rules();
    /// Gateway clock (UTC epoch ms); tests pin it. Decides "today" and which hours are due.
    std::function<std::int64_t()> clock;

    static RateRules default_rules();
};

/// Writes the report to `out`, problems to `err`. 0 on success; 1 for a bad option or an
/// unusable database (missing file, unknown upstream), with a one-line reason on `err`.
int run_report(const ReportOptions& options, std::ostream& out, std::ostream& err);
/// The same on std::cout / std::cerr.
int run_report(const ReportOptions& options);

} // namespace hj212gw::rates
