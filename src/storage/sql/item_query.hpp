// CompileItemQuery: a parsed backlog query (domain/query/item_query.hpp) as portable SQL over
// the `items` table aliased `i`, for SQLite and PostgreSQL.
//
// Every user value goes to the parameters, never into the SQL text. Every compiled comparison
// is a strictly boolean expression (never NULL), so NOT negates exactly: `NOT points >= 3`
// matches the items without an estimate. Semantics are documented in docs/query-language.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/backlog.hpp"
#include "domain/backlog_settings.hpp"
#include "domain/query/item_query.hpp"
#include "domain/result.hpp"
#include "storage/sql/connection.hpp"

namespace tl::storage {

// What the app knows about the product (key, custom fields, who `me` is, the time relative
// dates count from; an empty me_user_id makes `me` an error), and where the SQL runs.
struct ItemQueryContext : domain::ItemQueryContext {
    std::string workspace_id;
    std::string product_id;
    std::string_view backend = "sqlite";  // "sqlite" or "postgres" (Connection::Backend())
};

struct CompiledItemQuery {
    // A boolean expression to AND after `i.workspace_id = ? AND i.product_id = ?`; its
    // parameters in the order of their `?`.
    std::string where;
    SqlParams params;
    // A complete ORDER BY list (without the keywords), ending with the rank and `i.id` as the
    // tie-breaker; its parameters (custom field ids) in order, to append after the WHERE's.
    std::string order_by;
    SqlParams order_params;
    // True when the order is the backlog's rank (no ORDER BY, or ORDER BY rank [ASC]).
    bool ranked_order = true;
};

// Compiles a query for one product. Errors (kValidationFailed, details
// [{"query", "at <position>: ..."}]): unknown custom field, an operator or value that does not
// fit a custom field's type, an option a select field does not have, `me` without a user, an
// unknown item type or status category.
Result<CompiledItemQuery> CompileItemQuery(const domain::query::Query& query,
                                           const ItemQueryContext& context);

// The error a QueryError becomes in the API: kValidationFailed with one detail
// {"query", message}.
Error QueryValidationError(const domain::query::QueryError& error);

// The full-text search expression for `text ~ "night camera"`: prefix terms of the letters and
// digits (bytes of complete UTF-8 sequences above ASCII pass through) in the dialect's syntax,
// SQLite FTS5 `"night"* "camera"*`, PostgreSQL to_tsquery `night:* & camera:*`; empty when
// the text has no word (the comparison then matches nothing).
std::string FullTextTerms(std::string_view text, std::string_view backend);
// The same expression for words already split (domain::SearchWords).
std::string FullTextExpression(const std::vector<std::string>& words, std::string_view backend);

}  // namespace tl::storage
