#include "domain/query/item_query.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <utility>

namespace tl::domain::query {
namespace {

constexpr std::int64_t kHourMs = 3'600'000;
constexpr std::int64_t kDayMs = 24 * kHourMs;

// Operators as a bit set, one bit per Op.
constexpr unsigned Bit(Op op) { return 1u << static_cast<unsigned>(op); }
constexpr unsigned kEquality = Bit(Op::kEq) | Bit(Op::kNe);
constexpr unsigned kOrdering = Bit(Op::kLt) | Bit(Op::kLe) | Bit(Op::kGt) | Bit(Op::kGe);
constexpr unsigned kLists = Bit(Op::kIn) | Bit(Op::kNotIn);
constexpr unsigned kEmptiness = Bit(Op::kIsEmpty) | Bit(Op::kIsNotEmpty);
constexpr unsigned kContains = Bit(Op::kContains);

// What a field's values must look like.
enum class ValueForm { kAny, kNumber, kDate, kItemType, kCategory, kPriority };

struct FieldRule {
    std::string_view name;
    Field field;
    unsigned ops;
    ValueForm form;
    bool sortable;
};

// The built-in fields: which operators apply, which value forms, whether ORDER BY takes them.
// Multi-valued or derived fields (labels, epic, feature, text) do not sort.
constexpr std::array<FieldRule, 22> kRules = {{
    {"type", Field::kType, kEquality | kLists, ValueForm::kItemType, true},
    {"status", Field::kStatus, kEquality | kLists, ValueForm::kAny, true},
    {"category", Field::kCategory, kEquality | kLists, ValueForm::kCategory, true},
    {"points",
     Field::kPoints,
     kEquality | kOrdering | kLists | kEmptiness,
     ValueForm::kNumber,
     true},
    {"assignee", Field::kAssignee, kEquality | kLists | kEmptiness, ValueForm::kAny, true},
    {"label", Field::kLabel, kEquality | kLists | kEmptiness, ValueForm::kAny, false},
    {"labels", Field::kLabel, kEquality | kLists | kEmptiness, ValueForm::kAny, false},
    {"parent", Field::kParent, kEquality | kLists | kEmptiness, ValueForm::kAny, true},
    {"epic", Field::kEpic, kEquality | kLists | kEmptiness, ValueForm::kAny, false},
    {"feature", Field::kFeature, kEquality | kLists | kEmptiness, ValueForm::kAny, false},
    {"sprint", Field::kSprint, kEquality | kLists | kEmptiness, ValueForm::kAny, true},
    {"release", Field::kRelease, kEquality | kLists | kEmptiness, ValueForm::kAny, true},
    {"goal", Field::kGoal, kEquality | kLists | kEmptiness, ValueForm::kAny, true},
    {"initiative", Field::kInitiative, kEquality | kLists | kEmptiness, ValueForm::kAny, true},
    {"created", Field::kCreated, kEquality | kOrdering, ValueForm::kDate, true},
    {"updated", Field::kUpdated, kEquality | kOrdering, ValueForm::kDate, true},
    {"text", Field::kText, kContains, ValueForm::kAny, false},
    {"key", Field::kKey, kEquality | kLists, ValueForm::kAny, true},
    {"title", Field::kTitle, kEquality | kContains, ValueForm::kAny, true},
    {"priority", Field::kPriority, kEquality | kOrdering | kLists, ValueForm::kPriority, true},
    {"rank", Field::kRank, 0, ValueForm::kAny, true},
    // Custom fields: checked against their type by ValidateQueryFields.
    {"", Field::kCustom, ~0u, ValueForm::kAny, true},
}};

constexpr std::array<std::string_view, 21> kBuiltInNames = {
    "type",    "status",  "category", "points", "assignee", "label",    "labels",
    "parent",  "epic",    "feature",  "sprint", "release",  "goal",     "initiative",
    "created", "updated", "text",     "key",    "title",    "priority", "rank",
};

const FieldRule& RuleFor(const FieldRef& ref) {
    for (const auto& rule : kRules) {
        if (rule.field == ref.field && (rule.name == ref.name || rule.field == Field::kCustom)) {
            return rule;
        }
    }
    return kRules.back();
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string ToLower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        c = Lower(c);
    }
    return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (Lower(a[i]) != Lower(b[i])) {
            return false;
        }
    }
    return true;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool IsWordChar(char c) {
    return IsAsciiLetter(c) || IsDigit(c) || c == '-' || c == '_' || c == '.' || c == '@' ||
           c == '+' || static_cast<unsigned char>(c) >= 0x80;
}

// A field name: [A-Za-z_][A-Za-z0-9_]*.
bool IsFieldName(std::string_view s) {
    if (s.empty() || !(IsAsciiLetter(s[0]) || s[0] == '_')) {
        return false;
    }
    for (char c : s) {
        if (!(IsAsciiLetter(c) || IsDigit(c) || c == '_')) {
            return false;
        }
    }
    return true;
}

constexpr std::array<std::string_view, 10> kKeywords = {
    "and", "or", "not", "in", "is", "empty", "order", "by", "asc", "desc"};

bool IsKeywordText(std::string_view word) {
    for (auto kw : kKeywords) {
        if (EqualsIgnoreCase(word, kw)) {
            return true;
        }
    }
    return false;
}

// ---- Values ----------------------------------------------------------------------------

std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
    // Howard Hinnant's days_from_civil: days since 1970-01-01 in the proleptic Gregorian calendar.
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool ParseDigits(std::string_view s, std::int64_t& out) {
    if (s.empty() || s.size() > 9) {
        return false;
    }
    out = 0;
    for (char c : s) {
        if (!IsDigit(c)) {
            return false;
        }
        out = out * 10 + (c - '0');
    }
    return true;
}

bool ParseNumber(std::string_view s, double& out) {
    std::string_view body = s;
    if (!body.empty() && (body[0] == '-' || body[0] == '+')) {
        body.remove_prefix(1);
    }
    // Digits, optionally one '.' followed by digits: no exponents, no hex, no "inf".
    std::size_t i = 0;
    while (i < body.size() && IsDigit(body[i])) {
        ++i;
    }
    if (i == 0) {
        return false;
    }
    if (i < body.size()) {
        if (body[i] != '.' || i + 1 == body.size()) {
            return false;
        }
        for (std::size_t j = i + 1; j < body.size(); ++j) {
            if (!IsDigit(body[j])) {
                return false;
            }
        }
    }
    const char* first = s[0] == '+' ? s.data() + 1 : s.data();
    auto [ptr, ec] = std::from_chars(first, s.data() + s.size(), out);
    return ec == std::errc() && ptr == s.data() + s.size();
}

// -7d, +3d, -2w, -1m (30 days), -12h.
bool ParseRelativeDate(std::string_view s, std::int64_t& offset_ms) {
    if (s.size() < 3 || (s[0] != '-' && s[0] != '+')) {
        return false;
    }
    std::int64_t unit = 0;
    switch (Lower(s.back())) {
        case 'h':
            unit = kHourMs;
            break;
        case 'd':
            unit = kDayMs;
            break;
        case 'w':
            unit = 7 * kDayMs;
            break;
        case 'm':
            unit = 30 * kDayMs;
            break;
        default:
            return false;
    }
    std::int64_t n = 0;
    if (!ParseDigits(s.substr(1, s.size() - 2), n) || n > 1'000'000) {
        return false;
    }
    offset_ms = (s[0] == '-' ? -n : n) * unit;
    return true;
}

// 2026-05-01.
bool ParseDate(std::string_view s, std::int64_t& day_ms) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') {
        return false;
    }
    std::int64_t y = 0;
    std::int64_t m = 0;
    std::int64_t d = 0;
    if (!ParseDigits(s.substr(0, 4), y) || !ParseDigits(s.substr(5, 2), m) ||
        !ParseDigits(s.substr(8, 2), d)) {
        return false;
    }
    auto ms = DateToMs(static_cast<int>(y), static_cast<int>(m), static_cast<int>(d));
    if (!ms) {
        return false;
    }
    day_ms = *ms;
    return true;
}

