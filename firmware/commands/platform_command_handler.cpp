#include "commands/platform_command_handler.hpp"

#include "commands/history_upload.hpp"
#include "commands/request_validation.hpp"

#include "hj212/datetime.hpp"
#include "hj212/replies.hpp"
#include "hj212/version.hpp"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hj212gw::commands {
namespace {

using hj212::ExeRtn;
using hj212::QnRtn;

Exchange request_reply_only(const hj212::ReplyTo& to, QnRtn rtn) {
    return Exchange(std::vector<Outgoing>{Outgoing::of(hj212::make_request_reply(to, rtn))});
}

/// The three-step flow without data: 9011 QnRtn=1, 9012 with the result (C.1, C.3, C.6 ...).
Exchange ready_then_result(const hj212::ReplyTo& to, ExeRtn rtn) {
    std::vector<Outgoing> out;
    out.push_back(Outgoing::of(hj212::make_request_reply(to, QnRtn::ready)));
    out.push_back(Outgoing::of(hj212::make_execution_result(to, rtn)));
    return Exchange(std::move(out));
}

/// 9011, the upload of a get command, 9012 (C.2, C.5, C.7). The upload keeps the request's QN,
/// ST, CN, PW and MN, with Flag = version bits only: no 9014 expected.
Exchange ready_upload_result(const hj212::PacketView& request, std::vector<hj212::OwnedGroup> cp) {
    const auto to = hj212::ReplyTo::of(request);
    hj212::Packet upload;
    upload.qn = std::string(to.qn);
    upload.st = std::string(request.st.value_or(""));
    upload.cn = std::string(request.cn.value_or(""));
    upload.pw = std::string(to.pw);
    upload.mn = std::string(to.mn);
    upload.flag = hj212::make_flag(to.version_bits, false, false);
    upload.cp = std::move(cp);

    std::vector<Outgoing> out;
    out.push_back(Outgoing::of(hj212::make_request_reply(to, QnRtn::ready)));
    out.push_back(Outgoing::of(upload));
    out.push_back(Outgoing::of(hj212::make_execution_result(to, ExeRtn::ok)));
    return Exchange(std::move(out));
}

std::string value_of(CommandContext& ctx, RuntimeParam p) {
    if (auto v = ctx.param(p)) return *v;
    return std::string(default_value(p).value_or(""));
}

/// Validates every value first and sets none unless all are valid: a half-applied 1000 would
/// leave the platform and the gateway disagreeing about the retry policy.
ExeRtn set_params(CommandContext& ctx,
                  const std::vector<std::pair<RuntimeParam, std::string_view>>& values) {
    if (values.empty()) return ExeRtn::condition_error;
    for (const auto& [param, value] : values)
        if (!is_valid_value(param, value)) return ExeRtn::condition_error;
    for (const auto& [param, value] : values)
        if (!ctx.set_param(param, value)) return ExeRtn::fault;
    return ExeRtn::ok;
}

ExeRtn set_from_item(CommandContext& ctx, const hj212::PacketView& request, std::string_view key,
                     RuntimeParam param) {
    const auto value = request.find(key);
    if (!value) return ExeRtn::condition_error;
    return set_params(ctx, {{param, *value}});
}

/// 1000: OverTime and/or ReCount (C.1 sends both).
ExeRtn set_retry_policy(CommandContext& ctx, const hj212::PacketView& request) {
    std::vector<std::pair<RuntimeParam, std::string_view>> values;
    if (auto v = request.find("OverTime")) values.emplace_back(RuntimeParam::over_time, *v);
    if (auto v = request.find("ReCount")) values.emplace_back(RuntimeParam::re_count, *v);
    return set_params(ctx, values);
}

/// 1012. Many boxes keep their clock by NTP or GPS and must not let a platform move it; then the
/// offset (platform minus gateway) is recorded for diagnosis and the command still succeeds: the
/// gateway did what it is configured to do with the platform's time.
ExeRtn set_time(CommandContext& ctx, const hj212::PacketView& request) {
    const auto text = request.find("SystemTime");
    const auto time = text ? hj212::DateTime::parse(*text) : std::nullopt;
    if (!time) return ExeRtn::condition_error;
    const std::int64_t platform_ms = time->to_epoch_ms();
    const std::int64_t offset_ms = platform_ms - ctx.now_ms();
    switch (ctx.set_clock(platform_ms)) {
    case ClockSetResult::set:
        return ExeRtn::ok;
    case ClockSetResult::failed:
        return ExeRtn::failed;
    case ClockSetResult::not_permitted:
        break;
    }
    return ctx.set_param(RuntimeParam::clock_offset_ms, std::to_string(offset_ms)) ? ExeRtn::ok
                                                                                   : ExeRtn::fault;
}

/// 1011 (C.2): PolId echoed when the request names one, then SystemTime.
std::vector<hj212::OwnedGroup> time_upload(CommandContext& ctx, const hj212::PacketView& request) {
    std::vector<hj212::OwnedGroup> cp;
    if (auto pol = request.find("PolId")) cp.push_back({{"PolId", std::string(*pol)}});
    cp.push_back({{"SystemTime", hj212::DateTime::from_epoch_ms(ctx.now_ms()).format14()}});
    return cp;
}

bool is_history(std::uint16_t cn) noexcept {
    return cn == 2031 || cn == 2041 || cn == 2051 || cn == 2061;
}

/// BeginTime/EndTime as an inclusive range. An EndTime to the second covers that whole second
/// (a device stamping DataTime with milliseconds is still inside it).
std::optional<HistoryRange> history_range(const hj212::PacketView& request) {
    const auto begin_text = request.find("BeginTime");
    const auto end_text = request.find("EndTime");
    if (!begin_text || !end_text) return std::nullopt;
    const auto begin = hj212::DateTime::parse(*begin_text);
    const auto end = hj212::DateTime::parse(*end_text);
    if (!begin || !end) return std::nullopt;
    HistoryRange range;
    range.mn = std::string(request.mn.value_or(""));
    range.cn = std::string(request.cn.value_or(""));
    range.begin_ms = begin->to_epoch_ms();
    range.end_ms = end->to_epoch_ms() + (end_text->size() == 14 ? 999 : 0);
    if (range.begin_ms > range.end_ms) return std::nullopt;
    return range;
}

Outcome route_or_fail(const hj212::PacketView& request, CommandContext& ctx) {
    const std::string mn(request.mn.value_or(""));
    if (!ctx.device_online(mn)) return device_unreachable(request);
    return RouteToDevice{mn, std::string(request.qn.value_or("")),
                         std::string(request.cn.value_or("")), std::string(request.segment)};
}

} // namespace

