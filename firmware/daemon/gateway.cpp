#include "daemon/gateway.hpp"

#include "commands/gateway_uploads.hpp"
#include "commands/platform_command_handler.hpp"
#include "commands/qn_source.hpp"
#include "config/config_report.hpp"
#include "console/console_service.hpp"
#include "daemon/gateway_command_context.hpp"
#include "daemon/gateway_operator_api.hpp"
#include "daemon/status_report.hpp"
#include "daemon/systemd_notifier.hpp"
#include "daemon/value_pipeline.hpp"
#include "http/http_server.hpp"
#include "net/asio.hpp"
#include "net/clock.hpp"
#include "net/device_listener.hpp"
#include "net/device_registry.hpp"
#include "net/serial_device.hpp"
#include "net/upstream_client.hpp"
#include "rates/rate_calculator.hpp"
#include "rates/report_command.hpp"
#include "rates/store_reader.hpp"

#include <hj212gw/storage/store.hpp>
#include <spdlog/spdlog.h>

#include <hj212/datetime.hpp>

#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <random>

namespace hj212gw::daemon {

namespace asio = net::asio;

namespace {

/// After a device's 9011, how long its instrument may take (a calibration runs for minutes).
constexpr std::chrono::minutes kRoutedExecutionTimeout{10};

device::DeviceRules rules_of(const config::GatewayConfig& c, const config::ListenerConfig* l) {
    device::DeviceRules r;
    r.max_segment = c.protocol.max_segment;
    if (l) {
        r.allow_mn = l->allow_mn;
        if (l->check_password) r.password = l->password.empty() ? c.gateway.pw : l->password;
        // The config bounds it to 16 MiB, so it fits a 32-bit size_t (armhf).
        r.max_garbage_bytes = static_cast<std::size_t>(l->max_garbage_bytes);
        r.idle_timeout = l->idle_timeout.count() == 0 ? std::chrono::hours(24 * 365 * 10)
                                                      : std::chrono::milliseconds(l->idle_timeout);
    }
    return r;
}

validity::ValidityRules validity_rules_of(const config::GatewayConfig& c) {
    if (!c.validity.empty()) spdlog::info("validity: {} configured rules", c.validity.size());
    return daemon::validity_rules_of(c.validity);
}

std::vector<averaging::AveragingConfig> averaging_configs_of(const config::GatewayConfig& c) {
    std::vector<averaging::AveragingConfig> out;
    for (const auto& e : c.averaging) {
        auto a = e.kind == config::AveragingKind::gas
                     ? averaging::AveragingConfig::gas(e.mn)
                     : averaging::AveragingConfig::water(
                           e.mn, e.method == config::AveragingMethod::flow_weighted
                                     ? averaging::WaterMethod::flow_weighted
                                     : averaging::WaterMethod::arithmetic);
        if (e.kind == config::AveragingKind::water)
            a.slice_seconds = static_cast<int>(c.runtime.rtd_interval.count());
        a.min_interval_minutes = static_cast<int>(e.min_interval.count());
        if (!e.flow_factor.empty()) a.flow_factor = e.flow_factor;
        for (const auto& f : e.factors) {
            averaging::FactorSetting fs{f, std::nullopt};
            if (auto it = e.reference_o2.find(f); it != e.reference_o2.end())
                fs.reference_o2 = it->second;
            a.factors.push_back(std::move(fs));
        }
        if (auto problem = averaging::validate(a)) {
            spdlog::error("averaging for MN {} is off: {}", e.mn, *problem);
            continue;
        }
        spdlog::info("averaging: MN {} ({} factors, MinInterval {} min)", e.mn,
                     a.ordered_factors().size(), a.min_interval_minutes);
        out.push_back(std::move(a));
    }
    return out;
}

} // namespace

// Everything the gateway owns, in construction order (destroyed in reverse).
struct Gateway::Parts {
    config::GatewayConfig config;
    net::GatewayClock clock;
    asio::io_context io{1};
    asio::thread_pool reads{1}; // blocking store reads, off the network thread
    std::unique_ptr<storage::Store> store;
    net::DeviceRegistry devices;
    std::unique_ptr<ValuePipeline> values; // verdicts and averages; network thread only
    std::unique_ptr<net::DeviceServices> services;
    std::vector<std::shared_ptr<net::DeviceListener>> listeners;
    std::vector<std::shared_ptr<net::SerialDevice>> serials;
    commands::QnSource qns;
    commands::PlatformCommandHandler handler{qns};