Value ClassifyWord(std::string_view text, std::size_t position) {
    Value v;
    v.text = std::string(text);
    v.position = position;
    if (ParseNumber(text, v.number)) {
        v.kind = ValueKind::kNumber;
    } else if (ParseRelativeDate(text, v.offset_ms)) {
        v.kind = ValueKind::kRelativeDate;
    } else if (ParseDate(text, v.day_ms)) {
        v.kind = ValueKind::kDate;
    } else if (EqualsIgnoreCase(text, "now")) {
        v.kind = ValueKind::kNow;
    } else if (EqualsIgnoreCase(text, "today")) {
        v.kind = ValueKind::kToday;
    }
    return v;
}

bool IsDateValue(const Value& v) {
    return v.kind == ValueKind::kRelativeDate || v.kind == ValueKind::kDate ||
           v.kind == ValueKind::kNow || v.kind == ValueKind::kToday;
}

constexpr std::array<std::string_view, 7> kItemTypes = {
    "epic", "feature", "story", "bug", "spike", "tech-debt", "task"};
constexpr std::array<std::string_view, 3> kCategories = {"to_do", "in_progress", "done"};
constexpr std::array<std::string_view, 5> kPriorities = {
    "highest", "high", "medium", "low", "lowest"};

constexpr std::string_view kExpectedDate = "a date (2026-05-01, -7d, now or today)";
constexpr std::string_view kExpectedNumber = "a number";

