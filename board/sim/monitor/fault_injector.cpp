#include "sim/monitor/fault_injector.hpp"

#include <hj212/encoder.hpp>

#include <algorithm>

namespace hj212gw::sim {

FaultInjector::FaultInjector(FaultSpec spec, std::uint64_t seed)
    : spec_(spec), rng_(seed ^ 0x4641554C54ULL) {}

bool FaultInjector::draw(double probability) {
    if (probability <= 0) return false;
    return std::uniform_real_distribution<double>(0, 1)(rng_) < probability;
}

Transmission FaultInjector::transmit(const hj212::Packet& packet) {
    Transmission t;
    std::string frame;
    if (draw(spec_.wrong_pw)) {
        hj212::Packet wrong = packet;
        wrong.pw = std::string(kWrongPassword);
        auto framed = hj212::encode_frame(wrong);
        if (!framed) return t;
        frame = std::move(*framed);
        // The gateway may refuse it or ack it anyway: do not hold the window for it.
        t.unackable = true;
        counts_.wrong_pw++;
    } else {
        auto framed = hj212::encode_frame(packet);
        if (!framed) return t;
        frame = std::move(*framed);
    }
    if (draw(spec_.bad_crc)) {
        // Frame = ... CRC(4 hex) CR LF: change the last CRC digit to another hex digit.
        char& digit = frame[frame.size() - 3];
        digit = digit == '0' ? '1' : '0';
        t.unackable = true;
        counts_.bad_crc++;
    }
    if (draw(spec_.garbage)) {
        // Any byte but '#': garbage that can start a false frame header would make the loss
        // of the real frame that follows depend on the receiver's resync, not on this fault.
        std::uniform_int_distribution<int> length(1, 32), byte(1, 255);
        std::string noise;
        for (int n = length(rng_); n > 0; --n) {
            char c = '#';
            while (c == '#')
                c = static_cast<char>(static_cast<unsigned char>(byte(rng_)));
            noise += c;
        }
        t.writes.push_back({std::chrono::milliseconds(0), std::move(noise)});
        counts_.garbage++;
    }
    using std::chrono::milliseconds;
    if (draw(spec_.drip)) {
        std::uniform_int_distribution<int> pause(1, 5);
        for (char c : frame)
            t.writes.push_back({milliseconds(pause(rng_)), std::string(1, c)});
        counts_.drip++;
    } else if (draw(spec_.split) && frame.size() > 4) {
        std::uniform_int_distribution<std::size_t> parts_dist(2, 4);
        const std::size_t parts = parts_dist(rng_);
        std::vector<std::size_t> cuts;
        std::uniform_int_distribution<std::size_t> cut(1, frame.size() - 1);
        for (std::size_t i = 1; i < parts; ++i)
            cuts.push_back(cut(rng_));
        std::sort(cuts.begin(), cuts.end());
        cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
        std::size_t from = 0;
        for (std::size_t c : cuts) {
            t.writes.push_back({milliseconds(from == 0 ? 0 : 20), frame.substr(from, c - from)});
            from = c;
        }
        t.writes.push_back({milliseconds(20), frame.substr(from)});
        counts_.split++;
    } else {
        t.writes.push_back({milliseconds(0), std::move(frame)});
    }
    if (draw(spec_.disconnect)) {
        t.disconnect_after = true;
        counts_.disconnect++;
    }
    return t;
}

} // namespace hj212gw::sim
