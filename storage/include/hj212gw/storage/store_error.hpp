#pragma once
// Errors as values: the writer thread and the daemon's hot paths never throw for a failed
// SQLite call; they get a StoreError that says whether the disk is full, the file is corrupt,
// or something else went wrong.
#include "hj212/result.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace hj212gw::storage {

enum class StoreErrc : std::uint8_t {
    sqlite,           ///< any other SQLite failure (see sqlite_code)
    disk_full,        ///< SQLITE_FULL or ENOSPC: nothing of the batch is durable
    corrupt,          ///< SQLITE_CORRUPT / SQLITE_NOTADB, or a failed integrity check
    not_found,        ///< nothing matched (e.g. ack by QN with no such packet in flight)
    unknown_upstream, ///< the upstream name is not configured
    closed,           ///< the store is shutting down
    schema_too_new,   ///< the file was written by a newer build; we refuse to touch it
    invalid_argument,
};

struct StoreError {
    StoreErrc code = StoreErrc::sqlite;
    int sqlite_code = 0; ///< extended SQLite result code, 0 when not from SQLite
    std::string message;
};

template <class T>
using StoreResult = hj212::Result<T, StoreError>;
using Status = StoreResult<void>;

std::string_view to_string(StoreErrc code) noexcept;
/// "disk_full (sqlite 13): database or disk is full".
std::string describe(const StoreError& e);

inline hj212::Failure<StoreError> store_fail(StoreErrc code, std::string message,
                                             int sqlite_code = 0) {
    return hj212::fail(StoreError{code, sqlite_code, std::move(message)});
}

} // namespace hj212gw::storage