std::string At(std::size_t position) { return "at " + std::to_string(position) + ": "; }

std::string Quoted(std::string_view s) {
    constexpr std::size_t kMax = 40;
    if (s.size() > kMax) {
        return "\"" + std::string(s.substr(0, kMax)) + "…\"";
    }
    return "\"" + std::string(s) + "\"";
}

QueryError MakeQueryError(std::size_t position, std::string expected, std::string what) {
    return QueryError{position, std::move(expected), At(position) + std::move(what)};
}

// "=, !=, <, <=, >, >=, IN, NOT IN, IS" for an operator set.
std::string OperatorList(unsigned ops) {
    std::string out;
    auto add = [&](std::string_view s) {
        if (!out.empty()) {
            out += ", ";
        }
        out += s;
    };
    for (Op op : {Op::kEq, Op::kNe, Op::kLt, Op::kLe, Op::kGt, Op::kGe, Op::kContains}) {
        if ((ops & Bit(op)) != 0) {
            add(ToString(op));
        }
    }
    if ((ops & Bit(Op::kIn)) != 0) {
        add("IN");
        add("NOT IN");
    }
    if ((ops & Bit(Op::kIsEmpty)) != 0) {
        add("IS");
    }
    return out;
}

// The operator check shared by built-in and custom fields.
std::optional<QueryError> CheckOperator(const Comparison& c, unsigned ops, std::string_view what) {
    if ((ops & Bit(c.op)) != 0) {
        return std::nullopt;
    }
    return MakeQueryError(c.op_position,
                          "an operator for " + std::string(what) + " (" + OperatorList(ops) + ")",
                          Quoted(ToString(c.op)) + " cannot be used with " + std::string(what) +
                              "; use " + OperatorList(ops));
}

