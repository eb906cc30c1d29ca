// The backlog query language: parsing (precedence, operators, values, ORDER BY, errors with
// their positions), custom field checks, dates, and the shape of the compiled SQL. Running
// compiled queries against both databases is in tests/storage/item_query_test.cpp.
#include "domain/query/item_query.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "storage/sql/item_query.hpp"
#include "support/query_fields.hpp"

namespace tl::domain::query {
namespace {

std::string Describe(const Value& v) {
    switch (v.kind) {
        case ValueKind::kWord:
            return "w:" + v.text;
        case ValueKind::kString:
            return "s:" + v.text;
        case ValueKind::kNumber: {
            std::string n = std::to_string(v.number);
            n.erase(n.find_last_not_of('0') + 1);
            if (n.back() == '.') {
                n.pop_back();
            }
            return "n:" + n;
        }
        case ValueKind::kRelativeDate:
            return "r:" + std::to_string(v.offset_ms);
        case ValueKind::kDate:
            return "d:" + std::to_string(v.day_ms);
        case ValueKind::kNow:
            return "now";
        case ValueKind::kToday:
            return "today";
    }
    return "?";
}

// A compact rendering of the AST: "(a = n:1 OR (b = n:2 AND NOT c IS EMPTY))".
std::string Describe(const Node& node) {
    switch (node.kind) {
        case NodeKind::kComparison: {
            const Comparison& c = node.comparison;
            std::string out = c.field.name + " " + std::string(ToString(c.op));
            if (c.op == Op::kIn || c.op == Op::kNotIn) {
                out += " (";
                for (std::size_t k = 0; k < c.values.size(); ++k) {
                    out += (k > 0 ? ", " : "") + Describe(c.values[k]);
                }
                return out + ")";
            }
            for (const auto& v : c.values) {
                out += " " + Describe(v);
            }
            return out;
        }
        case NodeKind::kNot:
            return "NOT " + Describe(*node.children.front());
        case NodeKind::kAnd:
        case NodeKind::kOr: {
            std::string out = "(";
            for (std::size_t k = 0; k < node.children.size(); ++k) {
                if (k > 0) {
                    out += node.kind == NodeKind::kAnd ? " AND " : " OR ";
                }
                out += Describe(*node.children[k]);
            }
            return out + ")";
        }
    }
    return "?";
}

std::string Where(std::string_view text) {
    auto r = ParseItemQuery(text);
    if (!r.ok()) {
        return "error: " + r.error->message;
    }
    return r.query.where ? Describe(*r.query.where) : "everything";
}

std::string Order(std::string_view text) {
    auto r = ParseItemQuery(text);
    if (!r.ok()) {
        return "error: " + r.error->message;
    }
    std::string out;
    for (const auto& t : r.query.order) {
        out += (out.empty() ? "" : ", ") + t.field.name + (t.descending ? " DESC" : " ASC");
    }
    return out;
}

QueryError ErrorOf(std::string_view text) {
    auto r = ParseItemQuery(text);
    EXPECT_FALSE(r.ok()) << text;
    return r.ok() ? QueryError{} : *r.error;
}

TEST(ItemQueryParse, EmptyQueryMeansEverything) {
    EXPECT_EQ(Where(""), "everything");
    EXPECT_EQ(Where("  \t\n "), "everything");
    auto r = ParseItemQuery("   ");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.query.where, nullptr);
    EXPECT_TRUE(r.query.order.empty());
}

TEST(ItemQueryParse, AndBindsTighterThanOrAndNotTighterThanAnd) {
    EXPECT_EQ(Where("a = 1 OR b = 2 AND c = 3"), "(a = n:1 OR (b = n:2 AND c = n:3))");
    EXPECT_EQ(Where("a = 1 AND b = 2 OR c = 3"), "((a = n:1 AND b = n:2) OR c = n:3)");
    EXPECT_EQ(Where("NOT a = 1 AND b = 2"), "(NOT a = n:1 AND b = n:2)");
    EXPECT_EQ(Where("a = 1 AND b = 2 AND c = 3"), "(a = n:1 AND b = n:2 AND c = n:3)");
}

TEST(ItemQueryParse, ParenthesesGroup) {
    EXPECT_EQ(Where("(a = 1 OR b = 2) AND c = 3"), "((a = n:1 OR b = n:2) AND c = n:3)");
    EXPECT_EQ(Where("NOT (a = 1 OR b = 2)"), "NOT (a = n:1 OR b = n:2)");
    EXPECT_EQ(Where("NOT NOT a = 1"), "NOT NOT a = n:1");
    EXPECT_EQ(Where("((((a = 1))))"), "a = n:1");
}

TEST(ItemQueryParse, EveryOperator) {
    EXPECT_EQ(Where("x = 1"), "x = n:1");
    EXPECT_EQ(Where("x != 1"), "x != n:1");
    EXPECT_EQ(Where("x < 1"), "x < n:1");
    EXPECT_EQ(Where("x <= 1"), "x <= n:1");
    EXPECT_EQ(Where("x > 1"), "x > n:1");
    EXPECT_EQ(Where("x >= 1"), "x >= n:1");
    EXPECT_EQ(Where("x ~ 1"), "x ~ n:1");
    EXPECT_EQ(Where("x IN (1)"), "x IN (n:1)");
    EXPECT_EQ(Where("x IN (a, 'b c', 3)"), "x IN (w:a, s:b c, n:3)");
    EXPECT_EQ(Where("x NOT IN (a,b)"), "x NOT IN (w:a, w:b)");
    EXPECT_EQ(Where("x IS EMPTY"), "x IS EMPTY");
    EXPECT_EQ(Where("x IS NOT EMPTY"), "x IS NOT EMPTY");
    EXPECT_EQ(Where("points>=3"), "points >= n:3");
    EXPECT_EQ(Where("x!=y"), "x != w:y");
}

TEST(ItemQueryParse, ValueForms) {
    EXPECT_EQ(Where("type = tech-debt"), "type = w:tech-debt");
    EXPECT_EQ(Where("parent = DRN-12"), "parent = w:DRN-12");
    EXPECT_EQ(Where("category = in_progress"), "category = w:in_progress");
    EXPECT_EQ(Where("assignee = olivia@skylift.example"), "assignee = w:olivia@skylift.example");
    EXPECT_EQ(Where("assignee = me"), "assignee = w:me");
    EXPECT_EQ(Where("points = 0.5"), "points = n:0.5");
    EXPECT_EQ(Where("x = -3"), "x = n:-3");
    EXPECT_EQ(Where("label = v1.2"), "label = w:v1.2");
    EXPECT_EQ(Where("title ~ \"night camera\""), "title ~ s:night camera");
    EXPECT_EQ(Where("title ~ 'night camera'"), "title ~ s:night camera");
    EXPECT_EQ(Where(R"(title ~ "say \"hi\" \\ o")"), R"(title ~ s:say "hi" \ o)");
    EXPECT_EQ(Where(R"(title ~ 'it\'s')"), "title ~ s:it's");
    EXPECT_EQ(Where("title ~ \"\""), "title ~ s:");
    EXPECT_EQ(Where("title ~ \"drohne über\""), "title ~ s:drohne über");
}

TEST(ItemQueryParse, RelativeAndAbsoluteDates) {
    constexpr std::int64_t kDay = 86'400'000;
    EXPECT_EQ(Where("created >= -7d"), "created >= r:" + std::to_string(-7 * kDay));
    EXPECT_EQ(Where("created >= +3d"), "created >= r:" + std::to_string(3 * kDay));
    EXPECT_EQ(Where("created >= -2w"), "created >= r:" + std::to_string(-14 * kDay));
    EXPECT_EQ(Where("created >= -1m"), "created >= r:" + std::to_string(-30 * kDay));
    EXPECT_EQ(Where("created >= -12h"), "created >= r:" + std::to_string(-12 * 3'600'000));
    EXPECT_EQ(Where("updated >= 2026-05-01"), "updated >= d:1777593600000");
    EXPECT_EQ(Where("updated < NOW"), "updated < now");
    EXPECT_EQ(Where("updated = today"), "updated = today");
    // Not a calendar date: a word, which a date field refuses.
    EXPECT_EQ(Where("label = 2026-02-30"), "label = w:2026-02-30");
    EXPECT_EQ(ErrorOf("created = 2026-02-30").position, 10u);
}

TEST(ItemQueryParse, ResolvesDatesAgainstNow) {
    const std::int64_t now = 1777593600000 + 15 * 3'600'000;  // 2026-05-01 15:00 UTC
    constexpr std::int64_t kDay = 86'400'000;
    auto parsed = ParseItemQuery("created > -7d AND created = 2026-05-01 AND created < today");
    ASSERT_TRUE(parsed.ok());
    const auto& c = parsed.query.where->children;
    auto rel = ResolveDate(c[0]->comparison.values[0], now);
    ASSERT_TRUE(rel);
    EXPECT_EQ(rel->begin_ms, now - 7 * kDay);
    EXPECT_EQ(rel->end_ms, now - 7 * kDay + 1);
    auto day = ResolveDate(c[1]->comparison.values[0], now);
    EXPECT_EQ(day->begin_ms, 1777593600000);
    EXPECT_EQ(day->end_ms, 1777593600000 + kDay);
    auto today = ResolveDate(c[2]->comparison.values[0], now);
    EXPECT_EQ(today->begin_ms, 1777593600000);
    EXPECT_EQ(DayOf(-1).begin_ms, -kDay);
    EXPECT_EQ(DateToMs(2024, 2, 29), 1709164800000);
    EXPECT_FALSE(DateToMs(2023, 2, 29));
    EXPECT_FALSE(DateToMs(2026, 13, 1));
}

TEST(ItemQueryParse, KeywordsAreCaseInsensitive) {
    EXPECT_EQ(Where("type = story and not status in (done) or Points is not empty"),
              "((type = w:story AND NOT status IN (w:done)) OR points IS NOT EMPTY)");
    EXPECT_EQ(Where("x Not In (a) AND y iS eMpTy"), "(x NOT IN (w:a) AND y IS EMPTY)");
    EXPECT_EQ(Order("type = story order by POINTS desc, Title Asc"), "points DESC, title ASC");
}

TEST(ItemQueryParse, OrderBy) {
    EXPECT_EQ(Order("type = story ORDER BY rank"), "rank ASC");
    EXPECT_EQ(Order("ORDER BY points DESC, created, key ASC"), "points DESC, created ASC, key ASC");
    EXPECT_EQ(Where("ORDER BY points"), "everything");
    EXPECT_EQ(Order("risk = high ORDER BY effort DESC"), "effort DESC");
}

TEST(ItemQueryParse, FieldsResolveToBuiltInsOrCustom) {
    auto r = ParseItemQuery("labels = a AND LABEL = b AND risk = high");
    ASSERT_TRUE(r.ok());
    const auto& c = r.query.where->children;
    EXPECT_EQ(c[0]->comparison.field.field, Field::kLabel);
    EXPECT_EQ(c[1]->comparison.field.field, Field::kLabel);
    EXPECT_EQ(c[1]->comparison.field.name, "label");
    EXPECT_EQ(c[2]->comparison.field.field, Field::kCustom);
    EXPECT_EQ(c[2]->comparison.field.position, 29u);
    EXPECT_EQ(c[2]->comparison.op_position, 34u);
    EXPECT_EQ(c[2]->comparison.values[0].position, 36u);
}

TEST(ItemQueryParse, BuiltInFieldNames) {
    auto names = BuiltInFields();
    for (auto expected : {"type", "status", "label", "labels", "rank", "text", "key"}) {
        EXPECT_NE(std::find(names.begin(), names.end(), expected), names.end()) << expected;
    }
    for (auto name : names) {
        EXPECT_TRUE(BuiltInField(name).has_value()) << name;
    }
    EXPECT_FALSE(BuiltInField("risk"));
}

struct ErrorCase {
    std::string query;
    std::size_t position;
    std::string expected;
};

TEST(ItemQueryParse, ErrorsNamePositionAndExpectation) {
    const std::string kOperand = "a field, NOT or '('";
    const std::string kOperator = "an operator (=, !=, <, <=, >, >=, ~, IN, NOT IN, IS)";
    const std::vector<ErrorCase> cases = {
        {"type = story AND", 16, kOperand},
        {"type = story ANDD status = x", 13, "AND, OR or ORDER BY"},
        {"points >= ", 10, "a value"},
        {"(type = story", 13, "')'"},
        {"status IN (a, )", 14, "a value"},
        {"title ~ \"night", 8, "a closing \""},
        {"title ~ 'night", 8, "a closing '"},
        {"type story", 5, kOperator},
        {"type", 4, kOperator},
        {"= story", 0, kOperand},
        {"status = AND", 9, "a value"},
        {"type = story)", 12, "AND, OR or ORDER BY"},
        {"status IN a", 10, "'('"},
        {"status IN (a b)", 13, "',' or ')'"},
        {"status IN (a", 12, "',' or ')'"},
        {"assignee IS", 11, "EMPTY or NOT EMPTY"},
        {"assignee IS NOT", 15, "EMPTY"},
        {"status NOT done", 11, "IN"},
        {"type = story #", 13, "a field, value or operator"},
        {"type ! story", 5, "an operator"},
        {"ORDER points", 6, "BY"},
        {"ORDER BY", 8, "a field"},
        {"ORDER BY points DESC title", 21, "',' or end of query"},
        {"ORDER BY points title", 16, "ASC, DESC, ',' or end of query"},
        {"type = story ORDER BY text", 22, "a field that can be sorted"},
        {"ORDER BY label", 9, "a field that can be sorted"},
        {"points ~ 3", 7, "an operator for points (=, !=, <, <=, >, >=, IN, NOT IN, IS)"},
        {"type < epic", 5, "an operator for type (=, !=, IN, NOT IN)"},
        {"text = camera", 5, "an operator for text (~)"},
        {"created IN (-7d)", 8, "an operator for created (=, !=, <, <=, >, >=)"},
        {"created > story", 10, "a date (2026-05-01, -7d, now or today)"},
        {"points >= abc", 10, "a number"},
        {"points IN (1, two)", 14, "a number"},
        {"type IN (story, storyy)",
         16,
         "an item type (epic, feature, story, bug, spike, tech-debt, task)"},
        {"category = doing", 11, "a status category (to_do, in_progress, done)"},
        {"rank = 3", 0, "a field that can be compared"},
        {"3 = 3", 0, kOperand},
        {"\"type\" = story", 0, kOperand},
        // The earlier syntax error wins over the later unterminated string.
        {"type = = 'abc", 7, "a value"},
    };
    for (const auto& c : cases) {
        auto e = ErrorOf(c.query);
        EXPECT_EQ(e.position, c.position) << c.query << " → " << e.message;
        EXPECT_EQ(e.expected, c.expected) << c.query << " → " << e.message;
        EXPECT_EQ(e.message.rfind("at " + std::to_string(c.position) + ": ", 0), 0u) << e.message;
    }
}

TEST(ItemQueryParse, PriorityTakesItsFiveNamesAndOrders) {
    EXPECT_EQ(Where("priority = high"), "priority = w:high");
    EXPECT_EQ(Where("PRIORITY IN (Highest, high)"), "priority IN (w:Highest, w:high)");
    EXPECT_EQ(Where("priority >= high AND priority != lowest"),
              "(priority >= w:high AND priority != w:lowest)");
    EXPECT_EQ(Order("ORDER BY priority DESC, key"), "priority DESC, key ASC");
    auto r = ParseItemQuery("priority NOT IN (low, lowest)");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.query.where->comparison.field.field, Field::kPriority);
    const std::string kPriority = "a priority (highest, high, medium, low, lowest)";
    EXPECT_EQ(ErrorOf("priority = urgent").expected, kPriority);
    EXPECT_EQ(ErrorOf("priority = urgent").position, 11u);
    EXPECT_EQ(ErrorOf("priority IN (high, 3)").expected, kPriority);
    EXPECT_EQ(ErrorOf("priority IN (high, 3)").position, 19u);
    EXPECT_EQ(ErrorOf("priority ~ high").expected,
              "an operator for priority (=, !=, <, <=, >, >=, IN, NOT IN)");
    EXPECT_EQ(ErrorOf("priority IS EMPTY").position, 9u);
    EXPECT_EQ(ErrorOf("priority = urgent").message,
              "at 11: \"urgent\" is not a priority (highest, high, medium, low, lowest)");
}

TEST(ItemQueryParse, ErrorMessagesReadNaturally) {
    EXPECT_EQ(ErrorOf("points >= ").message,
              "at 10: expected a value after \">=\" but found end of query");
    EXPECT_EQ(ErrorOf("type = story ANDD status = x").message,
              "at 13: expected AND, OR or ORDER BY after \"story\" but found \"ANDD\"");
    EXPECT_EQ(ErrorOf("type = story AND").message,
              "at 16: expected a field, NOT or '(' after \"AND\" but found end of query");
    EXPECT_EQ(ErrorOf("title ~ \"night").message,
              "at 8: unterminated string; expected a closing \"");
    EXPECT_EQ(ErrorOf("status = 'done' 'x'").message,
              "at 16: expected AND, OR or ORDER BY after 'done' but found 'x'");
}

TEST(ItemQueryParse, Limits) {
    EXPECT_EQ(ErrorOf(std::string(2001, ' ')).position, 2000u);
    EXPECT_TRUE(ParseItemQuery(std::string(2000, ' ')).ok());

    auto nested = [](int depth) {
        return std::string(static_cast<std::size_t>(depth), '(') + "a = 1" +
               std::string(static_cast<std::size_t>(depth), ')');
    };
    EXPECT_TRUE(ParseItemQuery(nested(32)).ok());
    auto deep = ErrorOf(nested(33));
    EXPECT_EQ(deep.position, 32u);
    std::string nots;
    for (int k = 0; k < 33; ++k) {
        nots += "NOT ";
    }
    EXPECT_EQ(ErrorOf(nots + "a = 1").position, 32u * 4);

    auto chain = [](int n) {
        std::string q = "a = 1";
        for (int k = 1; k < n; ++k) {
            q += " AND a = 1";
        }
        return q;
    };
    EXPECT_TRUE(ParseItemQuery(chain(100)).ok());
    auto many = ErrorOf(chain(101));
    EXPECT_EQ(many.position, 100u * 10);
    EXPECT_EQ(many.expected, "at most 100 comparisons");
}

TEST(ItemQueryFields, CustomFieldsAreCheckedAgainstTheirTypes) {
    const auto fields = tl::test::QueryTestFields();
    auto check = [&](std::string_view text) -> std::optional<QueryError> {
        auto r = ParseItemQuery(text);
        EXPECT_TRUE(r.ok()) << text << ": " << (r.ok() ? "" : r.error->message);
        return ValidateQueryFields(r.query, fields);
    };
    EXPECT_FALSE(check("risk = high AND effort >= 2 AND due < -3d AND note ~ x"));
    EXPECT_FALSE(check("customers IN (acme, ZEN) AND reviewer = me AND risk IS EMPTY"));
    EXPECT_FALSE(check("RISK = High ORDER BY effort DESC, due"));

    auto unknown = check("type = story AND riskk = high");
    ASSERT_TRUE(unknown);
    EXPECT_EQ(unknown->position, 17u);
    EXPECT_EQ(unknown->expected, "a field");
    EXPECT_EQ(unknown->message, "at 17: unknown field \"riskk\"");

    auto option = check("risk = extreme");
    ASSERT_TRUE(option);
    EXPECT_EQ(option->position, 7u);
    EXPECT_EQ(option->expected, "an option of risk (low, medium, high)");

    auto multi = check("customers IN (acme, umbrella)");
    ASSERT_TRUE(multi);
    EXPECT_EQ(multi->position, 20u);

    auto number = check("effort > big");
    ASSERT_TRUE(number);
    EXPECT_EQ(number->position, 9u);
    EXPECT_EQ(number->expected, "a number");

    auto date = check("due >= soon");
    ASSERT_TRUE(date);
    EXPECT_EQ(date->position, 7u);

    auto op = check("risk < high");
    ASSERT_TRUE(op);
    EXPECT_EQ(op->position, 5u);
    EXPECT_EQ(op->expected, "an operator for risk (=, !=, IN, NOT IN, IS)");

    auto text_op = check("note > x");
    ASSERT_TRUE(text_op);
    EXPECT_EQ(text_op->position, 5u);

    auto order = check("ORDER BY nothing");
    ASSERT_TRUE(order);
    EXPECT_EQ(order->position, 9u);
}

}  // namespace
}  // namespace tl::domain::query

