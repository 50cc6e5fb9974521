#include "config/effective_config.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

namespace hj212gw::config {
namespace {

TEST(EffectiveConfig, CommandLineAlone) {
    CommandLineOverrides o;
    o.data_dir = "/tmp/gw";
    o.listen = {"tcp://0.0.0.0:9000"};
    o.upstream = {"national=tcp://10.0.0.1:8001"};
    const auto r = effective_config(o);
    ASSERT_TRUE(r.ok()) << describe(r.error());
    EXPECT_EQ(r->data_dir, "/tmp/gw");
    EXPECT_EQ(r->listeners.size(), 1U);
    EXPECT_EQ(r->upstreams.size(), 1U);
}

TEST(EffectiveConfig, FileThenFlagsThenValidation) {
    const std::string path = ::testing::TempDir() + "hj212gw_effective_test.toml";
    {
        std::ofstream out(path);
        out << "[[listener]]\nport = 9000\n[[upstream]]\nname = \"a\"\nhost = \"h\"\nport = 1\n"
               "[log]\nlevel = \"warn\"\n";
    }
    CommandLineOverrides o;
    o.config_path = path;
    o.log_level = "debug";
    const auto ok = effective_config(o);
    ASSERT_TRUE(ok.ok()) << describe(ok.error());
    EXPECT_EQ(ok->log.level, LogLevel::debug) << "the flag wins over the file";
    EXPECT_EQ(ok->listeners.at(0).port, 9000);

    o.listen = {"tcp://0.0.0.0:8080"};
    o.http = "127.0.0.1:8080";
    const auto clash = effective_config(o);
    std::remove(path.c_str());
    ASSERT_FALSE(clash.ok());
    ASSERT_EQ(clash.error().size(), 1U) << describe(clash.error());
    EXPECT_EQ(clash.error()[0].key, "http.port");
}

TEST(EffectiveConfig, FileErrorsStopBeforeFlags) {
    CommandLineOverrides o;
    o.config_path = "/nonexistent/gw.toml";
    o.log_level = "loud";
    const auto r = effective_config(o);
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.error().size(), 1U);
    EXPECT_EQ(r.error()[0].source, "/nonexistent/gw.toml");
}

} // namespace
} // namespace hj212gw::config
