#pragma once
// Aligned plain-text tables for an 80-column terminal (serial consoles have no wider screen):
// each column has a width and an alignment; a longer cell is cut and ends in '~' so the
// columns never shift.
#include <cstddef>
#include <string>
#include <vector>

namespace hj212gw::ops {

std::string pad_right(std::string s, std::size_t width);       ///< left-aligned in `width`
std::string pad_left(const std::string& s, std::size_t width); ///< right-aligned

class TextTable {
public:
    enum class Align { left, right };
    struct Column {
        std::string title;
        std::size_t width;
        Align align = Align::left;
    };

    explicit TextTable(std::vector<Column> columns, std::string indent = "  ");
    void add(std::vector<std::string> cells);
    /// Header line, then one line per row; each ends in '\n' and has no trailing blanks.
    std::string render() const;
    bool empty() const { return rows_.empty(); }

private:
    std::string line(const std::vector<std::string>& cells) const;

    std::vector<Column> columns_;
    std::string indent_;
    std::vector<std::vector<std::string>> rows_;
};

} // namespace hj212gw::ops
