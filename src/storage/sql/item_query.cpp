#include "storage/sql/item_query.hpp"

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <utility>

#include "domain/item.hpp"
#include "domain/search_words.hpp"

namespace tl::storage {
namespace {

using domain::CustomField;
using domain::CustomFieldType;
using domain::query::Comparison;
using domain::query::Field;
using domain::query::Node;
using domain::query::NodeKind;
using domain::query::Op;
using domain::query::QueryError;
using domain::query::Value;
using domain::query::ValueKind;

constexpr std::string_view kTrue = "1 = 1";
constexpr std::string_view kFalse = "1 = 0";

// The item's nearest ancestor of a type (the hierarchy is at most three levels above an
// item), as a nullable scalar expression; `%` stands for the type literal.
constexpr std::string_view kAncestorOfType =
    "COALESCE("
    "(SELECT a1.id FROM items a1 WHERE a1.id = i.parent_id AND a1.item_type = '%'), "
    "(SELECT a2.id FROM items a1 JOIN items a2 ON a2.id = a1.parent_id "
    "WHERE a1.id = i.parent_id AND a2.item_type = '%'), "
    "(SELECT a3.id FROM items a1 JOIN items a2 ON a2.id = a1.parent_id "
    "JOIN items a3 ON a3.id = a2.parent_id WHERE a1.id = i.parent_id AND a3.item_type = '%'))";

// A priority as a number that orders it: lowest 1 ... highest 5 (domain::Weight).
constexpr std::string_view kPriorityWeight =
    "CASE i.priority WHEN 'highest' THEN 5 WHEN 'high' THEN 4 WHEN 'medium' THEN 3 "
    "WHEN 'low' THEN 2 ELSE 1 END";

constexpr std::string_view kFieldValueRow =
    "SELECT 1 FROM item_field_values v WHERE v.workspace_id = i.workspace_id "
    "AND v.item_id = i.id AND v.field_id = ";

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string ToLower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        c = Lower(c);
    }
    return out;
}

std::string AncestorOfType(std::string_view type) {
    std::string out;
    for (char c : kAncestorOfType) {
        if (c == '%') {
            out += type;
        } else {
            out += c;
        }
    }
    return out;
}

std::string At(std::size_t position) { return "at " + std::to_string(position) + ": "; }

QueryError MakeQueryError(std::size_t position, std::string expected, std::string what) {
    return QueryError{position, std::move(expected), At(position) + std::move(what)};
}

std::string LikePattern(std::string_view text) {
    std::string out = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    out += '%';
    return out;
}

// An item key of this product ("DRN-12", any case) or a bare number, as an item number.
std::optional<std::int64_t> ItemNumber(std::string_view text, std::string_view product_key) {
    const auto dash = text.rfind('-');
    std::string_view digits = text;
    if (dash != std::string_view::npos) {
        if (ToLower(text.substr(0, dash)) != ToLower(product_key)) {
            return std::nullopt;
        }
        digits = text.substr(dash + 1);
    }
    if (digits.empty() || digits.size() > 15) {
        return std::nullopt;
    }
    std::int64_t n = 0;
    for (char c : digits) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        n = n * 10 + (c - '0');
    }
    return n;
}

std::string_view SqlOperator(Op op) {
    switch (op) {
        case Op::kEq:
            return " = ";
        case Op::kNe:
            return " <> ";
        case Op::kLt:
            return " < ";
        case Op::kLe:
            return " <= ";
        case Op::kGt:
            return " > ";
        case Op::kGe:
            return " >= ";
        case Op::kIn:
            return " IN ";
        case Op::kNotIn:
            return " NOT IN ";
        default:
            return " = ";
    }
}

// SQL text and its parameters, appended in the order the `?` appear.
struct SqlBuilder {
    std::string sql;
    SqlParams params;

    SqlBuilder& operator<<(std::string_view s) {
        sql += s;
        return *this;
    }
    SqlBuilder& Param(SqlValue v) {
        sql += '?';
        params.push_back(std::move(v));
        return *this;
    }
};

