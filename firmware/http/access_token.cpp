#include "http/access_token.hpp"

#include <cstddef>

namespace hj212gw::http {

std::string_view bearer_token(std::string_view authorization) {
    constexpr std::string_view scheme = "bearer";
    if (authorization.size() <= scheme.size()) return {};
    for (std::size_t i = 0; i < scheme.size(); ++i) {
        const char c = authorization[i];
        if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != scheme[i]) return {};
    }
    std::string_view rest = authorization.substr(scheme.size());
    if (rest.front() != ' ' && rest.front() != '\t') return {};
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t'))
        rest.remove_prefix(1);
    while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t'))
        rest.remove_suffix(1);
    return rest;
}

bool token_matches(std::string_view expected, std::string_view given) {
    // Every byte of `expected` is compared whatever `given` holds; the loop never exits early.
    unsigned diff = expected.size() == given.size() ? 0U : 1U;
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const unsigned e = static_cast<unsigned char>(expected[i]);
        const unsigned g = i < given.size() ? static_cast<unsigned char>(given[i]) : 0U;
        diff |= e ^ g;
    }
    return diff == 0 && !expected.empty();
}

} // namespace hj212gw::http
