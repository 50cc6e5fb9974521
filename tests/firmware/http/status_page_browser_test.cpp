// The status page as an operator's browser renders it: headless Chromium loads it from a
// loopback server holding known data, and the rendered DOM must show exactly what /api/rates
// says (every hour cell, every daily and the month-to-date 传输有效率). Screenshots go to the
// build tree (next to this test's binary) for a human to look at.
#include "http_client.hpp"
#include "json_value.hpp"
#include "loopback_server.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

namespace hj212gw::http {
namespace {

namespace fs = std::filesystem;
using testing::Json;
using testing::LoopbackServer;
using testing::parse_json;

constexpr const char* kChromium = "/usr/bin/chromium";
constexpr const char* kToken = "page-token-7";

/// Where the screenshots go: the folder of this test binary, in the build tree.
fs::path output_dir() {
    return fs::read_symlink("/proc/self/exe").parent_path();
}

/// Why the browser cannot be used, or "" when it can.
std::string browser_missing() {
    if (::access(kChromium, X_OK) == 0) return {};
    return std::string(kChromium) +
           " is missing: `./dev test` installs it (Debian package chromium: apt-get install -y "
           "--no-install-recommends chromium); set HJ212GW_SKIP_BROWSER=1 to skip these tests";
}

bool skip_browser() {
    const char* skip = std::getenv("HJ212GW_SKIP_BROWSER");
    return skip && std::string(skip) == "1";
}

#define REQUIRE_BROWSER()                                                                          \
    do {                                                                                           \
        if (const auto missing = browser_missing(); !missing.empty()) {                            \
            if (skip_browser()) GTEST_SKIP() << missing;                                           \
            FAIL() << missing;                                                                     \
        }                                                                                          \
    } while (false)

/// Runs headless Chromium on `url` with `extra` options; its standard output, or why it failed.
struct BrowserRun {
    int exit_code = -1;
    std::string out;
    std::string log;
};

BrowserRun run_browser(const std::string& url, const std::string& extra) {
    char profile_template[] = "/tmp/hj212gw-chromium-XXXXXX";
    const char* profile = ::mkdtemp(profile_template);
    BrowserRun run;
    if (!profile) return run;
    const auto out = fs::path(profile) / "stdout";
    const auto log = fs::path(profile) / "stderr";
    const std::string command =
        std::string("timeout 120 ") + kChromium +
        " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
        " --disable-background-networking --disable-component-update --disable-sync"
        " --disable-dev-shm-usage --user-data-dir=" +
        profile + "/profile --virtual-time-budget=5000 " + extra + " '" + url + "' >" +
        out.string() + " 2>" + log.string();
    run.exit_code = std::system(command.c_str());
    std::ifstream o(out), l(log);
    std::stringstream so, sl;
    so << o.rdbuf();
    sl << l.rdbuf();
    run.out = so.str();
    run.log = sl.str();
    std::error_code ec;
    fs::remove_all(profile, ec);
    return run;
}

/// An element of the serialized DOM: its attributes and the text right after its start tag.
struct Element {
    std::string name;
    std::map<std::string, std::string> attrs;
    std::string text;
    std::string attr(const std::string& k) const {
        auto it = attrs.find(k);
        return it == attrs.end() ? std::string("<absent>") : it->second;
    }
    bool has(const std::string& k) const { return attrs.count(k) != 0; }
};

std::string unescape(std::string s) {
    const std::pair<std::string, std::string> entities[] = {
        {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&nbsp;", "\u00a0"}, {"&amp;", "&"}};
    for (const auto& [from, to] : entities)
        for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
            s.replace(at, from.size(), to);
    return s;
}

/// Start tags in document order (script and style contents skipped), as Chromium serializes
/// them: name="value" attributes in double quotes.
std::vector<Element> elements(const std::string& html) {
    std::vector<Element> out;
    std::size_t i = 0;
    while ((i = html.find('<', i)) != std::string::npos) {
        ++i;
        if (i >= html.size() || !std::isalpha(static_cast<unsigned char>(html[i]))) continue;
        Element e;
        while (i < html.size() &&
               (std::isalnum(static_cast<unsigned char>(html[i])) || html[i] == '-'))
            e.name += html[i++];
        for (;;) {
            while (i < html.size() && std::isspace(static_cast<unsigned char>(html[i])))
                ++i;
            if (i >= html.size() || html[i] == '>' || html[i] == '/') break;
            std::string key;
            while (i < html.size() && html[i] != '=' && html[i] != '>' &&
                   !std::isspace(static_cast<unsigned char>(html[i])))
                key += html[i++];
            std::string value;
            if (i < html.size() && html[i] == '=' && i + 1 < html.size() && html[i + 1] == '"') {
                const auto end = html.find('"', i + 2);
                value = unescape(html.substr(i + 2, end - i - 2));
                i = end + 1;
            }
            e.attrs[key] = value;
        }
        i = html.find('>', i);
        if (i == std::string::npos) break;
        ++i;
        if (e.name == "script" || e.name == "style") {
            i = html.find("</" + e.name, i);
            if (i == std::string::npos) break;
        } else {
            e.text = unescape(html.substr(i, html.find('<', i) - i));
        }
        out.push_back(std::move(e));
    }
    return out;
}

/// How the page writes a rate: "95.83%" of 0.9583, "NA" of null.
std::string percent(const Json& rate) {
    if (rate.is_null()) return "NA";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f%%", rate.number() * 100.0);
    return buf;
}

/// The data-value the page stores: the rate as JavaScript prints the JSON number.
void expect_same_rate(const Element& shown, const Json& rate, const std::string& where) {
    EXPECT_EQ(shown.text, percent(rate)) << where;
    if (rate.is_null())
        EXPECT_EQ(shown.attr("data-value"), "null") << where;
    else
        EXPECT_DOUBLE_EQ(std::strtod(shown.attr("data-value").c_str(), nullptr), rate.number())
            << where;
}

struct Card {
    std::string mn, factor;
    std::vector<const Element*> cells;
    const Element* month = nullptr;
    std::vector<const Element*> days;
};

TEST(StatusPageBrowser, RenderedGridAndRatesMatchTheApi) {
    REQUIRE_BROWSER();
    auto settings = LoopbackServer::defaults();
    settings.token = kToken;
    LoopbackServer server(settings);
    const std::string query = std::string("?token=") + kToken;

    const auto rates_reply = testing::http_get(server.port(), "/api/rates" + query);
    ASSERT_TRUE(rates_reply);
    ASSERT_EQ(rates_reply->status, 200U);
    const auto rates = parse_json(rates_reply->body);
    ASSERT_TRUE(rates) << rates_reply->body;

    const auto run = run_browser("http://127.0.0.1:" + std::to_string(server.port()) + "/" + query,
                                 "--dump-dom");
    ASSERT_EQ(run.exit_code, 0) << run.log;
    const auto dom = elements(run.out);
    ASSERT_FALSE(dom.empty()) << run.log;

    std::vector<Card> cards;
    std::map<std::string, std::string> by_id;
    bool loaded = false;
    bool stale_hidden = false;
    for (const auto& e : dom) {
        if (e.name == "body") loaded = e.attr("data-loaded") == "1";
        if (e.attr("id") == "stale") stale_hidden = e.has("hidden");
        if (e.has("id")) by_id[e.attr("id")] = e.text;
        if (e.name == "section" && e.has("data-factor"))
            cards.push_back({e.attr("data-mn"), e.attr("data-factor"), {}, nullptr, {}});
        if (cards.empty()) continue;
        if (e.name == "i" && e.has("data-state")) cards.back().cells.push_back(&e);
        if (e.attr("data-rate") == "month") cards.back().month = &e;
        if (e.attr("data-rate") == "day") cards.back().days.push_back(&e);
    }
    ASSERT_TRUE(loaded) << "the page never finished its first refresh (token passed on?)\n"
                        << run.out.substr(0, 4000);
    EXPECT_EQ(by_id["gw-mn"], "010000A8900016F0000000GW");
    EXPECT_EQ(by_id["month"], "2026-11");
    EXPECT_TRUE(stale_hidden) << "the page says the gateway is unreachable";
    for (const char* link : {"national", "province", "platform.example:9002", "/dev/ttyS1"})
        EXPECT_NE(run.out.find(link), std::string::npos) << link;

    const auto& grids = (*rates)["grids"].items;
    const auto days_in_month = static_cast<std::size_t>((*rates)["days_in_month"].number());
    ASSERT_EQ(cards.size(), grids.size());
    for (std::size_t k = 0; k < grids.size(); ++k) {
        const auto& g = grids[k];
        const auto& card = cards[k];
        const auto where = g["mn"].text + " " + g["factor"].text;
        EXPECT_EQ(card.mn, g["mn"].text);
        EXPECT_EQ(card.factor, g["factor"].text);
        ASSERT_EQ(card.cells.size(), days_in_month * 24) << where;
        const auto& hours = g["hours"].text;
        ASSERT_EQ(hours.size(), days_in_month * 24) << where;
        std::size_t mismatches = 0;
        for (std::size_t h = 0; h < hours.size(); ++h) {
            const auto* cell = card.cells[h];
            if (cell->attr("data-hour") != std::to_string(h) ||
                cell->attr("data-state") != std::string(1, hours[h]))
                ++mismatches;
        }
        EXPECT_EQ(mismatches, 0U) << where;
        ASSERT_NE(card.month, nullptr) << where;
        expect_same_rate(*card.month, g["month"]["effective_rate"], where + " month");
        const auto& days = g["days"].items;
        ASSERT_EQ(card.days.size(), days.size()) << where;
        for (std::size_t d = 0; d < days.size(); ++d) {
            EXPECT_EQ(card.days[d]->attr("data-day"), days[d]["day"].text) << where;
            expect_same_rate(*card.days[d], days[d]["effective_rate"],
                             where + " day " + days[d]["day"].text);
        }
    }
    // The data holds every kind of cell and a day with nothing due.
    EXPECT_NE(run.out.find("data-state=\"i\""), std::string::npos);
    EXPECT_NE(run.out.find("data-state=\"m\""), std::string::npos);
    EXPECT_NE(run.out.find("data-state=\"-\""), std::string::npos);
    EXPECT_NE(run.out.find("data-value=\"null\""), std::string::npos);
}

TEST(StatusPageBrowser, WithoutTheTokenThePageSaysSo) {
    REQUIRE_BROWSER();
    auto settings = LoopbackServer::defaults();
    settings.token = kToken;
    LoopbackServer server(settings);
    // The document itself needs the token too; an operator who forgot it sees the 401 text.
    const auto run =
        run_browser("http://127.0.0.1:" + std::to_string(server.port()) + "/", "--dump-dom");
    ASSERT_EQ(run.exit_code, 0) << run.log;
    EXPECT_NE(run.out.find("401 unauthorized"), std::string::npos) << run.out;
}

TEST(StatusPageBrowser, WhenTheStoreCannotBeReadThePageSaysWhy) {
    REQUIRE_BROWSER();
    LoopbackServer server;
    server.api.rates_error = "the store is busy";
    const auto run =
        run_browser("http://127.0.0.1:" + std::to_string(server.port()) + "/", "--dump-dom");
    ASSERT_EQ(run.exit_code, 0) << run.log;
    std::string banner;
    bool hidden = true;
    for (const auto& e : elements(run.out))
        if (e.attr("id") == "stale") {
            banner = e.text;
            hidden = e.has("hidden");
        }
    EXPECT_FALSE(hidden);
    EXPECT_NE(banner.find("Hourly data unavailable"), std::string::npos) << banner;
    EXPECT_NE(banner.find("HTTP 503 (the store is busy)"), std::string::npos) << banner;
    // The links and devices still show.
    EXPECT_NE(run.out.find("platform.example:9002"), std::string::npos);
}

TEST(StatusPageBrowser, ScreenshotsAtDesktopAndPhoneWidths) {
    REQUIRE_BROWSER();
    LoopbackServer server;
    const auto url = "http://127.0.0.1:" + std::to_string(server.port()) + "/";
    for (const auto& [file, size] : {std::pair{"status_page.png", "1280,1000"},
                                     std::pair{"status_page_narrow.png", "390,1800"}}) {
        const auto png = output_dir() / file;
        std::error_code ec;
        fs::remove(png, ec);
        const auto run = run_browser(url, "--hide-scrollbars --screenshot=" + png.string() +
                                              " --window-size=" + size);
        ASSERT_EQ(run.exit_code, 0) << run.log;
        ASSERT_TRUE(fs::exists(png)) << run.log;
        EXPECT_GT(fs::file_size(png), 10'000U) << png;
        std::ifstream in(png, std::ios::binary);
        char signature[8] = {};
        in.read(signature, sizeof signature);
        EXPECT_EQ(std::string(signature, 8), std::string("\x89PNG\r\n\x1a\n", 8)) << png;
        std::printf("screenshot: %s\n", png.c_str());
    }
}

} // namespace
} // namespace hj212gw::http
