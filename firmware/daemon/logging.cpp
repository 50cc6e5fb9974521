#include "daemon/logging.hpp"

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <memory>

namespace hj212gw::daemon {
namespace {

spdlog::level::level_enum to_spdlog(config::LogLevel l) {
    switch (l) {
    case config::LogLevel::trace:
        return spdlog::level::trace;
    case config::LogLevel::debug:
        return spdlog::level::debug;
    case config::LogLevel::info:
        return spdlog::level::info;
    case config::LogLevel::warn:
        return spdlog::level::warn;
    case config::LogLevel::error:
        return spdlog::level::err;
    case config::LogLevel::critical:
        return spdlog::level::critical;
    case config::LogLevel::off:
        return spdlog::level::off;
    }
    return spdlog::level::info;
}

} // namespace

void setup_logging(const config::GatewayConfig& config) {
    std::vector<spdlog::sink_ptr> sinks;
    sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
    const auto file = config::log_file_path(config);
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    try {
        sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
            file.string(), static_cast<std::size_t>(config.log.max_file_bytes),
            static_cast<std::size_t>(config.log.max_files)));
    } catch (const spdlog::spdlog_ex& e) {
        // A read-only or full partition must not stop the gateway: the console still logs.
        sinks.front()->log(spdlog::details::log_msg(
            "hj212gw", spdlog::level::warn, std::string("log file unavailable: ") + e.what()));
    }
    auto logger = std::make_shared<spdlog::logger>("hj212gw", sinks.begin(), sinks.end());
    logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%-5l%$ %v");
    logger->flush_on(spdlog::level::warn);
    spdlog::set_default_logger(logger);
    set_log_level(config.log.level);
    spdlog::flush_every(std::chrono::seconds(5));
}

void set_log_level(config::LogLevel level) {
    spdlog::set_level(to_spdlog(level));
}

} // namespace hj212gw::daemon