    struct Link {
        std::shared_ptr<net::UpstreamClient> client;
        std::unique_ptr<GatewayCommandContext> context;
        // Exchanges with this platform, answered one after the other: a request that arrives
        // during a long history upload waits for it instead of cutting it short.
        std::deque<commands::Exchange> exchanges;
    };
    std::vector<Link> links;
    // A control command routed to a device, until its 9012 comes back or it times out.
    struct RoutedCommand {
        Link* link;
        std::string request; // the platform's segment, to answer for the device on a timeout
        std::chrono::milliseconds deadline;
        bool device_replied = false; // the device sent its 9011
    };
    std::map<std::string, RoutedCommand> routed; // by QN
    asio::steady_timer routed_timer{io};
    asio::signal_set signals{io, SIGINT, SIGTERM, SIGHUP};
    asio::steady_timer watchdog{io};
    asio::steady_timer status_timer{io};
    asio::steady_timer averaging_timer{io};
    asio::steady_timer rates_timer{io};
    // Today's and month-to-date rates, computed on the read worker, read for the status.
    std::mutex rates_mu;
    std::vector<RateStatus> rate_figures;
    std::map<std::pair<std::string, std::string>, std::int64_t> warned_day; // read worker only
    std::int64_t started_ms = 0;
    // The last complete status (queue depths included), for the console and HTTP.
    mutable std::mutex latest_mu;
    std::shared_ptr<const GatewayStatus> latest = std::make_shared<GatewayStatus>();
    // Operators' access: runtime parameters through a context with the configured defaults.
    config::UpstreamConfig operator_link_defaults;
    std::unique_ptr<GatewayCommandContext> operator_context;
    std::unique_ptr<GatewayOperatorApi> operator_api;
    std::unique_ptr<console::ConsoleService> console;
    std::unique_ptr<http::HttpServer> http;
    SystemdNotifier systemd;
    StopReason reason = StopReason::terminate;

    explicit Parts(config::GatewayConfig c) : config(std::move(c)) {}

    void feed_exchange(Link& link) {
        while (!link.exchanges.empty() && link.client->control_idle()) {
            auto out = link.exchanges.front().next();
            if (!out) {
                link.exchanges.pop_front();
                continue;
            }
            link.client->send_control(
                {0, std::move(out->segment), std::move(out->qn), out->await_ack});
        }
    }

    void on_platform_request(Link& link, const hj212::PacketView& request) {
        spdlog::info("upstream {}: CN {} QN {} for MN {}", link.client->settings().name,
                     request.cn.value_or("?"), request.qn.value_or("?"), request.mn.value_or("?"));
        auto outcome = handler.handle(request, *link.context);
        if (auto* ex = std::get_if<commands::Exchange>(&outcome)) {
            link.exchanges.push_back(std::move(*ex));
            feed_exchange(link);
            return;
        }
        auto& route = std::get<commands::RouteToDevice>(outcome);
        if (auto device = devices.find(route.mn)) {
            // The device must answer 9011 within the link's OverTime x (ReCount + 1).
            const auto& lc = link.client->settings().link;
            routed[route.qn] = RoutedCommand{
                &link, route.segment, clock.mono() + lc.over_time * (lc.re_count + 1), false};
            device->route_request(route.segment, route.qn);
            spdlog::info("CN {} for MN {} routed to device {}", route.cn, route.mn, device->peer());
        } else {
            link.exchanges.push_back(commands::device_unreachable(request));
            feed_exchange(link);
        }
    }

