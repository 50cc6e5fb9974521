#include "validity/run_tracker.hpp"

namespace hj212gw::validity {

std::string_view RunTracker::make_key(std::string_view mn, std::string_view factor,
                                      std::string_view suffix) {
    // Unit separator: cannot appear in an MN, a factor code or a suffix of a parsed packet.
    scratch_.clear();
    scratch_.append(mn).push_back('\x1f');
    scratch_.append(factor).push_back('\x1f');
    scratch_.append(suffix);
    return scratch_;
}

RunState* RunTracker::find(std::string_view mn, std::string_view factor, std::string_view suffix) {
    const auto it = index_.find(make_key(mn, factor, suffix));
    if (it == index_.end()) return nullptr;
    entries_.splice(entries_.begin(), entries_, it->second);
    return &it->second->state;
}

RunState& RunTracker::get_or_create(std::string_view mn, std::string_view factor,
                                    std::string_view suffix) {
    if (RunState* s = find(mn, factor, suffix)) return *s;
    if (index_.size() >= max_keys_) {
        index_.erase(entries_.back().key);
        entries_.pop_back();
        ++evictions_;
    }
    entries_.push_front(Entry{scratch_, RunState{}});
    index_.emplace(entries_.front().key, entries_.begin());
    return entries_.front().state;
}

} // namespace hj212gw::validity
