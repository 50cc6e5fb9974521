#include "console/line_editor.hpp"

#include <algorithm>

namespace hj212gw::console {
namespace {

constexpr char kBell = '\a';
constexpr std::string_view kEraseToEnd = "\x1b[K";

std::string cursor_left(std::size_t n) {
    return n == 0 ? std::string() : "\x1b[" + std::to_string(n) + "D";
}
std::string cursor_right(std::size_t n) {
    return n == 0 ? std::string() : "\x1b[" + std::to_string(n) + "C";
}
constexpr char ctrl(char c) {
    return static_cast<char>(c & 0x1f);
}

} // namespace

LineEditor::LineEditor(EditorLimits limits, Completer completer)
    : limits_(limits), completer_(std::move(completer)) {}

std::string LineEditor::begin(std::string prompt, bool masked) {
    prompt_ = std::move(prompt);
    masked_ = masked;
    state_ = State::editing;
    line_.clear();
    cursor_ = 0;
    recall_ = history_.size();
    draft_.clear();
    return prompt_;
}

std::vector<EditorEvent> LineEditor::feed(std::string_view bytes, std::string& out) {
    std::vector<EditorEvent> events;
    if (state_ == State::holding) {
        for (char c : bytes) {
            if (c == ctrl('C')) {
                backlog_.clear();
                events.emplace_back(Interrupted{});
            } else if (backlog_.size() < limits_.max_backlog) {
                backlog_ += c;
            } else {
                ++ignored_;
            }
        }
        return events;
    }
    if (state_ == State::watching) {
        for (char c : bytes) {
            // A CR LF pair is one key; a burst is one key too: the session only needs to know
            // that someone pressed something.
            const bool lf_after_cr = c == '\n' && last_cr_;
            last_cr_ = c == '\r';
            if (c == ctrl('C'))
                events.emplace_back(Interrupted{});
            else if (!lf_after_cr &&
                     (events.empty() || !std::holds_alternative<AnyKey>(events.back())))
                events.emplace_back(AnyKey{});
        }
        return events;
    }
    std::string input = std::move(backlog_);
    backlog_.clear();
    input.append(bytes);
    for (std::size_t i = 0; i < input.size(); ++i) {
        key(input[i], out, events);
        if (!events.empty()) {
            // The line is done: what follows is type-ahead for the next prompt.
            state_ = State::holding;
            backlog_ = input.substr(i + 1, limits_.max_backlog);
            if (input.size() - (i + 1) > limits_.max_backlog)
                ignored_ += input.size() - (i + 1) - limits_.max_backlog;
            break;
        }
    }
    return events;
}

void LineEditor::watch_keys() {
    state_ = State::watching;
    backlog_.clear();
}

void LineEditor::key(char c, std::string& out, std::vector<EditorEvent>& events) {
    switch (mode_) {
    case Mode::escape:
        if (c == '[') {
            mode_ = Mode::csi;
            params_.clear();
        } else if (c == 'O') {
            mode_ = Mode::ss3;
        } else {
            mode_ = Mode::text; // Alt+key and a lone ESC: dropped
            ++ignored_;
        }
        return;
    case Mode::csi:
        if (c >= 0x40 && c <= 0x7e) {
            mode_ = Mode::text;
            sequence(c, out);
        } else if (params_.size() < limits_.max_escape) {
            params_ += c;
        } else {
            mode_ = Mode::text;
            ++ignored_;
        }
        return;
    case Mode::ss3:
        mode_ = Mode::text;
        params_.clear();
        sequence(c, out);
        return;
    case Mode::text:
        break;
    }

    const bool lf_after_cr = c == '\n' && last_cr_;
    last_cr_ = c == '\r';
    if (lf_after_cr) return;
    switch (c) {
    case '\r':
    case '\n':
        enter(out, events);
        return;
    case '\x1b':
        mode_ = Mode::escape;
        return;
    case '\x7f':
    case '\b':
        erase_before(1, out);
        return;
    case '\t':
        complete(out);
        return;
    case ctrl('C'):
        out += "^C\r\n";
        line_.clear();
        cursor_ = 0;
        events.emplace_back(Interrupted{});
        return;
    case ctrl('D'):
        if (line_.empty()) {
            out += "\r\n";
            events.emplace_back(EndOfInput{});
        } else {
            erase_at(out);
        }
        return;
    case ctrl('A'):
        move_to(0, out);
        return;
    case ctrl('E'):
        move_to(line_.size(), out);
        return;
    case ctrl('B'):
        if (cursor_ > 0) move_to(cursor_ - 1, out);
        return;
    case ctrl('F'):
        if (cursor_ < line_.size()) move_to(cursor_ + 1, out);
        return;
    case ctrl('P'):
        recall(-1, out);
        return;
    case ctrl('N'):
        recall(+1, out);
        return;
    case ctrl('L'):
        out += "\x1b[2J\x1b[H";
        redraw(out);
        return;
    case ctrl('U'):
        erase_before(cursor_, out);
        return;
    case ctrl('K'):
        line_.erase(cursor_);
        out += kEraseToEnd;
        return;
    case ctrl('W'): {
        std::size_t start = cursor_;
        while (start > 0 && line_[start - 1] == ' ')
            --start;
        while (start > 0 && line_[start - 1] != ' ')
            --start;
        erase_before(cursor_ - start, out);
        return;
    }
    default:
        if (c >= 0x20 && c < 0x7f)
            insert(c, out);
        else
            ++ignored_; // other control bytes and non-ASCII: commands are ASCII
    }
}

void LineEditor::sequence(char final_byte, std::string& out) {
    switch (final_byte) {
    case 'A':
        recall(-1, out);
        return;
    case 'B':
        recall(+1, out);
        return;
    case 'C':
        if (cursor_ < line_.size()) move_to(cursor_ + 1, out);
        return;
    case 'D':
        if (cursor_ > 0) move_to(cursor_ - 1, out);
        return;
    case 'H':
        move_to(0, out);
        return;
    case 'F':
        move_to(line_.size(), out);
        return;
    case '~':
        if (params_ == "1" || params_ == "7")
            move_to(0, out);
        else if (params_ == "4" || params_ == "8")
            move_to(line_.size(), out);
        else if (params_ == "3")
            erase_at(out);
        else
            ++ignored_;
        return;
    default:
        ++ignored_;
    }
}

void LineEditor::insert(char c, std::string& out) {
    if (line_.size() >= limits_.max_line) {
        out += kBell;
        return;
    }
    line_.insert(cursor_, 1, c);
    ++cursor_;
    if (cursor_ == line_.size()) {
        out += masked_ ? '*' : c; // the common case: typing at the end
        return;
    }
    redraw(out);
}

void LineEditor::erase_before(std::size_t n, std::string& out) {
    n = std::min(n, cursor_);
    if (n == 0) return;
    line_.erase(cursor_ - n, n);
    cursor_ -= n;
    redraw(out);
}

void LineEditor::erase_at(std::string& out) {
    if (cursor_ >= line_.size()) return;
    line_.erase(cursor_, 1);
    redraw(out);
}

void LineEditor::move_to(std::size_t pos, std::string& out) {
    if (pos < cursor_) out += cursor_left(cursor_ - pos);
    if (pos > cursor_) out += cursor_right(pos - cursor_);
    cursor_ = pos;
}

void LineEditor::recall(int step, std::string& out) {
    if (masked_ || history_.empty()) return;
    if (step < 0 && recall_ == 0) return;
    if (step > 0 && recall_ >= history_.size()) return;
    if (recall_ == history_.size()) draft_ = line_;
    recall_ = step < 0 ? recall_ - 1 : recall_ + 1;
    line_ = recall_ == history_.size() ? draft_ : history_[recall_];
    cursor_ = line_.size();
    redraw(out);
}

void LineEditor::redraw(std::string& out) const {
    out += '\r';
    out += prompt_;
    out += masked_ ? std::string(line_.size(), '*') : line_;
    out += kEraseToEnd;
    out += cursor_left(line_.size() - cursor_);
}

void LineEditor::enter(std::string& out, std::vector<EditorEvent>& events) {
    out += "\r\n";
    std::string text = std::move(line_);
    line_.clear();
    cursor_ = 0;
    const bool blank = text.find_first_not_of(' ') == std::string::npos;
    if (!masked_ && !blank && (history_.empty() || history_.back() != text)) {
        history_.push_back(text);
        while (history_.size() > limits_.history)
            history_.pop_front();
    }
    recall_ = history_.size();
    events.emplace_back(LineEntered{std::move(text)});
}

void LineEditor::complete(std::string& out) {
    if (masked_ || !completer_) return;
    const auto candidates = completer_(std::string_view(line_).substr(0, cursor_));
    std::size_t word_start = cursor_;
    while (word_start > 0 && line_[word_start - 1] != ' ')
        --word_start;
    const std::string word = line_.substr(word_start, cursor_ - word_start);
    std::vector<std::string> matches;
    for (const auto& c : candidates)
        if (c.rfind(word, 0) == 0) matches.push_back(c);
    if (matches.empty()) {
        out += kBell;
        return;
    }
    std::string common = matches.front();
    for (const auto& m : matches) {
        std::size_t n = 0;
        while (n < common.size() && n < m.size() && common[n] == m[n])
            ++n;
        common.resize(n);
    }
    if (matches.size() == 1) common += ' ';
    if (common.size() > word.size()) {
        const std::string add = common.substr(word.size());
        if (line_.size() + add.size() > limits_.max_line) {
            out += kBell;
            return;
        }
        line_.insert(cursor_, add);
        cursor_ += add.size();
        redraw(out);
        return;
    }
    // Nothing more in common: show the choices, then the line again.
    out += "\r\n";
    for (std::size_t i = 0; i < matches.size(); ++i)
        out += matches[i] + (i + 1 < matches.size() ? "  " : "");
    out += "\r\n";
    redraw(out);
}

} // namespace hj212gw::console
