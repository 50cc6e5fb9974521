#include "sim/monitor/fault_spec.hpp"

#include <array>
#include <charconv>
#include <cstdio>

namespace hj212gw::sim {

namespace {

struct RateField {
    std::string_view name;
    double FaultSpec::*rate;
};
constexpr std::array<RateField, 6> kRates{{
    {"bad-crc", &FaultSpec::bad_crc},
    {"garbage", &FaultSpec::garbage},
    {"split", &FaultSpec::split},
    {"drip", &FaultSpec::drip},
    {"disconnect", &FaultSpec::disconnect},
    {"wrong-pw", &FaultSpec::wrong_pw},
}};

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

} // namespace

bool FaultSpec::any() const noexcept {
    if (missing_hours > 0) return true;
    for (const auto& f : kRates)
        if (this->*f.rate > 0) return true;
    return false;
}

std::string FaultSpec::to_string() const {
    std::string out;
    auto add = [&out](std::string_view name, const std::string& value) {
        if (!out.empty()) out += ',';
        out += name;
        out += '=';
        out += value;
    };
    if (missing_hours > 0) add("missing-hours", std::to_string(missing_hours));
    for (const auto& f : kRates) {
        if (this->*f.rate <= 0) continue;
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", this->*f.rate);
        add(f.name, buf);
    }
    return out;
}

std::string_view fault_spec_help() noexcept {
    return "comma-separated NAME=VALUE: missing-hours=N (hourly packets dropped per day, "
           "0..24), and probabilities per frame 0..1 for bad-crc, garbage, split, drip, "
           "disconnect, wrong-pw; e.g. missing-hours=3,bad-crc=0.05,split=0.1";
}

hj212::Result<FaultSpec, std::string> parse_fault_spec(std::string_view text) {
    FaultSpec spec;
    text = trim(text);
    if (text.empty() || text == "none") return spec;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const std::size_t comma = std::min(text.find(',', pos), text.size());
        const std::string_view part = trim(text.substr(pos, comma - pos));
        pos = comma + 1;
        if (part.empty()) return hj212::fail(std::string("empty entry in fault spec"));
        const std::size_t eq = part.find('=');
        if (eq == std::string_view::npos)
            return hj212::fail("'" + std::string(part) + "': expected NAME=VALUE");
        const std::string_view name = trim(part.substr(0, eq));
        const std::string_view value = trim(part.substr(eq + 1));
        if (name == "missing-hours") {
            int n = 0;
            const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
            if (ec != std::errc{} || end != value.data() + value.size() || n < 0 || n > 24)
                return hj212::fail("missing-hours='" + std::string(value) +
                                   "': expected a whole number of hours per day, 0..24");
            spec.missing_hours = n;
            continue;
        }
        const RateField* field = nullptr;
        for (const auto& f : kRates)
            if (f.name == name) field = &f;
        if (field == nullptr)
            return hj212::fail("unknown fault '" + std::string(name) +
                               "' (known: missing-hours, bad-crc, garbage, split, drip, "
                               "disconnect, wrong-pw)");
        double rate = 0;
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), rate);
        if (ec != std::errc{} || end != value.data() + value.size() || !(rate >= 0 && rate <= 1))
            return hj212::fail(std::string(name) + "='" + std::string(value) +
                               "': expected a probability per frame, 0..1");
        spec.*(field->rate) = rate;
    }
    return spec;
}

} // namespace hj212gw::sim
