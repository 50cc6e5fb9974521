#include "console/line_editor.hpp"

#include <gtest/gtest.h>

namespace hj212gw::console {
namespace {

/// Feeds `keys` and returns the lines entered (the editor is restarted after each).
struct Typist {
    LineEditor editor;
    std::string screen;
    std::vector<std::string> lines;
    int interrupts = 0;
    int ends = 0;
    int any_keys = 0;

    explicit Typist(EditorLimits limits = {}, Completer c = {}) : editor(limits, std::move(c)) {
        screen += editor.begin("> ");
    }
    void type(std::string_view keys) {
        auto events = editor.feed(keys, screen);
        while (!events.empty()) {
            for (const auto& e : events) {
                if (auto* l = std::get_if<LineEntered>(&e)) lines.push_back(l->text);
                if (std::holds_alternative<Interrupted>(e)) ++interrupts;
                if (std::holds_alternative<EndOfInput>(e)) ++ends;
                if (std::holds_alternative<AnyKey>(e)) ++any_keys;
            }
            if (!editor.editing() && !any_keys) screen += editor.begin("> ");
            events = editor.editing() ? editor.feed({}, screen) : decltype(events){};
        }
    }
};

TEST(LineEditor, EnterAsCrLfOrCrLfEndsOneLineEach) {
    Typist t;
    t.type("status\rlinks\nqueue\r\nrates\r");
    EXPECT_EQ(t.lines, (std::vector<std::string>{"status", "links", "queue", "rates"}));
}

TEST(LineEditor, BackspaceAndDeleteBothErase) {
    Typist t;
    t.type("stx\x7f"
           "a\b\btatus\r");
    EXPECT_EQ(t.lines, std::vector<std::string>{"status"});
}

TEST(LineEditor, ArrowsMoveTheCursorAndInsertInTheMiddle) {
    Typist t;
    t.type("sttus\x1b[D\x1b[D\x1b[D"
           "a\r");
    EXPECT_EQ(t.lines, std::vector<std::string>{"status"});
    // The redraw goes back to the column after the insert: prompt + line, then 3 left.
    EXPECT_NE(t.screen.find("\r> status\x1b[K\x1b[3D"), std::string::npos);
}

TEST(LineEditor, HomeEndInCsiAndSs3FormsAndCtrlKeys) {
    Typist t;
    t.type("atus\x1b[Hst\x1b[F!\r"); // CSI H / F
    t.type("tatus\x1bOHs\x1bOF\r");  // SS3 H / F
    t.type("xyz\x01\x0b"
           "links\r");              // Ctrl-A then Ctrl-K
    t.type("rates day\x17\x17q\r"); // Ctrl-W twice
    t.type("abc\x15queue\r");       // Ctrl-U
    t.type("ab\x1b[1~X\x1b[4~Y\r"); // Home/End as ~ sequences
    t.type("abc\x02\x02\x1b[3~\r"); // Ctrl-B twice, Delete
    EXPECT_EQ(t.lines,
              (std::vector<std::string>{"status!", "status", "links", "q", "queue", "XabY", "ac"}));
}

TEST(LineEditor, HistoryRecallsWithArrowsAndCtrlPNAndKeepsTheDraft) {
    Typist t;
    t.type("status\rlinks\rque");
    t.type("\x1b[A\x1b[A"); // links, status
    t.type("\x1b[B\x0e");   // links, then the draft again
    t.type("ue\r");
    t.type("\x10\r"); // Ctrl-P: the last line
    EXPECT_EQ(t.lines, (std::vector<std::string>{"status", "links", "queue", "queue"}));
    EXPECT_EQ(t.editor.history().size(), 3U) << "a repeated line is remembered once";
}

TEST(LineEditor, HistoryIsBounded) {
    Typist t(EditorLimits{64, 3});
    t.type("a\rb\rc\rd\re\r");
    ASSERT_EQ(t.editor.history().size(), 3U);
    EXPECT_EQ(t.editor.history().front(), "c");
}

TEST(LineEditor, LongLinesAreRefusedWithABell) {
    Typist t(EditorLimits{5});
    t.type("abcdefgh\r");
    EXPECT_EQ(t.lines, std::vector<std::string>{"abcde"});
    EXPECT_NE(t.screen.find('\a'), std::string::npos);
}

TEST(LineEditor, MaskedInputEchoesStarsAndIsNotRemembered) {
    LineEditor e;
    std::string screen = e.begin("Password: ", true);
    auto events = e.feed("s3cret\r", screen);
    ASSERT_EQ(events.size(), 1U);
    EXPECT_EQ(std::get<LineEntered>(events[0]).text, "s3cret");
    EXPECT_EQ(screen.find("s3cret"), std::string::npos);
    EXPECT_NE(screen.find("******"), std::string::npos);
    EXPECT_TRUE(e.history().empty());
}

TEST(LineEditor, TypeAheadWaitsForTheNextPromptAndCtrlCClearsIt) {
    LineEditor e;
    std::string screen = e.begin("> ");
    auto events = e.feed("history A 2061 1 2\rstatus\r", screen);
    ASSERT_EQ(events.size(), 1U);
    events = e.feed("links\r", screen); // still holding: kept
    EXPECT_TRUE(events.empty());
    screen += e.begin("> ");
    events = e.feed({}, screen);
    ASSERT_EQ(events.size(), 1U);
    EXPECT_EQ(std::get<LineEntered>(events[0]).text, "status");
    events = e.feed("\x03", screen); // Ctrl-C while the command runs: interrupt, drop "links"
    ASSERT_EQ(events.size(), 1U);
    EXPECT_TRUE(std::holds_alternative<Interrupted>(events[0]));
    screen += e.begin("> ");
    EXPECT_TRUE(e.feed({}, screen).empty());
}

TEST(LineEditor, WatchingTurnsEveryBurstIntoOneAnyKey) {
    LineEditor e;
    std::string screen = e.begin("> ");
    e.watch_keys();
    auto events = e.feed("q", screen);
    ASSERT_EQ(events.size(), 1U);
    EXPECT_TRUE(std::holds_alternative<AnyKey>(events[0]));
    events = e.feed("\r\n", screen);
    EXPECT_EQ(events.size(), 1U);
    events = e.feed("\x03", screen);
    ASSERT_EQ(events.size(), 1U);
    EXPECT_TRUE(std::holds_alternative<Interrupted>(events[0]));
}

TEST(LineEditor, CtrlDOnAnEmptyLineEndsOtherwiseDeletes) {
    Typist t;
    t.type("ab\x02\x04\r");
    EXPECT_EQ(t.lines, std::vector<std::string>{"a"});
    t.type("\x04");
    EXPECT_EQ(t.ends, 1);
}

TEST(LineEditor, UnknownBytesAndSequencesAreCountedNotEchoed) {
    Typist t;
    t.type("a\x1b[99Zb\x07\x1b"
           "xc\xe4\xb8\xad\r");
    EXPECT_EQ(t.lines, std::vector<std::string>{"abc"});
    EXPECT_GE(t.editor.ignored(), 5U);
}

TEST(LineEditor, TabCompletesTheCommonPrefixOrListsTheChoices) {
    const Completer words = [](std::string_view before) -> std::vector<std::string> {
        if (before.find(' ') == std::string_view::npos) return {"status", "set", "send", "tap"};
        return {"OverTime", "ReCount"};
    };
    Typist t(EditorLimits{}, words);
    t.type("ta\t");
    EXPECT_EQ(t.editor.line(), "tap ");
    t.type("\x15s\t");
    EXPECT_EQ(t.editor.line(), "s") << "status/set/send share only 's'";
    EXPECT_NE(t.screen.find("status  set  send"), std::string::npos) << t.screen;
    t.type("et O\t1\r");
    EXPECT_EQ(t.lines.back(), "set OverTime 1");
    t.type("x\t");
    EXPECT_NE(t.screen.rfind('\a'), std::string::npos) << "no candidate: a bell";
}

} // namespace
} // namespace hj212gw::console
