#include "hj212gw/storage/quarantine.hpp"

#include "hj212gw/storage/database.hpp"

#include <system_error>

namespace hj212gw::storage {

StoreResult<std::optional<std::string>> find_corruption(const std::filesystem::path& db_path) {
    std::error_code ec;
    if (!std::filesystem::exists(db_path, ec)) return std::optional<std::string>{};
    auto db = Database::open(db_path, Database::Mode::read_write);
    if (!db) {
        if (db.error().code == StoreErrc::corrupt)
            return std::optional<std::string>{db.error().message};
        return hj212::fail(db.error());
    }
    auto st = db->prepare("PRAGMA quick_check");
    if (!st) {
        if (st.error().code == StoreErrc::corrupt)
            return std::optional<std::string>{st.error().message};
        return hj212::fail(st.error());
    }
    std::string problems;
    for (int rows = 0; rows < 10; ++rows) {
        auto row = st->step();
        if (!row) {
            if (row.error().code == StoreErrc::corrupt)
                return std::optional<std::string>{row.error().message};
            return hj212::fail(row.error());
        }
        if (!*row) break;
        const auto line = st->column_text(0);
        if (line == "ok") return std::optional<std::string>{};
        if (!problems.empty()) problems += "; ";
        problems += line;
    }
    if (problems.empty()) problems = "quick_check returned nothing";
    return std::optional<std::string>{problems};
}

StoreResult<std::filesystem::path> quarantine_files(const std::filesystem::path& db_path,
                                                    const std::string& stamp) {
    auto target = db_path;
    target += ".corrupt-" + stamp;
    // Never overwrite an earlier quarantine taken in the same second.
    for (int n = 1; std::filesystem::exists(target); ++n) {
        target = db_path;
        target += ".corrupt-" + stamp + "-" + std::to_string(n);
    }
    // The sidecars first: a main file without its WAL would be opened as a different (older)
    // database, so the main file is what makes the quarantine visible.
    for (const char* suffix : {"-wal", "-shm"}) {
        auto from = db_path;
        from += suffix;
        auto to = target;
        to += suffix;
        std::error_code ec;
        if (std::filesystem::exists(from, ec)) {
            std::filesystem::rename(from, to, ec);
            if (ec)
                return store_fail(StoreErrc::sqlite,
                                  "quarantine " + from.string() + ": " + ec.message());
        }
    }
    std::error_code ec;
    std::filesystem::rename(db_path, target, ec);
    if (ec)
        return store_fail(StoreErrc::sqlite,
                          "quarantine " + db_path.string() + ": " + ec.message());
    return target;
}

} // namespace hj212gw::storage