    void relay_to_platform(const std::string& segment, const std::string& qn) {
        auto it = routed.find(qn);
        if (it == routed.end()) return;
        it->second.link->client->send_control({0, segment, qn, false});
        if (segment.find("CN=9011;") != std::string::npos) {
            it->second.device_replied = true;
            it->second.deadline = clock.mono() + kRoutedExecutionTimeout;
        }
        if (segment.find("CN=9012;") != std::string::npos) routed.erase(it);
    }

    // A device that never answers (or vanished) must not leave the platform waiting forever:
    // the gateway answers for it (9012 ExeRtn=4, preceded by 9011 when the device sent none).
    void expire_routed() {
        const auto now = clock.mono();
        for (auto it = routed.begin(); it != routed.end();) {
            if (now < it->second.deadline) {
                ++it;
                continue;
            }
            hj212::PacketView view;
            if (hj212::parse_segment(it->second.request, view).ok()) {
                spdlog::warn("routed command QN {} timed out: the device did not answer",
                             it->first);
                Link& link = *it->second.link;
                link.exchanges.push_back(
                    commands::device_timed_out(view, it->second.device_replied));
                feed_exchange(link);
            }
            it = routed.erase(it);
        }
        routed_timer.expires_after(std::chrono::seconds(1));
        routed_timer.async_wait([this](const net::error_code& ec) {
            if (!ec) expire_routed();
        });
    }

    // Every second: a snapshot on the network thread, the queue depths and the file writes on
    // the read worker (they touch SQLite and the disk).
    // What the network thread knows right now: devices, links, counters.
    GatewayStatus snapshot_now() const {
        GatewayStatus st;
        st.version = HJ212GW_VERSION;
        st.mn = config.gateway.mn;
        st.started_ms = started_ms;
        st.now_ms = clock.civil_ms();
        st.clock_offset_ms = clock.offset_ms();
        st.disk_alarm = store->alarm();
        const auto& totals = services->totals;
        st.device_totals.connections = totals.connections;
        st.device_totals.bytes = totals.bytes;
        st.device_totals.frames = totals.frames;
        st.device_totals.stored = totals.stored;
        st.device_totals.errors_by_kind.insert(totals.errors_by_kind.begin(),
                                               totals.errors_by_kind.end());
        for (const auto& l : listeners)
            for (auto& d : l->device_status())
                st.devices.push_back(std::move(d));
        for (const auto& s : serials)
            if (auto d = s->device_status()) st.devices.push_back(std::move(*d));
        for (const auto& l : links) {
            const auto& c = *l.client;
            UpstreamStatus u;
            u.name = c.settings().name;
            u.endpoint = c.settings().host + ":" + std::to_string(c.settings().port);
            u.state = std::string(upstream::to_string(c.state()));
            u.in_flight = c.in_flight();
            u.sent = c.stats().sent;
            u.resent = c.stats().resent;
            u.acked = c.stats().acked;
            u.timeouts = c.stats().timeouts;
            u.connects = c.stats().connects;
            if (c.stats().smoothed_rtt) u.rtt_ms = c.stats().smoothed_rtt->count();
            st.upstreams.push_back(std::move(u));
        }
        return st;
    }

