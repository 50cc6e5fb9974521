#include "commands/command_context.hpp"

namespace hj212gw::commands {

std::string current_password(CommandContext& ctx) {
    if (auto set_by_platform = ctx.param(RuntimeParam::password))
        if (!set_by_platform->empty()) return *set_by_platform;
    return ctx.gateway_pw();
}

} // namespace hj212gw::commands
