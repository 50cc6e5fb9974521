#pragma once
// LineEditor: line editing and history over a raw byte stream (a serial line or a socket), for
// any VT100-compatible terminal (picocom, minicom, PuTTY, screen). Sans-I/O: bytes in, echo
// bytes and events out. The editor never relies on the terminal's own line discipline: a
// serial console has none, so every key is echoed and every redraw is explicit.
//
// Keys: printable ASCII; Enter as CR, LF or CRLF; Backspace (BS or DEL) and Delete; arrows,
// Home/End (CSI and SS3 forms); Ctrl-A/E/B/F (home, end, left, right); Ctrl-U/K/W (kill line,
// to end, word); Ctrl-P/N and Up/Down (history); Ctrl-L (redraw); Tab (completion event);
// Ctrl-C (interrupt event); Ctrl-D on an empty line (end event).
//
// After Enter the editor holds: bytes typed (or pasted) while the command runs are kept, in
// a bounded backlog, and edited into the next line once begin() shows its prompt. While
// watching (e.g. `tap`), every key is one AnyKey event instead.
#include <cstddef>
#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace hj212gw::console {

struct LineEntered {
    std::string text;
};
struct Interrupted {}; ///< Ctrl-C
struct EndOfInput {};  ///< Ctrl-D on an empty line
struct AnyKey {};      ///< a key while the editor is paused (e.g. to stop `tap`)
using EditorEvent = std::variant<LineEntered, Interrupted, EndOfInput, AnyKey>;

struct EditorLimits {
    std::size_t max_line = 512;     ///< longer input is refused with a bell
    std::size_t history = 50;       ///< lines remembered
    std::size_t max_escape = 16;    ///< an escape sequence longer than this is dropped
    std::size_t max_backlog = 4096; ///< type-ahead kept while a command runs
};

/// Candidates for the word being completed, given the line up to the cursor.
using Completer = std::function<std::vector<std::string>(std::string_view before_cursor)>;

class LineEditor {
public:
    explicit LineEditor(EditorLimits limits = {}, Completer completer = {});

    /// Starts a fresh line: returns what to write (the prompt). Call feed({}) next: it edits
    /// whatever was typed ahead while holding.
    std::string begin(std::string prompt, bool masked = false);
    /// Feeds received bytes; appends echo/redraw bytes to `out`; returns the events, in order.
    /// Editing stops at the first LineEntered/EndOfInput (the rest is kept as type-ahead).
    std::vector<EditorEvent> feed(std::string_view bytes, std::string& out);
    /// Every key becomes an AnyKey event until begin() (the type-ahead is dropped).
    void watch_keys();
    bool editing() const { return state_ == State::editing; }

    std::string_view line() const { return line_; }
    std::size_t cursor() const { return cursor_; }
    const std::deque<std::string>& history() const { return history_; }
    /// Bytes that were neither keys nor part of a known sequence, or type-ahead beyond the
    /// backlog limit (counted, never echoed).
    std::size_t ignored() const { return ignored_; }

private:
    enum class Mode { text, escape, csi, ss3 };
    enum class State { editing, holding, watching };
    void key(char c, std::string& out, std::vector<EditorEvent>& events);
    void sequence(char final_byte, std::string& out);
    void insert(char c, std::string& out);
    void erase_before(std::size_t n, std::string& out);
    void erase_at(std::string& out);
    void move_to(std::size_t pos, std::string& out);
    void recall(int step, std::string& out);
    void redraw(std::string& out) const;
    void enter(std::string& out, std::vector<EditorEvent>& events);
    void complete(std::string& out);

    EditorLimits limits_;
    Completer completer_;
    std::string prompt_;
    bool masked_ = false;
    State state_ = State::holding; // until the first begin()
    std::string backlog_;
    std::string line_;
    std::size_t cursor_ = 0;
    std::deque<std::string> history_;
    std::size_t recall_ = 0; ///< history index being shown; history_.size() = the new line
    std::string draft_;      ///< the line being typed before browsing history
    Mode mode_ = Mode::text;
    std::string params_; ///< CSI parameter bytes
    bool last_cr_ = false;
    std::size_t ignored_ = 0;
};

} // namespace hj212gw::console
