#include "daemon/status_report.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace hj212gw::daemon {
namespace {

TEST(StatusReport, WrittenAtomically) {
    const auto dir = std::filesystem::path(::testing::TempDir()) / "status-report-test";
    std::filesystem::create_directories(dir);
    ASSERT_TRUE(write_atomically(dir, "status.txt", "first\n"));
    ASSERT_TRUE(write_atomically(dir, "status.txt", "second\n"));
    std::ifstream f(dir / "status.txt");
    std::string line;
    std::getline(f, line);
    EXPECT_EQ(line, "second");
    EXPECT_FALSE(std::filesystem::exists(dir / "status.txt.tmp"));
    EXPECT_FALSE(write_atomically(dir / "missing", "status.txt", "x"));
}

} // namespace
} // namespace hj212gw::daemon