class Compiler {
public:
    explicit Compiler(const ItemQueryContext& context) : ctx_(context) {}

    std::optional<QueryError> Where(const Node& node) {
        switch (node.kind) {
            case NodeKind::kAnd:
            case NodeKind::kOr: {
                b_ << "(";
                for (std::size_t k = 0; k < node.children.size(); ++k) {
                    if (k > 0) {
                        b_ << (node.kind == NodeKind::kAnd ? " AND " : " OR ");
                    }
                    if (auto e = Where(*node.children[k])) {
                        return e;
                    }
                }
                b_ << ")";
                return std::nullopt;
            }
            case NodeKind::kNot: {
                b_ << "NOT (";
                if (auto e = Where(*node.children.front())) {
                    return e;
                }
                b_ << ")";
                return std::nullopt;
            }
            case NodeKind::kComparison:
                return Compare(node.comparison);
        }
        return std::nullopt;
    }

    SqlBuilder& builder() { return b_; }

private:
    using Emit = std::function<void(const Value&)>;

    // "(?, ?, ?)" or a single "?", one emit per value.
    void Operand(const Comparison& c, const Emit& emit) {
        const bool list = c.op == Op::kIn || c.op == Op::kNotIn;
        if (list) {
            b_ << "(";
        }
        for (std::size_t k = 0; k < c.values.size(); ++k) {
            if (k > 0) {
                b_ << ", ";
            }
            emit(c.values[k]);
        }
        if (list) {
            b_ << ")";
        }
    }

    // `column op operand`, with IS [NOT] EMPTY as IS [NOT] NULL; a nullable column never
    // matches another comparison.
    void Column(std::string_view column, bool nullable, const Comparison& c, const Emit& emit) {
        if (c.op == Op::kIsEmpty) {
            b_ << column << " IS NULL";
            return;
        }
        if (c.op == Op::kIsNotEmpty) {
            b_ << column << " IS NOT NULL";
            return;
        }
        if (nullable) {
            b_ << "(" << column << " IS NOT NULL AND ";
        }
        b_ << column << SqlOperator(c.op);
        Operand(c, emit);
        if (nullable) {
            b_ << ")";
        }
    }

    void Text(const Value& v) { b_.Param(v.text); }
    void LowerText(const Value& v) { b_.Param(ToLower(v.text)); }
    void Number(const Value& v) { b_.Param(v.number); }

    // `column IN (SELECT u.id FROM users u WHERE ...)`: each value is `me`, or a user id,
    // e-mail or name (case-insensitive).
    std::optional<QueryError> Users(std::string_view column, bool nullable, const Comparison& c) {
        if (c.op == Op::kIsEmpty || c.op == Op::kIsNotEmpty) {
            Column(column, nullable, c, {});
            return std::nullopt;
        }
        for (const auto& v : c.values) {
            if (v.kind == ValueKind::kWord && ToLower(v.text) == "me" && ctx_.me_user_id.empty()) {
                return MakeQueryError(
                    v.position, "a user", "\"me\" needs a signed-in user; name the user instead");
            }
        }
        const bool negated = c.op == Op::kNe || c.op == Op::kNotIn;
        if (nullable) {
            b_ << "(" << column << " IS NOT NULL AND ";
        }
        b_ << column << (negated ? " NOT IN " : " IN ")
           << "(SELECT u.id FROM users u WHERE u.workspace_id = ";
        b_.Param(ctx_.workspace_id) << " AND (";
        for (std::size_t k = 0; k < c.values.size(); ++k) {
            const Value& v = c.values[k];
            b_ << (k > 0 ? " OR " : "");
            if (v.kind == ValueKind::kWord && ToLower(v.text) == "me") {
                b_ << "u.id = ";
                b_.Param(ctx_.me_user_id);
            } else {
                b_ << "u.id = ";
                b_.Param(v.text) << " OR lower(u.email) = lower(";
                b_.Param(v.text) << ") OR lower(u.name) = lower(";
                b_.Param(v.text) << ")";
            }
        }
        b_ << "))";
        if (nullable) {
            b_ << ")";
        }
        return std::nullopt;
    }

