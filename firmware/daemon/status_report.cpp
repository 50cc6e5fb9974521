#include "daemon/status_report.hpp"

#include <fstream>

namespace hj212gw::daemon {

bool write_atomically(const std::filesystem::path& dir, const std::string& name,
                      const std::string& text) {
    const auto tmp = dir / (name + ".tmp");
    {
        std::ofstream f(tmp, std::ios::trunc);
        if (!f) return false;
        f << text;
        if (!f) return false;
    }
    std::error_code ec;
    std::filesystem::rename(tmp, dir / name, ec);
    return !ec;
}

} // namespace hj212gw::daemon
