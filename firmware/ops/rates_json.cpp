#include "ops/rates_view.hpp"

#include "ops/time_text.hpp"
#include "tools/json_writer.hpp"

#include <hj212/codes.hpp>

#include <cstdio>

namespace hj212gw::ops {
namespace {

void rate_field(tools::JsonLine& j, std::string_view name, const std::optional<double>& rate) {
    if (!rate) {
        j.null_field(name);
        return;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", *rate);
    j.raw_field(name, buf);
}

std::uint64_t u(std::int64_t v) {
    return static_cast<std::uint64_t>(v < 0 ? 0 : v);
}

} // namespace

std::string rates_json(const RatesView& view) {
    std::string grids = "[";
    for (std::size_t i = 0; i < view.grids.size(); ++i) {
        const auto& g = view.grids[i];
        std::string days = "[";
        for (std::size_t k = 0; k < g.days.size(); ++k) {
            const auto& d = g.days[k];
            tools::JsonLine dj;
            dj.field("day", static_cast<std::uint64_t>(d.day))
                .field("should", u(d.should))
                .field("received", u(d.received))
                .field("valid", u(d.valid));
            rate_field(dj, "effective_rate", d.effective);
            days += (k ? "," : "") + dj.str();
        }
        days += ']';
        tools::JsonLine month;
        month.field("should", u(g.month_should))
            .field("received", u(g.month_received))
            .field("valid", u(g.month_valid));
        rate_field(month, "effective_rate", g.month_effective);
        // The factor's names from Appendix B, so a page or a script need not carry the table.
        const auto* pollutant = hj212::find_pollutant(g.factor);
        tools::JsonLine j;
        j.field("mn", g.mn)
            .field("factor", g.factor)
            .field("name", pollutant ? pollutant->name : std::string_view{})
            .field("name_zh", pollutant ? pollutant->name_zh : std::string_view{})
            .field("hours", g.hours)
            .raw_field("month", month.str())
            .raw_field("days", days);
        grids += (i ? "," : "") + j.str();
    }
    grids += ']';
    tools::JsonLine top;
    top.field("month", view.month)
        .field("days_in_month", static_cast<std::uint64_t>(view.days_in_month))
        .field("generated", civil_text(view.generated_ms))
        .raw_field("grids", grids);
    return top.str() + "\n";
}

} // namespace hj212gw::ops
