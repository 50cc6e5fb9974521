#include "commands/history_upload.hpp"

#include "hj212/encoder.hpp"
#include "hj212/parser.hpp"
#include "hj212/version.hpp"

#include <algorithm>
#include <utility>

namespace hj212gw::commands {
namespace {

bool after(const HistoryCursor& a, const HistoryCursor& b) noexcept {
    return a.data_time_ms != b.data_time_ms ? a.data_time_ms > b.data_time_ms : a.id > b.id;
}

} // namespace

HistoryUpload::HistoryUpload(CommandContext& ctx, QnSource& qns, const hj212::PacketView& request,
                             HistoryRange range)
    : ctx_(ctx), qns_(qns), settings_(ctx.settings()), qn_(request.qn.value_or("")),
      pw_(request.pw.value_or("")), mn_(request.mn.value_or("")),
      version_bits_(hj212::ReplyTo::of(request).version_bits), range_(std::move(range)) {
    settings_.history_page_size = std::max<std::size_t>(settings_.history_page_size, 1);
}

std::optional<Outgoing> HistoryUpload::next() {
    const hj212::ReplyTo to{qn_, pw_, mn_, version_bits_};
    switch (stage_) {
    case Stage::request_reply:
        stage_ = Stage::uploading;
        return Outgoing::of(hj212::make_request_reply(to, hj212::QnRtn::ready));
    case Stage::uploading:
        for (;;) {
            if (!parts_.empty()) {
                Outgoing out = std::move(parts_.front());
                parts_.pop_front();
                return out;
            }
            if (page_pos_ < page_.size()) {
                prepare(page_[page_pos_++]);
                continue;
            }
            if (!more_pages_ || store_failed_) break;
            fetch_page();
        }
        stage_ = Stage::done;
        page_ = {};
        return execution_result();
    case Stage::done:
        break;
    }
    return std::nullopt;
}

void HistoryUpload::fetch_page() {
    page_.clear();
    page_pos_ = 0;
    const HistoryPageQuery query{range_.mn,     range_.cn, range_.begin_ms,
                                 range_.end_ms, cursor_,   settings_.history_page_size};
    auto rows = ctx_.history(query);
    if (!rows) {
        store_failed_ = true;
        return;
    }
    page_ = std::move(*rows);
    more_pages_ = page_.size() >= settings_.history_page_size;
    if (page_.empty()) return;
    const auto& last = page_.back();
    const HistoryCursor next{last.data_time_ms.value_or(range_.begin_ms), last.id};
    // A store that does not honour the cursor would make us loop for ever: stop instead.
    if (cursor_ && !after(next, *cursor_)) more_pages_ = false;
    cursor_ = next;
}

void HistoryUpload::prepare(const storage::StoredPacket& stored) {
    // The store answers the range; checked again so that a lax query can never leak data
    // outside what the platform asked for.
    if (!stored.data_time_ms || *stored.data_time_ms < range_.begin_ms ||
        *stored.data_time_ms > range_.end_ms)
        return;

    hj212::PacketView view;
    if (!hj212::parse_segment(stored.raw, view, hj212::ParseMode::lenient) ||
        view.mn.value_or("") != range_.mn || view.cn.value_or("") != range_.cn) {
        ++unusable_;
        return;
    }

    // Resent as the device sent it (its MN, PW, ST, CP) under a new QN, as C.20 and C.48 show;
    // only A changes, to ask (or not) for the platform's 9014.
    hj212::Packet packet = hj212::Packet::from(view);
    const std::int64_t now = ctx_.now_ms();
    packet.qn = qns_.next(now);
    if (view.flag || settings_.history_ack) {
        // A 2005-style packet without Flag keeps version bits 0 when it needs one for A.
        const std::uint8_t bits = view.flag ? hj212::flag_version_bits(*view.flag) : 0;
        packet.flag = hj212::make_flag(bits, packet.pnum.has_value(), settings_.history_ack);
    }

    // A packet the device already split keeps its PNUM/PNO: parts cannot be split again.
    if (packet.pnum || hj212::encode_segment(packet).size() <= settings_.emit_limit) {
        parts_.push_back(Outgoing::of(packet));
        ++uploaded_;
        return;
    }
    auto parts = hj212::split_packet(packet, {settings_.emit_limit, hj212::SplitQn::keep});
    if (!parts) {
        ++unusable_; // one item longer than the emit limit: cannot be sent within the standard
        return;
    }
    // Each part is acknowledged alone, so each needs its own QN (C.49/C.50: ...534, ...535).
    bool first = true;
    for (auto& part : *parts) {
        if (!first) part.qn = qns_.next(now);
        first = false;
        parts_.push_back(Outgoing::of(part));
    }
    ++uploaded_;
}

Outgoing HistoryUpload::execution_result() const {
    hj212::ExeRtn rtn = hj212::ExeRtn::ok;
    if (store_failed_)
        rtn = hj212::ExeRtn::fault;
    else if (uploaded_ == 0)
        rtn = unusable_ > 0 ? hj212::ExeRtn::failed : hj212::ExeRtn::no_data;
    return Outgoing::of(hj212::make_execution_result({qn_, pw_, mn_, version_bits_}, rtn));
}

} // namespace hj212gw::commands