std::optional<QueryError> CheckValues(const Comparison& c, ValueForm form, std::string_view what) {
    for (const auto& v : c.values) {
        if (form == ValueForm::kNumber && v.kind != ValueKind::kNumber) {
            return MakeQueryError(v.position,
                                  std::string(kExpectedNumber),
                                  "expected " + std::string(kExpectedNumber) + " for " +
                                      std::string(what) + " but found " + Quoted(v.text));
        }
        if (form == ValueForm::kDate && !IsDateValue(v)) {
            return MakeQueryError(v.position,
                                  std::string(kExpectedDate),
                                  "expected " + std::string(kExpectedDate) + " for " +
                                      std::string(what) + " but found " + Quoted(v.text));
        }
        if (form == ValueForm::kItemType || form == ValueForm::kCategory ||
            form == ValueForm::kPriority) {
            const auto allowed =
                form == ValueForm::kItemType   ? std::span<const std::string_view>(kItemTypes)
                : form == ValueForm::kCategory ? std::span<const std::string_view>(kCategories)
                                               : std::span<const std::string_view>(kPriorities);
            std::string names;
            bool found = false;
            for (auto a : allowed) {
                found = found || EqualsIgnoreCase(a, v.text);
                names += (names.empty() ? "" : ", ") + std::string(a);
            }
            if (!found) {
                const std::string expected =
                    std::string(form == ValueForm::kItemType   ? "an item type"
                                : form == ValueForm::kCategory ? "a status category"
                                                               : "a priority") +
                    " (" + names + ")";
                return MakeQueryError(v.position, expected, Quoted(v.text) + " is not " + expected);
            }
        }
    }
    return std::nullopt;
}

// ---- Lexer -----------------------------------------------------------------------------

enum class Tok { kWord, kString, kOp, kLParen, kRParen, kComma, kEnd, kError };

struct Token {
    Tok kind = Tok::kEnd;
    std::string text;      // words and operators as written; strings unescaped
    std::string_view raw;  // the source slice
    std::size_t pos = 0;
    QueryError error;  // kError
};

// Tokenises the whole text; a lexical error ends the list with a kError token, which the
// parser reports only when it reaches it (so an earlier syntax error wins).
std::vector<Token> Tokenize(std::string_view s) {
    std::vector<Token> out;
    std::size_t i = 0;
    while (true) {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) {
            ++i;
        }
        Token t;
        t.pos = i;
        if (i == s.size()) {
            t.kind = Tok::kEnd;
            out.push_back(std::move(t));
            return out;
        }
        const char c = s[i];
        if (c == '(' || c == ')' || c == ',') {
            t.kind = c == '(' ? Tok::kLParen : (c == ')' ? Tok::kRParen : Tok::kComma);
            t.text = std::string(1, c);
            ++i;
        } else if (c == '=' || c == '~') {
            t.kind = Tok::kOp;
            t.text = std::string(1, c);
            ++i;
        } else if (c == '<' || c == '>' || c == '!') {
            t.kind = Tok::kOp;
            if (i + 1 < s.size() && s[i + 1] == '=') {
                t.text = s.substr(i, 2);
                i += 2;
            } else if (c == '!') {
                t.kind = Tok::kError;
                t.error =
                    MakeQueryError(i, "an operator", "unexpected \"!\"; did you mean \"!=\"?");
                out.push_back(std::move(t));
                return out;
            } else {
                t.text = std::string(1, c);
                ++i;
            }
        } else if (c == '"' || c == '\'') {
            t.kind = Tok::kString;
            std::size_t j = i + 1;
            bool closed = false;
            while (j < s.size()) {
                if (s[j] == '\\' && j + 1 < s.size()) {
                    const char e = s[j + 1];
                    t.text += e == 'n' ? '\n' : (e == 't' ? '\t' : e);
                    j += 2;
                } else if (s[j] == c) {
                    closed = true;
                    ++j;
                    break;
                } else {
                    t.text += s[j++];
                }
            }
            if (!closed) {
                t.kind = Tok::kError;
                const std::string quote(1, c);
                t.error = MakeQueryError(
                    i, "a closing " + quote, "unterminated string; expected a closing " + quote);
                out.push_back(std::move(t));
                return out;
            }
            i = j;
        } else if (IsWordChar(c)) {
            t.kind = Tok::kWord;
            std::size_t j = i;
            while (j < s.size() && IsWordChar(s[j])) {
                ++j;
            }
            t.text = s.substr(i, j - i);
            i = j;
        } else {
            t.kind = Tok::kError;
            t.error = MakeQueryError(
                i, "a field, value or operator", "unexpected character " + Quoted(s.substr(i, 1)));
            out.push_back(std::move(t));
            return out;
        }
        t.raw = s.substr(t.pos, i - t.pos);
        out.push_back(std::move(t));
    }
}

