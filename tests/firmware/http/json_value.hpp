#pragma once
// A strict little JSON reader for the tests: the endpoints must serve JSON that parses, and
// the page's figures are compared with the numbers' own text ("0.9583").
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hj212gw::http::testing {

struct Json {
    enum class Kind { null, boolean, number, string, array, object } kind = Kind::null;
    bool boolean = false;
    std::string text; ///< a string's value, or a number as written
    std::vector<Json> items;
    std::vector<std::pair<std::string, Json>> members;

    bool is_null() const { return kind == Kind::null; }
    double number() const { return std::strtod(text.c_str(), nullptr); }
    const Json& operator[](std::size_t i) const { return items.at(i); }
    /// The member `key`; a null value when absent.
    const Json& operator[](std::string_view key) const {
        static const Json absent;
        for (const auto& [k, v] : members)
            if (k == key) return v;
        return absent;
    }
    bool has(std::string_view key) const {
        for (const auto& m : members)
            if (m.first == key) return true;
        return false;
    }
};

class JsonReader {
public:
    explicit JsonReader(std::string_view s) : s_(s) {}

    std::optional<Json> document() {
        auto v = value();
        skip_space();
        if (!v || i_ != s_.size()) return std::nullopt;
        return v;
    }

private:
    void skip_space() {
        while (i_ < s_.size() &&
               (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t'))
            ++i_;
    }
    bool literal(std::string_view word) {
        if (s_.substr(i_, word.size()) != word) return false;
        i_ += word.size();
        return true;
    }
    std::optional<std::string> string() {
        if (i_ >= s_.size() || s_[i_] != '"') return std::nullopt;
        std::string out;
        for (++i_; i_ < s_.size(); ++i_) {
            const char c = s_[i_];
            if (c == '"') {
                ++i_;
                return out;
            }
            if (static_cast<unsigned char>(c) < 0x20) return std::nullopt;
            if (c != '\\') {
                out += c;
                continue;
            }
            if (++i_ >= s_.size()) return std::nullopt;
            switch (s_[i_]) {
            case '"':
                out += '"';
                break;
            case '\\':
                out += '\\';
                break;
            case '/':
                out += '/';
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'u': {
                if (i_ + 4 >= s_.size()) return std::nullopt;
                const auto hex = std::string(s_.substr(i_ + 1, 4));
                char* end = nullptr;
                const auto cp = std::strtoul(hex.c_str(), &end, 16);
                if (end != hex.c_str() + 4) return std::nullopt;
                // The tests only meet ASCII escapes; anything else is kept as a marker.
                out += cp < 0x80 ? static_cast<char>(cp) : '?';
                i_ += 4;
                break;
            }
            default:
                return std::nullopt;
            }
        }
        return std::nullopt;
    }
    std::optional<Json> value() {
        skip_space();
        if (i_ >= s_.size()) return std::nullopt;
        Json v;
        const char c = s_[i_];
        if (c == '{') {
            v.kind = Json::Kind::object;
            ++i_;
            skip_space();
            if (i_ < s_.size() && s_[i_] == '}') return ++i_, v;
            for (;;) {
                skip_space();
                auto key = string();
                skip_space();
                if (!key || i_ >= s_.size() || s_[i_] != ':') return std::nullopt;
                ++i_;
                auto member = value();
                if (!member) return std::nullopt;
                v.members.emplace_back(std::move(*key), std::move(*member));
                skip_space();
                if (i_ < s_.size() && s_[i_] == ',') {
                    ++i_;
                    continue;
                }
                if (i_ < s_.size() && s_[i_] == '}') return ++i_, v;
                return std::nullopt;
            }
        }
        if (c == '[') {
            v.kind = Json::Kind::array;
            ++i_;
            skip_space();
            if (i_ < s_.size() && s_[i_] == ']') return ++i_, v;
            for (;;) {
                auto item = value();
                if (!item) return std::nullopt;
                v.items.push_back(std::move(*item));
                skip_space();
                if (i_ < s_.size() && s_[i_] == ',') {
                    ++i_;
                    continue;
                }
                if (i_ < s_.size() && s_[i_] == ']') return ++i_, v;
                return std::nullopt;
            }
        }
        if (c == '"') {
            auto s = string();
            if (!s) return std::nullopt;
            v.kind = Json::Kind::string;
            v.text = std::move(*s);
            return v;
        }
        if (literal("null")) return v;
        if (literal("true") || literal("false")) {
            v.kind = Json::Kind::boolean;
            v.boolean = s_[i_ - 1] == 'e' && s_.substr(i_ - 4, 4) == "true";
            return v;
        }
        const auto start = i_;
        if (s_[i_] == '-') ++i_;
        const auto digits = [&] {
            const auto from = i_;
            while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9')
                ++i_;
            return i_ > from;
        };
        if (!digits()) return std::nullopt;
        if (i_ < s_.size() && s_[i_] == '.') {
            ++i_;
            if (!digits()) return std::nullopt;
        }
        if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
            ++i_;
            if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
            if (!digits()) return std::nullopt;
        }
        v.kind = Json::Kind::number;
        v.text = std::string(s_.substr(start, i_ - start));
        return v;
    }

    std::string_view s_;
    std::size_t i_ = 0;
};

inline std::optional<Json> parse_json(std::string_view text) {
    return JsonReader(text).document();
}

} // namespace hj212gw::http::testing
