#pragma once
// A CommandContext over plain containers, for the command tests: parameters in a map (what the
// daemon persists through Store::set_param), history over a vector honouring the paging contract
// (and recording every query), devices and clock behaviour set by the test.
#include "commands/command_context.hpp"

#include "hj212/datetime.hpp"
#include "hj212/parser.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace hj212gw::commands::testing {

inline constexpr const char* kMn = "010000A8900016F000169DC0";
inline constexpr const char* kPw = "123456";

/// Epoch ms of a 14- or 17-digit HJ 212 time.
inline std::int64_t ms(std::string_view text) {
    return hj212::DateTime::parse(text).value().to_epoch_ms();
}

struct RecordedQuery {
    std::string mn, cn;
    std::int64_t begin_ms = 0, end_ms = 0;
    std::optional<HistoryCursor> after;
    std::size_t limit = 0;
};

class FakeCommandContext : public CommandContext {
public:
    std::string mn = kMn;
    std::string pw = kPw;
    std::string st = "32";
    std::int64_t now = ms("20160801085857534");
    std::map<std::string, std::optional<std::string>> devices; ///< MN -> configured PW
    std::set<std::string> online;
    std::map<RuntimeParam, std::string> params;
    bool persist_fails = false;
    ClockSetResult clock_behaviour = ClockSetResult::not_permitted;
    std::vector<std::int64_t> clock_sets;
    CommandSettings config;
    std::vector<storage::StoredPacket> stored;
    std::vector<RecordedQuery> queries;
    std::size_t fail_on_query_number = 0; ///< 1-based; 0 = never

    std::string gateway_mn() const override { return mn; }
    std::string gateway_pw() const override { return pw; }
    std::string gateway_st() const override { return st; }
    std::int64_t now_ms() override { return now; }
    bool is_device(std::string_view m) override { return devices.contains(std::string(m)); }
    std::optional<std::string> device_password(std::string_view m) override {
        auto it = devices.find(std::string(m));
        return it == devices.end() ? std::nullopt : it->second;
    }
    bool device_online(std::string_view m) override { return online.contains(std::string(m)); }
    std::optional<std::string> param(RuntimeParam p) override {
        auto it = params.find(p);
        if (it == params.end()) return std::nullopt;
        return it->second;
    }
    bool set_param(RuntimeParam p, std::string_view value) override {
        if (persist_fails) return false;
        params[p] = std::string(value);
        return true;
    }
    ClockSetResult set_clock(std::int64_t epoch_ms) override {
        clock_sets.push_back(epoch_ms);
        if (clock_behaviour == ClockSetResult::set) now = epoch_ms;
        return clock_behaviour;
    }
    CommandSettings settings() const override { return config; }

    storage::StoreResult<std::vector<storage::StoredPacket>>
    history(const HistoryPageQuery& q) override {
        queries.push_back(
            {std::string(q.mn), std::string(q.cn), q.begin_ms, q.end_ms, q.after, q.limit});
        if (fail_on_query_number == queries.size())
            return storage::store_fail(storage::StoreErrc::sqlite, "disk I/O error");
        std::vector<storage::StoredPacket> rows;
        for (const auto& p : stored) {
            if (p.mn != q.mn || p.cn != q.cn || !p.data_time_ms) continue;
            if (*p.data_time_ms < q.begin_ms || *p.data_time_ms > q.end_ms) continue;
            if (q.after &&
                std::tie(*p.data_time_ms, p.id) <= std::tie(q.after->data_time_ms, q.after->id))
                continue;
            rows.push_back(p);
        }
        std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
            return std::tie(*a.data_time_ms, a.id) < std::tie(*b.data_time_ms, b.id);
        });
        if (rows.size() > q.limit) rows.resize(q.limit);
        return rows;
    }

    /// Stores a device upload as the daemon's ingest would (DataTime, MN, CN from the segment).
    void store(std::string raw) {
        hj212::PacketView v;
        (void)hj212::parse_segment(raw, v, hj212::ParseMode::lenient);
        storage::StoredPacket p;
        p.id = static_cast<storage::PacketId>(stored.size() + 1);
        p.mn = std::string(v.mn.value_or(""));
        p.cn = std::string(v.cn.value_or(""));
        if (auto dt = v.find("DataTime")) p.data_time_ms = ms(*dt);
        p.raw = std::move(raw);
        stored.push_back(std::move(p));
    }
};

} // namespace hj212gw::commands::testing
