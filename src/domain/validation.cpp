#include "domain/validation.hpp"

#include <cctype>

namespace tl::domain {

std::size_t CodePoints(std::string_view utf8) {
    std::size_t n = 0;
    for (unsigned char c : utf8) {
        if ((c & 0xC0) != 0x80) {
            ++n;
        }
    }
    return n;
}

namespace {

bool HasControl(std::string_view value, bool allow_newlines) {
    for (unsigned char c : value) {
        if (c < 0x20 || c == 0x7F) {
            if (allow_newlines && (c == '\n' || c == '\r' || c == '\t')) {
                continue;
            }
            return true;
        }
    }
    return false;
}

void CheckLength(Issues& issues,
                 std::string_view field,
                 std::string_view value,
                 std::size_t min,
                 std::size_t max) {
    std::size_t n = CodePoints(value);
    if (n < min) {
        issues.push_back({std::string(field),
                          min == 1 ? "must not be empty"
                                   : "must be at least " + std::to_string(min) + " characters"});
    } else if (n > max) {
        issues.push_back(
            {std::string(field), "must be at most " + std::to_string(max) + " characters"});
    }
}

}  // namespace

void CheckLine(Issues& issues,
               std::string_view field,
               std::string_view value,
               std::size_t min,
               std::size_t max) {
    std::size_t before = issues.size();
    CheckLength(issues, field, value, min, max);
    if (issues.size() == before && HasControl(value, false)) {
        issues.push_back({std::string(field), "must not contain control characters"});
    }
}

void CheckText(Issues& issues, std::string_view field, std::string_view value, std::size_t max) {
    std::size_t before = issues.size();
    CheckLength(issues, field, value, 0, max);
    if (issues.size() == before && HasControl(value, true)) {
        issues.push_back({std::string(field), "must not contain control characters"});
    }
}

void CheckEmail(Issues& issues, std::string_view field, std::string_view value) {
    auto at = value.find('@');
    bool ok = value.size() <= 254 && at != std::string_view::npos && at > 0 &&
              value.find('@', at + 1) == std::string_view::npos;
    if (ok) {
        std::string_view domain = value.substr(at + 1);
        auto dot = domain.find('.');
        ok = dot != std::string_view::npos && dot > 0 && domain.back() != '.';
        for (unsigned char c : value) {
            if (c <= 0x20 || c == 0x7F || c == '<' || c == '>' || c == ',' || c == ';') {
                ok = false;
            }
        }
    }
    if (!ok) {
        issues.push_back({std::string(field), "must be an e-mail address such as ann@example.com"});
    }
}

void CheckPassword(Issues& issues, std::string_view field, std::string_view value) {
    CheckLength(issues, field, value, 8, 256);
}

std::string NormalizeEmail(std::string_view email) {
    std::string out(email);
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

}  // namespace tl::domain
