#include "hj212gw/storage/database.hpp"

#include <sqlite3.h>

#include <cerrno>
#include <string>
#include <utility>

namespace hj212gw::storage {

StoreError make_error(sqlite3* db, int rc, std::string_view context) {
    const int extended = db != nullptr ? sqlite3_extended_errcode(db) : rc;
    const int primary = rc & 0xFF;
    std::string message(context);
    message += ": ";
    message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    StoreErrc code = StoreErrc::sqlite;
    if (primary == SQLITE_FULL) {
        code = StoreErrc::disk_full;
    } else if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) {
        code = StoreErrc::corrupt;
    } else if (primary == SQLITE_IOERR && db != nullptr && sqlite3_system_errno(db) == ENOSPC) {
        // Growing the WAL index (-shm) or an fsync on a full filesystem reports I/O errors
        // whose errno is ENOSPC: for the daemon that is the same condition as SQLITE_FULL.
        code = StoreErrc::disk_full;
    }
    return StoreError{code, extended != 0 ? extended : rc, std::move(message)};
}

// --- Statement ---------------------------------------------------------------------------

Statement::Statement(Statement&& other) noexcept : stmt_(std::exchange(other.stmt_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(stmt_);
        stmt_ = std::exchange(other.stmt_, nullptr);
    }
    return *this;
}

Statement::~Statement() {
    sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int index, std::int64_t value) {
    sqlite3_bind_int64(stmt_, index, value);
    return *this;
}

Statement& Statement::bind(int index, double value) {
    sqlite3_bind_double(stmt_, index, value);
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    // A non-null pointer even for "" so that an empty string stays '' and not NULL.
    sqlite3_bind_text64(stmt_, index, value.data() != nullptr ? value.data() : "", value.size(),
                        SQLITE_STATIC, SQLITE_UTF8);
    return *this;
}

Statement& Statement::bind_null(int index) {
    sqlite3_bind_null(stmt_, index);
    return *this;
}

Statement& Statement::bind_text_or_null(int index, std::string_view value) {
    return value.empty() ? bind_null(index) : bind(index, value);
}

Statement& Statement::bind(int index, std::optional<std::int64_t> value) {
    return value ? bind(index, *value) : bind_null(index);
}

StoreResult<bool> Statement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return hj212::fail(make_error(sqlite3_db_handle(stmt_), rc, sqlite3_sql(stmt_)));
}

Status Statement::run() {
    StatementReset guard(*this);
    auto r = step();
    if (!r) return hj212::fail(r.error());
    return {};
}

void Statement::reset() noexcept {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

std::int64_t Statement::column_int64(int col) const noexcept {
    return sqlite3_column_int64(stmt_, col);
}

double Statement::column_double(int col) const noexcept {
    return sqlite3_column_double(stmt_, col);
}

std::string_view Statement::column_text(int col) const noexcept {
    const auto* text = sqlite3_column_text(stmt_, col);
    const int size = sqlite3_column_bytes(stmt_, col);
    if (text == nullptr) return {};
    return {reinterpret_cast<const char*>(text), static_cast<std::size_t>(size)};
}

bool Statement::column_is_null(int col) const noexcept {
    return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
}

// --- Database ----------------------------------------------------------------------------

void Database::Closer::operator()(sqlite3* db) const noexcept {
    sqlite3_close_v2(db);
}

Database::Database(sqlite3* db, std::filesystem::path path) noexcept
    : db_(db), path_(std::move(path)) {}

Database::Database(Database&&) noexcept = default;

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        cache_.clear(); // finalize our statements before our connection goes
        db_ = std::move(other.db_);
        path_ = std::move(other.path_);
        cache_ = std::move(other.cache_);
    }
    return *this;
}

Database::~Database() {
    cache_.clear();
}

StoreResult<Database> Database::open(const std::filesystem::path& path, Mode mode) {
    int flags = SQLITE_OPEN_NOMUTEX; // each connection is confined to one thread at a time
    switch (mode) {
    case Mode::read_write_create:
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        break;
    case Mode::read_write:
        flags |= SQLITE_OPEN_READWRITE;
        break;
    case Mode::read_only:
        flags |= SQLITE_OPEN_READONLY;
        break;
    }
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    Database db(raw, path);
    if (rc != SQLITE_OK) return hj212::fail(make_error(raw, rc, "open " + path.string()));
    sqlite3_extended_result_codes(raw, 1);
    return db;
}

Status Database::exec(std::string_view sql) {
    const std::string text(sql);
    char* err = nullptr;
    const int rc = sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &err);
    sqlite3_free(err);
    if (rc != SQLITE_OK) return hj212::fail(error(rc, text));
    return {};
}

StoreResult<Statement> Database::prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_.get(), sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return hj212::fail(error(rc, sql));
    }
    return Statement(stmt);
}

StoreResult<Statement*> Database::cached(std::string_view sql) {
    std::string key(sql);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second.get();
    auto st = prepare(sql);
    if (!st) return hj212::fail(st.error());
    auto owned = std::make_unique<Statement>(std::move(st).value());
    Statement* raw = owned.get();
    cache_.emplace(std::move(key), std::move(owned));
    return raw;
}

StoreResult<std::int64_t> Database::query_int(std::string_view sql) {
    auto st = prepare(sql);
    if (!st) return hj212::fail(st.error());
    auto row = st->step();
    if (!row) return hj212::fail(row.error());
    if (!*row) return store_fail(StoreErrc::not_found, "no row: " + std::string(sql));
    return st->column_int64(0);
}

StoreResult<std::string> Database::query_text(std::string_view sql) {
    auto st = prepare(sql);
    if (!st) return hj212::fail(st.error());
    auto row = st->step();
    if (!row) return hj212::fail(row.error());
    if (!*row) return store_fail(StoreErrc::not_found, "no row: " + std::string(sql));
    return std::string(st->column_text(0));
}

std::int64_t Database::last_insert_rowid() const noexcept {
    return sqlite3_last_insert_rowid(db_.get());
}

int Database::changes() const noexcept {
    return sqlite3_changes(db_.get());
}

bool Database::in_transaction() const noexcept {
    return sqlite3_get_autocommit(db_.get()) == 0;
}

} // namespace hj212gw::storage
