// Crash test: a child process ingests a stream; we SIGKILL it at random moments (50 times by
// default, HJ212GW_CRASH_KILLS=N for a long run). After every kill, every id whose completion
// the child reported is in the file, the queues are consistent and PRAGMA integrity_check
// passes. The next child starts on the same file (recovery, requeue, no quarantine).
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <random>
#include <set>
#include <sstream>

using namespace hj212gw::storage;
using namespace hj212gw::storage::test;

namespace {

int kills_wanted() {
    if (const char* env = std::getenv("HJ212GW_CRASH_KILLS")) return std::max(1, std::atoi(env));
    return 50;
}

struct Run {
    std::vector<PacketId> reported;
    bool saw_output = false;
};

/// Starts the child, lets it run `run_for` after its first report, SIGKILLs it, and returns
/// the ids it reported (complete lines only: a torn last line was never fully reported).
Run run_and_kill(const std::filesystem::path& dir, std::chrono::milliseconds run_for) {
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe");
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(fds[1], STDOUT_FILENO);
        ::close(fds[0]);
        ::close(fds[1]);
        ::execl(HJ212GW_CRASH_CHILD, HJ212GW_CRASH_CHILD, dir.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::close(fds[1]);
    std::string buffer;
    Run run;
    using Clock = std::chrono::steady_clock;
    auto deadline = Clock::now() + std::chrono::seconds(20); // until the first line
    bool killed = false;
    char chunk[4096];
    for (;;) {
        const auto now = Clock::now();
        if (!killed && now >= deadline) {
            ::kill(pid, SIGKILL);
            killed = true;
        }
        const auto wait_ms =
            killed ? 1000
                   : static_cast<int>(
                         std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now)
                             .count()) +
                         1;
        pollfd p{fds[0], POLLIN, 0};
        const int ready = ::poll(&p, 1, wait_ms);
        if (ready < 0) continue;
        if (ready == 0) {
            if (killed) break; // should not happen: EOF follows the kill
            continue;
        }
        const auto n = ::read(fds[0], chunk, sizeof chunk);
        if (n <= 0) break; // EOF: the child is gone
        if (!run.saw_output) {
            run.saw_output = true;
            if (!killed) deadline = Clock::now() + run_for;
        }
        buffer.append(chunk, static_cast<std::size_t>(n));
    }
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    const auto last_newline = buffer.rfind('\n');
    std::istringstream lines(
        last_newline == std::string::npos ? std::string() : buffer.substr(0, last_newline + 1));
    std::string line;
    while (std::getline(lines, line)) {
        if (line.empty() || line.find_first_not_of("0123456789") != std::string::npos) {
            ADD_FAILURE() << "unexpected child output: " << line;
            continue;
        }
        run.reported.push_back(std::stoll(line));
    }
    return run;
}

std::int64_t count(Database& db, const std::string& sql) {
    auto n = db.query_int(sql);
    EXPECT_TRUE(n.ok()) << sql << ": " << (n ? "" : describe(n.error()));
    return n ? *n : -1;
}

TEST(CrashTest, EveryReportedPacketSurvivesSigkill) {
    TempDir dir;
    const int kills = kills_wanted();
    std::mt19937 rng(20240101u);
    std::uniform_int_distribution<int> run_ms(0, 60);
    std::set<PacketId> all_reported;
    PacketId previous_max = 0;
    int rounds_with_output = 0;
    for (int k = 0; k < kills; ++k) {
        const auto run = run_and_kill(dir.path(), std::chrono::milliseconds(run_ms(rng)));
        if (run.saw_output) ++rounds_with_output;
        // Ids keep growing across crashes: no id is ever reused.
        if (!run.reported.empty()) {
            EXPECT_GT(run.reported.front(), previous_max) << "round " << k;
            previous_max =
                std::max(previous_max, *std::max_element(run.reported.begin(), run.reported.end()));
        }
        all_reported.insert(run.reported.begin(), run.reported.end());

        auto db = Database::open(dir.path() / "hj212gw.db", Database::Mode::read_write);
        ASSERT_TRUE(db.ok());
        auto integrity = db->query_text("PRAGMA integrity_check");
        ASSERT_TRUE(integrity.ok());
        ASSERT_EQ(*integrity, "ok") << "round " << k;
        auto present = db->prepare("SELECT count(*) FROM packets WHERE id = ?1");
        ASSERT_TRUE(present.ok());
        for (auto id : run.reported) {
            present->bind(1, id);
            auto row = present->step();
            ASSERT_TRUE(row.ok() && *row);
            ASSERT_EQ(present->column_int64(0), 1)
                << "reported id " << id << " lost in round " << k;
            present->reset();
        }
        // Queues: exactly one delivery per upstream per packet, no orphans, acks stamped.
        EXPECT_EQ(count(*db,
                        "SELECT count(*) FROM packets p WHERE (SELECT count(*) FROM deliveries d "
                        "WHERE d.packet_id = p.id) != 2"),
                  0);
        EXPECT_EQ(count(*db, "SELECT count(*) FROM deliveries d WHERE NOT EXISTS "
                             "(SELECT 1 FROM packets p WHERE p.id = d.packet_id)"),
                  0);
        EXPECT_EQ(
            count(*db, "SELECT count(*) FROM deliveries WHERE state = 2 AND acked_ms IS NULL"), 0);
        EXPECT_EQ(
            count(*db, "SELECT count(*) FROM deliveries d JOIN upstreams u ON u.id = d.upstream_id "
                       "WHERE u.name = 'b' AND d.state = 2"),
            0);
        EXPECT_EQ(count(*db, "SELECT (SELECT count(*) FROM samples) - (SELECT "
                             "coalesce(sum(n_values), 0) FROM packets)"),
                  0);
        EXPECT_GE(count(*db, "SELECT count(*) FROM packets"),
                  static_cast<std::int64_t>(all_reported.size()));
    }
    EXPECT_GE(rounds_with_output, kills * 9 / 10);
    EXPECT_GT(all_reported.size(), static_cast<std::size_t>(kills));
    // Every id reported in any round is still there at the end, and nothing was quarantined.
    auto store = open_store(options_for(dir.path(), {"a", "b"}));
    EXPECT_FALSE(store->stats().quarantined.has_value());
    std::size_t missing = 0;
    for (auto id : all_reported)
        missing += store->packet(id)->has_value() ? 0U : 1U;
    EXPECT_EQ(missing, 0U);
    std::printf("crash test: %d kills, %zu durable packets reported, all present\n", kills,
                all_reported.size());
}

} // namespace
