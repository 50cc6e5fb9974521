#include "commands/qn_source.hpp"

#include "hj212/datetime.hpp"

namespace hj212gw::commands {

std::int64_t QnSource::next_ms(std::int64_t now_ms) noexcept {
    const std::int64_t qn = (last_ms_ && now_ms <= *last_ms_) ? *last_ms_ + 1 : now_ms;
    last_ms_ = qn;
    return qn;
}

std::string QnSource::next(std::int64_t now_ms) {
    return hj212::DateTime::from_epoch_ms(next_ms(now_ms)).format17();
}

} // namespace hj212gw::commands
