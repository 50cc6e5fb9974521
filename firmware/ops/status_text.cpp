#include "ops/status_format.hpp"

#include "ops/text_table.hpp"
#include "ops/time_text.hpp"

namespace hj212gw::ops {

std::string status_text(const GatewayStatus& s) {
    using A = TextTable::Align;
    std::string out;
    out += "hj212gw " + s.version + "  MN " + (s.mn.empty() ? "-" : s.mn) + "\n";
    out += "up since " + civil_text(s.started_ms) + " (" + duration_text(s.now_ms - s.started_ms) +
           ")  now " + civil_text(s.now_ms) + "\n";
    out += "store " + bytes_text(s.store.file_bytes) + ", disk " +
           bytes_text(s.store.disk_free_bytes) + " free of " + bytes_text(s.store.disk_total_bytes);
    if (s.store.evicted_undelivered > 0)
        out += ", " + std::to_string(s.store.evicted_undelivered) + " evicted undelivered";
    out += "\n";
    if (s.disk_alarm) out += "!! DISK FULL: devices are not acknowledged until space returns\n";

    out += "\nPlatforms\n";
    TextTable ups({{"name", 12},
                   {"state", 10},
                   {"pending", 8, A::right},
                   {"in flight", 9, A::right},
                   {"acked", 9, A::right},
                   {"resent", 7, A::right},
                   {"rtt", 7, A::right},
                   {"oldest", 8, A::right}});
    for (const auto& u : s.upstreams)
        ups.add({u.name, u.state, std::to_string(u.pending), std::to_string(u.in_flight),
                 std::to_string(u.acked), std::to_string(u.resent),
                 u.rtt_ms ? std::to_string(*u.rtt_ms) + " ms" : "-",
                 u.oldest_pending_age_ms ? duration_text(*u.oldest_pending_age_ms) : "-"});
    out += ups.empty() ? "  (none configured)\n" : ups.render();

    out += "\nDevices\n";
    TextTable devs({{"MN", 24},
                    {"peer", 20},
                    {"frames", 6, A::right},
                    {"stored", 6, A::right},
                    {"errors", 6, A::right},
                    {"last packet", 11}});
    for (const auto& d : s.devices)
        devs.add({d.mns.empty() ? "?" : d.mns.front(), d.peer, std::to_string(d.frames),
                  std::to_string(d.stored), std::to_string(d.errors),
                  age_text(s.now_ms, d.last_packet_ms)});
    out += devs.empty() ? "  (none connected)\n" : devs.render();

    if (!s.rates.empty()) {
        out += "\nEffective rate (hourly values valid / due)\n";
        TextTable rates(
            {{"MN", 24}, {"factor", 8}, {"today", 8, A::right}, {"month", 8, A::right}});
        for (const auto& r : s.rates)
            rates.add(
                {r.mn, r.factor, percent_text(r.today_effective), percent_text(r.month_effective)});
        out += rates.render();
    }
    return out;
}

} // namespace hj212gw::ops
