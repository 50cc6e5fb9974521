// Factor codes of HJ 212-2017 Appendix B: table B.1 (water, from HJ 525-2009), table B.2 (gas,
// from HJ 524-2009) and table B.3 (noise). Columns: code, English name (common factors only),
// Chinese name, default concentration unit, default emission-amount unit, HJ/T 212-2005 code,
// family. Units are written as SI symbols.
#include "hj212/codes.hpp"

namespace hj212 {
namespace {

constexpr PollutantInfo kPollutants[] = {
    {"w00000", "waste water flow", "污水", "L/s", "m3", "B01", FactorFamily::water},
    {"w01001", "pH", "pH值", "", "", "001", FactorFamily::water},
    {"w01002", "colour", "色度", "degree", "", "002", FactorFamily::water},
    {"w01006", "", "溶解性总固体", "mg/L", "kg", "", FactorFamily::water},
    {"w01009", "dissolved oxygen", "溶解氧", "mg/L", "", "", FactorFamily::water},
    {"w01010", "water temperature", "水温", "°C", "", "", FactorFamily::water},
    {"w01012", "suspended solids", "悬浮物", "mg/L", "kg", "003", FactorFamily::water},
    {"w01014", "conductivity", "电导率", "µS/cm", "", "", FactorFamily::water},
    {"w01017", "BOD5", "五日生化需氧量", "mg/L", "kg", "010", FactorFamily::water},
    {"w01018", "COD", "化学需氧量", "mg/L", "kg", "011", FactorFamily::water},
    {"w01019", "permanganate index", "高锰酸盐指数", "mg/L", "kg", "", FactorFamily::water},
    {"w01020", "TOC", "总有机碳", "mg/L", "kg", "015", FactorFamily::water},
    {"w02003", "", "粪大肠菌群", "/L", "", "550", FactorFamily::water},
    {"w02006", "", "细菌总数", "/L", "", "", FactorFamily::water},
    {"w03001", "", "总α放射性", "Bq/L", "", "570", FactorFamily::water},
    {"w03002", "", "总β放射性", "Bq/L", "", "571", FactorFamily::water},
    {"w19001", "", "表面活性剂", "mg/L", "kg", "", FactorFamily::water},
    {"w19002", "", "阴离子表面活性剂", "mg/L", "kg", "520", FactorFamily::water},
    {"w20012", "", "钡", "mg/L", "kg", "039", FactorFamily::water},
    {"w20023", "", "硼", "mg/L", "kg", "037", FactorFamily::water},
    {"w20038", "", "钴", "mg/L", "kg", "040", FactorFamily::water},
    {"w20061", "", "钼", "mg/L", "kg", "038", FactorFamily::water},
    {"w20089", "", "铊", "ng/L", "mg", "041", FactorFamily::water},
    {"w20092", "", "锡", "mg/L", "kg", "036", FactorFamily::water},
    {"w20111", "total mercury", "总汞", "µg/L", "g", "020", FactorFamily::water},
    {"w20113", "", "烷基汞", "ng/L", "mg", "021", FactorFamily::water},
    {"w20115", "total cadmium", "总镉", "µg/L", "g", "022", FactorFamily::water},
    {"w20116", "total chromium", "总铬", "mg/L", "kg", "023", FactorFamily::water},
    {"w20117", "hexavalent chromium", "六价铬", "µg/L", "g", "024", FactorFamily::water},
    {"w20119", "total arsenic", "总砷", "µg/L", "g", "026", FactorFamily::water},
    {"w20120", "total lead", "总铅", "µg/L", "g", "027", FactorFamily::water},
    {"w20121", "total nickel", "总镍", "mg/L", "kg", "028", FactorFamily::water},
    {"w20122", "total copper", "总铜", "mg/L", "kg", "029", FactorFamily::water},
    {"w20123", "total zinc", "总锌", "mg/L", "kg", "030", FactorFamily::water},
    {"w20124", "", "总锰", "mg/L", "kg", "031", FactorFamily::water},
    {"w20125", "", "总铁", "mg/L", "kg", "032", FactorFamily::water},
    {"w20126", "", "总银", "mg/L", "kg", "033", FactorFamily::water},
    {"w20127", "", "总铍", "µg/L", "g", "034", FactorFamily::water},
    {"w20128", "", "总硒", "µg/L", "g", "035", FactorFamily::water},
    {"w20138", "", "铜", "mg/L", "kg", "", FactorFamily::water},
    {"w20139", "", "锌", "mg/L", "kg", "", FactorFamily::water},
    {"w20140", "", "硒", "mg/L", "kg", "", FactorFamily::water},
    {"w20141", "", "砷", "mg/L", "kg", "", FactorFamily::water},
    {"w20142", "", "汞", "µg/L", "g", "", FactorFamily::water},
    {"w20143", "", "镉", "µg/L", "g", "", FactorFamily::water},
    {"w20144", "", "铅", "mg/L", "kg", "", FactorFamily::water},
    {"w21001", "total nitrogen", "总氮", "mg/L", "kg", "065", FactorFamily::water},
    {"w21003", "ammonia nitrogen", "氨氮", "mg/L", "kg", "060", FactorFamily::water},
    {"w21004", "", "凯氏氮", "mg/L", "kg", "062", FactorFamily::water},
    {"w21006", "", "亚硝酸盐", "mg/L", "kg", "063", FactorFamily::water},
    {"w21007", "", "硝酸盐", "mg/L", "kg", "064", FactorFamily::water},
    {"w21011", "total phosphorus", "总磷", "mg/L", "kg", "101", FactorFamily::water},
    {"w21016", "cyanide", "氰化物", "mg/L", "kg", "070", FactorFamily::water},
    {"w21017", "fluoride", "氟化物", "mg/L", "kg", "072", FactorFamily::water},
    {"w21019", "sulfide", "硫化物", "mg/L", "kg", "071", FactorFamily::water},
    {"w21022", "", "氯化物", "mg/L", "kg", "090", FactorFamily::water},
    {"w21038", "", "硫酸盐", "mg/L", "kg", "", FactorFamily::water},
    {"w22001", "petroleum", "石油类", "mg/L", "kg", "080", FactorFamily::water},
    {"w23002", "volatile phenol", "挥发酚", "mg/L", "kg", "110", FactorFamily::water},
    {"w25043", "", "苯并[α]芘", "µg/L", "g", "540", FactorFamily::water},
    {"w33001", "", "六六六", "ng/L", "mg", "350", FactorFamily::water},
    {"w33007", "", "滴滴涕", "ng/L", "mg", "351", FactorFamily::water},
    {"w99001", "", "有机氮", "mg/L", "kg", "061", FactorFamily::water},
    {"a00000", "flue gas flow", "废气", "m3/s", "m3", "B02", FactorFamily::gas},
    {"a01001", "temperature", "温度", "°C", "", "", FactorFamily::gas},
    {"a01002", "humidity", "湿度", "%", "", "", FactorFamily::gas},
    {"a01006", "air pressure", "气压", "kPa", "", "", FactorFamily::gas},
    {"a01007", "wind speed", "风速", "m/s", "", "", FactorFamily::gas},
    {"a01008", "wind direction", "风向", "degree", "", "", FactorFamily::gas},
    {"a01010", "", "林格曼黑度", "", "", "37", FactorFamily::gas},
    {"a01011", "flue gas velocity", "烟气流速", "m/s", "", "S02", FactorFamily::gas},
    {"a01012", "flue gas temperature", "烟气温度", "°C", "", "S03", FactorFamily::gas},
    {"a01013", "flue gas pressure", "烟气压力", "kPa", "", "S08", FactorFamily::gas},
    {"a01014", "flue gas humidity", "烟气湿度", "%", "", "S05", FactorFamily::gas},
    {"a01015", "cooling temperature", "制冷温度", "°C", "", "S06", FactorFamily::gas},
    {"a01016", "duct cross-section", "烟道截面积", "m2", "", "S07", FactorFamily::gas},
    {"a01017", "flue gas dynamic pressure", "烟气动压", "kPa", "", "S04", FactorFamily::gas},
    {"a01901", "furnace average temperature", "垃圾焚烧炉膛内焚烧平均温度", "°C", "", "",
     FactorFamily::gas},
    {"a01902", "furnace DCS temperature", "垃圾焚烧炉膛内DCS温度", "°C", "", "", FactorFamily::gas},
    {"a05001", "carbon dioxide", "二氧化碳", "mg/m3", "kg", "30", FactorFamily::gas},
    {"a05002", "methane", "甲烷", "ng/m3", "g", "", FactorFamily::gas},
    {"a05008", "", "三氯一氟甲烷", "mg/m3", "kg", "", FactorFamily::gas},
    {"a05009", "", "二氯二氟甲烷", "mg/m3", "kg", "", FactorFamily::gas},
    {"a05013", "", "三氯三氟乙烷", "mg/m3", "kg", "", FactorFamily::gas},
    {"a19001", "oxygen", "氧气含量", "%", "", "S01", FactorFamily::gas},
    {"a20007", "", "砷", "ng/m3", "g", "", FactorFamily::gas},
    {"a20016", "", "铍及其化合物", "mg/m3", "kg", "36", FactorFamily::gas},
    {"a20025", "", "镉及其化合物", "mg/m3", "kg", "33", FactorFamily::gas},
    {"a20026", "", "镉", "ng/m3", "g", "", FactorFamily::gas},
    {"a20043", "", "铅及其化合物", "mg/m3", "kg", "32", FactorFamily::gas},
    {"a20044", "", "铅", "ng/m3", "g", "", FactorFamily::gas},
    {"a20057", "", "汞及其化合物", "mg/m3", "kg", "31", FactorFamily::gas},
    {"a20058", "", "汞", "ng/m3", "g", "", FactorFamily::gas},
    {"a20063", "", "镍及其化合物", "mg/m3", "kg", "35", FactorFamily::gas},
    {"a20091", "", "锡及其化合物", "mg/m3", "kg", "34", FactorFamily::gas},
    {"a21001", "ammonia", "氨（氨气）", "ng/m3", "g", "10", FactorFamily::gas},
    {"a21002", "nitrogen oxides", "氮氧化物", "mg/m3", "kg", "03", FactorFamily::gas},
    {"a21003", "nitric oxide", "一氧化氮", "mg/m3", "kg", "", FactorFamily::gas},
    {"a21004", "nitrogen dioxide", "二氧化氮", "mg/m3", "kg", "", FactorFamily::gas},
    {"a21005", "carbon monoxide", "一氧化碳", "mg/m3", "kg", "04", FactorFamily::gas},
    {"a21017", "cyanide", "氰化物", "mg/m3", "kg", "07", FactorFamily::gas},
    {"a21018", "fluoride", "氟化物", "mg/m3", "kg", "06", FactorFamily::gas},
    {"a21022", "chlorine", "氯气", "mg/m3", "kg", "11", FactorFamily::gas},
    {"a21024", "hydrogen chloride", "氯化氢", "mg/m3", "kg", "08", FactorFamily::gas},
    {"a21026", "sulfur dioxide", "二氧化硫", "mg/m3", "kg", "02", FactorFamily::gas},
    {"a21028", "hydrogen sulfide", "硫化氢", "mg/m3", "kg", "05", FactorFamily::gas},
    {"a23001", "", "酚类", "mg/m3", "kg", "27", FactorFamily::gas},
    {"a24003", "", "二氯甲烷", "mg/m3", "kg", "", FactorFamily::gas},
    {"a24004", "", "三氯甲烷", "mg/m3", "kg", "", FactorFamily::gas},
    {"a24005", "", "四氯甲烷", "mg/m3", "kg", "", FactorFamily::gas},
    {"a24006", "", "二溴一氯甲烷", "mg/m3", "kg", "", FactorFamily::gas},
    {"a24007", "", "一溴二氯甲烷", "mg/m3", "kg", "", FactorFamily::gas},
    {"a24008", "", "溴甲烷", "mg/m3", "kg", "", FactorFamily::gas},
    {"a24009", "", "三溴甲烷", "mg/m3", "kg", "", FactorFamily::gas},
    {"a24015", "", "氯乙烷", "mg/m3", "kg", "", FactorFamily::gas},
    {"a24016", "", "1,1-二氯乙烷", "mg/m3", "kg", "", FactorFamily::gas},
    {"a24017", "", "1,2-二氯乙烷", "mg/m3", "kg", "", FactorFamily::gas},
    {"a24018", "", "1,1,1-三氯乙烷", "mg/m3", "kg", "", FactorFamily::gas},
    {"a24019", "", "1,1,2-三氯乙烷", "mg/m3", "kg", "", FactorFamily::gas},
    {"a24020", "", "1,1,2,2-四氯乙烷", "mg/m3", "kg", "", FactorFamily::gas},
    {"a24027", "", "1,2-二氯丙烷", "mg/m3", "kg", "", FactorFamily::gas},
    {"a24034", "", "1,2-二溴乙烷", "mg/m3", "kg", "", FactorFamily::gas},
    {"a24036", "", "环己烷", "mg/m3", "kg", "", FactorFamily::gas},
    {"a24042", "", "正己烷", "mg/m3", "kg", "", FactorFamily::gas},
    {"a24043", "", "正庚烷", "mg/m3", "kg", "", FactorFamily::gas},
    {"a24046", "", "氯乙烯", "mg/m3", "kg", "29", FactorFamily::gas},
    {"a24047", "", "1,1-二氯乙烯", "mg/m3", "kg", "", FactorFamily::gas},
    {"a24049", "", "三氯乙烯", "mg/m3", "kg", "", FactorFamily::gas},
    {"a24050", "", "四氯乙烯", "mg/m3", "kg", "", FactorFamily::gas},
    {"a24053", "", "丙烯", "mg/m3", "kg", "", FactorFamily::gas},
    {"a24054", "", "1,3-二氯丙烯", "mg/m3", "kg", "", FactorFamily::gas},
    {"a24072", "", "1,4-二恶烷", "mg/m3", "kg", "", FactorFamily::gas},
    {"a24078", "", "1,3-丁二烯", "mg/m3", "kg", "", FactorFamily::gas},
    {"a24087", "hydrocarbons", "碳氢化合物", "mg/m3", "kg", "25", FactorFamily::gas},
    {"a24088", "non-methane hydrocarbons", "非甲烷总烃", "mg/m3", "kg", "", FactorFamily::gas},
    {"a24099", "", "氯甲烷", "mg/m3", "kg", "", FactorFamily::gas},
    {"a24110", "", "反式-1,2-二氯乙烯", "mg/m3", "kg", "", FactorFamily::gas},
    {"a24111", "", "顺式-1,2-二氯乙烯", "mg/m3", "kg", "", FactorFamily::gas},
    {"a24112", "", "反式-1,3-二氯丙烯", "mg/m3", "kg", "", FactorFamily::gas},
    {"a24113", "", "六氯-1,3-丁二烯", "mg/m3", "kg", "", FactorFamily::gas},
    {"a25002", "benzene", "苯", "mg/m3", "kg", "", FactorFamily::gas},
    {"a25003", "toluene", "甲苯", "mg/m3", "kg", "17", FactorFamily::gas},
    {"a25004", "", "乙苯", "mg/m3", "kg", "", FactorFamily::gas},
    {"a25005", "xylene", "二甲苯", "mg/m3", "kg", "18", FactorFamily::gas},
    {"a25006", "", "1,2-二甲基苯", "mg/m3", "kg", "", FactorFamily::gas},
    {"a25007", "", "1,3-二甲基苯", "mg/m3", "kg", "", FactorFamily::gas},
    {"a25008", "", "1,4-二甲基苯", "mg/m3", "kg", "", FactorFamily::gas},
    {"a25010", "", "氯苯", "mg/m3", "kg", "23", FactorFamily::gas},
    {"a25011", "", "1,2-二氯苯", "mg/m3", "kg", "", FactorFamily::gas},
    {"a25012", "", "1,3-二氯苯", "mg/m3", "kg", "", FactorFamily::gas},
    {"a25013", "", "1,4-二氯苯", "mg/m3", "kg", "", FactorFamily::gas},
    {"a25014", "", "1-乙基-4-甲基苯", "mg/m3", "kg", "", FactorFamily::gas},
    {"a25015", "", "1,2,4-三氯苯", "mg/m3", "kg", "", FactorFamily::gas},
    {"a25019", "", "1,2,4-三甲基苯", "mg/m3", "kg", "", FactorFamily::gas},
    {"a25020", "", "1,2,3-三甲基苯", "mg/m3", "kg", "", FactorFamily::gas},
    {"a25021", "", "1,3,5-三甲基苯", "mg/m3", "kg", "", FactorFamily::gas},
    {"a25023", "", "硝基苯", "mg/m3", "kg", "22", FactorFamily::gas},
    {"a25038", "", "乙烯基苯", "mg/m3", "kg", "", FactorFamily::gas},
    {"a25044", "", "苯并[a]芘", "mg/m3", "kg", "20", FactorFamily::gas},
    {"a25072", "", "四氢呋喃", "mg/m3", "kg", "", FactorFamily::gas},
    {"a26001", "", "苯胺类", "mg/m3", "kg", "21", FactorFamily::gas},
    {"a29017", "", "乙酸乙酯", "mg/m3", "kg", "", FactorFamily::gas},
    {"a29026", "", "乙酸乙烯酯", "mg/m3", "kg", "", FactorFamily::gas},
    {"a30001", "", "甲醇", "mg/m3", "kg", "28", FactorFamily::gas},
    {"a30008", "", "异丙醇", "mg/m3", "kg", "", FactorFamily::gas},
    {"a30022", "", "硫醇", "mg/m3", "kg", "13", FactorFamily::gas},
    {"a31001", "formaldehyde", "甲醛", "mg/m3", "kg", "19", FactorFamily::gas},
    {"a31002", "", "乙醛", "mg/m3", "kg", "26", FactorFamily::gas},
    {"a31024", "", "丙酮", "mg/m3", "kg", "", FactorFamily::gas},
    {"a31025", "", "2-丁酮", "mg/m3", "kg", "", FactorFamily::gas},
    {"a31030", "", "甲基异丁基甲酮", "mg/m3", "kg", "", FactorFamily::gas},
    {"a34001", "total suspended particulates", "总悬浮颗粒物TSP", "ng/m3", "g", "",
     FactorFamily::gas},
    {"a34002", "PM10", "可吸入颗粒物PM10", "ng/m3", "g", "", FactorFamily::gas},
    {"a34004", "PM2.5", "细微颗粒物PM2.5", "ng/m3", "g", "", FactorFamily::gas},
    {"a34005", "PM1.0", "亚微米颗粒物PM1.0", "ng/m3", "g", "", FactorFamily::gas},
    {"a34011", "", "降尘", "t/(km2·month)", "", "", FactorFamily::gas},
    {"a34013", "smoke dust", "烟尘", "mg/m3", "kg", "01", FactorFamily::gas},
    {"a34017", "", "炭黑尘", "mg/m3", "kg", "", FactorFamily::gas},
    {"a34038", "", "沥青烟", "mg/m3", "kg", "09", FactorFamily::gas},
    {"a34039", "", "硫酸雾", "mg/m3", "kg", "14", FactorFamily::gas},
    {"a34040", "", "铬酸雾", "mg/m3", "kg", "15", FactorFamily::gas},
    {"a99010", "", "丙烯腈", "mg/m3", "kg", "", FactorFamily::gas},
    {"a99049", "", "光气", "mg/m3", "kg", "24", FactorFamily::gas},
    {"a99051", "carbon disulfide", "二硫化碳", "mg/m3", "kg", "12", FactorFamily::gas},
    // Table B.3: environmental noise.
    {"LA", "A-weighted sound level", "A权声级", "dB", "", "", FactorFamily::noise},
    {"L5", "percentile level L5", "累计百分声级L5", "dB", "", "", FactorFamily::noise},
    {"L10", "percentile level L10", "累计百分声级L10", "dB", "", "", FactorFamily::noise},
    {"L50", "percentile level L50", "累计百分声级L50", "dB", "", "", FactorFamily::noise},
    {"L90", "percentile level L90", "累计百分声级L90", "dB", "", "", FactorFamily::noise},
    {"L95", "percentile level L95", "累计百分声级L95", "dB", "", "", FactorFamily::noise},
    {"Leq", "equivalent level", "等效声级", "dB", "", "", FactorFamily::noise},
    {"Ldn", "day-night equivalent level", "昼夜等效声级", "dB", "", "", FactorFamily::noise},
    {"Ld", "day equivalent level", "昼间等效声级", "dB", "", "", FactorFamily::noise},
    {"Ln", "night equivalent level", "夜间等效声级", "dB", "", "", FactorFamily::noise},
    {"LMx", "maximum instantaneous level", "最大的瞬时声级", "dB", "", "", FactorFamily::noise},
    {"LMn", "minimum instantaneous level", "最小的瞬时声级", "dB", "", "", FactorFamily::noise},
};

} // namespace

std::string_view to_string(FactorFamily f) noexcept {
    switch (f) {
    case FactorFamily::water:
        return "water";
    case FactorFamily::gas:
        return "gas";
    case FactorFamily::noise:
        return "noise";
    case FactorFamily::facility:
        return "facility";
    case FactorFamily::electricity:
        return "electricity";
    case FactorFamily::other:
        return "other";
    }
    return "other";
}

std::span<const PollutantInfo> pollutant_table() noexcept {
    return kPollutants;
}

const PollutantInfo* find_pollutant(std::string_view code) noexcept {
    for (const auto& p : kPollutants)
        if (p.code == code) return &p;
    return nullptr;
}

const PollutantInfo* find_pollutant_by_2005_code(std::string_view old_code) noexcept {
    if (old_code.empty()) return nullptr;
    for (const auto& p : kPollutants)
        if (p.code_2005 == old_code) return &p;
    return nullptr;
}

std::optional<std::string_view> map_2005_to_2017(std::string_view old_code) noexcept {
    if (const auto* p = find_pollutant_by_2005_code(old_code)) return p->code;
    return std::nullopt;
}

} // namespace hj212
