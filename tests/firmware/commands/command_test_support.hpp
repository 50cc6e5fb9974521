#pragma once
// Helpers shared by the command tests: the Appendix C examples, running a handler to completion
// (answering each await_ack as a platform would), and comparing with the standard's text.
#include "commands/exchange.hpp"
#include "commands/platform_command_handler.hpp"

#include "hj212/packet.hpp"
#include "hj212/parser.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <variant>
#include <vector>

namespace hj212gw::commands::testing {

struct Example {
    std::string role; ///< "host" or "field"
    bool strict = false;
    std::string segment;
};

/// The examples of one table of tests/data/appendix_c.txt ("C.20"), in the standard's order.
inline std::vector<Example> appendix_c(const std::string& table) {
    std::ifstream in(HJ212GW_SOURCE_DIR "/tests/data/appendix_c.txt", std::ios::binary);
    std::vector<Example> out;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line.front() == '#') continue;
        std::vector<std::string> cols;
        std::size_t start = 0;
        for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1)
            cols.push_back(line.substr(start, tab - start));
        cols.push_back(line.substr(start));
        if (cols.size() == 4 && cols[0] == table)
            out.push_back({cols[1], cols[2] == "strict", cols[3]});
    }
    return out;
}

/// What the standard meant where its example elides the rest of the data with an ellipsis
/// (";…&&" or "2.1…&&"): the same segment without it.
inline std::string without_ellipsis(std::string s) {
    const std::string ellipsis = "\xE2\x80\xA6";
    for (const std::string& pattern : {";" + ellipsis, ellipsis})
        for (std::size_t at; (at = s.find(pattern)) != std::string::npos;)
            s.erase(at, pattern.size());
    return s;
}

/// A segment as the lenient parser reads it (typos such as "CP=&& PolId" or "QN=..,ST=" read as
/// the standard meant them).
inline hj212::Packet read(const std::string& segment) {
    hj212::PacketView view;
    const auto parsed = hj212::parse_segment(segment, view, hj212::ParseMode::lenient);
    EXPECT_TRUE(parsed.ok()) << segment;
    return hj212::Packet::from(view);
}

/// Parses a request and hands it to the handler (the view must not outlive `segment`).
inline Outcome handle(PlatformCommandHandler& handler, CommandContext& ctx,
                      const std::string& segment) {
    hj212::PacketView view;
    EXPECT_TRUE(hj212::parse_segment(segment, view, hj212::ParseMode::lenient).ok()) << segment;
    return handler.handle(view, ctx);
}

/// Every segment of the exchange, in order (the platform acknowledging each await_ack).
inline std::vector<Outgoing> drain(Outcome& outcome) {
    std::vector<Outgoing> out;
    auto* exchange = std::get_if<Exchange>(&outcome);
    EXPECT_NE(exchange, nullptr) << "expected an Exchange, got a RouteToDevice";
    if (!exchange) return out;
    while (auto next = exchange->next()) {
        out.push_back(std::move(*next));
        if (out.size() > 100000) break; // a runaway exchange must fail the test, not hang it
    }
    return out;
}

inline std::vector<std::string> segments_of(const std::vector<Outgoing>& out) {
    std::vector<std::string> s;
    for (const auto& o : out)
        s.push_back(o.segment);
    return s;
}

/// The field side of an Appendix C exchange (what the gateway must send), in order.
inline std::vector<Example> field_side(const std::vector<Example>& examples) {
    std::vector<Example> out;
    for (const auto& e : examples)
        if (e.role == "field") out.push_back(e);
    return out;
}

/// Compares what we sent with the standard's example: the exact text where the example is well
/// formed, the meaning (lenient parse) where the standard has a typo.
inline void expect_matches(const std::string& actual, const Example& expected) {
    if (expected.strict)
        EXPECT_EQ(actual, expected.segment);
    else
        EXPECT_EQ(read(actual), read(expected.segment)) << actual << "\nvs\n" << expected.segment;
}

} // namespace hj212gw::commands::testing
