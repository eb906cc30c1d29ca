// Backlog queries compiled by CompileItemQuery and run against a real database: one product of
// ten items (and one item of another product) covering every field, and the keys each query
// returns in order. Compiled into both storage suites; the backend is the suite's.
#include "storage/sql/item_query.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "domain/query/item_query.hpp"
#include "storage/store.hpp"
#include "support/query_fields.hpp"
#include "support/suite_database.hpp"

namespace tl::storage {
namespace {

constexpr std::int64_t kHour = 3'600'000;
constexpr std::int64_t kDay = 24 * kHour;
constexpr std::int64_t kNow = 1777593600000 + 12 * kHour;  // 2026-05-01 12:00 UTC
constexpr std::int64_t kApril30 = 1777593600000 - kDay;
constexpr std::int64_t kMay10 = 1777593600000 + 9 * kDay;
constexpr std::int64_t kJune1 = 1777593600000 + 31 * kDay;

struct Row {
    int number;
    std::string type;
    std::string title;
    std::string description;
    int parent;  // 0: none
    std::string status;
    std::string category;
    std::optional<double> points;
    std::string assignee;
    std::vector<std::string> labels;
    std::string sprint;
    std::string release;
    std::string goal;
    std::string initiative;
    std::string rank;
    std::int64_t created;
    std::int64_t updated;
};

// Rank order: DRN-3, 1, 2, 6, 5, 9, 8, 4, 7, 10.
const std::vector<Row>& Rows() {
    static const std::vector<Row> rows = {
        {1,
         "epic",
         "Night flight",
         "Fly after dark",
         0,
         "new",
         "to_do",
         std::nullopt,
         "",
         {},
         "",
         "",
         "g1",
         "",
         "a2",
         kNow - 60 * kDay,
         kNow - kDay},
        {2,
         "feature",
         "Night camera",
         "Better camera at night",
         1,
         "in_progress",
         "in_progress",
         13,
         "u2",
         {"camera"},
         "",
         "r1",
         "",
         "in1",
         "a3",
         kNow - 50 * kDay,
         kNow - 10 * kDay},
        {3,
         "story",
         "Low-light camera sensor",
         "Sensor for night shots",
         2,
         "ready",
         "to_do",
         3,
         "u1",
         {"camera", "gimbal"},
         "s1",
         "r1",
         "",
         "",
         "a1",
         kNow - 20 * kDay,
         kNow - 2 * kDay},
        {4,
         "task",
         "Calibrate sensor",
         "",
         3,
         "done",
         "done",
         1,
         "u1",
         {},
         "s1",
         "",
         "",
         "",
         "a8",
         kNow - 15 * kDay,
         kNow - 3 * kHour},
        {5,
         "bug",
         "Gimbal drifts at night",
         "Drift observed in night tests",
         2,
         "new",
         "to_do",
         std::nullopt,
         "",
         {"gimbal"},
         "",
         "",
         "",
         "",
         "a5",
         kApril30 + 10 * kHour,
         kApril30 + 10 * kHour},
        {6,
         "story",
         "Longer battery",
         "Flight time",
         0,
         "in_review",
         "in_progress",
         5,
         "u2",
         {"battery"},
         "s1",
         "",
         "g1",
         "",
         "a4",
         kNow - 5 * kDay,
         kNow - 5 * kDay},
        {7,
         "spike",
         "Research 50%_off motors",
         "Cheaper supplier",
         0,
         "done",
         "done",
         0.5,
         "",
         {},
         "",
         "",
         "",
         "",
         "a9",
         kNow - 100 * kDay,
         kNow - 90 * kDay},
        {8,
         "tech-debt",
         "Refactor flight log",
         "",
         0,
         "new",
         "to_do",
         8,
         "u1",
         {"tech-debt"},
         "",
         "",
         "",
         "",
         "a7",
         kNow - kDay,
         kNow - kDay},
        {9,
         "story",
         "Camera night mode",
         "Night mode toggle",
         2,
         "new",
         "to_do",
         2,
         "",
         {"camera"},
         "",
         "",
         "",
         "",
         "a6",
         kNow - 30 * kDay,
         kNow - 30 * kDay},
        {10,
         "task",
         "Test battery",
         "",
         6,
         "done",
         "done",
         std::nullopt,
         "u2",
         {},
         "",
         "",
         "",
         "",
         "b0",
         kNow - 3 * kDay,
         kNow - 3 * kDay},
    };
    return rows;
}

// Custom field values: item number, field id, text, number.
struct FieldRow {
    int item;
    std::string field;
    std::optional<std::string> text;
    std::optional<double> number;
};

const std::vector<FieldRow>& FieldRows() {
    static const std::vector<FieldRow> rows = {
        {2, "fld_risk", "medium", std::nullopt},
        {3, "fld_risk", "high", std::nullopt},
        {3, "fld_effort", std::nullopt, 5},
        {3, "fld_customers", "acme", std::nullopt},
        {3, "fld_customers", "zen", std::nullopt},
        {3, "fld_due", std::nullopt, static_cast<double>(kMay10)},
        {3, "fld_note", "needs new supplier", std::nullopt},
        {3, "fld_reviewer", "u2", std::nullopt},
        {5, "fld_risk", "low", std::nullopt},
        {5, "fld_effort", std::nullopt, 2},
        {6, "fld_customers", "acme", std::nullopt},
        {6, "fld_due", std::nullopt, static_cast<double>(kJune1)},
        {7, "fld_note", "supplier quote", std::nullopt},
        {8, "fld_effort", std::nullopt, 13},
    };
    return rows;
}

std::string Id(int number) { return "itm_" + std::to_string(number); }

SqlValue Opt(const std::optional<std::string>& s) { return s ? SqlValue(*s) : SqlValue(nullptr); }
SqlValue Opt(const std::optional<double>& d) { return d ? SqlValue(*d) : SqlValue(nullptr); }

class ItemQueryRun : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        database_ = std::make_unique<test::SuiteDatabase>("item-query");
        auto store = database_->OpenStore();
        ASSERT_TRUE(store) << store.error().message;
        store_ = std::move(*store);
        backend_ = GetParam();
        ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
            TL_TRY(tx.InsertWorkspace({"ws1", "One", 1}));
            TL_TRY(tx.InsertUser(User("u1", "ann@example.com", "Ann Lee")));
            TL_TRY(tx.InsertUser(User("u2", "bob@example.com", "Bob Stone")));
            TL_TRY(tx.InsertProduct(Product("p1", "DRN")));
            TL_TRY(tx.InsertProduct(Product("p2", "OTH")));
            return {};
        }));
        auto conn = database_->OpenConnection();
        ASSERT_TRUE(conn) << conn.error().message;
        conn_ = std::move(*conn);
        ASSERT_EQ(conn_->Backend(), backend_);
        for (const auto& r : Rows()) {
            Insert("p1", r);
        }
        // Another product's item matches many queries, and must never show.
        Insert("p2",
               {1,
                "story",
                "Night camera other",
                "Night camera",
                0,
                "new",
                "to_do",
                3,
                "u1",
                {"camera"},
                "s1",
                "",
                "",
                "",
                "a0",
                kNow - kDay,
                kNow - kDay});
        // Priorities (the rest stay medium, the column's default).
        for (const auto& [number, priority] : std::vector<std::pair<int, std::string>>{
                 {3, "highest"}, {6, "high"}, {8, "high"}, {5, "low"}, {7, "lowest"}}) {
            Exec("UPDATE items SET priority = ? WHERE id = ?", {priority, Id(number)});
        }
        for (const auto& f : FieldRows()) {
            Exec(
                "INSERT INTO item_field_values (workspace_id, item_id, field_id, text_value, "
                "num_value) VALUES (?, ?, ?, ?, ?)",
                {"ws1", Id(f.item), f.field, Opt(f.text), Opt(f.number)});
        }
    }

    void TearDown() override {
        conn_.reset();
        store_.reset();
        database_.reset();
    }

    static domain::User User(std::string id, std::string email, std::string name) {
        domain::User u;
        u.id = std::move(id);
        u.workspace_id = "ws1";
        u.email = std::move(email);
        u.name = std::move(name);
        u.password_hash = "hash";
        u.created_at = u.updated_at = 10;
        return u;
    }
    static domain::Product Product(std::string id, std::string key) {
        domain::Product p;
        p.id = std::move(id);
        p.workspace_id = "ws1";
        p.key = std::move(key);
        p.name = "Product " + p.key;
        p.created_at = p.updated_at = 10;
        return p;
    }

    void Exec(std::string_view sql, const SqlParams& params) {
        auto r = conn_->Execute(sql, params);
        ASSERT_TRUE(r) << r.error().message << "\n" << sql;
    }

    void Insert(const std::string& product, const Row& r) {
        const std::string id = product == "p1" ? Id(r.number) : "other_" + std::to_string(r.number);
        Exec(
            "INSERT INTO items (id, workspace_id, product_id, item_number, item_type, title, "
            "description, status, category, points, assignee_id, parent_id, goal_id, "
            "initiative_id, sprint_id, release_id, rank_key, ready_checks, done_checks, "
            "accepted_at, accepted_by, created_by, version, created_at, updated_at) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', '[]', 0, NULL, NULL, 1, "
            "?, ?)",
            {id,
             "ws1",
             product,
             std::int64_t{r.number},
             r.type,
             r.title,
             r.description,
             r.status,
             r.category,
             Opt(r.points),
             NullIfEmpty(r.assignee),
             r.parent == 0 ? SqlValue(nullptr) : SqlValue(Id(r.parent)),
             NullIfEmpty(r.goal),
             NullIfEmpty(r.initiative),
             NullIfEmpty(r.sprint),
             NullIfEmpty(r.release),
             r.rank,
             r.created,
             r.updated});
        for (const auto& label : r.labels) {
            Exec("INSERT INTO item_labels (workspace_id, item_id, label) VALUES (?, ?, ?)",
                 {"ws1", id, label});
        }
        if (backend_ == "postgres") {
            Exec(
                "INSERT INTO item_search (item_id, workspace_id, product_id, title, description, "
                "criteria, comments, document) VALUES (?, ?, ?, ?, ?, '', '', "
                "to_tsvector('simple', ?))",
                {id, "ws1", product, r.title, r.description, r.title + " " + r.description});
        } else {
            Exec(
                "INSERT INTO item_search (item_id, workspace_id, product_id, title, description, "
                "criteria, comments) VALUES (?, ?, ?, ?, ?, '', '')",
                {id, "ws1", product, r.title, r.description});
        }
    }

    ItemQueryContext Context() const {
        ItemQueryContext ctx;
        ctx.workspace_id = "ws1";
        ctx.product_id = "p1";
        ctx.product_key = "DRN";
        ctx.me_user_id = "u1";
        ctx.now_ms = kNow;
        ctx.fields = tl::test::QueryTestFields();
        ctx.backend = backend_;
        return ctx;
    }

    // The keys a query returns, in order, as "3 1 2"; or the error.
    std::string Run(std::string_view text) {
        auto parsed = domain::query::ParseItemQuery(text);
        if (!parsed.ok()) {
            return "parse error: " + parsed.error->message;
        }
        auto compiled = CompileItemQuery(parsed.query, Context());
        if (!compiled) {
            return "compile error: " + compiled.error().details.at(0).issue;
        }
        SqlParams params = {std::string("ws1"), std::string("p1")};
        params.insert(params.end(), compiled->params.begin(), compiled->params.end());
        params.insert(params.end(), compiled->order_params.begin(), compiled->order_params.end());
        const std::string sql =
            "SELECT i.item_number FROM items i WHERE i.workspace_id = ? AND i.product_id = ? "
            "AND (" +
            compiled->where + ") ORDER BY " + compiled->order_by;
        auto rows = conn_->Query(sql, params);
        if (!rows) {
            return "sql error: " + rows.error().message + "\n" + sql;
        }
        std::string out;
        for (const auto& row : *rows) {
            out += (out.empty() ? "" : " ") + std::to_string(row.Int(0));
        }
        return out;
    }

    std::unique_ptr<test::SuiteDatabase> database_;
    std::unique_ptr<Store> store_;
    std::unique_ptr<Connection> conn_;
    std::string backend_;
};

