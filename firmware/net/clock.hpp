#pragma once
// The gateway's clocks: monotonic for timeouts; the site's civil time (local wall clock, as
// HJ 212 writes DataTime and QN) as ms since 1970 of that local time, plus an adjustable offset
// for platforms that set the time when the box may not change the system clock.
#include <atomic>
#include <chrono>
#include <cstdint>

namespace hj212gw::net {

class GatewayClock {
public:
    std::chrono::milliseconds mono() const;
    /// Local civil time in ms (hj212::DateTime::to_epoch_ms scale), including the offset.
    std::int64_t civil_ms() const;
    /// The offset a platform's 1012 recorded (ms to add to the system's local time).
    void set_offset_ms(std::int64_t offset) { offset_ms_.store(offset); }
    std::int64_t offset_ms() const { return offset_ms_.load(); }

private:
    std::atomic<std::int64_t> offset_ms_{0};
};

} // namespace hj212gw::net
