#pragma once
// Shared fixtures for the protocol tests: real segments and a frame builder.
#include "hj212/encoder.hpp"

#include <string>
#include <string_view>

namespace hj212::test {

// The Appendix A example (CRC 1C80).
inline constexpr std::string_view kSeg1062 =
    "QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;"
    "CP=&&RtdInterval=30&&";

// A realistic 2011 real-time upload with 8 factors (flue gas), ~350 bytes.
inline constexpr std::string_view kSeg2011 =
    "QN=20260301120000123;ST=31;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=5;"
    "CP=&&DataTime=20260301120000;a21026-Rtd=35.21,a21026-Flag=N;a21002-Rtd=88.40,a21002-Flag=N;"
    "a34013-Rtd=6.13,a34013-Flag=N;a19001-Rtd=9.80,a19001-Flag=N;a01012-Rtd=121.4,a01012-Flag=N;"
    "a01013-Rtd=-0.215,a01013-Flag=N;a01014-Rtd=8.7,a01014-Flag=N;a01011-Rtd=12.35,a01011-Flag=N&&";

inline std::string frame(std::string_view segment) {
    return frame_segment(segment).value();
}

} // namespace hj212::test
