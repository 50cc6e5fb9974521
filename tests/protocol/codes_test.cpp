#include "hj212/codes.hpp"
#include "hj212/version.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace hj212 {
namespace {

TEST(Codes, CommandDirectionAndKind) {
    const auto* get_time = find_command(1011, Direction::host_to_field);
    ASSERT_NE(get_time, nullptr);
    EXPECT_EQ(get_time->kind, CommandKind::request);
    const auto* up_time = find_command(1011, Direction::field_to_host);
    ASSERT_NE(up_time, nullptr);
    EXPECT_EQ(up_time->kind, CommandKind::upload);
    EXPECT_EQ(find_command(1013, Direction::field_to_host)->kind, CommandKind::notification);
    EXPECT_EQ(find_command(2012, Direction::host_to_field)->kind, CommandKind::notification);
    EXPECT_EQ(find_command(2081, Direction::field_to_host)->kind, CommandKind::upload);
    EXPECT_EQ(find_command(9014, Direction::host_to_field)->kind, CommandKind::interaction);
    EXPECT_EQ(find_command(2081, Direction::host_to_field), nullptr);
    EXPECT_EQ(find_command(4242, Direction::field_to_host), nullptr);
}

TEST(Codes, HistoryRequestsAndUploadsExistForEveryPeriod) {
    for (std::uint16_t cn : std::initializer_list<std::uint16_t>{2031, 2041, 2051, 2061}) {
        EXPECT_EQ(find_command(cn, Direction::host_to_field)->kind, CommandKind::request) << cn;
        EXPECT_EQ(find_command(cn, Direction::field_to_host)->kind, CommandKind::upload) << cn;
    }
    for (std::uint16_t cn = 3011; cn <= 3021; ++cn)
        EXPECT_NE(find_command(cn, Direction::host_to_field), nullptr) << cn;
}

TEST(Codes, Edition2025IsRowsNotCode) {
    for (std::uint16_t cn : std::initializer_list<std::uint16_t>{9015, 1001, 1002, 1014, 2013, 2062,
                                                                 2111, 3022, 3024}) {
        const auto* c = find_command(cn, Direction::field_to_host);
        if (!c) c = find_command(cn, Direction::host_to_field);
        ASSERT_NE(c, nullptr) << cn;
        EXPECT_EQ(c->since, kVersion2025) << cn;
    }
    EXPECT_EQ(find_system_code("44")->since, kVersion2025);
}

TEST(Codes, NoDuplicateRows) {
    std::set<std::pair<std::uint16_t, int>> seen;
    for (const auto& c : command_table())
        EXPECT_TRUE(seen.insert({c.cn, static_cast<int>(c.direction)}).second) << c.cn;
    std::set<std::string_view> st;
    for (const auto& s : system_code_table())
        EXPECT_TRUE(st.insert(s.code).second) << s.code;
    std::set<std::string_view> codes, old;
    for (const auto& p : pollutant_table()) {
        EXPECT_TRUE(codes.insert(p.code).second) << p.code;
        if (!p.code_2005.empty()) {
            EXPECT_TRUE(old.insert(p.code_2005).second) << p.code_2005;
        }
    }
    EXPECT_GT(pollutant_table().size(), 150U);
}

TEST(Codes, SystemCodes) {
    EXPECT_EQ(find_system_code("32")->name, "surface water pollution source");
    EXPECT_EQ(find_system_code("31")->name_zh, "大气环境污染源");
    EXPECT_EQ(find_system_code("91")->name, "system interaction");
    EXPECT_EQ(find_system_code("99"), nullptr);
}

TEST(Codes, ReturnCodes) {
    EXPECT_EQ(describe(QnRtn::pw_error), "PW error");
    EXPECT_EQ(describe(QnRtn::crc_error), "CRC error");
    EXPECT_EQ(describe(ExeRtn::no_data), "no data");
    EXPECT_EQ(qn_rtn_table().size(), 10U);
    EXPECT_EQ(exe_rtn_table().size(), 7U);
}

TEST(Codes, OnlyNIsValid) {
    for (char f : std::string("NFMSDCTB")) {
        const auto* info = find_data_flag(f, kVersion2017);
        ASSERT_NE(info, nullptr) << f;
        EXPECT_EQ(info->valid, f == 'N') << f;
    }
    EXPECT_EQ(find_data_flag('P', kVersion2017), nullptr) << "P is a 2005 flag";
    EXPECT_EQ(find_data_flag('P', kVersion2005)->reason, "power_fault");
    EXPECT_EQ(find_data_flag('F', kVersion2005)->reason, "source_stopped");
    EXPECT_EQ(find_data_flag('F', kVersion2017)->reason, "stopped");
    EXPECT_EQ(find_data_flag('B', kVersion2025)->reason, "comm_fault") << "2025 reads as 2017";
    EXPECT_EQ(find_data_flag('X', kVersion2017), nullptr);
}

TEST(Codes, PollutantsWithUnits) {
    const auto* cod = find_pollutant("w01018");
    ASSERT_NE(cod, nullptr);
    EXPECT_EQ(cod->name, "COD");
    EXPECT_EQ(cod->unit, "mg/L");
    EXPECT_EQ(cod->amount_unit, "kg");
    EXPECT_EQ(cod->family, FactorFamily::water);
    EXPECT_EQ(find_pollutant("a21026")->unit, "mg/m3");
    EXPECT_EQ(find_pollutant("a19001")->unit, "%");
    EXPECT_EQ(find_pollutant("LA")->family, FactorFamily::noise);
    EXPECT_EQ(find_pollutant("zzz"), nullptr);
}

TEST(Codes, Mapping2005To2017) {
    // The mapping listed in the domain brief, all of it.
    const std::pair<std::string_view, std::string_view> expected[] = {
        {"011", "w01018"}, {"060", "w21003"}, {"101", "w21011"}, {"065", "w21001"},
        {"001", "w01001"}, {"B01", "w00000"}, {"02", "a21026"},  {"03", "a21002"},
        {"01", "a34013"},  {"S01", "a19001"}, {"S02", "a01011"}, {"S03", "a01012"},
        {"S08", "a01013"}, {"S05", "a01014"}, {"B02", "a00000"},
    };
    for (const auto& [old_code, new_code] : expected)
        EXPECT_EQ(map_2005_to_2017(old_code), new_code) << old_code;
    EXPECT_FALSE(map_2005_to_2017("999"));
    EXPECT_FALSE(map_2005_to_2017(""));
}

} // namespace
} // namespace hj212
