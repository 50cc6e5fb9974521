#include "commands/exchange.hpp"

#include "hj212/encoder.hpp"

namespace hj212gw::commands {

Outgoing Outgoing::of(const hj212::Packet& packet, std::uint16_t ack_cn) {
    return {hj212::encode_segment(packet), packet.qn, packet.reply_wanted(), ack_cn};
}

std::optional<Outgoing> Exchange::next() {
    if (sent_ < fixed_.size()) return std::move(fixed_[sent_++]);
    if (source_) {
        if (auto out = source_->next()) return out;
        source_.reset(); // done: free the page it held
    }
    return std::nullopt;
}

} // namespace hj212gw::commands
