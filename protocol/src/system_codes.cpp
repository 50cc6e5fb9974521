// System codes (ST): table 5 of HJ 212-2017 (from GB/T 16706-1996), plus the HJ 212-2025 codes
// for electricity and operating-condition monitoring.
#include "hj212/codes.hpp"
#include "hj212/version.hpp"

namespace hj212 {
namespace {

constexpr std::uint8_t v17 = kVersion2017;
constexpr std::uint8_t v25 = kVersion2025;

constexpr SystemCodeInfo kSystemCodes[] = {
    {"21", "surface water quality", "地表水质量监测", v17},
    {"22", "air quality", "空气质量监测", v17},
    {"23", "acoustic environment quality", "声环境质量监测", v17},
    {"24", "groundwater quality", "地下水质量监测", v17},
    {"25", "soil quality", "土壤质量监测", v17},
    {"26", "sea water quality", "海水质量监测", v17},
    {"27", "volatile organic compounds", "挥发性有机物监测", v17},
    {"31", "atmospheric pollution source", "大气环境污染源", v17},
    {"32", "surface water pollution source", "地表水体环境污染源", v17},
    {"33", "groundwater pollution source", "地下水体环境污染源", v17},
    {"34", "marine pollution source", "海洋环境污染源", v17},
    {"35", "soil pollution source", "土壤环境污染源", v17},
    {"36", "noise pollution source", "声环境污染源", v17},
    {"37", "vibration pollution source", "振动环境污染源", v17},
    {"38", "radioactive pollution source", "放射性环境污染源", v17},
    {"39", "construction-site dust source", "工地扬尘污染源", v17},
    {"41", "electromagnetic pollution source", "电磁环境污染源", v17},
    {"44", "electricity consumption monitoring", "用电监控", v25},
    {"45", "operating-condition monitoring", "工况监控", v25},
    {"51", "flue gas process monitoring", "烟气排放过程监控", v17},
    {"52", "waste water process monitoring", "污水排放过程监控", v17},
    {"91", "system interaction", "系统交互", v17},
};

} // namespace

std::span<const SystemCodeInfo> system_code_table() noexcept {
    return kSystemCodes;
}

const SystemCodeInfo* find_system_code(std::string_view st) noexcept {
    for (const auto& s : kSystemCodes)
        if (s.code == st) return &s;
    return nullptr;
}

} // namespace hj212