    // `expr IN (SELECT p.id FROM items p ...)`: each value is a key of this product or an id.
    void Items(std::string_view expr, const Comparison& c) {
        if (c.op == Op::kIsEmpty || c.op == Op::kIsNotEmpty) {
            Column(expr, true, c, {});
            return;
        }
        const bool negated = c.op == Op::kNe || c.op == Op::kNotIn;
        b_ << "(" << expr << " IS NOT NULL AND " << expr << (negated ? " NOT IN " : " IN ")
           << "(SELECT p.id FROM items p WHERE p.workspace_id = ";
        b_.Param(ctx_.workspace_id) << " AND p.product_id = ";
        b_.Param(ctx_.product_id) << " AND (";
        for (std::size_t k = 0; k < c.values.size(); ++k) {
            const Value& v = c.values[k];
            b_ << (k > 0 ? " OR " : "");
            if (auto number = ItemNumber(v.text, ctx_.product_key);
                number && v.text.find('-') != std::string::npos) {
                b_ << "p.item_number = ";
                b_.Param(*number);
            } else {
                b_ << "p.id = ";
                b_.Param(v.text);
            }
        }
        b_ << ")))";
    }

    void Labels(const Comparison& c) {
        const bool negated = c.op == Op::kNe || c.op == Op::kNotIn || c.op == Op::kIsEmpty;
        b_ << (negated ? "NOT EXISTS" : "EXISTS")
           << " (SELECT 1 FROM item_labels l WHERE l.workspace_id = i.workspace_id "
              "AND l.item_id = i.id";
        if (c.op != Op::kIsEmpty && c.op != Op::kIsNotEmpty) {
            const bool list = c.op == Op::kIn || c.op == Op::kNotIn;
            b_ << " AND l.label" << (list ? " IN " : " = ");
            Operand(c, [&](const Value& v) { LowerText(v); });
        }
        b_ << ")";
    }

    // A date comparison on a column of ms since the epoch: a date literal or `today` is its
    // whole UTC day (`> 2026-05-01` starts the next day); relative dates and `now` are
    // instants, except with = and != which take the UTC day they fall on.
    void Dates(std::string_view column, const Comparison& c) {
        const Value& v = c.values.front();
        auto range = *domain::query::ResolveDate(v, ctx_.now_ms);
        if ((c.op == Op::kEq || c.op == Op::kNe) &&
            (v.kind == ValueKind::kRelativeDate || v.kind == ValueKind::kNow)) {
            range = domain::query::DayOf(range.begin_ms);
        }
        switch (c.op) {
            case Op::kEq:
                b_ << "(" << column << " >= ";
                b_.Param(range.begin_ms) << " AND " << column << " < ";
                b_.Param(range.end_ms) << ")";
                break;
            case Op::kNe:
                b_ << "(" << column << " < ";
                b_.Param(range.begin_ms) << " OR " << column << " >= ";
                b_.Param(range.end_ms) << ")";
                break;
            case Op::kLt:
                b_ << column << " < ";
                b_.Param(range.begin_ms);
                break;
            case Op::kLe:
                b_ << column << " < ";
                b_.Param(range.end_ms);
                break;
            case Op::kGt:
                b_ << column << " >= ";
                b_.Param(range.end_ms);
                break;
            default:
                b_ << column << " >= ";
                b_.Param(range.begin_ms);
                break;
        }
    }

