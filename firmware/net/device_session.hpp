#pragma once
// DeviceSession: one device connection (a TCP socket or a serial port) wired to its
// DeviceConversation. Reads, writes and the store's completions all run on the io_context's
// thread; the conversation decides, the session only carries out.
#include "net/asio.hpp"
#include "net/device_services.hpp"

#include "device/device_conversation.hpp"

#include <spdlog/spdlog.h>

#include <deque>
#include <memory>
#include <string>

namespace hj212gw::net {

template <class Stream>
class DeviceSession final : public DeviceEndpoint,
                            public std::enable_shared_from_this<DeviceSession<Stream>> {
public:
    DeviceSession(Stream stream, std::string peer, storage::Source source,
                  device::DeviceRules rules, DeviceServices& services)
        : stream_(std::move(stream)), timer_(services.io), peer_(std::move(peer)),
          source_(std::move(source)), services_(services), conv_(std::move(rules)) {}

    void start() {
        conv_.on_open(now());
        ++services_.totals.connections;
        // The coroutines take `self` as a parameter: their frames keep the session alive.
        auto self = this->shared_from_this();
        asio::co_spawn(services_.io, read_loop(self), asio::detached);
        asio::co_spawn(services_.io, tick_loop(self), asio::detached);
        spdlog::info("device {} connected ({})", peer_, source_.listener);
    }

    void route_request(std::string segment, std::string qn) override {
        auto self = this->shared_from_this();
        asio::post(services_.io, [self, segment = std::move(segment), qn = std::move(qn)] {
            self->conv_.route_request(segment, qn, self->now());
            self->process();
        });
    }

    std::string peer() const override { return peer_; }
    DeviceStatus status() const override {
        const auto& st = conv_.stats();
        DeviceStatus d;
        d.peer = peer_;
        d.via = source_.listener;
        d.mns = conv_.device_mns();
        d.bytes = st.bytes;
        d.frames = st.frames;
        d.stored = st.stored;
        d.acked = st.acked;
        d.errors = st.bad_segments + st.rejected + st.store_failures;
        for (std::size_t k = 0; k < st.frame_errors.size(); ++k) {
            d.errors += st.frame_errors[k];
            if (st.frame_errors[k])
                d.errors_by_kind[std::string(hj212::to_string(
                    static_cast<hj212::DeframeErrorKind>(k)))] = st.frame_errors[k];
        }
        if (st.bad_segments) d.errors_by_kind["bad_segment"] = st.bad_segments;
        if (st.rejected) d.errors_by_kind["rejected"] = st.rejected;
        if (st.store_failures) d.errors_by_kind["store_failed"] = st.store_failures;
        d.last_packet_ms = st.last_packet_civil_ms.value_or(0);
        return d;
    }
    const device::ConversationStats& stats() const { return conv_.stats(); }
    bool closed() const override { return closed_; }

    void close(const std::string& reason) {
        if (closed_) return;
        closed_ = true;
        spdlog::info("device {} disconnected: {}", peer_, reason);
        error_code ec;
        stream_.close(ec);
        timer_.cancel();
    }

private:
    device::Now now() const { return {services_.clock.mono(), services_.clock.civil_ms()}; }

    asio::awaitable<void> read_loop([[maybe_unused]] std::shared_ptr<DeviceSession> self) {
        char buf[4096];
        while (!closed_) {
            error_code ec;
            const std::size_t n = co_await stream_.async_read_some(
                asio::buffer(buf), asio::redirect_error(asio::use_awaitable, ec));
            if (ec) {
                close(ec == asio::error::eof ? std::string("closed by the device") : ec.message());
                break;
            }
            services_.totals.bytes += n;
            conv_.on_bytes(std::string_view(buf, n), now());
            process();
        }
    }

    asio::awaitable<void> tick_loop([[maybe_unused]] std::shared_ptr<DeviceSession> self) {
        while (!closed_) {
            timer_.expires_after(std::chrono::seconds(1));
            error_code ec;
            co_await timer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
            if (closed_) break;
            conv_.on_tick(now());
            process();
        }
    }

    void process() {
        while (auto action = conv_.poll())
            std::visit([this](auto& a) { carry_out(a); }, *action);
    }

    void carry_out(device::StorePacket& a) {
        auto self = this->shared_from_this();
        const std::uint64_t token = a.token;
        const std::int64_t received_ms = services_.clock.civil_ms();
        ++services_.totals.frames;
        if (services_.on_device_segment) services_.on_device_segment(peer_, a.segment);
        auto record = services_.make_record
                          ? services_.make_record(a.segment, source_, received_ms)
                          : storage::make_packet_record(a.segment, source_, received_ms);
        // The values go on to the averaging once durable; keep them only when someone listens.
        std::shared_ptr<const storage::PacketRecord> kept;
        if (services_.on_record_stored)
            kept = std::make_shared<const storage::PacketRecord>(record);
        services_.store.ingest(
            std::move(record),
            [self, token, kept](const storage::StoreResult<storage::PacketId>& r) {
                // On the store's writer thread: hand the answer back to the network thread.
                const bool ok = r.ok();
                asio::post(self->services_.io, [self, token, ok, kept] {
                    self->conv_.on_stored(token, ok);
                    self->process();
                    if (ok) ++self->services_.totals.stored;
                    if (ok && self->services_.on_packet_stored) self->services_.on_packet_stored();
                    if (ok && kept && self->services_.on_record_stored)
                        self->services_.on_record_stored(*kept);
                });
            });
    }
    void carry_out(device::Write& a) {
        if (closed_) return;
        outbox_.push_back(std::move(a.bytes));
        if (!writing_) write_next();
    }
    void carry_out(device::Close& a) { close(a.reason); }
    void carry_out(device::DeviceSeen& a) {
        services_.registry.add(a.mn, this->shared_from_this());
        spdlog::info("device {} is MN {}", peer_, a.mn);
    }
    void carry_out(device::RelayToPlatform& a) {
        if (services_.relay_to_platform) services_.relay_to_platform(a.segment, a.qn);
    }
    void carry_out(device::Problem& a) {
        spdlog::warn("device {}: {}: {}", peer_, a.kind, a.detail);
        auto& totals = services_.totals.errors_by_kind;
        if (auto it = totals.find(a.kind); it != totals.end())
            ++it->second;
        else
            totals.emplace(a.kind, 1);
    }

    void write_next() {
        if (outbox_.empty() || closed_) {
            writing_ = false;
            return;
        }
        writing_ = true;
        auto self = this->shared_from_this();
        asio::async_write(stream_, asio::buffer(outbox_.front()),
                          [self](const error_code& ec, std::size_t) {
                              if (ec) {
                                  self->close("write failed: " + ec.message());
                                  return;
                              }
                              self->outbox_.pop_front();
                              self->write_next();
                          });
    }

    Stream stream_;
    asio::steady_timer timer_;
    std::string peer_;
    storage::Source source_;
    DeviceServices& services_;
    device::DeviceConversation conv_;
    std::deque<std::string> outbox_;
    bool writing_ = false;
    bool closed_ = false;
};

} // namespace hj212gw::net
