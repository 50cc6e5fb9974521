#include "console/login_guard.hpp"

namespace hj212gw::console {

std::chrono::milliseconds LoginGuard::locked_for(Clock::time_point now) const {
    if (now >= locked_until_) return std::chrono::milliseconds(0);
    return std::chrono::ceil<std::chrono::milliseconds>(locked_until_ - now);
}

bool LoginGuard::failed(Clock::time_point now) {
    if (++failures_ < max_failures_) return false;
    failures_ = 0;
    ++lockouts_;
    locked_until_ = now + lockout_;
    return true;
}

} // namespace hj212gw::console
