#pragma once
// QNs for packets the gateway originates (history uploads, 2081, 9015). A QN identifies one
// exchange and the platform matches its 9014 replies by it, so two packets must never share one,
// even when they are made in the same millisecond or the clock is stepped back (1012, NTP).
#include <cstdint>
#include <optional>
#include <string>

namespace hj212gw::commands {

class QnSource {
public:
    /// The QN (YYYYMMDDhhmmsszzz) for a packet made at `now_ms` (site-local civil time as
    /// hj212::DateTime::to_epoch_ms gives it): `now_ms` itself when it is later than the last QN
    /// handed out, otherwise the last one + 1 ms. After a large backward clock step the QNs keep
    /// counting up from the old time until the clock catches up: uniqueness wins over accuracy.
    std::string next(std::int64_t now_ms);

    /// The same, as epoch ms.
    std::int64_t next_ms(std::int64_t now_ms) noexcept;

    /// The last QN handed out, as epoch ms (nullopt before the first).
    std::optional<std::int64_t> last_ms() const noexcept { return last_ms_; }

private:
    std::optional<std::int64_t> last_ms_;
};

} // namespace hj212gw::commands
