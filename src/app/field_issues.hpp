// Field issues of a use case: those the input reader flagged (a missing or mistyped field) and
// those the domain's validation finds, reported once per field, the reader's first.
#pragma once

#include <algorithm>
#include <string_view>
#include <utility>

#include "domain/validation.hpp"

namespace tl::app {

// Whether `issues` holds an issue of `field`.
inline bool Names(const domain::Issues& issues, std::string_view field) {
    return std::any_of(
        issues.begin(), issues.end(), [&](const auto& i) { return i.field == field; });
}

// Appends the issues of `more` whose field `issues` does not name yet.
inline void MergeIssues(domain::Issues& issues, domain::Issues more) {
    for (auto& i : more) {
        if (!Names(issues, i.field)) {
            issues.push_back(std::move(i));
        }
    }
}

}  // namespace tl::app
