#pragma once
// Minimal JSON text output for the command-line tools: one object per line, keys in the order
// written. Strings are UTF-8; bytes that are not valid UTF-8 become U+FFFD.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hj212gw::tools {

class JsonLine {
public:
    JsonLine& field(std::string_view key, std::string_view value);
    JsonLine& field(std::string_view key, const char* value) {
        return field(key, std::string_view(value));
    }
    JsonLine& field(std::string_view key, std::uint64_t value);
    JsonLine& field(std::string_view key, bool value);
    JsonLine& null_field(std::string_view key);
    template <class T>
    JsonLine& optional_field(std::string_view key, const std::optional<T>& v) {
        return v ? field(key, *v) : null_field(key);
    }
    /// Inserts already-formed JSON (an array built with append_string etc.).
    JsonLine& raw_field(std::string_view key, std::string_view json);

    /// The finished object, without a newline.
    std::string str() const { return out_ + "}"; }

private:
    void key(std::string_view k);
    std::string out_ = "{";
};

/// Appends `s` as a quoted JSON string.
void append_string(std::string& out, std::string_view s);

} // namespace hj212gw::tools