struct Case {
    std::string query;
    std::string keys;  // item numbers in result order
};

#define EXPECT_QUERIES(...)                                      \
    for (const Case& c : std::vector<Case>{__VA_ARGS__}) {       \
        EXPECT_EQ(Run(c.query), c.keys) << "query: " << c.query; \
    }

TEST_P(ItemQueryRun, EmptyQueryIsTheWholeBacklogInRankOrder) {
    EXPECT_QUERIES({"", "3 1 2 6 5 9 8 4 7 10"}, {"ORDER BY rank", "3 1 2 6 5 9 8 4 7 10"});
}

TEST_P(ItemQueryRun, TypeStatusCategory) {
    EXPECT_QUERIES({"type = story", "3 6 9"},
                   {"type IN (bug, SPIKE)", "5 7"},
                   {"type != story AND type != task", "1 2 5 8 7"},
                   {"type NOT IN (story, task, epic)", "2 5 8 7"},
                   {"type = tech-debt", "8"},
                   {"status = new", "1 5 9 8"},
                   {"status IN (ready, in_review)", "3 6"},
                   {"category = in_progress", "2 6"},
                   {"NOT category = done", "3 1 2 6 5 9 8"});
}

TEST_P(ItemQueryRun, PointsAndNullSemantics) {
    EXPECT_QUERIES({"points >= 3", "3 2 6 8"},
                   {"NOT points >= 3", "1 5 9 4 7 10"},
                   {"points IS EMPTY", "1 5 10"},
                   {"points IS NOT EMPTY", "3 2 6 9 8 4 7"},
                   {"points != 3", "2 6 9 8 4 7"},
                   {"points IN (0.5, 1)", "4 7"},
                   {"points NOT IN (0.5, 1)", "3 2 6 9 8"},
                   {"points < 2", "4 7"},
                   {"points <= 2 OR points > 8", "2 9 4 7"});
}

