#include "hj212gw/storage/store_error.hpp"

#include <string>

namespace hj212gw::storage {

std::string_view to_string(StoreErrc code) noexcept {
    switch (code) {
    case StoreErrc::sqlite:
        return "sqlite";
    case StoreErrc::disk_full:
        return "disk_full";
    case StoreErrc::corrupt:
        return "corrupt";
    case StoreErrc::not_found:
        return "not_found";
    case StoreErrc::unknown_upstream:
        return "unknown_upstream";
    case StoreErrc::closed:
        return "closed";
    case StoreErrc::schema_too_new:
        return "schema_too_new";
    case StoreErrc::invalid_argument:
        return "invalid_argument";
    }
    return "unknown";
}

std::string describe(const StoreError& e) {
    std::string out(to_string(e.code));
    if (e.sqlite_code != 0) out += " (sqlite " + std::to_string(e.sqlite_code) + ")";
    if (!e.message.empty()) out += ": " + e.message;
    return out;
}

} // namespace hj212gw::storage