// ---- Parser ----------------------------------------------------------------------------

constexpr std::string_view kExpectedOperator =
    "an operator (=, !=, <, <=, >, >=, ~, IN, NOT IN, IS)";
constexpr std::string_view kExpectedOperand = "a field, NOT or '('";
constexpr std::string_view kExpectedValue = "a value";

class Parser {
public:
    explicit Parser(std::string_view text) : text_(text), tokens_(Tokenize(text)) {}

    ParseResult Run() {
        ParseResult result;
        if (!AtEnd() && !IsKeyword(Peek(), "order")) {
            result.query.where = ParseOr(0);
        }
        if (!error_ && !AtEnd()) {
            if (IsKeyword(Peek(), "order")) {
                ParseOrderBy(result.query.order);
            } else {
                Expect("AND, OR or ORDER BY");
            }
        }
        if (error_) {
            result.query = Query{};
            result.error = std::move(error_);
        }
        return result;
    }

private:
    const Token& Peek() const { return tokens_[index_]; }
    bool AtEnd() const { return Peek().kind == Tok::kEnd; }
    const Token& Take() {
        const Token& t = tokens_[index_];
        if (t.kind != Tok::kEnd && t.kind != Tok::kError) {
            ++index_;
        }
        return t;
    }
    // A token as the message shows it: strings with their own quotes, the rest in "".
    static std::string Shown(const Token& t) {
        return t.kind == Tok::kString ? std::string(t.raw) : Quoted(t.raw);
    }
    static bool IsKeyword(const Token& t, std::string_view keyword) {
        return t.kind == Tok::kWord && EqualsIgnoreCase(t.text, keyword);
    }

    // Records "expected <what> [after <previous token>] but found <current token>" at the
    // current token, or the lexical error the current token stands for. Returns nullptr so
    // callers can `return Expect(...)`.
    std::unique_ptr<Node> Expect(std::string_view what) {
        if (error_) {
            return nullptr;
        }
        const Token& t = Peek();
        if (t.kind == Tok::kError) {
            error_ = t.error;
            return nullptr;
        }
        std::string message = "expected " + std::string(what);
        if (index_ > 0) {
            message += " after " + Shown(tokens_[index_ - 1]);
        }
        message += " but found " + (t.kind == Tok::kEnd ? std::string("end of query") : Shown(t));
        error_ = MakeQueryError(t.pos, std::string(what), std::move(message));
        return nullptr;
    }

    std::unique_ptr<Node> Fail(QueryError e) {
        if (!error_) {
            error_ = std::move(e);
        }
        return nullptr;
    }

    std::unique_ptr<Node> ParseOr(int depth) { return ParseChain(depth, "or", NodeKind::kOr); }

    std::unique_ptr<Node> ParseChain(int depth, std::string_view keyword, NodeKind kind) {
        auto first =
            kind == NodeKind::kOr ? ParseChain(depth, "and", NodeKind::kAnd) : ParseNot(depth);
        if (!first) {
            return nullptr;
        }
        if (!IsKeyword(Peek(), keyword)) {
            return first;
        }
        auto chain = std::make_unique<Node>();
        chain->kind = kind;
        chain->position = first->position;
        chain->children.push_back(std::move(first));
        while (IsKeyword(Peek(), keyword)) {
            Take();
            auto next =
                kind == NodeKind::kOr ? ParseChain(depth, "and", NodeKind::kAnd) : ParseNot(depth);
            if (!next) {
                return nullptr;
            }
            chain->children.push_back(std::move(next));
        }
        return chain;
    }