TEST_P(ItemQueryRun, AssigneeByMeIdEmailOrName) {
    EXPECT_QUERIES({"assignee = me", "3 8 4"},
                   {"assignee = BOB@example.com", "2 6 10"},
                   {"assignee = \"ann lee\"", "3 8 4"},
                   {"assignee = u2", "2 6 10"},
                   {"assignee IN (me, \"Bob Stone\")", "3 2 6 8 4 10"},
                   {"assignee != me", "2 6 10"},
                   {"assignee IS EMPTY", "1 5 9 7"},
                   {"assignee = nobody@example.com", ""});
}

TEST_P(ItemQueryRun, Labels) {
    EXPECT_QUERIES({"label = camera", "3 2 9"},
                   {"labels = CAMERA", "3 2 9"},
                   {"label IN (gimbal, battery)", "3 6 5"},
                   {"label != camera", "1 6 5 8 4 7 10"},
                   {"label NOT IN (camera, gimbal)", "1 6 8 4 7 10"},
                   {"labels IS EMPTY", "1 4 7 10"},
                   {"label IS NOT EMPTY", "3 2 6 5 9 8"});
}

TEST_P(ItemQueryRun, HierarchyByKeyOrId) {
    EXPECT_QUERIES({"parent = DRN-2", "3 5 9"},
                   {"parent = itm_2", "3 5 9"},
                   {"parent IN (DRN-3, DRN-6)", "4 10"},
                   {"parent IS EMPTY", "1 6 8 7"},
                   {"parent != DRN-2", "2 4 10"},
                   {"parent = OTH-1", ""},
                   {"parent = DRN-999", ""},
                   {"epic = DRN-1", "3 2 5 9 4"},
                   {"epic IS EMPTY", "1 6 8 7 10"},
                   {"feature = drn-2", "3 5 9 4"},
                   {"feature = DRN-1", ""},
                   {"epic != DRN-1", ""});
}

