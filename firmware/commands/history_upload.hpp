#pragma once
// Answers 2031/2041/2051/2061 (C.20..C.23, C.47..C.50): 9011 QnRtn=1, then every stored packet
// of the MN and CN with DataTime in [begin, end] re-sent as an upload with a fresh QN (split when
// longer than the emit limit, Flag A when history_ack), then 9012: ExeRtn=1 when something was
// sent, 100 when there was no data, 2 when every packet found was unusable, 6 when the store
// failed (also after a partial upload: the platform must not take it for complete).
#include "commands/command_context.hpp"
#include "commands/exchange.hpp"
#include "commands/qn_source.hpp"

#include "hj212/replies.hpp"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace hj212gw::commands {

struct HistoryRange {
    std::string mn;
    std::string cn;
    std::int64_t begin_ms = 0; ///< inclusive
    std::int64_t end_ms = 0;   ///< inclusive
};

/// Pulls one page of the store at a time. `ctx` and `qns` must outlive it.
class HistoryUpload final : public SegmentSource {
public:
    HistoryUpload(CommandContext& ctx, QnSource& qns, const hj212::PacketView& request,
                  HistoryRange range);

    std::optional<Outgoing> next() override;

private:
    enum class Stage : std::uint8_t { request_reply, uploading, done };

    void fetch_page();
    void prepare(const storage::StoredPacket& stored);
    Outgoing execution_result() const;

    CommandContext& ctx_;
    QnSource& qns_;
    CommandSettings settings_;
    // The request's QN/PW/MN, owned: the request's buffer is gone once handle() returns.
    std::string qn_, pw_, mn_;
    std::uint8_t version_bits_;
    HistoryRange range_;

    Stage stage_ = Stage::request_reply;
    std::vector<storage::StoredPacket> page_;
    std::size_t page_pos_ = 0;
    std::optional<HistoryCursor> cursor_;
    bool more_pages_ = true;
    std::deque<Outgoing> parts_; ///< the split parts of one stored packet

    std::size_t uploaded_ = 0; ///< stored packets sent
    std::size_t unusable_ = 0; ///< stored packets that could not be parsed or split
    bool store_failed_ = false;
};

} // namespace hj212gw::commands
