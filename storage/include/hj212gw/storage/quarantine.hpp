#pragma once
// A database that fails its integrity check must not crash-loop the box: it is moved aside
// (with its -wal and -shm) under a timestamped name and a fresh one is created in its place.
#include "hj212gw/storage/store_error.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace hj212gw::storage {

/// Opens an existing file and runs PRAGMA quick_check. Returns the reason the file is corrupt,
/// nullopt when it is fine (or absent), or an error for conditions that moving the file would
/// not fix (permissions, I/O).
StoreResult<std::optional<std::string>> find_corruption(const std::filesystem::path& db_path);

/// Renames db_path (and -wal, -shm) to "<name>.corrupt-<stamp>[-wal|-shm]"; returns the new
/// path of the main file. `stamp` is e.g. "20260105T101500".
StoreResult<std::filesystem::path> quarantine_files(const std::filesystem::path& db_path,
                                                    const std::string& stamp);

} // namespace hj212gw::storage
