#include "sim/platform/platform_session.hpp"

#include <hj212/codes.hpp>
#include <hj212/datetime.hpp>
#include <hj212/encoder.hpp>
#include <hj212/parser.hpp>
#include <hj212/replies.hpp>
#include <hj212/version.hpp>

#include <variant>

namespace hj212gw::sim {
namespace {

constexpr std::int64_t kHourMs = 3'600'000;

bool is_data_upload(std::uint16_t cn) {
    return cn == 2011 || cn == 2031 || cn == 2051 || cn == 2061;
}

std::int64_t floor_to_hour(std::int64_t ms) {
    const std::int64_t r = ms % kHourMs;
    return ms - (r < 0 ? r + kHourMs : r);
}

} // namespace

std::string_view to_string(AckAction a) noexcept {
    switch (a) {
    case AckAction::not_wanted:
        return "not_wanted";
    case AckAction::sent:
        return "sent";
    case AckAction::disabled:
        return "disabled";
    case AckAction::withheld:
        return "withheld";
    case AckAction::link_dropped:
        return "link_dropped";
    }
    return "?";
}

PlatformSession::PlatformSession(SessionSettings settings, CommandScript script, SimTime start,
                                 std::string peer)
    : settings_(std::move(settings)), script_(std::move(script)), start_(start),
      peer_(std::move(peer)), deframer_(hj212::DeframerLimits{settings_.max_segment}),
      rng_(settings_.seed) {}

void PlatformSession::problem(const std::string& text) {
    if (on_problem_) on_problem_(text);
}

void PlatformSession::receive(std::string_view bytes, SimTime now) {
    while (!bytes.empty() && !close_requested_) {
        bytes.remove_prefix(deframer_.feed(bytes));
        while (auto event = deframer_.next()) {
            if (const auto* frame = std::get_if<hj212::DeframedFrame>(&*event)) {
                if (!close_requested_) handle_segment(frame->segment, now);
            } else {
                ++stream_errors_;
                problem("stream: " + hj212::describe(std::get<hj212::DeframeError>(*event)));
            }
        }
    }
    tick(now);
}

void PlatformSession::handle_segment(std::string_view segment, SimTime now) {
    const auto parsed = hj212::parse_segment(segment, view_, hj212::ParseMode::lenient);
    if (!parsed) {
        ++parse_errors_;
        problem("unparsable segment (" + hj212::describe(parsed.error()) +
                "): " + std::string(segment));
        return;
    }
    ReceivedPacket rec;
    rec.civil_ms = now.civil_ms;
    rec.peer = peer_;
    rec.qn = std::string(view_.qn.value_or(""));
    rec.st = std::string(view_.st.value_or(""));
    rec.cn = std::string(view_.cn.value_or(""));
    rec.mn = std::string(view_.mn.value_or(""));
    rec.flag = view_.flag;
    rec.segment = std::string(segment);

    const auto cn = view_.command();
    if (first_mn_.empty() && !rec.mn.empty()) first_mn_ = rec.mn;
    if (cn && is_data_upload(*cn) && !rec.mn.empty()) data_mn_ = rec.mn;
    if (cn && *cn < 9000 && !rec.st.empty() && rec.st != "91") st_ = rec.st;

    rec.ack = decide_ack(view_, now);
    received_.push_back(rec);
    if (on_packet_) on_packet_(received_.back(), view_);
    if (flow_) {
        flow_->on_packet(view_, now.mono);
        if (flow_->finished()) finish_flow();
    }
}

AckAction PlatformSession::decide_ack(const hj212::PacketView& p, SimTime now) {
    const auto cn = p.command();
    if (!p.reply_wanted() || !cn || *cn >= 9000) return AckAction::not_wanted;
    if (!settings_.acks.enabled) return AckAction::disabled;
    // Draw both coins for every packet so that one rate does not shift the other's sequence.
    const double link_coin = coin_(rng_);
    const double ack_coin = coin_(rng_);
    if (link_coin < settings_.acks.drop_link_rate) {
        close_requested_ = true;
        return AckAction::link_dropped;
    }
    if (ack_coin < settings_.acks.drop_rate) return AckAction::withheld;

    const auto to = hj212::ReplyTo::of(p);
    const auto* info = hj212::find_command(*cn, hj212::Direction::field_to_host);
    const bool notification = info && info->kind == hj212::CommandKind::notification;
    const auto reply =
        notification ? hj212::make_notification_reply(to) : hj212::make_data_reply(to);
    auto frame = hj212::encode_frame(reply);
    if (!frame) return AckAction::withheld; // cannot happen for a reply of ~100 bytes
    queue(std::move(*frame), now, settings_.acks.delay);
    return AckAction::sent;
}

void PlatformSession::queue(std::string frame, SimTime now, std::chrono::milliseconds delay) {
    if (delay.count() <= 0 && pending_.empty()) {
        output_ += frame;
        return;
    }
    pending_.push_back({now.mono + delay, std::move(frame)});
}

void PlatformSession::tick(SimTime now) {
    while (!pending_.empty() && pending_.front().due <= now.mono) {
        output_ += pending_.front().frame;
        pending_.pop_front();
    }
    if (close_requested_) return;
    if (flow_) {
        flow_->on_time(now.mono);
        if (flow_->finished()) finish_flow();
    }
    run_script(now);
}

std::optional<std::string> PlatformSession::resolve_mn(const ScriptCommand& cmd) const {
    std::string mn;
    if (cmd.mn == "data")
        mn = data_mn_;
    else if (!cmd.mn.empty())
        mn = cmd.mn;
    else
        mn = settings_.default_mn.empty() ? first_mn_ : settings_.default_mn;
    if (mn.empty()) return std::nullopt;
    return mn;
}

std::string PlatformSession::fresh_qn(std::int64_t civil_ms) {
    // QN is the request's identity for the whole exchange: never reuse one on this link.
    last_qn_ms_ = civil_ms > last_qn_ms_ ? civil_ms : last_qn_ms_ + 1;
    return hj212::DateTime::from_epoch_ms(last_qn_ms_).format17();
}

void PlatformSession::run_script(SimTime now) {
    if (flow_ || next_command_ >= script_.size()) return;
    const ScriptCommand& cmd = script_[next_command_];
    if (now.mono < start_.mono + cmd.at) return;
    const auto mn = resolve_mn(cmd);
    if (!mn) return; // wait until the gateway has said who it is (or sent data)

    hj212::Packet request;
    request.qn = fresh_qn(now.civil_ms);
    request.st = st_;
    request.cn = std::to_string(cmd.cn);
    request.pw = settings_.pw;
    request.mn = *mn;
    request.flag = hj212::make_flag(hj212::kVersion2017, false, true);
    bool has_begin = false;
    for (const auto& [key, value] : cmd.params) {
        const std::string v = (key == "SystemTime" && value == "now")
                                  ? hj212::DateTime::from_epoch_ms(now.civil_ms).format14()
                                  : value;
        has_begin = has_begin || key == "BeginTime";
        request.cp.push_back({{key, v}});
    }
    if (cmd.last) {
        const std::int64_t end = floor_to_hour(now.civil_ms);
        const std::int64_t begin = floor_to_hour(now.civil_ms - cmd.last->count());
        request.cp.push_back({{"BeginTime", hj212::DateTime::from_epoch_ms(begin).format14()}});
        request.cp.push_back({{"EndTime", hj212::DateTime::from_epoch_ms(end).format14()}});
        has_begin = true;
    }
    ++next_command_;
    auto frame = hj212::encode_frame(request);
    if (!frame) {
        FlowResult r;
        r.line = cmd.line;
        r.cn = cmd.cn;
        r.mn = *mn;
        r.status = FlowStatus::failed;
        r.reason = std::to_string(cmd.cn) + ": request too long to encode";
        flows_.push_back(r);
        if (on_flow_) on_flow_(flows_.back());
        return;
    }
    output_ += *frame;
    ++commands_sent_;
    flow_.emplace(cmd.cn, request.qn, *mn, flow_shape(cmd.cn, has_begin), now.mono,
                  settings_.reply_timeout, cmd.line);
}

void PlatformSession::finish_flow() {
    flows_.push_back(flow_->result());
    flow_.reset();
    if (on_flow_) on_flow_(flows_.back());
}

void PlatformSession::disconnect() {
    if (flow_) {
        flow_->on_disconnect();
        finish_flow();
    }
    for (; next_command_ < script_.size(); ++next_command_) {
        const auto& cmd = script_[next_command_];
        FlowResult r;
        r.line = cmd.line;
        r.cn = cmd.cn;
        r.mn = resolve_mn(cmd).value_or("");
        r.status = FlowStatus::not_sent;
        r.reason = std::to_string(cmd.cn) + ": not sent before the connection ended";
        if (r.mn.empty())
            r.reason += cmd.mn == "data" ? " (mn=data: no data upload seen yet)"
                                         : " (no MN known yet: give --mn or mn=)";
        flows_.push_back(r);
        if (on_flow_) on_flow_(flows_.back());
    }
}

std::string PlatformSession::take_output() {
    return std::exchange(output_, {});
}

} // namespace hj212gw::sim
