#include "tools/decode_tool.hpp"
#include "tools/frame_tool.hpp"
#include "tools/json_writer.hpp"

#include <hj212/encoder.hpp>

#include <gtest/gtest.h>

#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

namespace hj212gw::tools {
namespace {

constexpr std::string_view kSeg =
    "QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;"
    "CP=&&RtdInterval=30&&";

std::vector<std::string> lines(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string l; std::getline(in, l);)
        out.push_back(l);
    return out;
}

std::vector<std::string> decode(const std::string& stream, DecodeOptions o = {}) {
    std::istringstream in(stream);
    std::ostringstream out;
    decode_stream(in, out, o);
    return lines(out.str());
}

TEST(DecodeTool, FrameAsDocumented) {
    const auto out = decode(hj212::frame_segment(kSeg).value());
    ASSERT_EQ(out.size(), 1U);
    EXPECT_EQ(
        out[0],
        R"({"ok":true,"offset":0,"length":101,"crc":"1C80","qn":"20160801085857223",)"
        R"("st":"32","cn":"1062","pw":"100000","mn":"010000A8900016F000169DC0","flag":5,)"
        R"("version":"2017","ack":true,"pnum":null,"pno":null,"cp":[[["RtdInterval","30"]]]})");
}

TEST(DecodeTool, ErrorsInStreamOrder) {
    std::string bad = hj212::frame_segment(kSeg).value();
    bad.replace(bad.size() - 6, 4, "0000");
    const std::string stream = "xx" + bad + hj212::frame_segment(kSeg).value() + "##01";
    const auto out = decode(stream);
    ASSERT_EQ(out.size(), 4U);
    EXPECT_EQ(
        out[0],
        R"({"ok":false,"offset":0,"length":2,"error":"garbage","detail":"2 byte(s) outside any frame skipped"})");
    EXPECT_NE(out[1].find(R"("error":"crc_mismatch")"), std::string::npos);
    EXPECT_NE(out[1].find(R"("offset":2,)"), std::string::npos);
    EXPECT_NE(out[2].find(R"("ok":true,"offset":115,)"), std::string::npos);
    EXPECT_NE(out[3].find(R"("error":"truncated")"), std::string::npos);
}

TEST(DecodeTool, SegmentThatDoesNotParseIsBadSegment) {
    const auto out = decode(hj212::frame_segment("QN=1;Flag=x;CP=&&&&").value());
    ASSERT_EQ(out.size(), 1U);
    EXPECT_NE(out[0].find(R"("error":"bad_segment","detail":"Flag: bad_format)"), std::string::npos)
        << out[0];
}

TEST(DecodeTool, StrictModeRefusesWhatLenientAccepts) {
    const std::string f = hj212::frame_segment("ST=32;CN=2011;PW=1;MN=8;CP=&&011-Rtd=1&&").value();
    EXPECT_NE(decode(f)[0].find(R"("ok":true)"), std::string::npos);
    EXPECT_NE(decode(f)[0].find(R"("qn":null)"), std::string::npos);
    EXPECT_NE(decode(f)[0].find(R"("version":"2005")"), std::string::npos);
    DecodeOptions strict;
    strict.strict = true;
    EXPECT_NE(decode(f, strict)[0].find(R"("error":"bad_segment","detail":"QN: missing)"),
              std::string::npos);
}

TEST(DecodeTool, Utf8TextSurvivesAndInvalidBytesAreReplaced) {
    const std::string seg = "QN=20160801085857223;ST=32;CN=3020;PW=1;MN=A;Flag=4;CP=&&"
                            "i11001-Info=//清洗管路//,x=\"q\"\\\xff&&";
    const auto out = decode(hj212::frame_segment(seg).value());
    ASSERT_EQ(out.size(), 1U);
    EXPECT_NE(out[0].find(R"(["i11001-Info","//清洗管路//"])"), std::string::npos) << out[0];
    EXPECT_NE(out[0].find(R"(["x","\"q\"\\\ufffd"])"), std::string::npos) << out[0];
}

TEST(JsonLine, EscapesControlCharacters) {
    std::string s;
    append_string(s, std::string("a\x01\n\tb", 5));
    EXPECT_EQ(s, R"("a\u0001\n\tb")");
}

TEST(FrameTool, FramesEveryLine) {
    std::istringstream in(std::string(kSeg) + "\r\n\n" + std::string(kSeg) + "\n");
    std::ostringstream out, err;
    const auto s = frame_lines(in, out, err, {});
    EXPECT_EQ(s.frames, 2U);
    EXPECT_EQ(s.errors, 0U);
    const std::string one = "##0101" + std::string(kSeg) + "1C80\r\n";
    EXPECT_EQ(out.str(), one + one);
}

TEST(FrameTool, SplitsLongSegments) {
    std::string seg = "QN=20160801085857534;ST=32;CN=2061;PW=123456;MN=010000A8900016F000169DC0;"
                      "Flag=5;CP=&&DataTime=20160801080000";
    for (int i = 0; i < 40; ++i)
        seg += ";w0" + std::to_string(1000 + i) + "-Avg=17.5,w0" + std::to_string(1000 + i) +
               "-Flag=N";
    seg += "&&";
    std::istringstream in(seg);
    std::ostringstream out, err;
    const auto s = frame_lines(in, out, err, {1024});
    EXPECT_GE(s.frames, 2U);
    const auto decoded = decode(out.str());
    ASSERT_EQ(decoded.size(), s.frames);
    for (const auto& l : decoded)
        EXPECT_NE(l.find(R"("ok":true)"), std::string::npos) << l;
    EXPECT_NE(decoded[0].find(R"("pno":1,)"), std::string::npos);
}

TEST(FrameTool, ReportsWhatCannotBeFramed) {
    std::istringstream in(std::string(10000, 'x') + "\n" + std::string(kSeg));
    std::ostringstream out, err;
    const auto s = frame_lines(in, out, err, {});
    EXPECT_EQ(s.errors, 1U);
    EXPECT_EQ(s.frames, 1U);
    EXPECT_NE(err.str().find("line 1"), std::string::npos);
}

// The binary itself: decode reads a file and exits 0 on a stream with errors.
TEST(Binary, DecodeFileExitsZero) {
    const std::string path = ::testing::TempDir() + "/stream.bin";
    {
        std::FILE* f = std::fopen(path.c_str(), "wb");
        ASSERT_NE(f, nullptr);
        const std::string data = "garbage" + hj212::frame_segment(kSeg).value();
        std::fwrite(data.data(), 1, data.size(), f);
        std::fclose(f);
    }
    const std::string cmd = std::string(HJ212GW_BINARY) + " decode " + path + " 2>/dev/null";
    std::FILE* p = popen(cmd.c_str(), "r");
    ASSERT_NE(p, nullptr);
    std::string out;
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;)
        out.append(buf, n);
    EXPECT_EQ(pclose(p), 0);
    const auto l = lines(out);
    ASSERT_EQ(l.size(), 2U);
    EXPECT_NE(l[0].find(R"("error":"garbage")"), std::string::npos);
    EXPECT_NE(l[1].find(R"("crc":"1C80")"), std::string::npos);
}

TEST(Binary, MissingFileIsAClearError) {
    const std::string cmd = std::string(HJ212GW_BINARY) + " decode /nonexistent/x 2>&1";
    std::FILE* p = popen(cmd.c_str(), "r");
    ASSERT_NE(p, nullptr);
    std::string out;
    char buf[512];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;)
        out.append(buf, n);
    EXPECT_NE(pclose(p), 0);
    EXPECT_NE(out.find("cannot open /nonexistent/x"), std::string::npos);
}

} // namespace
} // namespace hj212gw::tools
