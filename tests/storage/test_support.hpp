#pragma once
// Shared by the storage tests: a temporary directory, packet text, and blocking wrappers
// around the store's asynchronous writes.
#include "hj212/datetime.hpp"
#include "hj212gw/storage/store.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <future>
#include <string>
#include <unistd.h>

namespace hj212gw::storage::test {

class TempDir {
public:
    TempDir() {
        std::string tmpl =
            (std::filesystem::temp_directory_path() / "hj212gw-storage-XXXXXX").string();
        if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        path_ = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

/// A 2061-style data segment with two factors; `flag2` is the second factor's flag.
inline std::string segment(const std::string& mn, const std::string& cn, const std::string& qn,
                           const std::string& data_time, double v1 = 12.5,
                           const std::string& flag2 = "N") {
    return "QN=" + qn + ";ST=32;CN=" + cn + ";PW=123456;MN=" + mn +
           ";Flag=5;CP=&&DataTime=" + data_time + ";w01018-Avg=" + std::to_string(v1) +
           ",w01018-Flag=N;w21003-Avg=1.25,w21003-Min=1.0,w21003-Flag=" + flag2 + "&&";
}

inline StoreOptions options_for(const std::filesystem::path& dir,
                                std::vector<std::string> upstreams = {"national", "province"}) {
    StoreOptions o;
    o.data_dir = dir;
    o.upstreams = std::move(upstreams);
    o.commit.max_batch_delay = std::chrono::milliseconds(1);
    return o;
}

inline std::unique_ptr<Store> open_store(const StoreOptions& o) {
    auto s = Store::open(o);
    if (!s) throw std::runtime_error("open failed: " + describe(s.error()));
    return std::move(s).value();
}

inline StoreResult<PacketId> ingest_sync(Store& store, const std::string& seg,
                                         std::int64_t received_ms = 0) {
    std::promise<StoreResult<PacketId>> p;
    auto f = p.get_future();
    store.ingest(
        seg, Source{"tcp", 8001, "10.0.0.2:50000"},
        [&p](const StoreResult<PacketId>& r) { p.set_value(r); }, received_ms);
    return f.get();
}

template <class Submit>
Status wait_done(Submit&& submit) {
    std::promise<Status> p;
    auto f = p.get_future();
    submit([&p](const Status& s) { p.set_value(s); });
    return f.get();
}

inline std::int64_t ms_of(const std::string& data_time14) {
    return hj212::DateTime::parse(data_time14)->to_epoch_ms();
}

} // namespace hj212gw::storage::test