namespace tl::storage {
namespace {

using domain::query::ParseItemQuery;

ItemQueryContext Context() {
    ItemQueryContext ctx;
    ctx.workspace_id = "ws1";
    ctx.product_id = "p1";
    ctx.product_key = "DRN";
    ctx.me_user_id = "u1";
    ctx.now_ms = 1777593600000;
    ctx.fields = tl::test::QueryTestFields();
    return ctx;
}

Result<CompiledItemQuery> Compile(std::string_view text, const ItemQueryContext& ctx = Context()) {
    auto parsed = ParseItemQuery(text);
    EXPECT_TRUE(parsed.ok()) << text;
    return CompileItemQuery(parsed.query, ctx);
}

std::size_t Placeholders(const std::string& sql) {
    return static_cast<std::size_t>(std::count(sql.begin(), sql.end(), '?'));
}

TEST(ItemQueryCompile, UserValuesOnlyInParameters) {
    const std::string evil = "x'; DROP TABLE items; --";
    for (std::string field : {"status", "label", "assignee", "parent", "sprint", "title", "note"}) {
        const std::string q = field + " = \"" + evil + "\" OR " + field + " != \"" + evil + "\"";
        auto c = Compile(q);
        ASSERT_TRUE(c) << q << ": " << c.error().message;
        EXPECT_EQ(c->where.find("DROP"), std::string::npos) << c->where;
        EXPECT_EQ(Placeholders(c->where), c->params.size()) << c->where;
    }
    auto text = Compile("text ~ \"" + evil + "\"");
    ASSERT_TRUE(text);
    EXPECT_EQ(text->where.find("DROP"), std::string::npos);
    ASSERT_EQ(text->params.size(), 1u);
    EXPECT_EQ(std::get<std::string>(text->params[0]), R"("x"* "DROP"* "TABLE"* "items"*)");
}

TEST(ItemQueryCompile, ComparisonsOnNullableColumnsAreStrictlyBoolean) {
    auto c = Compile("NOT points >= 3");
    ASSERT_TRUE(c);
    EXPECT_EQ(c->where, "NOT ((i.points IS NOT NULL AND i.points >= ?))");
    ASSERT_EQ(c->params.size(), 1u);
    EXPECT_EQ(std::get<double>(c->params[0]), 3.0);
    auto empty = Compile("points IS EMPTY");
    ASSERT_TRUE(empty);
    EXPECT_EQ(empty->where, "i.points IS NULL");
    auto all = Compile("");
    ASSERT_TRUE(all);
    EXPECT_EQ(all->where, "1 = 1");
    EXPECT_TRUE(all->params.empty());
}

TEST(ItemQueryCompile, TitleContainsEscapesLikeWildcards) {
    auto c = Compile(R"(title ~ "50%_off\\")");
    ASSERT_TRUE(c);
    EXPECT_EQ(c->where, "lower(i.title) LIKE lower(?) ESCAPE '\\'");
    EXPECT_EQ(std::get<std::string>(c->params[0]), R"(%50\%\_off\\%)");
}

TEST(ItemQueryCompile, FullTextTermsPerDialect) {
    EXPECT_EQ(FullTextTerms("night camera", "sqlite"), R"("night"* "camera"*)");
    EXPECT_EQ(FullTextTerms("night camera", "postgres"), "night:* & camera:*");
    EXPECT_EQ(FullTextTerms("\"x\" OR y* NEAR(", "sqlite"), R"("x"* "OR"* "y"* "NEAR"*)");
    EXPECT_EQ(FullTextTerms("a:* & !b | c", "postgres"), "a:* & b:* & c:*");
    EXPECT_EQ(FullTextTerms("Drohne über", "postgres"), "Drohne:* & über:*");
    EXPECT_EQ(FullTextTerms("bad\xC3 byte\xFF", "sqlite"), R"("bad"* "byte"*)");
    EXPECT_EQ(FullTextTerms(" !! ", "sqlite"), "");
    auto c = Compile("text ~ \"!!\"");
    ASSERT_TRUE(c);
    EXPECT_EQ(c->where, "1 = 0");
    auto ctx = Context();
    ctx.backend = "postgres";
    auto pg = Compile("text ~ night", ctx);
    ASSERT_TRUE(pg);
    EXPECT_NE(pg->where.find("to_tsquery('simple', ?)"), std::string::npos);
}

TEST(ItemQueryCompile, OrderByEndsWithRankAndId) {
    auto none = Compile("type = story");
    ASSERT_TRUE(none);
    EXPECT_EQ(none->order_by, "i.rank_key ASC, i.id ASC");
    EXPECT_TRUE(none->ranked_order);

    auto rank = Compile("ORDER BY rank");
    EXPECT_EQ(rank->order_by, "i.rank_key ASC, i.id ASC");
    EXPECT_TRUE(rank->ranked_order);
    auto rank_desc = Compile("ORDER BY rank DESC");
    EXPECT_EQ(rank_desc->order_by, "i.rank_key DESC, i.id ASC");
    EXPECT_FALSE(rank_desc->ranked_order);

    auto points = Compile("ORDER BY points DESC, key");
    ASSERT_TRUE(points);
    EXPECT_EQ(points->order_by,
              "CASE WHEN i.points IS NULL THEN 1 ELSE 0 END, i.points DESC, i.item_number ASC, "
              "i.rank_key ASC, i.id ASC");
    EXPECT_FALSE(points->ranked_order);
    EXPECT_TRUE(points->order_params.empty());

    auto custom = Compile("ORDER BY effort");
    ASSERT_TRUE(custom);
    EXPECT_EQ(Placeholders(custom->order_by), 2u);
    ASSERT_EQ(custom->order_params.size(), 2u);
    EXPECT_EQ(std::get<std::string>(custom->order_params[0]), "fld_effort");
}

TEST(ItemQueryCompile, PriorityComparesNamesOrWeights) {
    auto eq = Compile("priority IN (HIGH, highest)");
    ASSERT_TRUE(eq);
    EXPECT_EQ(eq->where, "i.priority IN (?, ?)");
    EXPECT_EQ(std::get<std::string>(eq->params[0]), "high");
    auto ge = Compile("priority >= high");
    ASSERT_TRUE(ge);
    EXPECT_EQ(ge->where,
              "(CASE i.priority WHEN 'highest' THEN 5 WHEN 'high' THEN 4 WHEN 'medium' THEN 3 "
              "WHEN 'low' THEN 2 ELSE 1 END) >= ?");
    ASSERT_EQ(ge->params.size(), 1u);
    EXPECT_EQ(std::get<std::int64_t>(ge->params[0]), 4);
    auto order = Compile("ORDER BY priority DESC");
    ASSERT_TRUE(order);
    EXPECT_EQ(order->order_by,
              "CASE i.priority WHEN 'highest' THEN 5 WHEN 'high' THEN 4 WHEN 'medium' THEN 3 "
              "WHEN 'low' THEN 2 ELSE 1 END DESC, i.rank_key ASC, i.id ASC");
}

TEST(ItemQueryCompile, ErrorsAreInvalidQueriesWithPositions) {
    auto ctx = Context();
    ctx.me_user_id.clear();
    auto me = Compile("type = story AND assignee = me", ctx);
    ASSERT_FALSE(me);
    EXPECT_EQ(me.error().code, ErrorCode::kInvalidQuery);
    ASSERT_TRUE(me.error().position.has_value());
    EXPECT_EQ(*me.error().position, 28u);
    ASSERT_EQ(me.error().details.size(), 1u);
    EXPECT_EQ(me.error().details[0].field, "query");
    EXPECT_EQ(me.error().details[0].issue.rfind("at 28: ", 0), 0u) << me.error().details[0].issue;

    auto unknown = Compile("riskk = high");
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().details[0].issue, "at 0: unknown field \"riskk\"");
    EXPECT_EQ(unknown.error().position, std::optional<std::size_t>(0));

    auto option = Compile("risk = extreme");
    ASSERT_FALSE(option);
    EXPECT_EQ(option.error().details[0].issue.rfind("at 7: ", 0), 0u);
}

}  // namespace
}  // namespace tl::storage