    std::unique_ptr<Node> ParseNot(int depth) {
        if (depth >= kMaxDepth && (IsKeyword(Peek(), "not") || Peek().kind == Tok::kLParen)) {
            return Fail(MakeQueryError(
                Peek().pos,
                "at most " + std::to_string(kMaxDepth) + " nested levels",
                "the query nests deeper than " + std::to_string(kMaxDepth) + " levels"));
        }
        if (IsKeyword(Peek(), "not")) {
            const std::size_t pos = Take().pos;
            auto operand = ParseNot(depth + 1);
            if (!operand) {
                return nullptr;
            }
            auto node = std::make_unique<Node>();
            node->kind = NodeKind::kNot;
            node->position = pos;
            node->children.push_back(std::move(operand));
            return node;
        }
        if (Peek().kind == Tok::kLParen) {
            Take();
            auto inner = ParseOr(depth + 1);
            if (!inner) {
                return nullptr;
            }
            if (Peek().kind != Tok::kRParen) {
                return Expect("')'");
            }
            Take();
            return inner;
        }
        return ParseComparison();
    }

    // A field name token, or nullopt (error recorded) with `expected` otherwise.
    std::optional<FieldRef> ParseFieldName(std::string_view expected) {
        const Token& t = Peek();
        if (t.kind != Tok::kWord || IsKeywordText(t.text) || !IsFieldName(t.text)) {
            Expect(expected);
            return std::nullopt;
        }
        Take();
        FieldRef ref;
        ref.name = ToLower(t.text);
        ref.position = t.pos;
        ref.field = BuiltInField(ref.name).value_or(Field::kCustom);
        return ref;
    }

    std::unique_ptr<Node> ParseComparison() {
        auto field = ParseFieldName(kExpectedOperand);
        if (!field) {
            return nullptr;
        }
        if (++comparisons_ > kMaxComparisons) {
            return Fail(MakeQueryError(
                field->position,
                "at most " + std::to_string(kMaxComparisons) + " comparisons",
                "the query has more than " + std::to_string(kMaxComparisons) + " comparisons"));
        }
        auto node = std::make_unique<Node>();
        node->kind = NodeKind::kComparison;
        node->position = field->position;
        Comparison& c = node->comparison;
        c.field = std::move(*field);
        if (!ParseOperator(c)) {
            return nullptr;
        }
        const FieldRule& rule = RuleFor(c.field);
        if (c.field.field == Field::kRank) {
            return Fail(MakeQueryError(c.field.position,
                                       "a field that can be compared",
                                       "rank can only be used in ORDER BY"));
        }
        if (auto e = CheckOperator(c, rule.ops, c.field.name)) {
            return Fail(std::move(*e));
        }
        if (!ParseOperands(c)) {
            return nullptr;
        }
        if (auto e = CheckValues(c, rule.form, c.field.name)) {
            return Fail(std::move(*e));
        }
        return node;
    }

    bool ParseOperator(Comparison& c) {
        const Token& t = Peek();
        c.op_position = t.pos;
        if (t.kind == Tok::kOp) {
            static constexpr std::array<std::pair<std::string_view, Op>, 7> kOps = {{
                {"=", Op::kEq},
                {"!=", Op::kNe},
                {"<", Op::kLt},
                {"<=", Op::kLe},
                {">", Op::kGt},
                {">=", Op::kGe},
                {"~", Op::kContains},
            }};
            for (const auto& [text, op] : kOps) {
                if (t.text == text) {
                    c.op = op;
                }
            }
            Take();
            return true;
        }
        if (IsKeyword(t, "in")) {
            Take();
            c.op = Op::kIn;
            return true;
        }
        if (IsKeyword(t, "not")) {
            Take();
            if (!IsKeyword(Peek(), "in")) {
                Expect("IN");
                return false;
            }
            Take();
            c.op = Op::kNotIn;
            return true;
        }
        if (IsKeyword(t, "is")) {
            Take();
            if (IsKeyword(Peek(), "empty")) {
                Take();
                c.op = Op::kIsEmpty;
                return true;
            }
            if (IsKeyword(Peek(), "not")) {
                Take();
                if (IsKeyword(Peek(), "empty")) {
                    Take();
                    c.op = Op::kIsNotEmpty;
                    return true;
                }
                Expect("EMPTY");
                return false;
            }
            Expect("EMPTY or NOT EMPTY");
            return false;
        }
        Expect(kExpectedOperator);
        return false;
    }