    void FullText(const Value& v) {
        const std::string terms = FullTextTerms(v.text, ctx_.backend);
        if (terms.empty()) {
            b_ << kFalse;
            return;
        }
        if (ctx_.backend == "postgres") {
            b_ << "i.id IN (SELECT item_id FROM item_search WHERE document @@ "
                  "to_tsquery('simple', ";
            b_.Param(terms) << "))";
        } else {
            b_ << "i.id IN (SELECT item_id FROM item_search WHERE item_search MATCH ";
            b_.Param(terms) << ")";
        }
    }

    void Keys(const Comparison& c) {
        std::vector<std::int64_t> numbers;
        for (const auto& v : c.values) {
            if (auto n = ItemNumber(v.text, ctx_.product_key)) {
                numbers.push_back(*n);
            }
        }
        const bool negated = c.op == Op::kNe || c.op == Op::kNotIn;
        if (numbers.empty()) {
            b_ << (negated ? kTrue : kFalse);  // no item has a key of another product
            return;
        }
        b_ << "i.item_number" << (negated ? " NOT IN (" : " IN (");
        for (std::size_t k = 0; k < numbers.size(); ++k) {
            b_ << (k > 0 ? ", " : "");
            b_.Param(numbers[k]);
        }
        b_ << ")";
    }

    // = != IN NOT IN compare the stored name; < <= > >= compare the weights, so
    // `priority >= high` is high or highest.
    void Priority(const Comparison& c) {
        const bool ordering =
            c.op == Op::kLt || c.op == Op::kLe || c.op == Op::kGt || c.op == Op::kGe;
        if (!ordering) {
            Column("i.priority", false, c, [&](const Value& v) { LowerText(v); });
            return;
        }
        const auto priority = domain::ParsePriority(ToLower(c.values.front().text));
        b_ << "(" << kPriorityWeight << ")" << SqlOperator(c.op);
        b_.Param(std::int64_t{domain::Weight(priority.value_or(domain::Priority::kMedium))});
    }

    void Title(const Comparison& c) {
        if (c.op == Op::kContains) {
            b_ << "lower(i.title) LIKE lower(";
            b_.Param(LikePattern(c.values.front().text)) << ") ESCAPE '\\'";
            return;
        }
        b_ << "lower(i.title)" << SqlOperator(c.op) << "lower(";
        b_.Param(c.values.front().text) << ")";
    }

    // EXISTS over the field's value rows: `cond` adds conditions on `v`; `negated` makes it
    // NOT EXISTS.
    void FieldRows(const CustomField& field, bool negated, const std::function<void()>& cond) {
        b_ << (negated ? "NOT EXISTS (" : "EXISTS (") << kFieldValueRow;
        b_.Param(field.id);
        if (cond) {
            b_ << " AND ";
            cond();
        }
        b_ << ")";
    }

    std::optional<QueryError> Custom(const Comparison& c) {
        const CustomField& field = *domain::query::FindCustomField(ctx_.fields, c.field.name);
        if (c.op == Op::kIsEmpty || c.op == Op::kIsNotEmpty) {
            FieldRows(field, c.op == Op::kIsEmpty, {});
            return std::nullopt;
        }
        switch (field.type) {
            case CustomFieldType::kText:
                FieldRows(field, false, [&] {
                    if (c.op == Op::kContains) {
                        b_ << "lower(v.text_value) LIKE lower(";
                        b_.Param(LikePattern(c.values.front().text)) << ") ESCAPE '\\'";
                        return;
                    }
                    b_ << "lower(v.text_value)" << SqlOperator(c.op);
                    Operand(c, [&](const Value& v) { LowerText(v); });
                });
                return std::nullopt;
            case CustomFieldType::kNumber:
                FieldRows(field, false, [&] {
                    b_ << "v.num_value" << SqlOperator(c.op);
                    Operand(c, [&](const Value& v) { Number(v); });
                });
                return std::nullopt;
            case CustomFieldType::kDate:
                FieldRows(field, false, [&] { Dates("v.num_value", c); });
                return std::nullopt;
            case CustomFieldType::kSingleSelect:
            case CustomFieldType::kMultiSelect: {
                // Multi-select: = contains the option, != does not contain it (one row per
                // chosen option); single-select: at most one row, compared directly.
                const bool multi = field.type == CustomFieldType::kMultiSelect;
                const bool negated = c.op == Op::kNe || c.op == Op::kNotIn;
                Comparison positive = c;
                if (multi && negated) {
                    positive.op = c.op == Op::kNe ? Op::kEq : Op::kIn;
                }
                FieldRows(field, multi && negated, [&] {
                    b_ << "v.text_value" << SqlOperator(positive.op);
                    Operand(positive, [&](const Value& v) {
                        b_.Param(*domain::query::FindOption(field, v.text));
                    });
                });
                return std::nullopt;
            }
            case CustomFieldType::kUser: {
                std::optional<QueryError> error;
                FieldRows(field, false, [&] { error = Users("v.text_value", false, c); });
                return error;
            }
        }
        return std::nullopt;
    }

