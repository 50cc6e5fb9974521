#include "averaging/interval.hpp"

namespace hj212gw::averaging {

std::string_view to_string(IntervalKind kind) noexcept {
    switch (kind) {
    case IntervalKind::minute:
        return "minute";
    case IntervalKind::hour:
        return "hour";
    case IntervalKind::day:
        return "day";
    }
    return "unknown";
}

const FactorResult* IntervalResult::find(std::string_view factor) const noexcept {
    for (const auto& f : factors)
        if (f.factor == factor) return &f;
    return nullptr;
}

} // namespace hj212gw::averaging
