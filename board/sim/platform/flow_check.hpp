#pragma once
// FlowCheck: follows one platform request through the gateway's replies and says whether they
// follow the standard's flow (6.5, Appendix C), sans I/O, time passed in:
//   set      (1000, 1012, 1062, 1064, 1072, 2011, 2021, 3011..3014, 3016, 3021):
//            9011 QnRtn=1, 9012 ExeRtn=1                                  (C.1, C.3, C.6 ...)
//   get      (1011, 1061, 1063, 3015, 3017..3019, 3020 without BeginTime):
//            9011 QnRtn=1, upload(s) with the request's QN and CN, 9012 ExeRtn=1 (C.2, C.5 ...)
//   history  (2031, 2041, 2051, 2061, 3020 with BeginTime): 9011 QnRtn=1, any number of uploads
//            of the request's CN (their QNs are the gateway's own: C.20, C.41), 9012 ExeRtn=1
//            or 100 (no data)                                           (C.20..C.23, C.47..C.50)
//   stop     (2012, 2022): 9013 with the request's QN                        (C.11, C.13)
// Every reply must carry the request's QN and MN. A step that does not come within the reply
// timeout fails the flow (the simulator does not resend: it checks the gateway, and a real
// platform's resend would hide the missing reply). Uploads with other CNs and QNs while a flow
// is open are the gateway's live data, not part of the flow.
#include <hj212/packet.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace hj212gw::sim {

enum class FlowShape : std::uint8_t { set, get, history, stop };
std::string_view to_string(FlowShape s) noexcept;

/// The flow a request follows; `has_begin_time` tells a 3020 log pull from a 3020 get.
FlowShape flow_shape(std::uint16_t cn, bool has_begin_time) noexcept;

enum class FlowStatus : std::uint8_t { pending, passed, failed, not_sent };
std::string_view to_string(FlowStatus s) noexcept;

struct FlowResult {
    std::size_t line = 0; ///< script line, 0 when not from a script
    std::uint16_t cn = 0;
    std::string qn, mn;
    FlowShape shape = FlowShape::set;
    FlowStatus status = FlowStatus::pending;
    std::string reason;      ///< why it failed (or was not sent); empty when it passed
    std::size_t uploads = 0; ///< data uploads that belonged to the flow
    int exe_rtn = 0;         ///< ExeRtn of the 9012, 0 when none came
};

class FlowCheck {
public:
    using Clock = std::chrono::milliseconds; ///< monotonic, any epoch

    FlowCheck(std::uint16_t cn, std::string qn, std::string mn, FlowShape shape, Clock now,
              std::chrono::milliseconds timeout, std::size_t line = 0);

    /// A packet from the gateway. True when it belonged to this flow (a reply, or one of the
    /// flow's uploads); false for unrelated traffic. Ignored once the flow is finished.
    bool on_packet(const hj212::PacketView& p, Clock now);
    /// Fails the flow when the step it waits for is overdue.
    void on_time(Clock now);
    /// The connection closed with the flow open.
    void on_disconnect();

    bool finished() const noexcept { return result_.status != FlowStatus::pending; }
    const FlowResult& result() const noexcept { return result_; }
    Clock deadline() const noexcept { return deadline_; }

private:
    enum class Step : std::uint8_t {
        request_reply,
        get_upload,
        get_result,
        history,
        result,
        notification_reply
    };
    std::string expectation() const;
    void fail(std::string detail);
    bool reject(std::string detail);
    void pass();

    FlowResult result_;
    Step step_;
    std::chrono::milliseconds timeout_;
    Clock deadline_;
};

} // namespace hj212gw::sim
