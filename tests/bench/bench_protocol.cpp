// Deframe + CRC verify + parse throughput on realistic frames, against a bare CRC pass over the
// same bytes. Run with ./dev bench (Release build).
#include <hj212/crc.hpp>
#include <hj212/deframer.hpp>
#include <hj212/encoder.hpp>
#include <hj212/parser.hpp>

#include <benchmark/benchmark.h>

#include <string>

namespace {

// A 2011 real-time upload with 8 flue-gas factors (about 350 bytes framed).
const std::string kRealtime =
    "QN=20260301120000123;ST=31;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=5;"
    "CP=&&DataTime=20260301120000;a21026-Rtd=35.21,a21026-Flag=N;a21002-Rtd=88.40,a21002-Flag=N;"
    "a34013-Rtd=6.13,a34013-Flag=N;a19001-Rtd=9.80,a19001-Flag=N;a01012-Rtd=121.4,a01012-Flag=N;"
    "a01013-Rtd=-0.215,a01013-Flag=N;a01014-Rtd=8.7,a01014-Flag=N;a01011-Rtd=12.35,a01011-Flag=N&&";

// A 1024-byte hourly split part (PNUM/PNO), as the encoder produces it.
std::string split_part() {
    hj212::Packet p;
    p.qn = "20260301120000123";
    p.st = "32";
    p.cn = "2061";
    p.pw = "123456";
    p.mn = "010000A8900016F000169DC0";
    p.flag = 5;
    p.cp.push_back({{"DataTime", "20260301110000"}});
    for (int i = 0; i < 60; ++i) {
        const std::string c = "w0" + std::to_string(1000 + i);
        p.cp.push_back({{c + "-Cou", "63.0"},
                        {c + "-Min", "16.4"},
                        {c + "-Avg", "17.5"},
                        {c + "-Max", "20.1"},
                        {c + "-Flag", "N"}});
    }
    auto parts = hj212::split_packet(p).value();
    return hj212::encode_segment(parts.front());
}

void deframe_parse(benchmark::State& state, const std::string& segment) {
    const std::string frame = hj212::frame_segment(segment).value();
    // A stream of 64 frames fed at once, as a TCP read would deliver them.
    std::string stream;
    for (int i = 0; i < 64; ++i)
        stream += frame;
    hj212::Deframer deframer;
    hj212::PacketView view;
    std::size_t items = 0;
    for (auto _ : state) {
        std::string_view in = stream;
        while (!in.empty()) {
            in.remove_prefix(deframer.feed(in));
            while (auto ev = deframer.next()) {
                const auto& f = std::get<hj212::DeframedFrame>(*ev);
                if (!hj212::parse_segment(f.segment, view).ok()) state.SkipWithError("parse");
                items += view.items.size();
            }
        }
    }
    benchmark::DoNotOptimize(items);
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * 64);
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(stream.size()));
    state.counters["frame_bytes"] = static_cast<double>(frame.size());
}

void crc_only(benchmark::State& state, const std::string& segment) {
    const std::string frame = hj212::frame_segment(segment).value();
    std::string stream;
    for (int i = 0; i < 64; ++i)
        stream += frame;
    for (auto _ : state) {
        // The same bytes as the deframer sees, CRC only: the floor for any verifying receiver.
        for (std::size_t off = 0; off < stream.size(); off += frame.size())
            benchmark::DoNotOptimize(
                hj212::crc16(std::string_view(stream).substr(off, frame.size())));
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * 64);
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(stream.size()));
}

void crc_bitwise(benchmark::State& state, const std::string& segment) {
    for (auto _ : state)
        benchmark::DoNotOptimize(hj212::crc16_bitwise(segment));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(segment.size()));
}

void encode_frame(benchmark::State& state, const std::string& segment) {
    hj212::PacketView view;
    (void)hj212::parse_segment(segment, view);
    const hj212::Packet packet = hj212::Packet::from(view);
    std::string out;
    for (auto _ : state) {
        out.clear();
        hj212::append_frame(out, hj212::encode_segment(packet));
        benchmark::DoNotOptimize(out.data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void parse_only(benchmark::State& state, const std::string& segment) {
    hj212::PacketView view;
    for (auto _ : state) {
        if (!hj212::parse_segment(segment, view).ok()) state.SkipWithError("parse");
        benchmark::DoNotOptimize(view.items.data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void deframe_only(benchmark::State& state, const std::string& segment) {
    const std::string frame = hj212::frame_segment(segment).value();
    std::string stream;
    for (int i = 0; i < 64; ++i)
        stream += frame;
    hj212::Deframer deframer;
    for (auto _ : state) {
        std::string_view in = stream;
        while (!in.empty()) {
            in.remove_prefix(deframer.feed(in));
            while (auto ev = deframer.next())
                benchmark::DoNotOptimize(ev->index());
        }
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * 64);
}

const std::string kSplitPart = split_part();

BENCHMARK_CAPTURE(deframe_parse, realtime_2011_8_factors, kRealtime);
BENCHMARK_CAPTURE(crc_only, realtime_2011_8_factors, kRealtime);
BENCHMARK_CAPTURE(deframe_parse, split_part_1024, kSplitPart);
BENCHMARK_CAPTURE(crc_only, split_part_1024, kSplitPart);
BENCHMARK_CAPTURE(parse_only, realtime_2011_8_factors, kRealtime);
BENCHMARK_CAPTURE(deframe_only, realtime_2011_8_factors, kRealtime);
BENCHMARK_CAPTURE(crc_bitwise, realtime_2011_8_factors, kRealtime);
BENCHMARK_CAPTURE(encode_frame, realtime_2011_8_factors, kRealtime);

} // namespace

BENCHMARK_MAIN();
