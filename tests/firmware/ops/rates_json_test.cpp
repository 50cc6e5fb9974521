#include "ops/rates_view.hpp"

#include <gtest/gtest.h>

namespace hj212gw::ops {
namespace {

RatesView one_grid(std::string factor) {
    RatesView v;
    v.month = "2026-02";
    v.days_in_month = 28;
    HourGrid g;
    g.mn = "88888880000001";
    g.factor = std::move(factor);
    g.hours = std::string(28 * 24, hour_state::not_due);
    g.hours[0] = hour_state::valid;
    g.hours[1] = hour_state::invalid;
    g.hours[2] = hour_state::missing;
    DayFigures d;
    d.day = 1;
    d.should = 3;
    d.received = 2;
    d.valid = 1;
    d.effective = 1.0 / 3.0;
    g.days = {d, DayFigures{2, 0, 0, 0, std::nullopt}};
    g.month_should = 3;
    g.month_received = 2;
    g.month_valid = 1;
    g.month_effective = 1.0 / 3.0;
    v.grids.push_back(g);
    return v;
}

TEST(RatesJson, GridsCarryHoursFiguresAndTheFactorsNames) {
    const auto json = rates_json(one_grid("w01018"));
    EXPECT_EQ(json.find(R"({"month":"2026-02","days_in_month":28,)"), 0U) << json;
    EXPECT_NE(json.find(R"("mn":"88888880000001","factor":"w01018","name":"COD",)"
                        R"("name_zh":"化学需氧量","hours":"vim---)"),
              std::string::npos)
        << json;
    EXPECT_NE(json.find(R"("month":{"should":3,"received":2,"valid":1,"effective_rate":0.3333})"),
              std::string::npos)
        << json;
    EXPECT_NE(json.find(R"({"day":2,"should":0,"received":0,"valid":0,"effective_rate":null})"),
              std::string::npos)
        << json;
    EXPECT_EQ(json.back(), '\n');
}

TEST(RatesJson, AnUnknownFactorHasEmptyNames) {
    const auto json = rates_json(one_grid("x99999"));
    EXPECT_NE(json.find(R"("factor":"x99999","name":"","name_zh":"")"), std::string::npos) << json;
}

} // namespace
} // namespace hj212gw::ops