    void report_status() {
        GatewayStatus st = snapshot_now();
        asio::post(reads, [this, st = std::move(st)]() mutable {
            {
                std::lock_guard lock(rates_mu);
                st.rates = rate_figures;
            }
            for (auto& u : st.upstreams) {
                auto q = store->queue_stats(u.name);
                if (q.ok()) {
                    u.pending = q->pending + q->in_flight;
                    u.oldest_open_id = q->oldest_open;
                    if (q->oldest_open)
                        if (auto p = store->packet(*q->oldest_open); p.ok() && p->has_value())
                            u.oldest_pending_age_ms = st.now_ms - (*p)->received_ms;
                }
            }
            fill_store_status(st.store);
            write_atomically(config.data_dir, "status.json", status_json(st));
            write_atomically(config.data_dir, "status.txt", status_text(st));
            auto done = std::make_shared<const GatewayStatus>(std::move(st));
            std::lock_guard lock(latest_mu);
            latest = std::move(done);
        });
        status_timer.expires_after(std::chrono::seconds(1));
        status_timer.async_wait([this](const net::error_code& ec) {
            if (!ec) report_status();
        });
    }

    // Read worker: file sizes and free space touch the disk.
    void fill_store_status(ops::StoreStatus& out) {
        std::error_code ec;
        const auto db = store->path();
        for (const auto* suffix : {"", "-wal"}) {
            const auto size = std::filesystem::file_size(db.string() + suffix, ec);
            if (!ec) out.file_bytes += size;
        }
        if (const auto space = std::filesystem::space(config.data_dir, ec); !ec) {
            out.disk_free_bytes = space.available;
            out.disk_total_bytes = space.capacity;
        }
        const auto stats = store->stats();
        out.evicted_delivered = stats.evicted_delivered;
        out.evicted_undelivered = stats.evicted_undelivered;
    }

    // For the console and HTTP: live devices and links, with the queue depths, store figures
    // and rates of the last complete snapshot (at most a second old).
    GatewayStatus operator_status() const {
        GatewayStatus st = snapshot_now();
        std::shared_ptr<const GatewayStatus> last;
        {
            std::lock_guard lock(latest_mu);
            last = latest;
        }
        st.store = last->store;
        st.rates = last->rates;
        for (auto& u : st.upstreams)
            for (const auto& old : last->upstreams)
                if (old.name == u.name) {
                    u.pending = old.pending;
                    u.oldest_open_id = old.oldest_open_id;
                    u.oldest_pending_age_ms = old.oldest_pending_age_ms;
                }
        return st;
    }

    ops::Outcome<std::string> send_to_platform(const std::string& name, const std::string& segment,
                                               const std::string& qn) {
        if (links.empty()) return hj212::fail(std::string("no platforms are configured"));
        Link* link = name.empty() ? &links.front() : nullptr;
        for (auto& l : links)
            if (l.client->settings().name == name) link = &l;
        if (!link) return hj212::fail("no platform named '" + name + "'");
        const auto& c = *link->client;
        if (c.state() != upstream::LinkState::connected)
            return hj212::fail("platform " + c.settings().name + " is not connected (" +
                               std::string(upstream::to_string(c.state())) + ")");
        link->client->send_control({0, segment, qn, false});
        spdlog::info("console: test packet QN {} sent to {}", qn, c.settings().name);
        return "sent to " + c.settings().name + " (" + c.settings().host + ":" +
               std::to_string(c.settings().port) + "); its answer shows in tap";
    }

    // OverTime/ReCount changed on the console: the links use them from now on.
    void apply_link_params(commands::RuntimeParam p) {
        if (p != commands::RuntimeParam::over_time && p != commands::RuntimeParam::re_count) return;
        auto over = store->param(kGatewayScope, "OverTime");
        auto recount = store->param(kGatewayScope, "ReCount");
        for (auto& link : links) {
            const auto& lc = link.client->settings().link;
            const auto o = over.ok() && over->has_value()
                               ? std::chrono::milliseconds(std::stoi(**over) * 1000)
                               : lc.over_time;
            const int r = recount.ok() && recount->has_value() ? std::stoi(**recount) : lc.re_count;
            link.client->set_timeouts(o, r);
        }
    }

    void notify_upstreams() {
        for (auto& l : links)
            l.client->notify_new_data();
    }