Exchange device_unreachable(const hj212::PacketView& request) {
    return ready_then_result(hj212::ReplyTo::of(request), ExeRtn::failed);
}

Exchange device_timed_out(const hj212::PacketView& request, bool device_sent_request_reply) {
    const auto to = hj212::ReplyTo::of(request);
    if (!device_sent_request_reply) return ready_then_result(to, ExeRtn::timeout);
    return Exchange(
        std::vector<Outgoing>{Outgoing::of(hj212::make_execution_result(to, ExeRtn::timeout))});
}

Outcome PlatformCommandHandler::handle(const hj212::PacketView& request, CommandContext& ctx) {
    if (is_interaction(request)) return Exchange{};
    const auto to = hj212::ReplyTo::of(request);

    const auto valid = validate_request(request, ctx);
    if (!valid) return request_reply_only(to, valid.error());
    const std::uint16_t cn = valid->cn;

    if (is_history(cn)) {
        auto range = history_range(request);
        if (!range) return ready_then_result(to, ExeRtn::condition_error);
        return Exchange(std::make_unique<HistoryUpload>(ctx, qns_, request, std::move(*range)));
    }

    if (valid->addressee == Addressee::device) {
        // A stop notification for a device that is not connected: acknowledge receipt (9013 has
        // no failure code); when it reconnects it uploads per its own settings.
        if (valid->kind == hj212::CommandKind::notification && !ctx.device_online(*request.mn))
            return Exchange(
                std::vector<Outgoing>{Outgoing::of(hj212::make_notification_reply(to))});
        return route_or_fail(request, ctx);
    }

    switch (cn) {
    case 1000:
        return ready_then_result(to, set_retry_policy(ctx, request));
    case 1011:
        return ready_upload_result(request, time_upload(ctx, request));
    case 1012:
        return ready_then_result(to, set_time(ctx, request));
    case 1061:
        return ready_upload_result(request,
                                   {{{"RtdInterval", value_of(ctx, RuntimeParam::rtd_interval)}}});
    case 1062:
        return ready_then_result(
            to, set_from_item(ctx, request, "RtdInterval", RuntimeParam::rtd_interval));
    case 1063:
        return ready_upload_result(request,
                                   {{{"MinInterval", value_of(ctx, RuntimeParam::min_interval)}}});
    case 1064:
        return ready_then_result(
            to, set_from_item(ctx, request, "MinInterval", RuntimeParam::min_interval));
    case 1072:
        // The replies still carry the old PW (C.9): the new one applies from the next request.
        return ready_then_result(to, set_from_item(ctx, request, "NewPW", RuntimeParam::password));
    case 2011:
        return ready_then_result(to, set_params(ctx, {{RuntimeParam::realtime_upload, kOn}}));
    case 2021:
        return ready_then_result(to, set_params(ctx, {{RuntimeParam::status_upload, kOn}}));
    case 2012:
    case 2022: {
        // Notifications (C.11, C.13): 9013 only; a failure to persist cannot be reported.
        const auto param = cn == 2012 ? RuntimeParam::realtime_upload : RuntimeParam::status_upload;
        (void)ctx.set_param(param, kOff);
        return Exchange(std::vector<Outgoing>{Outgoing::of(hj212::make_notification_reply(to))});
    }
    default:
        // A host command the gateway itself does not execute (3xxx control: it has no
        // instrument; 2025's 1002/1014): refused at once rather than a 9012 that would claim
        // an attempt.
        return request_reply_only(to, QnRtn::rejected);
    }
}

} // namespace hj212gw::commands
