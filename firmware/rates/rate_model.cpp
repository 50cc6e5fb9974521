#include "rates/rate_model.hpp"

namespace hj212gw::rates {
namespace {

std::optional<double> ratio(std::int64_t num, std::int64_t den) {
    if (den <= 0) return std::nullopt;
    return static_cast<double>(num) / static_cast<double>(den);
}

} // namespace

std::map<std::string, int> RateRules::wastewater_exemptions() {
    return {{"w01018", 1}, {"w21003", 1}, {"w21011", 1}, {"w21001", 1}};
}

std::optional<double> transmission_rate(const Counts& c) {
    return ratio(c.received, c.should);
}
std::optional<double> validity_rate(const Counts& c) {
    return ratio(c.valid, c.received);
}
std::optional<double> effective_rate(const Counts& c) {
    return ratio(c.valid, c.should);
}

} // namespace hj212gw::rates
