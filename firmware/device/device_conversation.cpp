#include "device/device_conversation.hpp"

#include <hj212/codes.hpp>
#include <hj212/datetime.hpp>
#include <hj212/encoder.hpp>
#include <hj212/replies.hpp>
#include <hj212/version.hpp>

#include <algorithm>

namespace hj212gw::device {
namespace {

constexpr Millis kRoutedRequestLifetime{600'000}; // replies to a routed command within 10 min

} // namespace

DeviceConversation::DeviceConversation(DeviceRules rules)
    : rules_(std::move(rules)), deframer_(hj212::DeframerLimits{rules_.max_segment}) {}

std::optional<DeviceAction> DeviceConversation::poll() {
    if (actions_.empty()) return std::nullopt;
    DeviceAction a = std::move(actions_.front());
    actions_.pop_front();
    return a;
}

void DeviceConversation::problem(std::string kind, std::string detail) {
    actions_.emplace_back(Problem{std::move(kind), std::move(detail)});
}

void DeviceConversation::reply(const hj212::Packet& packet) {
    Write w;
    hj212::append_frame(w.bytes, hj212::encode_segment(packet));
    actions_.emplace_back(std::move(w));
}

void DeviceConversation::on_bytes(std::string_view bytes, Now now) {
    if (closed_) return;
    last_rx_ = now.mono;
    stats_.bytes += bytes.size();
    while (!bytes.empty()) {
        bytes.remove_prefix(deframer_.feed(bytes));
        while (auto ev = deframer_.next()) {
            if (const auto* f = std::get_if<hj212::DeframedFrame>(&*ev)) {
                garbage_since_frame_ = 0;
                ++stats_.frames;
                handle_frame(f->segment, now);
                continue;
            }
            const auto& e = std::get<hj212::DeframeError>(*ev);
            ++stats_.frame_errors[static_cast<std::size_t>(e.kind)];
            garbage_since_frame_ += e.size;
            problem(std::string(hj212::to_string(e.kind)), hj212::describe(e));
            if (garbage_since_frame_ > rules_.max_garbage_bytes) {
                closed_ = true;
                actions_.emplace_back(
                    Close{std::to_string(garbage_since_frame_) + " bytes without a valid frame"});
                return;
            }
        }
    }
}

void DeviceConversation::handle_frame(std::string_view segment, Now now) {
    const auto parsed = hj212::parse_segment(segment, view_, hj212::ParseMode::lenient);
    if (!parsed) {
        ++stats_.bad_segments;
        problem("bad_segment", hj212::describe(parsed.error()));
        return;
    }
    const std::string mn(view_.mn.value_or(""));
    const std::string qn(view_.qn.value_or(""));
    const auto cn = view_.command();

    // Answers to a control command a platform routed here go back to that platform.
    if (!qn.empty() && routed_qns_.count(qn) != 0) {
        actions_.emplace_back(RelayToPlatform{std::string(segment), qn});
        if (cn == 9012) routed_qns_.erase(qn); // the exchange is over
        return;
    }
    if (cn == 9013 || cn == 9014 || cn == 9011 || cn == 9012) return; // replies to the gateway

    const auto to = hj212::ReplyTo::of(view_);
    if (!rules_.allow_mn.empty() &&
        std::find(rules_.allow_mn.begin(), rules_.allow_mn.end(), mn) == rules_.allow_mn.end()) {
        ++stats_.rejected;
        problem("mn_rejected", "MN '" + mn + "' is not in this listener's allow list");
        if (view_.reply_wanted()) reply(hj212::make_request_reply(to, hj212::QnRtn::mn_error));
        return;
    }
    if (rules_.password && view_.pw.value_or("") != *rules_.password) {
        ++stats_.rejected;
        problem("pw_rejected", "wrong password from MN '" + mn + "'");
        if (view_.reply_wanted()) reply(hj212::make_request_reply(to, hj212::QnRtn::pw_error));
        return;
    }
    if (!mn.empty() && std::find(mns_.begin(), mns_.end(), mn) == mns_.end()) {
        mns_.push_back(mn);
        actions_.emplace_back(DeviceSeen{mn});
    }
    stats_.last_packet_civil_ms = now.civil_ms;

    if (cn == 1013) {
        // Time calibration request (C.4): answer the notification, then set the device's
        // clock as the host would (C.3).
        reply(hj212::make_notification_reply(to));
        hj212::Packet set;
        set.qn = hj212::DateTime::from_epoch_ms(now.civil_ms).format17();
        set.st = std::string(view_.st.value_or("32"));
        set.cn = "1012";
        set.pw = std::string(to.pw);
        set.mn = mn;
        set.flag = hj212::make_flag(to.version_bits, false, true);
        if (auto pol = view_.find("PolId")) set.cp.push_back({{"PolId", std::string(*pol)}});
        set.cp.push_back({{"SystemTime", hj212::DateTime::from_epoch_ms(now.civil_ms).format14()}});
        reply(set);
        return;
    }

    // Everything else a device sends is data: stored first, acknowledged after.
    const std::uint64_t token = next_token_++;
    awaiting_.emplace(
        token, AwaitingStore{view_.reply_wanted(), qn, std::string(to.pw), mn, to.version_bits});
    actions_.emplace_back(StorePacket{token, std::string(segment), mn});
}

void DeviceConversation::on_stored(std::uint64_t token, bool ok) {
    auto it = awaiting_.find(token);
    if (it == awaiting_.end()) return;
    AwaitingStore a = std::move(it->second);
    awaiting_.erase(it);
    if (!ok) {
        // Not durable: no 9014, so the device keeps the data and sends it again.
        ++stats_.store_failures;
        problem("store_failed",
                "packet QN " + a.qn + " from MN '" + a.mn + "' not stored: not acknowledged");
        return;
    }
    ++stats_.stored;
    if (!a.reply_wanted || closed_) return;
    ++stats_.acked;
    reply(hj212::make_data_reply(hj212::ReplyTo{a.qn, a.pw, a.mn, a.version_bits}));
}

void DeviceConversation::on_tick(Now now) {
    if (closed_) return;
    if (now.mono - last_rx_ >= rules_.idle_timeout) {
        closed_ = true;
        actions_.emplace_back(Close{"nothing received for " +
                                    std::to_string(rules_.idle_timeout.count() / 1000) + " s"});
        return;
    }
    std::erase_if(routed_qns_,
                  [&](const auto& kv) { return now.mono - kv.second > kRoutedRequestLifetime; });
}

void DeviceConversation::route_request(std::string_view segment, std::string_view qn, Now now) {
    routed_qns_[std::string(qn)] = now.mono;
    Write w;
    hj212::append_frame(w.bytes, segment);
    actions_.emplace_back(std::move(w));
}

} // namespace hj212gw::device
