#include "ops/time_text.hpp"

#include <hj212/datetime.hpp>

#include <cstdio>

namespace hj212gw::ops {

std::string civil_text(std::int64_t ms) {
    if (ms == 0) return "-";
    const auto dt = hj212::DateTime::from_epoch_ms(ms);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", dt.year, dt.month, dt.day,
                  dt.hour, dt.minute, dt.second);
    return buf;
}

std::string age_text(std::int64_t now_ms, std::int64_t then_ms) {
    if (then_ms == 0) return "-";
    return duration_text(now_ms - then_ms) + " ago";
}

std::string duration_text(std::int64_t ms) {
    const std::int64_t s = ms < 0 ? 0 : ms / 1000;
    if (s < 120) return std::to_string(s) + " s";
    if (s < 7200) return std::to_string(s / 60) + " min";
    if (s < 2 * 86400) {
        const auto m = (s % 3600) / 60;
        return std::to_string(s / 3600) + " h" + (m ? " " + std::to_string(m) + " min" : "");
    }
    const auto h = (s % 86400) / 3600;
    return std::to_string(s / 86400) + " d" + (h ? " " + std::to_string(h) + " h" : "");
}

std::string percent_text(const std::optional<double>& rate) {
    if (!rate) return "NA";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f%%", *rate * 100.0);
    return buf;
}

std::string bytes_text(std::uint64_t bytes) {
    char buf[32];
    if (bytes >= 1024ull * 1024 * 1024)
        std::snprintf(buf, sizeof buf, "%.1f GiB", static_cast<double>(bytes) / (1 << 30));
    else if (bytes >= 1024ull * 1024)
        std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1 << 20));
    else if (bytes >= 1024)
        std::snprintf(buf, sizeof buf, "%llu KiB", static_cast<unsigned long long>(bytes / 1024));
    else
        std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(bytes));
    return buf;
}

} // namespace hj212gw::ops
