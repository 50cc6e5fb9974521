#include "hj212gw/storage/packet_record.hpp"

#include "hj212/datetime.hpp"
#include "hj212/packet.hpp"
#include "hj212/parser.hpp"
#include "hj212/version.hpp"

#include <array>
#include <utility>

namespace hj212gw::storage {
namespace {

// Suffixes that are not measurements even when their text happens to be a number.
constexpr std::array<std::string_view, 5> kNonValueSuffixes{"Flag", "EFlag", "SampleTime", "SN",
                                                            "DataTime"};

bool is_value_suffix(std::string_view suffix) noexcept {
    if (suffix.empty()) return false;
    for (auto s : kNonValueSuffixes)
        if (s == suffix) return false;
    return true;
}

} // namespace

PacketRecord make_packet_record(std::string_view segment, Source source, std::int64_t received_ms) {
    PacketRecord rec;
    rec.raw.assign(segment);
    rec.received_ms = received_ms;
    rec.source = std::move(source);

    hj212::PacketView view;
    // Views must point into our own copy (rec.raw), which outlives `view`.
    if (!hj212::parse_segment(rec.raw, view, hj212::ParseMode::lenient)) {
        rec.version = "unknown";
        return rec;
    }
    rec.parse_ok = true;
    rec.mn.assign(view.mn.value_or(""));
    rec.st.assign(view.st.value_or(""));
    rec.cn.assign(view.cn.value_or(""));
    rec.qn.assign(view.qn.value_or(""));
    rec.flag = view.flag;
    rec.version.assign(hj212::version_name(view.flag));
    rec.backfill = view.header_field("RF").value_or("") == "1";
    if (auto dt = view.find("DataTime")) {
        if (auto parsed = hj212::DateTime::parse(*dt)) rec.data_time_ms = parsed->to_epoch_ms();
    }

    for (std::size_t g = 0; g < view.group_count(); ++g) {
        const auto group = view.group(g);
        for (const auto& item : group) {
            const auto key = hj212::split_item_key(item.key);
            if (!is_value_suffix(key.suffix)) continue;
            const auto number = hj212::parse_number(item.value);
            if (!number) continue;
            SampleRecord s;
            s.factor.assign(key.code);
            s.suffix.assign(key.suffix);
            s.value = *number;
            // The flag belongs to the same factor in the same group (`w01018-Flag=N`).
            for (const auto& other : group) {
                const auto okey = hj212::split_item_key(other.key);
                if (okey.suffix == "Flag" && okey.code == key.code) {
                    s.flag.assign(other.value);
                    break;
                }
            }
            if (!s.flag.empty() && s.flag != "N") ++rec.abnormal;
            rec.samples.push_back(std::move(s));
        }
    }
    return rec;
}

} // namespace hj212gw::storage
