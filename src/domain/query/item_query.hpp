// The backlog filter query language: a lexer and recursive-descent parser producing an AST,
// the field and operator checks that need no database, and date resolution.
//
//   type = story AND status != done AND points >= 3 ORDER BY rank
//   assignee = me AND updated >= -7d
//   label IN (camera, gimbal) AND NOT category = done
//
// The grammar, fields and semantics are documented in docs/query-language.md. Parsing is pure
// and thread-safe; positions are 0-based byte offsets into the query text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/backlog_settings.hpp"

namespace tl::domain::query {

inline constexpr std::size_t kMaxQueryLength = 2'000;
inline constexpr int kMaxDepth = 32;  // nested parentheses and NOTs
inline constexpr std::size_t kMaxComparisons = 100;

// The built-in fields. kCustom: any other identifier, a custom field key resolved against
// the product's fields by ValidateQueryFields.
enum class Field {
    kType,
    kStatus,
    kCategory,
    kPoints,
    kAssignee,
    kLabel,
    kParent,
    kEpic,
    kFeature,
    kSprint,
    kRelease,
    kGoal,
    kInitiative,
    kCreated,
    kUpdated,
    kText,
    kKey,
    kTitle,
    kPriority,  // highest > high > medium > low > lowest
    kRank,      // ORDER BY only
    kCustom,
};

// The names reserved by the built-in fields ("label" and its alias "labels" included), in a
// stable order; custom field keys may not use them.
std::span<const std::string_view> BuiltInFields();

// The built-in field named `name` (lower-case), or nullopt for a custom field key.
std::optional<Field> BuiltInField(std::string_view name);

enum class Op {
    kEq,          // =
    kNe,          // !=
    kLt,          // <
    kLe,          // <=
    kGt,          // >
    kGe,          // >=
    kContains,    // ~
    kIn,          // IN (…)
    kNotIn,       // NOT IN (…)
    kIsEmpty,     // IS EMPTY
    kIsNotEmpty,  // IS NOT EMPTY
};

std::string_view ToString(Op op);  // "=", "!=", ..., "IN", "NOT IN", "IS EMPTY", "IS NOT EMPTY"

enum class ValueKind {
    kWord,          // story, tech-debt, DRN-12, in_progress, me, olivia@skylift.example
    kString,        // "night camera" or 'x' (text holds it unescaped)
    kNumber,        // 3, 0.5, -1
    kRelativeDate,  // -7d, +3d, -2w, -1m (30 days), -12h: offset_ms from now
    kDate,          // 2026-05-01: day_ms is midnight UTC of that day
    kNow,           // now: the instant
    kToday,         // today: the current UTC day
};

struct Value {
    ValueKind kind = ValueKind::kWord;
    std::string text;  // as written (strings unescaped); every kind has it
    double number = 0;
    std::int64_t offset_ms = 0;  // kRelativeDate
    std::int64_t day_ms = 0;     // kDate
    std::size_t position = 0;
};

struct FieldRef {
    Field field = Field::kCustom;
    std::string name;  // lower-case, as written ("labels" stays "labels"); the key for kCustom
    std::size_t position = 0;
};

// `values`: one for the binary operators, one or more for IN / NOT IN, none for IS [NOT] EMPTY.
struct Comparison {
    FieldRef field;
    Op op = Op::kEq;
    std::size_t op_position = 0;
    std::vector<Value> values;
};

enum class NodeKind { kComparison, kAnd, kOr, kNot };

// kAnd / kOr: two or more children (chains are flattened); kNot: one child; kComparison:
// `comparison`, no children.
struct Node {
    NodeKind kind = NodeKind::kComparison;
    std::size_t position = 0;  // first token of the node
    Comparison comparison;
    std::vector<std::unique_ptr<Node>> children;
};

struct OrderTerm {
    FieldRef field;
    bool descending = false;
};

struct Query {
    std::unique_ptr<Node> where;  // nullptr: every item
    std::vector<OrderTerm> order;
};

// The first problem found in a query. `expected` names what would have been valid there;
// `message` is "at <position>: ..." for people.
struct QueryError {
    std::size_t position = 0;
    std::string expected;
    std::string message;

    friend bool operator==(const QueryError&, const QueryError&) = default;
};

struct ParseResult {
    Query query;                      // meaningful when !error
    std::optional<QueryError> error;  // set when the text is not a valid query

    bool ok() const { return !error.has_value(); }
};

// Parses a query. Whitespace only is valid (every item, rank order). Checks the grammar, the
// limits, and for built-in fields the operators and value forms (points need numbers, created
// and updated dates; rank and text only where they make sense). Custom fields are checked
// by ValidateQueryFields.
ParseResult ParseItemQuery(std::string_view text);

// Resolves custom field keys against the product's fields and checks operators and values
// for each field's type (numbers, dates, options of select fields). nullopt when valid.
std::optional<QueryError> ValidateQueryFields(const Query& query,
                                              std::span<const CustomField> fields);

// The custom field a comparison or ORDER BY term names, or nullptr.
const CustomField* FindCustomField(std::span<const CustomField> fields, std::string_view key);

// The option of a select field that `text` names (compared case-insensitively), or nullptr.
const std::string* FindOption(const CustomField& field, std::string_view text);

// A half-open time interval [begin_ms, end_ms) in ms since the epoch, UTC.
struct TimeRange {
    std::int64_t begin_ms = 0;
    std::int64_t end_ms = 0;
};

// What a date value denotes, given the current time: a date literal or `today` is that whole
// UTC day; a relative date (-7d = now_ms - 7 days) or `now` is one millisecond. nullopt when
// `value` is not a date form.
std::optional<TimeRange> ResolveDate(const Value& value, std::int64_t now_ms);

// The UTC day [midnight, next midnight) containing `ms`.
TimeRange DayOf(std::int64_t ms);

// Midnight UTC of a calendar date, or nullopt when it does not exist (2026-02-30).
std::optional<std::int64_t> DateToMs(int year, int month, int day);

}  // namespace tl::domain::query