TEST_P(ItemQueryRun, PlanningAndAlignment) {
    EXPECT_QUERIES({"sprint = s1", "3 6 4"},
                   {"sprint IS EMPTY AND release IS NOT EMPTY", "2"},
                   {"release = r1", "3 2"},
                   {"goal = g1 OR initiative = in1", "1 2 6"},
                   {"initiative IS EMPTY AND goal IS EMPTY AND sprint != s1", ""});
}

TEST_P(ItemQueryRun, CreatedAndUpdatedDates) {
    EXPECT_QUERIES({"created >= -7d", "6 5 8 10"},
                   {"created = 2026-04-30", "5 8"},
                   {"created < 2026-04-30", "3 1 2 6 9 4 7 10"},
                   {"created <= 2026-04-30", "3 1 2 6 5 9 8 4 7 10"},
                   {"created > 2026-04-30", ""},
                   {"updated > 2026-04-30", "4"},
                   {"updated = today", "4"},
                   {"updated >= -12h", "4"},
                   {"updated = -1d", "1 5 8"},
                   {"updated != -1d AND updated >= -3d", "3 4 10"},
                   {"updated < -60d", "7"},
                   {"created >= -2w AND created < now", "6 5 8 10"});
}

TEST_P(ItemQueryRun, TextTitleAndKey) {
    EXPECT_QUERIES({"text ~ \"night camera\"", "3 2 9"},
                   {"text ~ NIGHT", "3 1 2 5 9"},
                   {"text ~ cam", "3 2 9"},
                   {"text ~ \"'\\\" OR *\"", ""},
                   {"NOT text ~ night", "6 8 4 7 10"},
                   {"title ~ CAMERA", "3 2 9"},
                   {"title ~ \"50%_\"", "7"},
                   {"title ~ \"%\"", "7"},
                   {"title ~ \"_\"", "7"},
                   {"title = \"night CAMERA\"", "2"},
                   {"key = DRN-7", "7"},
                   {"key = 7", "7"},
                   {"key IN (drn-1, DRN-3, OTH-1)", "3 1"},
                   {"key != DRN-3 AND key NOT IN (DRN-1)", "2 6 5 9 8 4 7 10"},
                   {"key = OTH-1", ""});
}

