// Field validation helpers shared by every domain type. Each check appends FieldIssues so
// that one request reports every bad field at once.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"

namespace tl::domain {

using Issues = std::vector<FieldIssue>;

// Number of Unicode code points in valid UTF-8 text.
std::size_t CodePoints(std::string_view utf8);

// A one-line text: min..max code points, no control characters.
void CheckLine(Issues& issues,
               std::string_view field,
               std::string_view value,
               std::size_t min,
               std::size_t max);
// Multi-line text: up to max code points; newlines and tabs allowed, other controls not.
void CheckText(Issues& issues, std::string_view field, std::string_view value, std::size_t max);
// An e-mail address of the usual shape, at most 254 characters.
void CheckEmail(Issues& issues, std::string_view field, std::string_view value);
// A new password: 8..256 code points.
void CheckPassword(Issues& issues, std::string_view field, std::string_view value);

// Lower-cases ASCII letters; e-mail addresses compare case-insensitively.
std::string NormalizeEmail(std::string_view email);

}  // namespace tl::domain
