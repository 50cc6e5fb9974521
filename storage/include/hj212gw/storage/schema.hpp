#pragma once
// The schema and its migrations (PRAGMA user_version), and the pragmas every connection runs.
#include "hj212gw/storage/database.hpp"

#include <cstdint>
#include <span>
#include <string_view>

namespace hj212gw::storage {

struct Migration {
    int version;                  ///< user_version after this migration
    std::string_view description; ///< one line, logged when it runs
    std::string_view sql;
};

/// Every migration in order; migrations()[i].version == i + 1.
std::span<const Migration> migrations() noexcept;
/// The version this build writes.
int current_schema_version() noexcept;

/// Brings the file to current_schema_version(), one transaction per migration so a crash
/// mid-way leaves a consistent older version that the next start finishes. A file newer than
/// this build is refused (schema_too_new) rather than guessed at.
Status migrate(Database& db);

enum class ConnectionRole : std::uint8_t { writer, reader };

struct PragmaSettings {
    std::int64_t journal_size_limit_bytes = 16 * 1024 * 1024;
    std::int64_t busy_timeout_ms = 5000;
    /// Page cache per connection (writer and reader each). 1 MiB: a 4 MiB cache cost 4 MiB
    /// more anonymous memory while a backlog was replayed, with no measurable gain in
    /// bench_storage (storage/README.md).
    std::int64_t cache_kib = 1024;
};

/// Pragmas for one connection (reasons in the .cpp and in storage/README.md).
Status apply_pragmas(Database& db, ConnectionRole role, const PragmaSettings& settings);

} // namespace hj212gw::storage
