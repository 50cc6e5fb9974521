#include "daemon/run_command.hpp"

#include "config/effective_config.hpp"
#include "daemon/gateway.hpp"
#include "daemon/logging.hpp"

#include <spdlog/spdlog.h>

#include <iostream>

namespace hj212gw::daemon {

int run_gateway(const config::CommandLineOverrides& overrides) {
    auto cfg = config::effective_config(overrides);
    if (!cfg) {
        std::cerr << "hj212gw: the configuration has problems, nothing was started:\n"
                  << config::describe(cfg.error()) << '\n';
        return 2;
    }
    config::GatewayConfig current = std::move(*cfg);
    setup_logging(current);
    for (;;) {
        StopReason reason;
        {
            Gateway gateway(current);
            if (auto error = gateway.open(); !error.empty()) {
                spdlog::critical("hj212gw cannot start: {}", error);
                return 1;
            }
            reason = gateway.run();
        }
        if (reason == StopReason::terminate) return 0;
        auto next = config::effective_config(overrides);
        if (!next) {
            spdlog::error(
                "reload: the new configuration has problems, keeping the running one:\n{}",
                config::describe(next.error()));
            continue;
        }
        current = std::move(*next);
        set_log_level(current.log.level);
        spdlog::info("reload: configuration re-read");
    }
}

} // namespace hj212gw::daemon
