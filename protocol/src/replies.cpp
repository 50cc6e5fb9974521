#include "hj212/replies.hpp"

#include "hj212/version.hpp"

#include <string>

namespace hj212 {
namespace {

Packet base(const ReplyTo& to, std::string_view cn) {
    Packet p;
    p.qn = std::string(to.qn);
    p.st = "91";
    p.cn = std::string(cn);
    p.pw = std::string(to.pw);
    p.mn = std::string(to.mn);
    p.flag = make_flag(to.version_bits, false, false);
    return p;
}

} // namespace

ReplyTo ReplyTo::of(const PacketView& r) noexcept {
    return {r.qn.value_or(""), r.pw.value_or(""), r.mn.value_or(""),
            r.flag ? flag_version_bits(*r.flag) : kVersion2017};
}

ReplyTo ReplyTo::of(const Packet& r) noexcept {
    return {r.qn, r.pw, r.mn, r.flag ? flag_version_bits(*r.flag) : kVersion2017};
}

Packet make_request_reply(const ReplyTo& to, QnRtn rtn) {
    Packet p = base(to, "9011");
    p.cp.push_back({{"QnRtn", std::to_string(static_cast<unsigned>(rtn))}});
    return p;
}

Packet make_execution_result(const ReplyTo& to, ExeRtn rtn) {
    Packet p = base(to, "9012");
    p.cp.push_back({{"ExeRtn", std::to_string(static_cast<unsigned>(rtn))}});
    return p;
}

Packet make_notification_reply(const ReplyTo& to) {
    return base(to, "9013");
}
Packet make_data_reply(const ReplyTo& to) {
    return base(to, "9014");
}

} // namespace hj212
