#include "upstream/upstream_link.hpp"

#include <hj212/encoder.hpp>

#include <algorithm>

namespace hj212gw::upstream {

std::string_view to_string(LinkState s) noexcept {
    switch (s) {
    case LinkState::disconnected:
        return "down";
    case LinkState::connecting:
        return "connecting";
    case LinkState::connected:
        return "up";
    }
    return "?";
}

UpstreamLink::UpstreamLink(LinkSettings settings, std::uint32_t seed)
    : settings_(settings), rng_(seed == 0 ? 1U : seed) {
    settings_.window = std::max<std::size_t>(settings_.window, 1);
}

std::optional<Action> UpstreamLink::poll() {
    if (actions_.empty()) return std::nullopt;
    Action a = std::move(actions_.front());
    actions_.pop_front();
    return a;
}

void UpstreamLink::start(Millis now) {
    started_ = true;
    next_connect_at_ = now;
    pump(now);
}

void UpstreamLink::on_connected(Millis now) {
    state_ = LinkState::connected;
    backoff_ = Millis{0};
    ++stats_.connects;
    pump(now);
}

void UpstreamLink::on_connect_failed(Millis now) {
    ++stats_.connect_failures;
    state_ = LinkState::disconnected;
    next_connect_at_ = now + next_backoff();
}

void UpstreamLink::on_disconnected(Millis now) {
    if (state_ == LinkState::disconnected) return;
    if (state_ == LinkState::connecting) {
        on_connect_failed(now);
        return;
    }
    state_ = LinkState::disconnected;
    // What was in flight goes back, in order, ahead of what was not sent yet: resent, never lost.
    if (!in_flight_.empty()) {
        for (auto it = in_flight_.rbegin(); it != in_flight_.rend(); ++it)
            pending_.push_front(std::move(it->packet));
        in_flight_.clear();
        actions_.emplace_back(RequeueInFlight{});
    }
    // An exchange with the platform does not survive the connection: the platform asks again.
    control_.clear();
    next_connect_at_ = now + next_backoff();
}

Millis UpstreamLink::next_backoff() {
    backoff_ = backoff_.count() == 0 ? settings_.backoff_initial
                                     : std::min(backoff_ * 2, settings_.backoff_max);
    std::uniform_real_distribution<double> spread(-settings_.jitter, settings_.jitter);
    const double factor = 1.0 + spread(rng_);
    return Millis{static_cast<Millis::rep>(static_cast<double>(backoff_.count()) * factor)};
}

void UpstreamLink::link_down(Millis now, std::string reason) {
    actions_.emplace_back(Disconnect{std::move(reason)});
    on_disconnected(now);
}

void UpstreamLink::on_written(const std::vector<std::int64_t>& ids) {
    for (auto id : ids) {
        auto it = std::find_if(in_flight_.begin(), in_flight_.end(),
                               [&](const Flight& f) { return f.packet.id == id; });
        if (it == in_flight_.end()) continue;
        it->written = true;
        if (!it->packet.await_ack) {
            // No reply is asked for: written to the platform's socket is as delivered as it gets.
            actions_.emplace_back(MarkAcked{id});
            ++stats_.acked;
            in_flight_.erase(it);
        }
    }
}

void UpstreamLink::on_fetched(std::vector<OutgoingPacket> packets) {
    fetch_outstanding_ = false;
    more_in_store_ = packets.size() >= settings_.fetch_batch;
    for (auto& p : packets) {
        if (p.id <= highest_fetched_) continue; // already held (requeued after a link loss)
        highest_fetched_ = p.id;
        pending_.push_back(std::move(p));
    }
}

void UpstreamLink::on_new_data() {
    more_in_store_ = true;
    maybe_fetch();
}

bool UpstreamLink::on_ack(std::string_view qn, Millis now) {
    auto record_rtt = [&](Millis sent_at) {
        const Millis rtt = now - sent_at;
        stats_.last_rtt = rtt;
        stats_.smoothed_rtt = stats_.smoothed_rtt
                                  ? Millis{(stats_.smoothed_rtt->count() * 7 + rtt.count()) / 8}
                                  : rtt;
    };
    if (!control_.empty() && control_.front().packet.await_ack &&
        control_.front().packet.qn == qn) {
        record_rtt(control_.front().sent_at);
        control_.pop_front();
        pump(now);
        return true;
    }
    auto it = std::find_if(in_flight_.begin(), in_flight_.end(), [&](const Flight& f) {
        return f.packet.await_ack && f.packet.qn == qn;
    });
    if (it == in_flight_.end()) {
        ++stats_.unexpected_acks;
        return false;
    }
    record_rtt(it->sent_at);
    ++stats_.acked;
    actions_.emplace_back(MarkAcked{it->packet.id});
    in_flight_.erase(it);
    pump(now);
    return true;
}

void UpstreamLink::send_control(OutgoingPacket packet, Millis now) {
    control_.push_back(Flight{std::move(packet), Millis{0}, 0, false, false});
    // Control only: the caller may be feeding an exchange segment by segment, and queued data
    // must not slip in between a 9011 and the uploads that follow it.
    if (state_ == LinkState::connected) pump_control(now);
}

bool UpstreamLink::pump_control(Millis now) {
    while (!control_.empty()) {
        Flight& f = control_.front();
        if (!f.sent) send(f, now, false);
        if (f.packet.await_ack) return false;
        control_.pop_front();
    }
    return true;
}

void UpstreamLink::send(Flight& f, Millis now, bool resend) {
    Send s;
    s.frame.reserve(f.packet.segment.size() + 12);
    hj212::append_frame(s.frame, f.packet.segment);
    if (f.packet.id != 0) s.ids.push_back(f.packet.id);
    s.resend = resend;
    f.sent_at = now;
    f.sent = true;
    if (resend) {
        ++f.resends;
        ++stats_.resent;
    } else {
        ++stats_.sent;
    }
    actions_.emplace_back(std::move(s));
}

void UpstreamLink::maybe_fetch() {
    if (fetch_outstanding_ || !more_in_store_) return;
    if (pending_.size() >= settings_.fetch_batch / 2) return;
    fetch_outstanding_ = true;
    actions_.emplace_back(Fetch{highest_fetched_, settings_.fetch_batch});
}

void UpstreamLink::on_tick(Millis now) {
    if (state_ == LinkState::connecting && now - connect_started_ >= settings_.connect_timeout) {
        actions_.emplace_back(Disconnect{"connect timed out"});
        on_connect_failed(now);
    }
    if (state_ == LinkState::connected) {
        auto overdue = [&](const Flight& f) {
            return f.sent && f.packet.await_ack && now - f.sent_at >= settings_.over_time;
        };
        Flight* late = nullptr;
        if (!control_.empty() && overdue(control_.front())) late = &control_.front();
        for (auto& f : in_flight_)
            if (!late && overdue(f)) late = &f;
        if (late) {
            if (late->resends < settings_.re_count) {
                send(*late, now, true);
            } else {
                ++stats_.timeouts;
                link_down(now, "no 9014 for QN " + late->packet.qn + " after " +
                                   std::to_string(late->resends) + " resends");
            }
        }
    }
    pump(now);
}

void UpstreamLink::pump(Millis now) {
    if (state_ == LinkState::disconnected && started_ && now >= next_connect_at_) {
        state_ = LinkState::connecting;
        connect_started_ = now;
        actions_.emplace_back(Connect{});
        return;
    }
    if (state_ != LinkState::connected) return;

    // The gateway's own traffic first, in order; an awaited segment holds the rest back.
    if (!pump_control(now)) return;

    // Then queued data, up to the window.
    std::vector<std::int64_t> started;
    while (in_flight_.size() < settings_.window && !pending_.empty()) {
        in_flight_.push_back(Flight{std::move(pending_.front()), Millis{0}, 0, false, false});
        pending_.pop_front();
        send(in_flight_.back(), now, false);
        started.push_back(in_flight_.back().packet.id);
    }
    if (!started.empty()) actions_.emplace_back(MarkInFlight{std::move(started)});
    maybe_fetch();
}

} // namespace hj212gw::upstream
