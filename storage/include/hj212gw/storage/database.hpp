#pragma once
// RAII wrappers over one sqlite3 connection and its prepared statements. A Database is used by
// one thread at a time (the writer thread, or a reader under its mutex); it is movable, not
// copyable. Statements are prepared once and cached by their SQL text because the hot path
// (ingest) must not re-parse SQL per packet.
#include "hj212gw/storage/store_error.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace hj212gw::storage {

/// Maps an SQLite result code on `db` (and errno, for ENOSPC reported as an I/O error) to a
/// StoreError whose message starts with `context`.
StoreError make_error(sqlite3* db, int rc, std::string_view context);

/// A prepared statement. bind() indices are 1-based as in SQLite; text is bound without a copy
/// (SQLITE_STATIC), so the bound string must outlive the step() calls that use it.
class Statement {
public:
    Statement() = default;
    explicit Statement(sqlite3_stmt* stmt) noexcept : stmt_(stmt) {}
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    Statement& bind_null(int index);
    /// Empty string -> NULL: "absent" header fields are stored as NULL, not "".
    Statement& bind_text_or_null(int index, std::string_view value);
    Statement& bind(int index, std::optional<std::int64_t> value);

    /// One step: true when a row is available, false when done.
    StoreResult<bool> step();
    /// Step to completion (for INSERT/UPDATE/DELETE), then reset.
    Status run();
    /// Reset and clear bindings so the cached statement is ready for the next use.
    void reset() noexcept;

    std::int64_t column_int64(int col) const noexcept;
    double column_double(int col) const noexcept;
    std::string_view column_text(int col) const noexcept; ///< valid until the next step/reset
    bool column_is_null(int col) const noexcept;

private:
    sqlite3_stmt* stmt_ = nullptr;
};

/// Resets a statement when a scope ends (early returns included).
class StatementReset {
public:
    explicit StatementReset(Statement& s) noexcept : s_(s) {}
    ~StatementReset() { s_.reset(); }
    StatementReset(const StatementReset&) = delete;
    StatementReset& operator=(const StatementReset&) = delete;

private:
    Statement& s_;
};

class Database {
public:
    enum class Mode : std::uint8_t { read_write_create, read_write, read_only };

    static StoreResult<Database> open(const std::filesystem::path& path, Mode mode);

    Database(Database&&) noexcept;
    Database& operator=(Database&&) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    /// Runs one or more SQL statements without results.
    Status exec(std::string_view sql);
    StoreResult<Statement> prepare(std::string_view sql);
    /// A statement prepared once per connection and reused. Failing to prepare constant SQL is
    /// a programming error, but still reported as a value.
    StoreResult<Statement*> cached(std::string_view sql);

    /// First column of the first row as an integer / text (for PRAGMAs and counts).
    StoreResult<std::int64_t> query_int(std::string_view sql);
    StoreResult<std::string> query_text(std::string_view sql);

    std::int64_t last_insert_rowid() const noexcept;
    int changes() const noexcept;
    bool in_transaction() const noexcept;

    StoreError error(int rc, std::string_view context) const {
        return make_error(handle(), rc, context);
    }

    sqlite3* handle() const noexcept { return db_.get(); }
    const std::filesystem::path& path() const noexcept { return path_; }

private:
    struct Closer {
        void operator()(sqlite3* db) const noexcept;
    };
    Database(sqlite3* db, std::filesystem::path path) noexcept;

    std::unique_ptr<sqlite3, Closer> db_;
    std::filesystem::path path_;
    // Declared after db_ so statements are finalized before the connection closes.
    std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

} // namespace hj212gw::storage
