#include "config/closest_match.hpp"

#include <gtest/gtest.h>

#include <array>

namespace hj212gw::config {
namespace {

constexpr std::array<std::string_view, 4> kKeys{"window", "over_time", "re_count", "name"};

TEST(EditDistance, Basics) {
    EXPECT_EQ(edit_distance("", ""), 0U);
    EXPECT_EQ(edit_distance("abc", ""), 3U);
    EXPECT_EQ(edit_distance("windw", "window"), 1U);
    EXPECT_EQ(edit_distance("kitten", "sitting"), 3U);
    EXPECT_EQ(edit_distance("Window", "window"), 0U) << "case is not a typo worth counting";
}

TEST(ClosestMatch, SuggestsTypos) {
    EXPECT_EQ(closest_match("windw", kKeys), "window");
    EXPECT_EQ(closest_match("overtime", kKeys), "over_time");
    EXPECT_EQ(closest_match("recount", kKeys), "re_count");
}

TEST(ClosestMatch, NothingWhenFarAway) {
    EXPECT_EQ(closest_match("colour", kKeys), std::nullopt);
    EXPECT_EQ(closest_match("x", std::span<const std::string_view>{}), std::nullopt);
}

} // namespace
} // namespace hj212gw::config
