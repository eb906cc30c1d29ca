// Small value helpers shared by the SQL implementations of the Tx: optional numbers as NULL,
// short comma-joined lists in one column, and IN lists bounded in size.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"
#include "storage/sql/connection.hpp"

namespace tl::storage {

// NULL for an absent number.
inline SqlValue NullIfAbsent(const std::optional<double>& v) {
    if (!v) {
        return nullptr;
    }
    return *v;
}

// Ids or dates (never holding a comma) stored as one "a,b,c" column.
inline std::string JoinList(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) {
        out += (out.empty() ? "" : ",") + v;
    }
    return out;
}

// The values of a JoinList column; empty parts are dropped.
inline std::vector<std::string> SplitList(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find(',', start);
        if (end == std::string::npos) {
            end = text.size();
        }
        if (end > start) {
            out.push_back(text.substr(start, end - start));
        }
        start = end + 1;
    }
    return out;
}

// The workspace term of a query that looks rows up by a list of ids (`<term> AND id IN (...)`).
// SQLite's planner, without statistics, prefers an index led by workspace_id once the list
// holds a few ids, and then reads every row of the workspace; a unary plus keeps it off that
// index, so each id is one primary-key lookup. PostgreSQL has statistics (and no unary plus
// for text). `prefix` is the table's alias with its dot, or "".
inline std::string WorkspaceTermForIds(std::string_view backend, std::string_view prefix) {
    return std::string(backend == "sqlite" ? "+" : "") + std::string(prefix) + "workspace_id = ?";
}

// "?, ?, ?" for n values.
inline std::string Placeholders(std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        out += i == 0 ? "?" : ", ?";
    }
    return out;
}

// Calls fn(params, in) for consecutive batches of at most 100 of `ids`, so an IN list stays
// bounded: `params` holds the workspace id and the batch's ids, `in` is "(?, ?, ...)".
template <typename Fn>
Result<void> ForEachIdBatch(const std::string& workspace_id,
                            const std::vector<std::string>& ids,
                            Fn&& fn) {
    constexpr std::size_t kBatch = 100;
    for (std::size_t start = 0; start < ids.size(); start += kBatch) {
        const std::size_t n = std::min(kBatch, ids.size() - start);
        SqlParams params{workspace_id};
        params.insert(params.end(),
                      ids.begin() + static_cast<std::ptrdiff_t>(start),
                      ids.begin() + static_cast<std::ptrdiff_t>(start + n));
        TL_TRY(fn(std::move(params), "(" + Placeholders(n) + ")"));
    }
    return {};
}

}  // namespace tl::storage
