#include "config/effective_config.hpp"

#include "config/validation.hpp"

namespace hj212gw::config {

ConfigResult effective_config(const CommandLineOverrides& overrides) {
    GatewayConfig config;
    if (overrides.config_path) {
        auto loaded = load_config_file(*overrides.config_path);
        if (!loaded) return hj212::fail(loaded.error());
        config = std::move(*loaded);
    }
    if (auto applied = apply(config, overrides); !applied) return hj212::fail(applied.error());
    if (auto errors = validate(config); !errors.empty()) return hj212::fail(std::move(errors));
    return config;
}

} // namespace hj212gw::config
