#include "validity/verdict.hpp"

#include <gtest/gtest.h>

namespace hj212gw::validity {
namespace {

TEST(Reason, NamesAreStableAndRoundTrip) {
    EXPECT_EQ(to_string(Reason::valid), "valid");
    EXPECT_EQ(to_string(Reason::flag_power_fault), "flag_power_fault");
    EXPECT_EQ(to_string(Reason::zero_flow_with_discharge), "zero_flow_with_discharge");
    EXPECT_EQ(to_string(Reason::not_a_number), "not_a_number");
    for (int i = 0; i <= static_cast<int>(Reason::not_a_number); ++i) {
        const auto r = static_cast<Reason>(i);
        EXPECT_EQ(reason_from_string(to_string(r)), r) << to_string(r);
    }
    EXPECT_EQ(reason_from_string("bogus"), std::nullopt);
}

} // namespace
} // namespace hj212gw::validity
