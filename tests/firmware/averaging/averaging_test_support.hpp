#pragma once
// Helpers for the averaging tests: site-clock times and hand-built samples / intervals.
#include "averaging/interval.hpp"

#include <hj212/datetime.hpp>

#include <cstdint>
#include <string>

namespace hj212gw::averaging::test {

/// 2024-05-01 hh:mm:ss on the site clock, in ms.
inline std::int64_t at(int hour, int minute, int second = 0, int day = 1) {
    return hj212::DateTime{2024, 5, day, hour, minute, second, 0}.to_epoch_ms();
}

inline Sample sample(std::int64_t t, std::string factor, double value, bool valid = true,
                     char flag = 'N') {
    return Sample{t, std::move(factor), value, flag, valid};
}

/// A child interval (minute or hour) with one factor, as the lower level would have closed it.
inline IntervalResult child(IntervalKind kind, std::int64_t start, std::int64_t length,
                            std::string factor, double avg, bool valid, double cou = 0.0) {
    IntervalResult r;
    r.kind = kind;
    r.start_ms = start;
    r.end_ms = start + length;
    FactorResult f;
    f.factor = std::move(factor);
    f.avg = avg;
    f.min = avg;
    f.max = avg;
    f.cou = cou;
    f.valid = valid;
    f.flag = valid ? 'N' : 'D';
    f.valid_count = valid ? 1 : 0;
    f.total_count = 1;
    r.factors.push_back(std::move(f));
    return r;
}

inline std::string data_time(std::int64_t ms) {
    return hj212::DateTime::from_epoch_ms(ms).format14();
}

} // namespace hj212gw::averaging::test
