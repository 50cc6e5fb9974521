#include "ops/text_table.hpp"

namespace hj212gw::ops {

std::string pad_right(std::string s, std::size_t width) {
    if (s.size() > width) s = s.substr(0, width > 0 ? width - 1 : 0) + (width > 0 ? "~" : "");
    s.resize(width, ' ');
    return s;
}

std::string pad_left(const std::string& s, std::size_t width) {
    if (s.size() > width) return pad_right(s, width);
    return std::string(width - s.size(), ' ') + s;
}

TextTable::TextTable(std::vector<Column> columns, std::string indent)
    : columns_(std::move(columns)), indent_(std::move(indent)) {}

void TextTable::add(std::vector<std::string> cells) {
    cells.resize(columns_.size());
    rows_.push_back(std::move(cells));
}

std::string TextTable::line(const std::vector<std::string>& cells) const {
    std::string out = indent_;
    for (std::size_t i = 0; i < columns_.size(); ++i) {
        const auto& c = columns_[i];
        if (i) out += ' ';
        out += c.align == Align::left ? pad_right(cells[i], c.width) : pad_left(cells[i], c.width);
    }
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out + '\n';
}

std::string TextTable::render() const {
    std::vector<std::string> titles;
    for (const auto& c : columns_)
        titles.push_back(c.title);
    std::string out = line(titles);
    for (const auto& r : rows_)
        out += line(r);
    return out;
}

} // namespace hj212gw::ops
