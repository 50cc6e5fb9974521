#include "net/device_registry.hpp"

namespace hj212gw::net {

void DeviceRegistry::add(const std::string& mn, const std::shared_ptr<DeviceEndpoint>& endpoint) {
    by_mn_[mn] = endpoint;
}

std::shared_ptr<DeviceEndpoint> DeviceRegistry::find(std::string_view mn) {
    auto it = by_mn_.find(mn);
    if (it == by_mn_.end()) return nullptr;
    auto sp = it->second.lock();
    if (!sp || sp->closed()) {
        by_mn_.erase(it);
        return nullptr;
    }
    return sp;
}

std::vector<std::string> DeviceRegistry::online() {
    std::vector<std::string> out;
    for (auto it = by_mn_.begin(); it != by_mn_.end();) {
        auto sp = it->second.lock();
        if (!sp || sp->closed()) {
            it = by_mn_.erase(it);
        } else {
            out.push_back(it->first);
            ++it;
        }
    }
    return out;
}

} // namespace hj212gw::net
