#pragma once
// Helpers shared by the simulated platform's tests: framing, parsing, Appendix C. Header-only
// (inline): the test target builds only the *_test.cpp files.
#include <hj212/deframer.hpp>
#include <hj212/encoder.hpp>
#include <hj212/parser.hpp>

#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace hj212gw::sim::test {

inline std::string frame(std::string_view segment) {
    auto f = hj212::frame_segment(segment);
    if (!f) throw std::runtime_error("cannot frame");
    return *f;
}

/// Parses leniently into a view that owns its segment.
struct Parsed {
    std::string segment;
    hj212::PacketView view;
    explicit Parsed(std::string s);
    Parsed(const Parsed&) = delete;
};

struct AppendixLine {
    std::string table, role, wellformed, segment;
};

inline std::vector<std::string> segments_of(std::string_view bytes) {
    hj212::Deframer d;
    std::vector<std::string> out;
    while (!bytes.empty()) {
        bytes.remove_prefix(d.feed(bytes));
        while (auto e = d.next()) {
            if (const auto* f = std::get_if<hj212::DeframedFrame>(&*e))
                out.emplace_back(f->segment);
            else
                throw std::runtime_error("bad frame in output");
        }
    }
    return out;
}

inline Parsed::Parsed(std::string s) : segment(std::move(s)) {
    if (!hj212::parse_segment(segment, view, hj212::ParseMode::lenient))
        throw std::runtime_error("unparsable: " + segment);
}

inline std::vector<AppendixLine> appendix_c() {
    std::ifstream f(std::string(HJ212GW_SOURCE_DIR) + "/tests/data/appendix_c.txt");
    if (!f) throw std::runtime_error("cannot open appendix_c.txt");
    std::vector<AppendixLine> out;
    std::string line;
    while (std::getline(f, line)) {
        if (line.empty() || line[0] == '#') continue;
        AppendixLine a;
        std::size_t pos = 0;
        std::string* fields[] = {&a.table, &a.role, &a.wellformed};
        for (auto* field : fields) {
            const auto tab = line.find('\t', pos);
            *field = line.substr(pos, tab - pos);
            pos = tab + 1;
        }
        a.segment = line.substr(pos);
        out.push_back(std::move(a));
    }
    return out;
}

/// A 2061 with DataTime, w01018 (its Flag given) and w00000 (Flag N).
inline std::string hourly_segment(std::string_view mn, std::string_view data_time,
                                  std::string_view flag_letter, unsigned flag = 5,
                                  std::string_view qn = "20260101010000001") {
    std::string s = "QN=" + std::string(qn) + ";ST=32;CN=2061;PW=123456;MN=" + std::string(mn) +
                    ";Flag=" + std::to_string(flag) + ";CP=&&DataTime=" + std::string(data_time) +
                    ";w01018-Avg=40.1,w01018-Flag=" + std::string(flag_letter) +
                    ";w00000-Avg=17.5,w00000-Flag=N&&";
    return s;
}

} // namespace hj212gw::sim::test