    std::function<std::string()> qn_maker() {
        return [this] { return qns.next(clock.civil_ms()); };
    }

    // A device packet is durable: an averaged MN's 2011 may close intervals.
    void on_record_stored(const storage::PacketRecord& record) {
        ingest_generated(values->on_stored(record, qn_maker()));
    }

    // The gateway's own averages, stored and queued exactly like device packets (verdicts
    // included); the upstreams are told once each is durable.
    void ingest_generated(const std::vector<std::string>& segments) {
        for (const auto& seg : segments) {
            auto record = values->make_record(seg, averaging_source(), clock.civil_ms());
            spdlog::debug("averaging: MN {} CN {} DataTime {}", record.mn, record.cn,
                          record.data_time_ms.value_or(0));
            store->ingest(std::move(record),
                          [this](const storage::StoreResult<storage::PacketId>& r) {
                              if (!r.ok()) {
                                  spdlog::error("averaging: storing a generated packet failed: {}",
                                                r.error().message);
                                  return;
                              }
                              asio::post(io, [this] { notify_upstreams(); });
                          });
        }
    }

    // Every second: closes averaging intervals a silent device left open.
    void close_intervals() {
        ingest_generated(values->close_until(clock.civil_ms(), qn_maker()));
        averaging_timer.expires_after(std::chrono::seconds(1));
        averaging_timer.async_wait([this](const net::error_code& ec) {
            if (!ec) close_intervals();
        });
    }

    // Once a minute, on the read worker (SQLite and the calculator must not hold up the
    // network thread): today's and month-to-date rates per MN x factor, and a warning (once a
    // factor a day) when a month-to-date 传输有效率 is below rates.warn_below.
    void compute_rates() {
        const std::int64_t now_local = clock.civil_ms();
        asio::post(reads, [this, now_local] { update_rates(now_local); });
        rates_timer.expires_after(std::chrono::minutes(1));
        rates_timer.async_wait([this](const net::error_code& ec) {
            if (!ec) compute_rates();
        });
    }

    void update_rates(std::int64_t now_local) {
        const std::int64_t today = rates::day_start(now_local);
        auto first = hj212::DateTime::from_epoch_ms(today);
        first.day = 1;
        const std::int64_t month = first.to_epoch_ms();
        auto observations = rates::load_hourly_observations(
            store->path(), rates::ObservationQuery{month, today + rates::kDayMs - 1, "", ""});
        if (!observations) {
            spdlog::warn("rates: cannot read the store: {}", observations.error().message);
            return;
        }
        auto rules = rates::ReportOptions::default_rules();
        rules.due_until_ms = now_local;
        rates::RateCalculator calculator(std::move(rules));
        calculator.add(*observations);
        const auto daily = calculator.daily(rates::DayRange{month, today}, rates::View{});
        const auto today_text = rates::format_day(today);
        std::map<std::pair<std::string, std::string>, RateStatus> by_key;
        for (const auto& row : daily) {
            if (row.period != today_text) continue;
            auto& r = by_key[{row.mn, row.factor}];
            r.mn = row.mn;
            r.factor = row.factor;
            r.today_should = row.counts.should;
            r.today_received = row.counts.received;
            r.today_valid = row.counts.valid;
            r.today_effective = rates::effective_rate(row.counts);
        }
        for (const auto& row : rates::monthly(daily)) {
            auto& r = by_key[{row.mn, row.factor}];
            r.mn = row.mn;
            r.factor = row.factor;
            r.month_should = row.counts.should;
            r.month_received = row.counts.received;
            r.month_valid = row.counts.valid;
            r.month_effective = rates::effective_rate(row.counts);
            if (r.month_effective && *r.month_effective < config.rates.warn_below) {
                auto& last = warned_day[{row.mn, row.factor}];
                if (last != today) {
                    last = today;
                    spdlog::warn("rates: MN {} factor {}: month-to-date effective rate {:.2f}% "
                                 "is below {:.2f}% ({} valid of {} hourly values due)",
                                 row.mn, row.factor, *r.month_effective * 100.0,
                                 config.rates.warn_below * 100.0, row.counts.valid,
                                 row.counts.should);
                }
            }
        }
        std::vector<RateStatus> fresh;
        fresh.reserve(by_key.size());
        for (auto& [key, r] : by_key)
            fresh.push_back(std::move(r));
        std::lock_guard lock(rates_mu);
        rate_figures = std::move(fresh);
    }

