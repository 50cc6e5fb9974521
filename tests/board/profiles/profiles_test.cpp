// Board profiles are install-time data a field engineer copies from, so a wrong key in one is a
// wrong configuration on a board. These tests hold each profile to the format of
// board/profiles/README.md and feed its serial ports to the gateway's own configuration loader.
#include "config/config_file.hpp"
#include "config/gateway_config.hpp"
#include "config/validation.hpp"

#include <toml++/toml.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

const fs::path profiles_dir{HJ212GW_PROFILES_DIR};

std::vector<fs::path> profile_files() {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(profiles_dir))
        if (entry.path().extension() == ".toml") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

// The format: every table and the keys it may hold; `true` marks a required key.
using Keys = std::map<std::string, bool>;
const std::map<std::string, Keys> tables = {
    {"board", {{"name", true}, {"description", true}, {"arch", true}}},
    {"console", {{"device", true}, {"baud", true}}},
    {"data", {{"device", true}, {"mount", true}, {"filesystem", true}, {"mount_options", false}}},
    {"watchdog", {{"device", true}, {"timeout", true}}},
};
const std::map<std::string, Keys> arrays = {
    // The gateway's [[serial]] keys plus `connector`, which only the field engineer reads.
    {"serial",
     {{"name", true},
      {"device", true},
      {"baud", false},
      {"data_bits", false},
      {"parity", false},
      {"stop_bits", false},
      {"rs485", false},
      {"connector", true}}},
    {"led", {{"name", true}, {"path", true}, {"meaning", true}}},
};

void check_keys(const toml::table& t, const Keys& keys, const std::string& where) {
    for (const auto& [key, node] : t)
        EXPECT_TRUE(keys.contains(std::string(key.str()))) << where << ": unknown key " << key;
    for (const auto& [key, required] : keys)
        if (required) {
            EXPECT_TRUE(t.contains(key)) << where << ": missing " << key;
        }
}

class Profile : public testing::TestWithParam<fs::path> {
protected:
    toml::table load() {
        try {
            return toml::parse_file(GetParam().string());
        } catch (const toml::parse_error& e) {
            ADD_FAILURE() << GetParam() << ": " << e.description() << " at line "
                          << e.source().begin.line;
            return {};
        }
    }
};

TEST(Profiles, BothGenericBoardsExist) {
    const auto files = profile_files();
    std::set<std::string> names;
    for (const auto& f : files)
        names.insert(f.stem().string());
    EXPECT_TRUE(names.contains("generic-aarch64"));
    EXPECT_TRUE(names.contains("generic-armhf"));
}

TEST_P(Profile, UsesOnlyTheKeysOfTheFormat) {
    const auto profile = load();
    for (const auto& [key, node] : profile) {
        const std::string name(key.str());
        if (auto it = tables.find(name); it != tables.end()) {
            ASSERT_TRUE(node.is_table()) << name;
            check_keys(*node.as_table(), it->second, "[" + name + "]");
        } else if (auto at = arrays.find(name); at != arrays.end()) {
            ASSERT_TRUE(node.is_array_of_tables()) << name;
            std::size_t i = 0;
            for (const auto& item : *node.as_array())
                check_keys(*item.as_table(), at->second,
                           "[[" + name + "]] #" + std::to_string(++i));
        } else {
            ADD_FAILURE() << "unknown table " << name;
        }
    }
    for (const auto& [name, keys] : tables)
        EXPECT_TRUE(profile.contains(name)) << "missing [" << name << "]";
    EXPECT_TRUE(profile.contains("serial")) << "a board without serial ports needs no profile";
}

TEST_P(Profile, NameArchAndDataDirFitThePackage) {
    const auto profile = load();
    EXPECT_EQ(profile["board"]["name"].value_or(std::string()), GetParam().stem().string());
    const auto arch = profile["board"]["arch"].value_or(std::string());
    EXPECT_TRUE(arch == "amd64" || arch == "arm64" || arch == "armhf") << arch;
    // The data partition is mounted where the package's configuration keeps the store.
    EXPECT_EQ(fs::path(profile["data"]["mount"].value_or(std::string())),
              hj212gw::config::GatewayConfig{}.data_dir);
    EXPECT_EQ(profile["watchdog"]["device"].value_or(std::string()).rfind("/dev/watchdog", 0), 0U);
    EXPECT_GT(profile["watchdog"]["timeout"].value_or(0), 0);
}

TEST_P(Profile, ConsoleIsNoInstrumentPortAndPortsAreDistinct) {
    const auto profile = load();
    const auto console = profile["console"]["device"].value_or(std::string());
    EXPECT_EQ(console.rfind("/dev/", 0), 0U) << console;
    std::set<std::string> devices, names;
    for (const auto& item : *profile["serial"].as_array()) {
        const auto& port = *item.as_table();
        const auto device = port["device"].value_or(std::string());
        EXPECT_NE(device, console) << "the console is not free for an instrument";
        EXPECT_TRUE(devices.insert(device).second) << "twice: " << device;
        EXPECT_TRUE(names.insert(port["name"].value_or(std::string())).second);
    }
}

TEST_P(Profile, SerialPortsAreAValidGatewayConfiguration) {
    // What the field engineer does: copy each [[serial]] without `connector` into the gateway's
    // file. The gateway's own loader and validation must accept the result unchanged.
    const auto profile = load();
    toml::table config;
    toml::array serial;
    for (const auto& item : *profile["serial"].as_array()) {
        auto port = *item.as_table();
        port.erase("connector");
        serial.push_back(std::move(port));
    }
    const auto port_count = serial.size();
    config.insert("serial", std::move(serial));
    config.insert("upstream", toml::array{toml::table{
                                  {"name", "national"}, {"host", "127.0.0.1"}, {"port", 7001}}});
    std::ostringstream text;
    text << config;

    const auto loaded = hj212gw::config::load_config_text(text.str(), GetParam().string());
    ASSERT_TRUE(loaded.ok()) << text.str() << "\n" << loaded.error().front().message;
    EXPECT_TRUE(hj212gw::config::validate(*loaded).empty());
    EXPECT_EQ(loaded->serial_ports.size(), port_count);
}

INSTANTIATE_TEST_SUITE_P(Boards, Profile, testing::ValuesIn(profile_files()),
                         [](const testing::TestParamInfo<fs::path>& param) {
                             auto name = param.param.stem().string();
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

} // namespace