TEST_P(ItemQueryRun, CustomFieldsOfEveryType) {
    EXPECT_QUERIES({"risk = high", "3"},
                   {"risk = HIGH", "3"},
                   {"risk != high", "2 5"},
                   {"risk IN (low, medium)", "2 5"},
                   {"risk IS EMPTY", "1 6 9 8 4 7 10"},
                   {"effort >= 5", "3 8"},
                   {"effort < 5", "5"},
                   {"NOT effort >= 5", "1 2 6 5 9 4 7 10"},
                   {"effort IN (2, 13)", "5 8"},
                   {"due < 2026-05-15", "3"},
                   {"due >= +7d", "3 6"},
                   {"due = 2026-05-10", "3"},
                   {"due IS NOT EMPTY", "3 6"},
                   {"note ~ supplier", "3 7"},
                   {"note = \"SUPPLIER QUOTE\"", "7"},
                   {"customers = acme", "3 6"},
                   {"customers != zen", "1 2 6 5 9 8 4 7 10"},
                   {"customers IN (zen)", "3"},
                   {"customers NOT IN (acme, zen)", "1 2 5 9 8 4 7 10"},
                   {"customers IS EMPTY", "1 2 5 9 8 4 7 10"},
                   {"reviewer = bob@example.com", "3"},
                   {"reviewer = me", ""},
                   {"reviewer != me", "3"},
                   {"reviewer IS NOT EMPTY", "3"});
}

TEST_P(ItemQueryRun, BooleanCombinations) {
    EXPECT_QUERIES({"type = story AND status != done AND points >= 3 ORDER BY rank", "3 6"},
                   {"label IN (camera, gimbal) AND NOT category = done", "3 2 5 9"},
                   {"(type = bug OR type = spike) AND NOT (status = done)", "5"},
                   {"type = bug OR type = spike AND status = done", "5 7"},
                   {"NOT (assignee = me OR assignee IS EMPTY)", "2 6 10"},
                   {"NOT NOT label = camera", "3 2 9"},
                   {"assignee = me AND updated >= -7d", "3 8 4"},
                   {"risk = high ORDER BY points DESC", "3"});
}

TEST_P(ItemQueryRun, OrderByWithNullsLast) {
    EXPECT_QUERIES({"ORDER BY points DESC", "2 8 6 3 9 4 7 1 5 10"},
                   {"ORDER BY points", "7 4 9 3 6 8 2 1 5 10"},
                   {"ORDER BY effort DESC", "8 3 5 1 2 6 9 4 7 10"},
                   {"ORDER BY key DESC", "10 9 8 7 6 5 4 3 2 1"},
                   {"ORDER BY assignee, key", "3 4 8 2 6 10 1 5 7 9"},
                   {"ORDER BY assignee DESC, key", "2 6 10 3 4 8 1 5 7 9"},
                   {"ORDER BY category, rank", "3 1 5 9 8 2 6 4 7 10"},
                   {"ORDER BY due DESC", "6 3 1 2 5 9 8 4 7 10"},
                   {"ORDER BY customers", "3 6 1 2 5 9 8 4 7 10"},
                   {"ORDER BY updated DESC", "4 1 8 5 3 10 6 2 9 7"},
                   {"ORDER BY type, title", "5 1 2 7 9 6 3 4 10 8"},
                   {"type = story ORDER BY parent DESC", "3 9 6"},
                   {"ORDER BY rank DESC", "10 7 4 8 9 5 6 2 1 3"});
}

