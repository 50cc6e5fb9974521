#pragma once
// `hj212gw console`: attaches the terminal to the running daemon's console socket. On a
// terminal the keys go through raw (the daemon edits the line, as on the serial console) and
// Ctrl-] detaches; with a pipe (`echo status | hj212gw console`) the input is sent as is and
// the session ends after it, which makes the console scriptable.
#include <filesystem>

namespace hj212gw::console {

/// Returns the process exit status: 0 after a normal end, 1 when the socket cannot be reached.
int attach_console(const std::filesystem::path& socket);

} // namespace hj212gw::console
