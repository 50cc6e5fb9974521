#include "averaging/packet_builder.hpp"

#include <hj212/datetime.hpp>

#include <charconv>
#include <cmath>
#include <utility>

namespace hj212gw::averaging {

std::uint16_t command_for(IntervalKind kind) noexcept {
    switch (kind) {
    case IntervalKind::minute:
        return 2051;
    case IntervalKind::hour:
        return 2061;
    case IntervalKind::day:
        return 2031;
    }
    return 2051;
}

std::string format_value(double value, int decimals) {
    if (!std::isfinite(value)) value = 0.0;
    char buf[64];
    const auto res =
        std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed, decimals);
    std::string text(buf, res.ptr);
    if (text.find('.') != std::string::npos) {
        while (text.back() == '0')
            text.pop_back();
        if (text.back() == '.') text.pop_back();
    }
    if (text == "-0") text = "0";
    return text;
}

hj212::Packet build_packet(const IntervalResult& interval, const PacketIdentity& identity,
                           std::string qn, int decimals) {
    hj212::Packet p;
    p.qn = std::move(qn);
    p.st = identity.st;
    p.cn = std::to_string(command_for(interval.kind));
    p.pw = identity.pw;
    p.mn = identity.mn;
    p.flag = hj212::make_flag(identity.version_bits, false, true);
    p.cp.push_back({{"DataTime", hj212::DateTime::from_epoch_ms(interval.start_ms).format14()}});
    for (const auto& f : interval.factors) {
        hj212::OwnedGroup group;
        auto put = [&](std::string_view suffix, const std::optional<double>& v) {
            if (v)
                group.push_back({f.factor + "-" + std::string(suffix), format_value(*v, decimals)});
        };
        put("Cou", f.cou);
        put("Min", f.min);
        put("Avg", f.avg);
        put("Max", f.max);
        put("ZsAvg", f.zs_avg);
        group.push_back({f.factor + "-Flag", std::string(1, f.flag)});
        p.cp.push_back(std::move(group));
    }
    return p;
}

} // namespace hj212gw::averaging
