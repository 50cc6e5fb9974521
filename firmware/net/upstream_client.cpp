#include "net/upstream_client.hpp"

#include <hj212/encoder.hpp>

#include <spdlog/spdlog.h>

namespace hj212gw::net {

UpstreamClient::UpstreamClient(asio::io_context& io, storage::Store& store,
                               asio::thread_pool& reads, const GatewayClock& clock,
                               UpstreamSettings settings, std::uint32_t seed)
    : io_(io), store_(store), reads_(reads), clock_(clock), settings_(std::move(settings)),
      link_(settings_.link, seed), socket_(io), ticker_(io),
      deframer_(hj212::DeframerLimits{settings_.max_segment}) {}

void UpstreamClient::start() {
    link_.start(now());
    asio::co_spawn(io_, shared_from_this()->tick_loop(), asio::detached);
    process();
}

void UpstreamClient::stop() {
    stopped_ = true;
    ++generation_;
    error_code ec;
    socket_.close(ec);
    ticker_.cancel();
}

void UpstreamClient::notify_new_data() {
    link_.on_new_data();
    process();
}

void UpstreamClient::send_control(upstream::OutgoingPacket packet) {
    link_.send_control(std::move(packet), now());
    process();
}

void UpstreamClient::set_timeouts(std::chrono::milliseconds over_time, int re_count) {
    auto s = link_.settings();
    s.over_time = over_time;
    s.re_count = re_count;
    link_.set_settings(s);
}

void UpstreamClient::process() {
    while (auto action = link_.poll())
        std::visit([this](auto& a) { carry_out(a); }, *action);
    if (on_control_idle_ && !in_idle_hook_ && link_.control_idle() && connected_) {
        in_idle_hook_ = true; // the hook sends, which processes again
        on_control_idle_();
        in_idle_hook_ = false;
        while (auto action = link_.poll())
            std::visit([this](auto& a) { carry_out(a); }, *action);
    }
}

void UpstreamClient::carry_out(upstream::Connect&) {
    if (stopped_) return;
    const std::uint64_t gen = ++generation_;
    asio::co_spawn(io_, shared_from_this()->connect_and_read(gen), asio::detached);
}

void UpstreamClient::carry_out(upstream::Send& s) {
    if (!connected_) return; // the link requeues what was in flight when the link drops
    // A frame is "##" + 4 length digits + segment + 4 CRC digits + CR LF.
    if (on_traffic_ && s.frame.size() > 12)
        on_traffic_(false, std::string_view(s.frame).substr(6, s.frame.size() - 12));
    outbox_.push_back(PendingWrite{std::move(s.frame), std::move(s.ids)});
    if (!writing_) write_next();
}

void UpstreamClient::carry_out(upstream::MarkInFlight& m) {
    store_.mark_in_flight(settings_.name, std::move(m.ids));
}

void UpstreamClient::carry_out(upstream::MarkAcked& m) {
    const std::string name = settings_.name;
    store_.mark_acked(settings_.name, m.id, [name, id = m.id](const storage::Status& st) {
        if (!st.ok()) spdlog::error("upstream {}: recording the ack of packet {} failed", name, id);
    });
}

void UpstreamClient::carry_out(upstream::RequeueInFlight&) {
    store_.requeue_in_flight(settings_.name);
}

void UpstreamClient::carry_out(upstream::Disconnect& d) {
    spdlog::warn("upstream {}: closing the link: {}", settings_.name, d.reason);
    ++generation_; // the read loop of this connection must not report a second loss
    connected_ = false;
    outbox_.clear();
    writing_ = false;
    error_code ec;
    socket_.close(ec);
    if (on_link_down_) on_link_down_();
}

void UpstreamClient::carry_out(upstream::Fetch& f) {
    auto self = shared_from_this();
    asio::post(reads_, [self, after = f.after_id, limit = f.limit] {
        auto rows = self->store_.next_pending(self->settings_.name, limit, after);
        asio::post(self->io_, [self, rows = std::move(rows)]() mutable {
            std::vector<upstream::OutgoingPacket> packets;
            if (rows.ok()) {
                packets.reserve(rows->size());
                for (const auto& q : *rows)
                    packets.push_back(self->to_outgoing(q));
            } else {
                spdlog::error("upstream {}: reading the queue failed", self->settings_.name);
            }
            self->link_.on_fetched(std::move(packets));
            self->link_.on_tick(self->now());
            self->process();
        });
    });
}

upstream::OutgoingPacket UpstreamClient::to_outgoing(const storage::QueuedPacket& q) {
    upstream::OutgoingPacket out{q.id, q.raw, q.qn, false};
    hj212::PacketView v;
    if (!hj212::parse_segment(q.raw, v).ok()) return out; // stored as received: relay as is
    out.await_ack = v.reply_wanted();
    const auto mapped = v.mn ? settings_.mn_map.find(*v.mn) : settings_.mn_map.end();
    if (!settings_.rewrite_pw && mapped == settings_.mn_map.end()) return out; // relay unchanged
    hj212::Packet p = hj212::Packet::from(v);
    if (settings_.rewrite_pw) p.pw = *settings_.rewrite_pw;
    if (mapped != settings_.mn_map.end()) p.mn = mapped->second;
    out.segment = hj212::encode_segment(p); // the CRC is computed again when framed
    return out;
}

asio::awaitable<void> UpstreamClient::connect_and_read(std::uint64_t gen) {
    auto self = shared_from_this();
    error_code ec;
    tcp::resolver resolver(io_);
    const auto endpoints =
        co_await resolver.async_resolve(settings_.host, std::to_string(settings_.port),
                                        asio::redirect_error(asio::use_awaitable, ec));
    if (!ec) {
        socket_ = tcp::socket(io_);
        co_await asio::async_connect(socket_, endpoints,
                                     asio::redirect_error(asio::use_awaitable, ec));
    }
    if (gen != generation_ || stopped_) co_return;
    if (ec) {
        spdlog::warn("upstream {}: cannot connect to {}:{}: {}", settings_.name, settings_.host,
                     settings_.port, ec.message());
        link_.on_connect_failed(now());
        process();
        co_return;
    }
    spdlog::info("upstream {}: connected to {}:{}", settings_.name, settings_.host, settings_.port);
    connected_ = true;
    deframer_ = hj212::Deframer(hj212::DeframerLimits{settings_.max_segment});
    link_.on_connected(now());
    process();

    char buf[4096];
    for (;;) {
        const std::size_t n = co_await socket_.async_read_some(
            asio::buffer(buf), asio::redirect_error(asio::use_awaitable, ec));
        if (gen != generation_) co_return;
        if (ec) break;
        std::string_view in(buf, n);
        while (!in.empty()) {
            in.remove_prefix(deframer_.feed(in));
            while (auto ev = deframer_.next()) {
                if (const auto* f = std::get_if<hj212::DeframedFrame>(&*ev)) {
                    on_frame(f->segment);
                } else {
                    ++frame_errors_;
                    spdlog::warn("upstream {}: {}", settings_.name,
                                 hj212::describe(std::get<hj212::DeframeError>(*ev)));
                }
            }
        }
        process();
    }
    spdlog::warn("upstream {}: link lost: {}", settings_.name,
                 ec == asio::error::eof ? std::string("closed by the platform") : ec.message());
    // As in carry_out(Disconnect): a write of this connection still completing must not pop
    // the outbox cleared here (or the next connection's): that was a double free.
    ++generation_;
    connected_ = false;
    outbox_.clear();
    writing_ = false;
    link_.on_disconnected(now());
    if (on_link_down_) on_link_down_();
    process();
}

void UpstreamClient::on_frame(std::string_view segment) {
    if (on_traffic_) on_traffic_(true, segment);
    if (!hj212::parse_segment(segment, view_).ok()) {
        ++frame_errors_;
        spdlog::warn("upstream {}: unreadable segment from the platform", settings_.name);
        return;
    }
    const auto cn = view_.command();
    if (cn == 9014) {
        if (!link_.on_ack(view_.qn.value_or(""), now()))
            spdlog::debug("upstream {}: 9014 for unknown QN {}", settings_.name,
                          view_.qn.value_or(""));
        return;
    }
    if (cn == 9013) return; // the platform's answer to a heartbeat or notification
    if (on_request_) on_request_(view_, *this);
}

void UpstreamClient::write_next() {
    if (outbox_.empty() || !connected_) {
        writing_ = false;
        return;
    }
    writing_ = true;
    auto self = shared_from_this();
    const std::uint64_t gen = generation_;
    asio::async_write(socket_, asio::buffer(outbox_.front().bytes),
                      [self, gen](const error_code& ec, std::size_t) {
                          if (gen != self->generation_) return;
                          if (ec) {
                              error_code ignore;
                              self->socket_.close(ignore); // the read loop reports the loss
                              return;
                          }
                          auto ids = std::move(self->outbox_.front().ids);
                          self->outbox_.pop_front();
                          if (!ids.empty()) self->link_.on_written(ids);
                          self->write_next();
                          self->process();
                      });
}

asio::awaitable<void> UpstreamClient::tick_loop() {
    auto self = shared_from_this();
    while (!stopped_) {
        ticker_.expires_after(std::chrono::milliseconds(100));
        error_code ec;
        co_await ticker_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        if (stopped_) break;
        const auto t = now();
        if (settings_.heartbeat.count() > 0 && make_heartbeat_ && connected_ &&
            link_.control_idle() && t - last_heartbeat_ >= settings_.heartbeat) {
            last_heartbeat_ = t;
            const std::string hb = make_heartbeat_();
            hj212::PacketView v;
            if (hj212::parse_segment(hb, v).ok())
                link_.send_control({0, hb, std::string(v.qn.value_or("")), false}, t);
        }
        link_.on_tick(t);
        process();
    }
}

} // namespace hj212gw::net