    bool ParseOperands(Comparison& c) {
        if (c.op == Op::kIsEmpty || c.op == Op::kIsNotEmpty) {
            return true;
        }
        if (c.op != Op::kIn && c.op != Op::kNotIn) {
            return ParseValue(c.values);
        }
        if (Peek().kind != Tok::kLParen) {
            Expect("'('");
            return false;
        }
        Take();
        while (true) {
            if (!ParseValue(c.values)) {
                return false;
            }
            if (Peek().kind == Tok::kComma) {
                Take();
                continue;
            }
            if (Peek().kind == Tok::kRParen) {
                Take();
                return true;
            }
            Expect("',' or ')'");
            return false;
        }
    }

    bool ParseValue(std::vector<Value>& out) {
        const Token& t = Peek();
        if (t.kind == Tok::kString) {
            Value v;
            v.kind = ValueKind::kString;
            v.text = t.text;
            v.position = t.pos;
            out.push_back(std::move(v));
            Take();
            return true;
        }
        if (t.kind == Tok::kWord && !IsKeywordText(t.text)) {
            out.push_back(ClassifyWord(t.text, t.pos));
            Take();
            return true;
        }
        Expect(kExpectedValue);
        return false;
    }

    void ParseOrderBy(std::vector<OrderTerm>& order) {
        Take();  // ORDER
        if (!IsKeyword(Peek(), "by")) {
            Expect("BY");
            return;
        }
        Take();
        while (true) {
            auto field = ParseFieldName("a field");
            if (!field) {
                return;
            }
            if (!RuleFor(*field).sortable) {
                Fail(MakeQueryError(field->position,
                                    "a field that can be sorted",
                                    "cannot sort by " + field->name));
                return;
            }
            OrderTerm term;
            term.field = std::move(*field);
            bool directed = false;
            if (IsKeyword(Peek(), "asc") || IsKeyword(Peek(), "desc")) {
                term.descending = IsKeyword(Take(), "desc");
                directed = true;
            }
            order.push_back(std::move(term));
            if (Peek().kind == Tok::kComma) {
                Take();
                continue;
            }
            if (!AtEnd()) {
                Expect(directed ? "',' or end of query" : "ASC, DESC, ',' or end of query");
            }
            return;
        }
    }

    std::string_view text_;
    std::vector<Token> tokens_;
    std::size_t index_ = 0;
    std::size_t comparisons_ = 0;
    std::optional<QueryError> error_;
};

std::optional<QueryError> ValidateNode(const Node& node, std::span<const CustomField> fields);

std::optional<QueryError> UnknownField(const FieldRef& ref) {
    return MakeQueryError(ref.position, "a field", "unknown field " + Quoted(ref.name));
}

std::optional<QueryError> ValidateComparison(const Comparison& c,
                                             std::span<const CustomField> fields) {
    if (c.field.field != Field::kCustom) {
        return std::nullopt;
    }
    const CustomField* field = FindCustomField(fields, c.field.name);
    if (field == nullptr) {
        return UnknownField(c.field);
    }
    unsigned ops = 0;
    ValueForm form = ValueForm::kAny;
    switch (field->type) {
        case CustomFieldType::kText:
            ops = kEquality | kContains | kLists | kEmptiness;
            break;
        case CustomFieldType::kNumber:
            ops = kEquality | kOrdering | kLists | kEmptiness;
            form = ValueForm::kNumber;
            break;
        case CustomFieldType::kDate:
            ops = kEquality | kOrdering | kEmptiness;
            form = ValueForm::kDate;
            break;
        case CustomFieldType::kSingleSelect:
        case CustomFieldType::kMultiSelect:
        case CustomFieldType::kUser:
            ops = kEquality | kLists | kEmptiness;
            break;
    }
    if (auto e = CheckOperator(c, ops, field->key)) {
        return e;
    }
    if (auto e = CheckValues(c, form, field->key)) {
        return e;
    }
    if (field->type == CustomFieldType::kSingleSelect ||
        field->type == CustomFieldType::kMultiSelect) {
        for (const auto& v : c.values) {
            if (FindOption(*field, v.text) == nullptr) {
                std::string options;
                for (const auto& o : field->options) {
                    options += (options.empty() ? "" : ", ") + o;
                }
                return MakeQueryError(
                    v.position,
                    "an option of " + field->key + " (" + options + ")",
                    Quoted(v.text) + " is not an option of " + field->key + " (" + options + ")");
            }
        }
    }
    return std::nullopt;
}