    // The console and the HTTP endpoint, over one GatewayOperatorApi.
    std::string open_operator_access() {
        const auto& c = config;
        operator_link_defaults =
            c.upstreams.empty() ? config::UpstreamConfig{} : c.upstreams.front();
        operator_context = std::make_unique<GatewayCommandContext>(config, operator_link_defaults,
                                                                   *store, clock, devices);
        operator_context->set_param_hook(
            [this](commands::RuntimeParam p) { apply_link_params(p); });
        auto rules = rates::ReportOptions::default_rules();
        OperatorHooks hooks;
        hooks.status = [this] { return operator_status(); };
        hooks.send = [this](const std::string& name, const std::string& segment,
                            const std::string& qn) { return send_to_platform(name, segment, qn); };
        hooks.upstream_names = [this] {
            std::vector<std::string> names;
            for (const auto& l : links)
                names.push_back(l.client->settings().name);
            return names;
        };
        operator_api = std::make_unique<GatewayOperatorApi>(
            io, reads, *store, clock, *operator_context, std::move(rules), std::move(hooks));
        services->on_device_segment = [this](std::string_view peer, std::string_view segment) {
            operator_api->publish("dev", peer, segment);
        };
        for (auto& l : links) {
            const std::string name = l.client->settings().name;
            l.client->set_traffic_hook([this, name](bool from_platform, std::string_view seg) {
                operator_api->publish(from_platform ? "down" : "up", name, seg);
            });
        }

        console::ConsoleServiceSettings cs;
        cs.socket = config::console_socket_path(c);
        cs.serial = c.console.serial.string();
        cs.baud = c.console.baud;
        cs.password = c.console.password;
        cs.max_failures = c.console.max_failures;
        cs.lockout = c.console.lockout;
        cs.idle_logout = c.console.idle_logout;
        cs.max_sessions = c.console.max_sessions;
        console = std::make_unique<console::ConsoleService>(io, *operator_api, std::move(cs));
        if (auto error = console->open(); !error.empty()) return error;

        if (c.http) {
            http::HttpSettings hs;
            hs.host = c.http->host;
            hs.port = c.http->port;
            hs.token = c.http->token;
            hs.max_connections = c.http->max_connections;
            hs.max_request_bytes = c.http->max_request_bytes;
            hs.idle_timeout = c.http->idle_timeout;
            hs.page_refresh = c.http->page_refresh;
            http = std::make_unique<http::HttpServer>(io, *operator_api, std::move(hs));
            if (auto error = http->open(); !error.empty()) return error;
        }
        return {};
    }