    std::optional<QueryError> Compare(const Comparison& c) {
        switch (c.field.field) {
            case Field::kType:
                Column("i.item_type", false, c, [&](const Value& v) { LowerText(v); });
                return std::nullopt;
            case Field::kStatus:
                Column("i.status", false, c, [&](const Value& v) { LowerText(v); });
                return std::nullopt;
            case Field::kCategory:
                Column("i.category", false, c, [&](const Value& v) { LowerText(v); });
                return std::nullopt;
            case Field::kPoints:
                Column("i.points", true, c, [&](const Value& v) { Number(v); });
                return std::nullopt;
            case Field::kAssignee:
                return Users("i.assignee_id", true, c);
            case Field::kLabel:
                Labels(c);
                return std::nullopt;
            case Field::kParent:
                Items("i.parent_id", c);
                return std::nullopt;
            case Field::kEpic:
                Items(AncestorOfType("epic"), c);
                return std::nullopt;
            case Field::kFeature:
                Items(AncestorOfType("feature"), c);
                return std::nullopt;
            case Field::kSprint:
                Column("i.sprint_id", true, c, [&](const Value& v) { Text(v); });
                return std::nullopt;
            case Field::kRelease:
                Column("i.release_id", true, c, [&](const Value& v) { Text(v); });
                return std::nullopt;
            case Field::kGoal:
                Column("i.goal_id", true, c, [&](const Value& v) { Text(v); });
                return std::nullopt;
            case Field::kInitiative:
                Column("i.initiative_id", true, c, [&](const Value& v) { Text(v); });
                return std::nullopt;
            case Field::kCreated:
                Dates("i.created_at", c);
                return std::nullopt;
            case Field::kUpdated:
                Dates("i.updated_at", c);
                return std::nullopt;
            case Field::kText:
                FullText(c.values.front());
                return std::nullopt;
            case Field::kKey:
                Keys(c);
                return std::nullopt;
            case Field::kTitle:
                Title(c);
                return std::nullopt;
            case Field::kPriority:
                Priority(c);
                return std::nullopt;
            case Field::kRank:  // refused by the parser
                b_ << kFalse;
                return std::nullopt;
            case Field::kCustom:
                return Custom(c);
        }
        return std::nullopt;
    }

    const ItemQueryContext& ctx_;
    SqlBuilder b_;
};

// One ORDER BY term: the expression and whether it can be NULL (NULLs sort last both ways).
struct OrderExpr {
    OrderExpr(std::string s, bool n = false, std::optional<std::string> p = std::nullopt)
        : sql(std::move(s)), nullable(n), param(std::move(p)) {}

    std::string sql;
    bool nullable = false;
    std::optional<std::string> param;  // a custom field's id
};

