#pragma once
// Turns a packet into what goes on the wire, injecting the faults of a FaultSpec with a seeded
// RNG: a bad CRC, garbage before the frame, a frame split over several writes or dripped byte
// by byte, PW=999999, a disconnect after the frame. Sans-I/O: the transport plays the writes.
#include "sim/monitor/fault_spec.hpp"

#include <hj212/packet.hpp>

#include <chrono>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace hj212gw::sim {

struct FaultCounts {
    std::uint64_t missing_hours = 0, bad_crc = 0, garbage = 0, split = 0, drip = 0, disconnect = 0,
                  wrong_pw = 0;
    std::uint64_t total() const noexcept {
        return missing_hours + bad_crc + garbage + split + drip + disconnect + wrong_pw;
    }
};

/// One write to the link, after a pause (so that the peer sees separate TCP segments).
struct WireWrite {
    std::chrono::milliseconds pause_before{0};
    std::string bytes;
};

struct Transmission {
    std::vector<WireWrite> writes;
    bool disconnect_after = false;
    /// The gateway cannot accept it as sent (bad CRC, wrong PW): no 9014 is to be expected.
    bool unackable = false;
};

class FaultInjector {
public:
    FaultInjector(FaultSpec spec, std::uint64_t seed);

    /// The writes that send `packet` (a complete, unsplit packet), with faults drawn.
    /// An empty Transmission means the packet could not be framed (too long).
    Transmission transmit(const hj212::Packet& packet);

    const FaultCounts& counts() const noexcept { return counts_; }
    FaultCounts& counts() noexcept { return counts_; }
    const FaultSpec& spec() const noexcept { return spec_; }

private:
    bool draw(double probability);

    FaultSpec spec_;
    std::mt19937_64 rng_;
    FaultCounts counts_;
};

/// The wrong password a wrong-pw fault sends.
inline constexpr std::string_view kWrongPassword = "999999";

} // namespace hj212gw::sim
