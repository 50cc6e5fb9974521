#include "sim/platform/flow_check.hpp"

#include <hj212/codes.hpp>

#include <charconv>

namespace hj212gw::sim {
namespace {

std::optional<int> parse_int(std::optional<std::string_view> text) {
    if (!text) return std::nullopt;
    int v = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
    if (ec != std::errc{} || end != text->data() + text->size()) return std::nullopt;
    return v;
}

// The item a get's upload must carry to be the answer (C.2, C.5, C.7); other gets: any.
std::string_view required_get_item(std::uint16_t cn) {
    switch (cn) {
    case 1011:
        return "SystemTime";
    case 1061:
        return "RtdInterval";
    case 1063:
        return "MinInterval";
    default:
        return {};
    }
}

std::string describe_packet(const hj212::PacketView& p) {
    const auto cn = std::string(p.cn.value_or("(no CN)"));
    std::string s = cn;
    if (cn == "9011") s += " (QnRtn=" + std::string(p.find("QnRtn").value_or("?")) + ")";
    if (cn == "9012") s += " (ExeRtn=" + std::string(p.find("ExeRtn").value_or("?")) + ")";
    s += " QN " + std::string(p.qn.value_or("(none)"));
    return s;
}

} // namespace

std::string_view to_string(FlowShape s) noexcept {
    switch (s) {
    case FlowShape::set:
        return "set";
    case FlowShape::get:
        return "get";
    case FlowShape::history:
        return "history";
    case FlowShape::stop:
        return "stop";
    }
    return "?";
}

std::string_view to_string(FlowStatus s) noexcept {
    switch (s) {
    case FlowStatus::pending:
        return "pending";
    case FlowStatus::passed:
        return "passed";
    case FlowStatus::failed:
        return "failed";
    case FlowStatus::not_sent:
        return "not_sent";
    }
    return "?";
}

FlowShape flow_shape(std::uint16_t cn, bool has_begin_time) noexcept {
    switch (cn) {
    case 2012:
    case 2022:
        return FlowShape::stop;
    case 2031:
    case 2041:
    case 2051:
    case 2061:
        return FlowShape::history;
    case 3020:
        return has_begin_time ? FlowShape::history : FlowShape::get;
    case 1011:
    case 1061:
    case 1063:
    case 3015:
    case 3017:
    case 3018:
    case 3019:
        return FlowShape::get;
    default:
        return FlowShape::set;
    }
}

FlowCheck::FlowCheck(std::uint16_t cn, std::string qn, std::string mn, FlowShape shape, Clock now,
                     std::chrono::milliseconds timeout, std::size_t line)
    : step_(shape == FlowShape::stop ? Step::notification_reply : Step::request_reply),
      timeout_(timeout), deadline_(now + timeout) {
    result_.line = line;
    result_.cn = cn;
    result_.qn = std::move(qn);
    result_.mn = std::move(mn);
    result_.shape = shape;
}

std::string FlowCheck::expectation() const {
    const std::string cn = std::to_string(result_.cn);
    switch (step_) {
    case Step::request_reply:
        return "expected 9011";
    case Step::get_upload:
        return "expected the " + cn + " upload after 9011";
    case Step::get_result:
        return "expected 9012 after the " + cn + " upload";
    case Step::history:
        return "expected " + cn + " uploads or 9012 after 9011";
    case Step::result:
        return "expected 9012 after 9011";
    case Step::notification_reply:
        return "expected 9013";
    }
    return "expected ?";
}

void FlowCheck::fail(std::string detail) {
    result_.status = FlowStatus::failed;
    result_.reason = std::to_string(result_.cn) + " QN " + result_.qn + ": " + detail;
}

bool FlowCheck::reject(std::string detail) {
    fail(std::move(detail));
    return true; // the packet was this flow's, even though it was wrong
}

void FlowCheck::pass() {
    result_.status = FlowStatus::passed;
}

bool FlowCheck::on_packet(const hj212::PacketView& p, Clock now) {
    if (finished()) return false;
    const auto cn = p.command();
    if (!cn) return false;
    const bool is_reply = *cn == 9011 || *cn == 9012 || *cn == 9013;
    const bool same_qn = p.qn && *p.qn == result_.qn;
    const bool own_cn = *cn == result_.cn;
    const bool history_upload = step_ == Step::history && own_cn;
    if (!is_reply && !same_qn && !history_upload) return false; // the gateway's live data

    deadline_ = now + timeout_;
    const std::string got = describe_packet(p);
    if (is_reply && !same_qn) return reject(expectation() + " with the request's QN, got " + got);
    if (p.mn && *p.mn != result_.mn)
        return reject(expectation() + " for MN " + result_.mn + ", got " + got + " for MN " +
                      std::string(*p.mn));
    switch (step_) {
    case Step::request_reply: {
        if (*cn != 9011) return reject(expectation() + ", got " + got);
        const auto rtn = parse_int(p.find("QnRtn"));
        if (rtn != 1) {
            const auto text = rtn ? hj212::describe(static_cast<hj212::QnRtn>(*rtn)) : "";
            return reject("9011 QnRtn=" + std::string(p.find("QnRtn").value_or("(none)")) +
                          (text.empty() ? "" : " (" + std::string(text) + ")") +
                          ", expected QnRtn=1");
        }
        step_ = result_.shape == FlowShape::get       ? Step::get_upload
                : result_.shape == FlowShape::history ? Step::history
                                                      : Step::result;
        return true;
    }
    case Step::get_upload:
    case Step::get_result:
        if (own_cn) {
            const auto need = required_get_item(result_.cn);
            if (!need.empty() && !p.find(need))
                return reject("the " + std::to_string(result_.cn) + " upload lacks " +
                              std::string(need));
            ++result_.uploads;
            step_ = Step::get_result;
            return true;
        }
        if (step_ == Step::get_upload || *cn != 9012) return reject(expectation() + ", got " + got);
        break; // 9012 after the upload: checked below
    case Step::history:
        if (own_cn) {
            ++result_.uploads;
            return true;
        }
        if (*cn != 9012) return reject(expectation() + ", got " + got);
        break;
    case Step::result:
        if (*cn != 9012) return reject(expectation() + ", got " + got);
        break;
    case Step::notification_reply:
        if (*cn != 9013) return reject(expectation() + ", got " + got);
        pass();
        return true;
    }
    // A 9012 in the step that expects it.
    const auto exe = parse_int(p.find("ExeRtn"));
    result_.exe_rtn = exe.value_or(0);
    const bool ok = exe == 1 || (exe == 100 && result_.shape == FlowShape::history);
    if (!ok) {
        const auto text = exe ? hj212::describe(static_cast<hj212::ExeRtn>(*exe)) : "";
        return reject("9012 ExeRtn=" + std::string(p.find("ExeRtn").value_or("(none)")) +
                      (text.empty() ? "" : " (" + std::string(text) + ")") + ", expected ExeRtn=1" +
                      (result_.shape == FlowShape::history ? " or 100" : ""));
    }
    pass();
    return true;
}

void FlowCheck::on_time(Clock now) {
    if (finished() || now < deadline_) return;
    const auto ms = timeout_.count();
    fail(expectation() + ", got nothing within " +
         (ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : std::to_string(ms) + " ms"));
}

void FlowCheck::on_disconnect() {
    if (finished()) return;
    fail(expectation() + ", got a closed connection");
}

} // namespace hj212gw::sim