OrderExpr OrderExpression(const domain::query::FieldRef& ref, const ItemQueryContext& ctx) {
    switch (ref.field) {
        case Field::kType:
            return {"i.item_type"};
        case Field::kStatus:
            return {"i.status"};
        case Field::kCategory:
            return {"CASE i.category WHEN 'to_do' THEN 0 WHEN 'in_progress' THEN 1 ELSE 2 END"};
        case Field::kPoints:
            return {"i.points", true};
        case Field::kAssignee:
            return {"(SELECT lower(u.name) FROM users u WHERE u.id = i.assignee_id)", true};
        case Field::kParent:
            return {"(SELECT p.item_number FROM items p WHERE p.id = i.parent_id)", true};
        case Field::kSprint:
            return {"i.sprint_id", true};
        case Field::kRelease:
            return {"i.release_id", true};
        case Field::kGoal:
            return {"i.goal_id", true};
        case Field::kInitiative:
            return {"i.initiative_id", true};
        case Field::kCreated:
            return {"i.created_at"};
        case Field::kUpdated:
            return {"i.updated_at"};
        case Field::kKey:
            return {"i.item_number"};
        case Field::kTitle:
            return {"lower(i.title)"};
        case Field::kPriority:
            return {std::string(kPriorityWeight)};
        case Field::kCustom: {
            const CustomField& field = *domain::query::FindCustomField(ctx.fields, ref.name);
            const bool numeric =
                field.type == CustomFieldType::kNumber || field.type == CustomFieldType::kDate;
            return {std::string("(SELECT MIN(") + (numeric ? "v.num_value" : "v.text_value") +
                        ") FROM item_field_values v WHERE v.workspace_id = i.workspace_id "
                        "AND v.item_id = i.id AND v.field_id = ?)",
                    true,
                    field.id};
        }
        default:  // rank; labels, epic, feature and text are refused by the parser
            return {"i.rank_key"};
    }
}

}  // namespace

Result<CompiledItemQuery> CompileItemQuery(const domain::query::Query& query,
                                           const ItemQueryContext& context) {
    if (auto e = domain::query::ValidateQueryFields(query, context.fields)) {
        return Fail(QueryValidationError(*e));
    }
    CompiledItemQuery out;
    if (query.where) {
        Compiler compiler(context);
        if (auto e = compiler.Where(*query.where)) {
            return Fail(QueryValidationError(*e));
        }
        out.where = std::move(compiler.builder().sql);
        out.params = std::move(compiler.builder().params);
    } else {
        out.where = kTrue;
    }

    bool ranked = false;
    for (const auto& term : query.order) {
        OrderExpr e = OrderExpression(term.field, context);
        const std::string direction = term.descending ? " DESC" : " ASC";
        if (e.nullable) {
            out.order_by += "CASE WHEN " + e.sql + " IS NULL THEN 1 ELSE 0 END, ";
            if (e.param) {
                out.order_params.push_back(*e.param);
            }
        }
        out.order_by += e.sql + direction + ", ";
        if (e.param) {
            out.order_params.push_back(*e.param);
        }
        ranked = ranked || term.field.field == Field::kRank;
    }
    if (!ranked) {
        out.order_by += "i.rank_key ASC, ";
    }
    out.order_by += "i.id ASC";
    out.ranked_order = query.order.empty() || (query.order.front().field.field == Field::kRank &&
                                               !query.order.front().descending);
    return out;
}

Error QueryValidationError(const domain::query::QueryError& error) {
    Error e = MakeError(ErrorCode::kInvalidQuery, error.message);
    e.details.push_back({"query", error.message});
    e.position = error.position;
    e.expected = error.expected;
    return e;
}

std::string FullTextTerms(std::string_view text, std::string_view backend) {
    return FullTextExpression(domain::SearchWords(text, 32), backend);
}

std::string FullTextExpression(const std::vector<std::string>& words, std::string_view backend) {
    std::string out;
    for (const auto& w : words) {
        if (backend == "postgres") {
            out += (out.empty() ? "" : " & ") + w + ":*";
        } else {
            out += (out.empty() ? "\"" : " \"") + w + "\"*";
        }
    }
    return out;
}

}  // namespace tl::storage
