#pragma once
// Per-(MN, factor, suffix) memory of the current run of identical values: O(1) per key, the
// number of keys capped with least-recently-used eviction, so a device inventing factor codes
// cannot grow the gateway's memory.
#include <cstddef>
#include <cstdint>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>

namespace hj212gw::validity {

struct RunState {
    double value = 0;              ///< the value repeated in this run
    std::int64_t run_start_ms = 0; ///< DataTime of the run's first value
    std::int64_t last_time_ms = 0; ///< DataTime of the latest value fed
    std::uint32_t samples = 0;     ///< values in the run, the first included
    bool last_valid = false;       ///< the latest value's verdict (zero-flow reads the flow's)
};

class RunTracker {
public:
    explicit RunTracker(std::size_t max_keys) noexcept : max_keys_(max_keys == 0 ? 1 : max_keys) {}

    /// The state of a key, or nullptr; marks the key as recently used.
    RunState* find(std::string_view mn, std::string_view factor, std::string_view suffix);
    /// The state of a key, created empty (samples == 0) when absent, evicting the least
    /// recently used key when the cap is reached.
    RunState& get_or_create(std::string_view mn, std::string_view factor, std::string_view suffix);

    std::size_t size() const noexcept { return index_.size(); }
    std::size_t max_keys() const noexcept { return max_keys_; }
    std::uint64_t evictions() const noexcept { return evictions_; }

private:
    struct Entry {
        std::string key;
        RunState state;
    };
    // Front = most recently used. The index's views point into the list's strings, which do
    // not move while their node lives.
    std::list<Entry> entries_;
    std::unordered_map<std::string_view, std::list<Entry>::iterator> index_;
    std::string scratch_; ///< reused to build lookup keys without allocating once grown
    std::size_t max_keys_;
    std::uint64_t evictions_ = 0;

    std::string_view make_key(std::string_view mn, std::string_view factor,
                              std::string_view suffix);
};

} // namespace hj212gw::validity