std::optional<QueryError> ValidateNode(const Node& node, std::span<const CustomField> fields) {
    if (node.kind == NodeKind::kComparison) {
        return ValidateComparison(node.comparison, fields);
    }
    for (const auto& child : node.children) {
        if (auto e = ValidateNode(*child, fields)) {
            return e;
        }
    }
    return std::nullopt;
}

}  // namespace

std::span<const std::string_view> BuiltInFields() { return kBuiltInNames; }

std::optional<Field> BuiltInField(std::string_view name) {
    for (const auto& rule : kRules) {
        if (rule.field != Field::kCustom && rule.name == name) {
            return rule.field;
        }
    }
    return std::nullopt;
}

std::string_view ToString(Op op) {
    switch (op) {
        case Op::kEq:
            return "=";
        case Op::kNe:
            return "!=";
        case Op::kLt:
            return "<";
        case Op::kLe:
            return "<=";
        case Op::kGt:
            return ">";
        case Op::kGe:
            return ">=";
        case Op::kContains:
            return "~";
        case Op::kIn:
            return "IN";
        case Op::kNotIn:
            return "NOT IN";
        case Op::kIsEmpty:
            return "IS EMPTY";
        case Op::kIsNotEmpty:
            return "IS NOT EMPTY";
    }
    return "?";
}

ParseResult ParseItemQuery(std::string_view text) {
    if (text.size() > kMaxQueryLength) {
        ParseResult result;
        result.error = MakeQueryError(kMaxQueryLength,
                                      "at most 2,000 characters",
                                      "the query is longer than 2,000 characters");
        return result;
    }
    return Parser(text).Run();
}

std::optional<QueryError> ValidateQueryFields(const Query& query,
                                              std::span<const CustomField> fields) {
    if (query.where) {
        if (auto e = ValidateNode(*query.where, fields)) {
            return e;
        }
    }
    for (const auto& term : query.order) {
        if (term.field.field == Field::kCustom &&
            FindCustomField(fields, term.field.name) == nullptr) {
            return UnknownField(term.field);
        }
    }
    return std::nullopt;
}

const CustomField* FindCustomField(std::span<const CustomField> fields, std::string_view key) {
    for (const auto& f : fields) {
        if (EqualsIgnoreCase(f.key, key)) {
            return &f;
        }
    }
    return nullptr;
}

const std::string* FindOption(const CustomField& field, std::string_view text) {
    for (const auto& o : field.options) {
        if (EqualsIgnoreCase(o, text)) {
            return &o;
        }
    }
    return nullptr;
}

std::optional<TimeRange> ResolveDate(const Value& value, std::int64_t now_ms) {
    switch (value.kind) {
        case ValueKind::kDate:
            return TimeRange{value.day_ms, value.day_ms + kDayMs};
        case ValueKind::kToday:
            return DayOf(now_ms);
        case ValueKind::kNow:
            return TimeRange{now_ms, now_ms + 1};
        case ValueKind::kRelativeDate:
            return TimeRange{now_ms + value.offset_ms, now_ms + value.offset_ms + 1};
        default:
            return std::nullopt;
    }
}

TimeRange DayOf(std::int64_t ms) {
    std::int64_t day = ms / kDayMs;
    if (ms % kDayMs < 0) {
        --day;
    }
    return TimeRange{day * kDayMs, (day + 1) * kDayMs};
}

std::optional<std::int64_t> DateToMs(int year, int month, int day) {
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) {
        return std::nullopt;
    }
    static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    const int days = kDays[static_cast<std::size_t>(month - 1)] + (month == 2 && leap ? 1 : 0);
    if (day > days) {
        return std::nullopt;
    }
    return DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * kDayMs;
}

}  // namespace tl::domain::query
