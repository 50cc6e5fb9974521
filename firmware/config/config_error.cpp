#include "config/config_error.hpp"

namespace hj212gw::config {

std::string describe(const ConfigError& error) {
    std::string out;
    if (!error.source.empty()) {
        out += error.source;
        if (error.line != 0) out += ":" + std::to_string(error.line);
        if (error.line != 0 && error.column != 0) out += ":" + std::to_string(error.column);
        out += ": ";
    } else if (error.line != 0) {
        out += "line " + std::to_string(error.line);
        if (error.column != 0) out += ", column " + std::to_string(error.column);
        out += ": ";
    }
    if (!error.key.empty()) out += error.key + ": ";
    out += error.message;
    return out;
}

std::string describe(const ConfigErrors& errors, const std::string& prefix) {
    std::string out;
    for (const auto& e : errors)
        out += prefix + describe(e) + '\n';
    return out;
}

} // namespace hj212gw::config