    void stop_all() {
        // A reload has already said RELOADING=1; STOPPING=1 would make systemd stop the unit.
        if (reason == StopReason::terminate) systemd.stopping();
        for (auto& l : listeners)
            l->stop();
        for (auto& s : serials)
            s->stop();
        for (auto& l : links)
            l.client->stop();
        watchdog.cancel();
        routed_timer.cancel();
        status_timer.cancel();
        averaging_timer.cancel();
        rates_timer.cancel();
        if (console) console->stop();
        if (http) http->stop();
        if (store) store->flush(); // what devices were told is stored is on disk
        io.stop();
    }
};

Gateway::Gateway(config::GatewayConfig config)
    : parts_(std::make_unique<Parts>(std::move(config))) {}

Gateway::~Gateway() {
    if (parts_) parts_->reads.join();
}

std::string Gateway::open() {
    auto& p = *parts_;
    const auto& c = p.config;
    for (const auto& line : config::report_lines(c))
        spdlog::info("config: {} = {}", line.key, line.value);

    storage::StoreOptions so;
    so.data_dir = c.data_dir;
    for (const auto& u : c.upstreams)
        so.upstreams.push_back(u.name);
    so.commit.max_batch_items = c.store.commit_max_rows;
    so.commit.max_batch_delay = c.store.commit_interval;
    so.retention.budget_bytes = c.store.budget_bytes;
    so.retention.hard_limit_bytes = c.store.hard_limit_bytes;
    so.retention.delivered_max_age_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(c.store.delivered_max_age).count();
    so.clock = [&clock = p.clock] { return clock.civil_ms(); };
    so.on_alarm = [](bool on) {
        if (on)
            spdlog::critical("DISK FULL: devices are not acknowledged until space returns");
        else
            spdlog::warn("disk space is back: acknowledging devices again");
    };
    auto store = storage::Store::open(so);
    if (!store)
        return "cannot open the store in " + c.data_dir.string() + ": " + store.error().message;
    p.store = std::move(*store);
    if (auto q = p.store->stats().quarantined)
        spdlog::critical(
            "the database failed its check and was moved to {} ({}); a fresh one was created",
            q->moved_to.string(), q->reason);

    p.values = std::make_unique<ValuePipeline>(validity_rules_of(c), averaging_configs_of(c));
    p.services = std::make_unique<net::DeviceServices>(net::DeviceServices{
        p.io, *p.store, p.devices, p.clock,
        [&p](const std::string& seg, const std::string& qn) { p.relay_to_platform(seg, qn); },
        [&p] { p.notify_upstreams(); },
        [&p](std::string_view segment, storage::Source source, std::int64_t received_ms) {
            return p.values->make_record(segment, std::move(source), received_ms);
        },
        [&p](const storage::PacketRecord& record) { p.on_record_stored(record); }});

    for (const auto& l : c.listeners) {
        net::ListenerSettings ls;
        ls.name = l.name.empty() ? "tcp://" + l.host + ":" + std::to_string(l.port) : l.name;
        ls.host = l.host;
        ls.port = l.port;
        ls.max_connections = l.max_connections;
        ls.rules = rules_of(c, &l);
        auto listener = std::make_shared<net::DeviceListener>(*p.services, ls);
        if (auto ec = listener->open())
            return "cannot listen on " + l.host + ":" + std::to_string(l.port) + ": " +
                   ec.message();
        p.listeners.push_back(std::move(listener));
    }
    for (const auto& s : c.serial_ports) {
        net::SerialSettings ss;
        ss.name = s.name.empty() ? s.device.string() : s.name;
        ss.device = s.device.string();
        ss.baud = s.baud;
        ss.data_bits = s.data_bits;
        ss.parity = s.parity == config::Parity::odd    ? 'O'
                    : s.parity == config::Parity::even ? 'E'
                                                       : 'N';
        ss.stop_bits = s.stop_bits;
        ss.rs485 = s.rs485;
        ss.rules = rules_of(c, nullptr);
        ss.rules.idle_timeout = std::chrono::minutes(10); // a quiet line is reopened, not dropped
        p.serials.push_back(std::make_shared<net::SerialDevice>(*p.services, ss));
    }

    std::random_device seed;
    p.links.reserve(c.upstreams.size());
    for (const auto& u : c.upstreams) {
        net::UpstreamSettings us;
        us.name = u.name;
        us.host = u.host;
        us.port = u.port;
        us.link.window = u.window;
        us.link.over_time = u.over_time;
        us.link.re_count = static_cast<int>(u.re_count);
        us.link.backoff_initial = u.backoff_initial;
        us.link.backoff_max = u.backoff_max;
        us.link.connect_timeout = u.over_time;
        us.rewrite_pw = u.rewrite_pw;
        us.mn_map.insert(u.mn_map.begin(), u.mn_map.end());
        us.heartbeat = u.heartbeat;
        us.max_segment = c.protocol.max_segment;
        Parts::Link link;
        link.client =
            std::make_shared<net::UpstreamClient>(p.io, *p.store, p.reads, p.clock, us, seed());
        link.context =
            std::make_unique<GatewayCommandContext>(p.config, u, *p.store, p.clock, p.devices);
        p.links.push_back(std::move(link));
    }
    // Parameters a platform set before a restart (1000) apply to every link again.
    auto over = p.store->param(kGatewayScope, "OverTime");
    auto recount = p.store->param(kGatewayScope, "ReCount");
    for (auto& link : p.links) {
        if (over.ok() && over->has_value() && recount.ok() && recount->has_value())
            link.client->set_timeouts(std::chrono::seconds(std::stoi(**over)),
                                      std::stoi(**recount));
        auto* lp = &link;
        link.client->set_request_handler(
            [&p, lp](const hj212::PacketView& v, net::UpstreamClient&) {
                p.on_platform_request(*lp, v);
            });
        link.client->set_control_idle_hook([&p, lp] { p.feed_exchange(*lp); });
        // OverTime/ReCount from a platform's 1000 apply to every running link at once.
        link.context->set_param_hook([&p](commands::RuntimeParam rp) { p.apply_link_params(rp); });
        // The platform asks again after a reconnect; half an exchange on a new link helps nobody.
        link.client->set_link_down_hook([lp] { lp->exchanges.clear(); });
        link.client->set_heartbeat_maker(
            [&p, lp] { return commands::make_heartbeat(*lp->context, p.qns).segment; });
    }
    if (auto error = p.open_operator_access(); !error.empty()) return error;
    return {};
}

StopReason Gateway::run() {
    auto& p = *parts_;
    p.signals.async_wait([&p](const net::error_code& ec, int sig) {
        if (ec) return;
        spdlog::info("signal {}: {}", sig,
                     sig == SIGHUP ? "reloading the configuration" : "stopping");
        p.reason = sig == SIGHUP ? StopReason::reload : StopReason::terminate;
        if (sig == SIGHUP) p.systemd.reloading();
        p.stop_all();
    });
    for (auto& l : p.listeners)
        l->start();
    for (auto& s : p.serials)
        s->start();
    for (auto& l : p.links)
        l.client->start();
    p.started_ms = p.clock.civil_ms();
    if (p.console) p.console->start();
    if (p.http) p.http->start();
    p.expire_routed();
    p.close_intervals();
    p.report_status();
    p.compute_rates();

    // 2081: the unit's restart time goes to every platform through the store's queue.
    if (!p.links.empty() && !p.config.gateway.mn.empty()) {
        const auto restart =
            commands::make_restart_time_upload(*p.links.front().context, p.qns, p.clock.civil_ms());
        p.store->ingest(restart.segment, storage::Source{"gateway", 0, "self"},
                        [&p](const auto& r) {
                            if (r.ok())
                                asio::post(p.io, [&p] {
                                    for (auto& l : p.links)
                                        l.client->notify_new_data();
                                });
                        });
    }

    if (auto every = p.systemd.watchdog_interval()) {
        std::function<void()> feed;
        feed = [&p, every, &feed] {
            p.systemd.watchdog();
            p.watchdog.expires_after(*every);
            p.watchdog.async_wait([&feed](const net::error_code& ec) {
                if (!ec) feed();
            });
        };
        feed();
        p.systemd.ready();
        spdlog::info("hj212gw running");
        p.io.run();
    } else {
        p.systemd.ready();
        spdlog::info("hj212gw running");
        p.io.run();
    }
    spdlog::info("hj212gw stopped");
    return p.reason;
}

} // namespace hj212gw::daemon