TEST_P(ItemQueryRun, PriorityByNameAndByWeight) {
    EXPECT_QUERIES({"priority = high", "6 8"},
                   {"priority = MEDIUM", "1 2 9 4 10"},
                   {"priority IN (highest, HIGH)", "3 6 8"},
                   {"priority != medium", "3 6 5 8 7"},
                   {"priority NOT IN (medium, low)", "3 6 8 7"},
                   {"priority >= high", "3 6 8"},
                   {"priority > high", "3"},
                   {"priority < medium", "5 7"},
                   {"priority <= low", "5 7"},
                   {"NOT priority > lowest", "7"},
                   {"type = story AND priority >= medium", "3 6 9"},
                   {"ORDER BY priority DESC", "3 6 8 1 2 9 4 10 5 7"},
                   {"ORDER BY priority", "7 5 1 2 9 4 10 6 8 3"},
                   {"type = story ORDER BY priority DESC", "3 6 9"});
}

// What the board reads through the Store: the work item types or one sprint's items, in rank
// order with the query applied, the stored priority, and every status counted in one query.
TEST_P(ItemQueryRun, BoardNarrowingsAndStatusCounts) {
    auto keys = [&](ItemQuery q) {
        std::string out;
        EXPECT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
            q.product_id = "p1";
            q.context.product_key = "DRN";
            q.context.me_user_id = "u1";
            q.context.now_ms = kNow;
            TL_ASSIGN_OR_RETURN(auto page, tx.ListItems("ws1", q));
            for (const auto& i : page.items) {
                out += (out.empty() ? "" : " ") + std::to_string(i.number);
            }
            if (!page.next_cursor.empty()) {
                out += " …";
            }
            return {};
        }));
        return out;
    };
    using domain::ItemType;
    const std::vector<ItemType> work = {
        ItemType::kStory, ItemType::kBug, ItemType::kSpike, ItemType::kTechDebt};
    ItemQuery board;
    board.types = work;
    EXPECT_EQ(keys(board), "3 6 5 9 8 7");
    board.filter = "label = camera";
    EXPECT_EQ(keys(board), "3 9");
    board.filter = "ORDER BY priority DESC";
    EXPECT_EQ(keys(board), "3 6 8 9 5 7");
    board.filter.clear();
    board.limit = 4;
    EXPECT_EQ(keys(board), "3 6 5 9 …");
    ItemQuery sprint;
    sprint.sprint_id = "s1";
    EXPECT_EQ(keys(sprint), "3 6 4");
    sprint.sprint_id = "s_unknown";
    EXPECT_EQ(keys(sprint), "");

    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto item, tx.GetItem("ws1", Id(3)));
        EXPECT_EQ(item.priority, domain::Priority::kHighest);
        TL_ASSIGN_OR_RETURN(auto counts, tx.CountItemsByStatus("ws1", "p1"));
        EXPECT_EQ(
            counts,
            (std::map<std::string, std::int64_t>{
                {"done", 3}, {"in_progress", 1}, {"in_review", 1}, {"new", 4}, {"ready", 1}}));
        TL_ASSIGN_OR_RETURN(auto none, tx.CountItemsByStatus("ws1", "p_none"));
        EXPECT_TRUE(none.empty());
        return {};
    }));
}

TEST_P(ItemQueryRun, CompileErrorsNameThePosition) {
    EXPECT_QUERIES({"riskk = high", "compile error: at 0: unknown field \"riskk\""},
                   {"type = story AND risk = extreme",
                    "compile error: at 24: \"extreme\" is not an option of risk (low, medium, "
                    "high)"});
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         ItemQueryRun,
                         ::testing::Values(std::string(test::kSuiteBackend)),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tl::storage
