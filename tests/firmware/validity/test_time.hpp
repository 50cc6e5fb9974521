#pragma once
// DataTime helpers for the validity tests: epoch ms of a civil time, as the daemon passes it.
#include <hj212/datetime.hpp>

#include <cstdint>

namespace hj212gw::validity::test {

inline std::int64_t at(int year, int month, int day, int hour, int minute = 0, int second = 0) {
    return hj212::DateTime{year, month, day, hour, minute, second, 0}.to_epoch_ms();
}

inline constexpr std::int64_t kMinuteMs = 60'000;
inline constexpr std::int64_t kHour = 3'600'000;

} // namespace hj212gw::validity::test
