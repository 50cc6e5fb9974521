#pragma once
// LoginGuard: the console password's lockout, shared by every console session of the daemon
// (serial and socket), so reconnecting does not reset the count.
#include <chrono>
#include <cstdint>

namespace hj212gw::console {

class LoginGuard {
public:
    using Clock = std::chrono::steady_clock;
    LoginGuard(std::uint32_t max_failures, std::chrono::milliseconds lockout)
        : max_failures_(max_failures == 0 ? 1 : max_failures), lockout_(lockout) {}

    /// Time left of a lockout; zero when logins are accepted.
    std::chrono::milliseconds locked_for(Clock::time_point now) const;
    /// A wrong password; returns true when this one started a lockout.
    bool failed(Clock::time_point now);
    void succeeded() { failures_ = 0; }
    std::uint32_t failures() const { return failures_; }
    std::uint64_t lockouts() const { return lockouts_; }

private:
    std::uint32_t max_failures_;
    std::chrono::milliseconds lockout_;
    std::uint32_t failures_ = 0;
    std::uint64_t lockouts_ = 0;
    Clock::time_point locked_until_{};
};

} // namespace hj212gw::console
