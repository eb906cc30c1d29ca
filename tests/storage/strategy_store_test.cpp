// The Store's strategy against a real database: vision versions (a version written twice is a
// conflict) and their history pages; goals, key results and check-ins with versions guarding
// updates and their orders; initiatives with their goal lists; the aligned items of a product;
// and what deleting a goal, a key result or an initiative takes with it. Compiled into both
// storage suites; the backend is the suite's.
#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "storage/store.hpp"
#include "support/suite_database.hpp"

namespace tl::storage {
namespace {

class StrategyStore : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        database_ = std::make_unique<test::SuiteDatabase>("strategy-store");
        auto store = database_->OpenStore();
        ASSERT_TRUE(store) << store.error().message;
        store_ = std::move(*store);
        ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
            TL_TRY(tx.InsertWorkspace({"ws1", "One", 1}));
            TL_TRY(tx.InsertWorkspace({"ws2", "Two", 2}));
            for (const auto& [id, ws, key] : {std::tuple{"p1", "ws1", "DRN"},
                                              std::tuple{"p2", "ws1", "OTH"},
                                              std::tuple{"p3", "ws2", "DRN"}}) {
                domain::Product p;
                p.id = id;
                p.workspace_id = ws;
                p.key = key;
                p.name = std::string("Product ") + key;
                p.created_at = p.updated_at = 10;
                TL_TRY(tx.InsertProduct(p));
            }
            return {};
        }));
    }
    void TearDown() override {
        store_.reset();
        database_.reset();
    }

    static domain::Goal Goal(std::string id, std::string product, std::string start) {
        domain::Goal g;
        g.id = std::move(id);
        g.workspace_id = "ws1";
        g.product_id = std::move(product);
        g.objective = "Goal " + g.id;
        g.horizon = domain::Horizon::kQuarter;
        g.start_date = std::move(start);
        g.end_date = "2027-12-31";
        g.created_at = g.updated_at = 10;
        return g;
    }
    static domain::KeyResult Kr(std::string id, std::string goal, std::int64_t at) {
        domain::KeyResult kr;
        kr.id = std::move(id);
        kr.workspace_id = "ws1";
        kr.product_id = "p1";
        kr.goal_id = std::move(goal);
        kr.title = "KR " + kr.id;
        kr.metric = "m";
        kr.unit = "%";
        kr.baseline = 1.5;
        kr.target = 9.25;
        kr.created_at = kr.updated_at = at;
        return kr;
    }
    static domain::CheckIn Check(
        std::string id, std::string kr, std::string goal, std::string date, std::int64_t at) {
        domain::CheckIn c;
        c.id = std::move(id);
        c.workspace_id = "ws1";
        c.product_id = "p1";
        c.goal_id = std::move(goal);
        c.key_result_id = std::move(kr);
        c.value = 4.75;
        c.date = std::move(date);
        c.note = "note";
        c.created_by = "u1";
        c.created_at = at;
        return c;
    }
    static domain::Item Item(std::string id, std::int64_t n, std::string rank) {
        domain::Item i;
        i.id = std::move(id);
        i.workspace_id = "ws1";
        i.product_id = "p1";
        i.number = n;
        i.title = "Item " + std::to_string(n);
        i.status = "new";
        i.rank = std::move(rank);
        i.created_at = i.updated_at = 10;
        return i;
    }

    std::unique_ptr<test::SuiteDatabase> database_;
    std::unique_ptr<Store> store_;
};

TEST_P(StrategyStore, VisionVersionsAndHistory) {
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto none, tx.GetVision("ws1", "p1"));
        EXPECT_FALSE(none.has_value());
        return {};
    }));
    for (std::int64_t v = 1; v <= 3; ++v) {
        ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
            domain::Vision vision;
            vision.workspace_id = "ws1";
            vision.product_id = "p1";
            vision.version = v;
            vision.statement = "Statement " + std::to_string(v);
            vision.updated_by = "u1";
            vision.updated_at = 100 + v;
            return tx.InsertVisionVersion(vision);
        }));
    }
    auto again = store_->Write([&](Tx& tx) -> Result<void> {
        domain::Vision vision;
        vision.workspace_id = "ws1";
        vision.product_id = "p1";
        vision.version = 3;
        return tx.InsertVisionVersion(vision);
    });
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::kConflict);
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto current, tx.GetVision("ws1", "p1"));
        EXPECT_TRUE(current.has_value());
        EXPECT_EQ(current->version, 3);
        EXPECT_EQ(current->statement, "Statement 3");
        EXPECT_EQ(current->updated_by, "u1");
        TL_ASSIGN_OR_RETURN(auto page, tx.ListVisionHistory("ws1", "p1", 0, 2));
        EXPECT_EQ(page.size(), 2u);
        EXPECT_EQ(page[0].version, 3);
        EXPECT_EQ(page[1].version, 2);
        TL_ASSIGN_OR_RETURN(auto rest, tx.ListVisionHistory("ws1", "p1", 2, 2));
        EXPECT_EQ(rest.size(), 1u);
        EXPECT_EQ(rest[0].version, 1);
        TL_ASSIGN_OR_RETURN(auto other, tx.GetVision("ws2", "p1"));
        EXPECT_FALSE(other.has_value());
        return {};
    }));
}

TEST_P(StrategyStore, GoalsKeyResultsAndCheckIns) {
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        TL_TRY(tx.InsertGoal(Goal("g2", "p1", "2027-04-01")));
        TL_TRY(tx.InsertGoal(Goal("g1", "p1", "2027-01-01")));
        TL_TRY(tx.InsertGoal(Goal("g3", "p2", "2027-01-01")));
        TL_TRY(tx.InsertKeyResult(Kr("k2", "g1", 20)));
        TL_TRY(tx.InsertKeyResult(Kr("k1", "g1", 10)));
        TL_TRY(tx.InsertKeyResult(Kr("k3", "g2", 5)));
        TL_TRY(tx.InsertCheckIn(Check("c2", "k1", "g1", "2027-02-01", 30)));
        TL_TRY(tx.InsertCheckIn(Check("c1", "k1", "g1", "2027-01-15", 40)));
        TL_TRY(tx.InsertCheckIn(Check("c3", "k3", "g2", "2027-05-01", 40)));
        return {};
    }));
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto goals, tx.ListGoals("ws1", "p1"));
        EXPECT_EQ(goals.size(), 2u);
        EXPECT_EQ(goals[0].id, "g1");  // by start date
        TL_ASSIGN_OR_RETURN(auto g, tx.GetGoal("ws1", "g2"));
        EXPECT_EQ(g.start_date, "2027-04-01");
        EXPECT_EQ(g.horizon, domain::Horizon::kQuarter);
        EXPECT_EQ(g.state, domain::GoalState::kOpen);
        EXPECT_TRUE(g.owner_id.empty());
        g.objective = "Renamed";
        g.state = domain::GoalState::kAchieved;
        g.owner_id = "u1";
        g.version = 2;
        TL_TRY(tx.UpdateGoal(g, 1));
        auto stale = tx.UpdateGoal(g, 1);
        EXPECT_FALSE(stale);
        EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);
        TL_ASSIGN_OR_RETURN(auto reread, tx.GetGoal("ws1", "g2"));
        EXPECT_EQ(reread.objective, "Renamed");
        EXPECT_EQ(reread.state, domain::GoalState::kAchieved);
        EXPECT_EQ(reread.owner_id, "u1");
        EXPECT_FALSE(tx.GetGoal("ws2", "g2"));

        TL_ASSIGN_OR_RETURN(auto krs, tx.ListKeyResults("ws1", "p1", ""));
        EXPECT_EQ(krs.size(), 3u);
        EXPECT_EQ(krs[0].id, "k3");  // by creation
        TL_ASSIGN_OR_RETURN(auto of_g1, tx.ListKeyResults("ws1", "p1", "g1"));
        EXPECT_EQ(of_g1.size(), 2u);
        EXPECT_EQ(of_g1[0].id, "k1");
        EXPECT_DOUBLE_EQ(of_g1[0].baseline, 1.5);
        EXPECT_DOUBLE_EQ(of_g1[0].target, 9.25);
        auto kr = of_g1[0];
        kr.target = -3;
        kr.version = 2;
        TL_TRY(tx.UpdateKeyResult(kr, 1));
        TL_ASSIGN_OR_RETURN(auto kr_again, tx.GetKeyResult("ws1", "k1"));
        EXPECT_DOUBLE_EQ(kr_again.target, -3);
        EXPECT_EQ(tx.UpdateKeyResult(kr, 1).error().code, ErrorCode::kPreconditionFailed);

        TL_ASSIGN_OR_RETURN(auto checks, tx.ListCheckIns("ws1", "p1", "g1"));
        EXPECT_EQ(checks.size(), 2u);
        EXPECT_EQ(checks[0].id, "c1");  // by date
        EXPECT_DOUBLE_EQ(checks[0].value, 4.75);
        EXPECT_EQ(checks[0].note, "note");
        TL_ASSIGN_OR_RETURN(auto all, tx.ListCheckIns("ws1", "p1", ""));
        EXPECT_EQ(all.size(), 3u);
        TL_TRY(tx.DeleteCheckIn("ws1", "c2"));
        EXPECT_FALSE(tx.GetCheckIn("ws1", "c2"));
        // A key result takes its check-ins along; a goal its key results and theirs.
        TL_TRY(tx.DeleteKeyResult("ws1", "k3"));
        TL_ASSIGN_OR_RETURN(auto after_kr, tx.ListCheckIns("ws1", "p1", ""));
        EXPECT_EQ(after_kr.size(), 1u);
        TL_TRY(tx.DeleteGoal("ws1", "g1", 99));
        TL_ASSIGN_OR_RETURN(auto left, tx.ListKeyResults("ws1", "p1", ""));
        EXPECT_TRUE(left.empty());
        TL_ASSIGN_OR_RETURN(auto no_checks, tx.ListCheckIns("ws1", "p1", ""));
        EXPECT_TRUE(no_checks.empty());
        EXPECT_FALSE(tx.GetGoal("ws1", "g1"));
        return {};
    }));
}

TEST_P(StrategyStore, InitiativesAndTheItemsAlignedToThem) {
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        TL_TRY(tx.InsertGoal(Goal("g1", "p1", "2027-01-01")));
        TL_TRY(tx.InsertGoal(Goal("g2", "p1", "2027-01-01")));
        domain::Initiative i;
        i.id = "ini1";
        i.workspace_id = "ws1";
        i.product_id = "p1";
        i.name = "Battery";
        i.goal_ids = {"g2", "g1"};
        i.horizon = domain::Horizon::kHalf;
        i.start_date = "2027-01-01";
        i.status = domain::InitiativeStatus::kInProgress;
        i.created_at = i.updated_at = 10;
        TL_TRY(tx.InsertInitiative(i));
        i.id = "ini2";
        i.goal_ids = {};
        i.horizon.reset();
        i.created_at = 20;
        TL_TRY(tx.InsertInitiative(i));
        auto e = Item("e1", 1, "b");
        e.type = domain::ItemType::kEpic;
        e.initiative_id = "ini1";
        TL_TRY(tx.InsertItem(e));
        auto s = Item("s1", 2, "a");
        s.goal_id = "g1";
        TL_TRY(tx.InsertItem(s));
        TL_TRY(tx.InsertItem(Item("s2", 3, "c")));
        return {};
    }));
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto list, tx.ListInitiatives("ws1", "p1"));
        EXPECT_EQ(list.size(), 2u);
        EXPECT_EQ(list[0].id, "ini1");
        EXPECT_EQ(list[0].goal_ids, (std::vector<std::string>{"g2", "g1"}));
        EXPECT_EQ(list[0].horizon, domain::Horizon::kHalf);
        EXPECT_EQ(list[0].start_date, "2027-01-01");
        EXPECT_TRUE(list[0].end_date.empty());
        EXPECT_TRUE(list[1].goal_ids.empty());
        EXPECT_FALSE(list[1].horizon.has_value());
        auto i = list[0];
        i.goal_ids = {"g1"};
        i.status = domain::InitiativeStatus::kDone;
        i.version = 2;
        TL_TRY(tx.UpdateInitiative(i, 1));
        EXPECT_EQ(tx.UpdateInitiative(i, 1).error().code, ErrorCode::kPreconditionFailed);
        TL_ASSIGN_OR_RETURN(auto reread, tx.GetInitiative("ws1", "ini1"));
        EXPECT_EQ(reread.goal_ids, (std::vector<std::string>{"g1"}));
        EXPECT_EQ(reread.status, domain::InitiativeStatus::kDone);

        TL_ASSIGN_OR_RETURN(auto aligned, tx.ListAlignedItems("ws1", "p1"));
        EXPECT_EQ(aligned.size(), 2u);
        if (aligned.size() == 2) {
            EXPECT_EQ(aligned[0].id, "s1");  // rank order
            EXPECT_EQ(aligned[1].id, "e1");
        }
        // Deleting clears the links, raising the items' versions.
        TL_TRY(tx.DeleteInitiative("ws1", "ini1", 500));
        TL_TRY(tx.DeleteGoal("ws1", "g1", 600));
        TL_ASSIGN_OR_RETURN(auto e, tx.GetItem("ws1", "e1"));
        EXPECT_TRUE(e.initiative_id.empty());
        EXPECT_EQ(e.version, 2);
        EXPECT_EQ(e.updated_at, 500);
        TL_ASSIGN_OR_RETURN(auto s, tx.GetItem("ws1", "s1"));
        EXPECT_TRUE(s.goal_id.empty());
        EXPECT_EQ(s.updated_at, 600);
        TL_ASSIGN_OR_RETURN(auto none, tx.ListAlignedItems("ws1", "p1"));
        EXPECT_TRUE(none.empty());
        EXPECT_FALSE(tx.GetInitiative("ws1", "ini1"));
        return {};
    }));
}

// The roadmap: an initiative's timeframe, the work totals of every initiative in one query
// (items naming it and their descendants without a goal or initiative of their own), and the
// published links found by their token hash across workspaces.
TEST_P(StrategyStore, RoadmapTimeframesWorkTotalsAndLinks) {
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        TL_TRY(tx.InsertGoal(Goal("g1", "p1", "2027-01-01")));
        domain::Initiative i;
        i.workspace_id = "ws1";
        i.product_id = "p1";
        i.name = "Battery";
        i.created_at = i.updated_at = 10;
        for (const std::string id : {"ini1", "ini2", "ini3"}) {
            i.id = id;
            i.timeframe = id == "ini1" ? std::optional(domain::Timeframe::kNext) : std::nullopt;
            TL_TRY(tx.InsertInitiative(i));
        }
        // ini1: an epic (3 points) with a feature (no points) with two stories (5 done, 2),
        // a story below it naming a goal of its own (not counted), and a direct story (1).
        auto e = Item("e1", 1, "a");
        e.type = domain::ItemType::kEpic;
        e.initiative_id = "ini1";
        e.points = 3;
        TL_TRY(tx.InsertItem(e));
        auto f = Item("f1", 2, "b");
        f.type = domain::ItemType::kFeature;
        f.parent_id = "e1";
        TL_TRY(tx.InsertItem(f));
        auto s1 = Item("s1", 3, "c");
        s1.parent_id = "f1";
        s1.points = 5;
        s1.category = domain::StatusCategory::kDone;
        TL_TRY(tx.InsertItem(s1));
        auto s2 = Item("s2", 4, "d");
        s2.parent_id = "f1";
        s2.points = 2;
        TL_TRY(tx.InsertItem(s2));
        auto s3 = Item("s3", 5, "e");
        s3.parent_id = "f1";
        s3.points = 8;
        s3.goal_id = "g1";
        TL_TRY(tx.InsertItem(s3));
        auto s4 = Item("s4", 6, "f");
        s4.initiative_id = "ini1";
        s4.points = 1;
        TL_TRY(tx.InsertItem(s4));
        // ini2: one story without points, done.
        auto s5 = Item("s5", 7, "g");
        s5.initiative_id = "ini2";
        s5.category = domain::StatusCategory::kDone;
        TL_TRY(tx.InsertItem(s5));
        return {};
    }));
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto ini1, tx.GetInitiative("ws1", "ini1"));
        EXPECT_EQ(ini1.timeframe, domain::Timeframe::kNext);
        TL_ASSIGN_OR_RETURN(auto ini2, tx.GetInitiative("ws1", "ini2"));
        EXPECT_FALSE(ini2.timeframe.has_value());
        ini2.timeframe = domain::Timeframe::kLater;
        ini2.version = 2;
        TL_TRY(tx.UpdateInitiative(ini2, 1));
        TL_ASSIGN_OR_RETURN(auto reread, tx.GetInitiative("ws1", "ini2"));
        EXPECT_EQ(reread.timeframe, domain::Timeframe::kLater);

        TL_ASSIGN_OR_RETURN(auto totals, tx.InitiativeWorkTotals("ws1", {"p1"}));
        EXPECT_EQ(totals.size(), 2u);  // ini3 has none
        EXPECT_EQ(totals["ini1"].items, 5);
        EXPECT_DOUBLE_EQ(totals["ini1"].points, 11);
        EXPECT_EQ(totals["ini1"].done_items, 1);
        EXPECT_DOUBLE_EQ(totals["ini1"].done_points, 5);
        EXPECT_EQ(totals["ini2"].items, 1);
        EXPECT_DOUBLE_EQ(totals["ini2"].points, 0);
        EXPECT_EQ(totals["ini2"].done_items, 1);
        TL_ASSIGN_OR_RETURN(auto other, tx.InitiativeWorkTotals("ws1", {"p2"}));
        EXPECT_TRUE(other.empty());

        domain::RoadmapShare share{"rms1", "ws1", "p1", "hash-1", "u1", 100};
        TL_TRY(tx.InsertRoadmapShare(share));
        TL_TRY(tx.InsertRoadmapShare({"rms2", "ws1", "p1", "hash-2", "", 200}));
        TL_ASSIGN_OR_RETURN(auto found, tx.FindRoadmapShareByTokenHash("hash-1"));
        EXPECT_TRUE(found.has_value());
        if (found) {
            EXPECT_EQ(found->id, "rms1");
            EXPECT_EQ(found->workspace_id, "ws1");
            EXPECT_EQ(found->product_id, "p1");
            EXPECT_EQ(found->created_by, "u1");
            EXPECT_EQ(found->created_at, 100);
        }
        TL_ASSIGN_OR_RETURN(auto none, tx.FindRoadmapShareByTokenHash("hash-9"));
        EXPECT_FALSE(none.has_value());
        TL_ASSIGN_OR_RETURN(auto list, tx.ListRoadmapShares("ws1", "p1"));
        EXPECT_EQ(list.size(), 2u);
        if (list.size() == 2) {
            EXPECT_EQ(list[0].id, "rms1");
            EXPECT_EQ(list[1].id, "rms2");
            EXPECT_TRUE(list[1].created_by.empty());
        }
        EXPECT_EQ(tx.GetRoadmapShare("ws2", "rms1").error().code, ErrorCode::kNotFound);
        TL_TRY(tx.DeleteRoadmapShare("ws1", "rms1"));
        EXPECT_EQ(tx.GetRoadmapShare("ws1", "rms1").error().code, ErrorCode::kNotFound);
        TL_ASSIGN_OR_RETURN(auto gone, tx.FindRoadmapShareByTokenHash("hash-1"));
        EXPECT_FALSE(gone.has_value());
        return {};
    }));
    // A token hash is unique across workspaces.
    auto taken = store_->Write([&](Tx& tx) -> Result<void> {
        return tx.InsertRoadmapShare({"rms3", "ws2", "p3", "hash-2", "", 300});
    });
    ASSERT_FALSE(taken);
    EXPECT_EQ(taken.error().code, ErrorCode::kConflict);
}

// The work below each aligning item as it was read before ListWork: the aligned items of the
// product, then one ListChildren per item found, four levels down, skipping children that name
// a goal or initiative of their own. `via_of` says how an aligned item counts ("" for not).
template <typename Via>
Result<std::vector<std::pair<std::string, std::string>>> WalkWork(Tx& tx,
                                                                  const std::string& product,
                                                                  Via via_of) {
    std::vector<std::pair<std::string, std::string>> out;  // (id, via)
    TL_ASSIGN_OR_RETURN(auto aligned, tx.ListAlignedItems("ws1", product));
    std::vector<std::pair<std::string, std::string>> frontier;
    for (const auto& item : aligned) {
        const std::string via = via_of(item);
        if (!via.empty()) {
            frontier.emplace_back(item.id, via);
        }
    }
    for (int depth = 0; !frontier.empty(); ++depth) {
        out.insert(out.end(), frontier.begin(), frontier.end());
        if (depth == 4) {
            break;
        }
        std::vector<std::pair<std::string, std::string>> next;
        for (const auto& [id, via] : frontier) {
            TL_ASSIGN_OR_RETURN(auto children, tx.ListChildren("ws1", id));
            for (const auto& c : children) {
                if (c.goal_id.empty() && c.initiative_id.empty()) {
                    next.emplace_back(c.id, via);
                }
            }
        }
        frontier = std::move(next);
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::pair<std::string, std::string>> Sorted(const std::vector<WorkEntry>& work) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& e : work) {
        out.emplace_back(e.item.id, e.via);
    }
    std::sort(out.begin(), out.end());
    return out;
}

// InitiativeWorkTotals for several products at once and ListWork against the walk above, on a
// hand-built tree: five levels below an epic (the fifth is past the walk's depth), children
// naming a goal or an initiative of their own (aligned by themselves), an item naming both a
// goal and an initiative, an initiative of a second product, and items of another workspace.
TEST_P(StrategyStore, WorkTotalsAndListWorkMatchTheWalk) {
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        TL_TRY(tx.InsertGoal(Goal("g1", "p1", "2027-01-01")));
        TL_TRY(tx.InsertGoal(Goal("g2", "p1", "2027-04-01")));
        auto g3 = Goal("g3", "p2", "2027-01-01");
        TL_TRY(tx.InsertGoal(g3));
        domain::Initiative ini;
        ini.workspace_id = "ws1";
        ini.name = "Initiative";
        ini.created_at = ini.updated_at = 10;
        for (const auto& [id, product, goals] :
             {std::tuple{"ini1", "p1", std::vector<std::string>{"g1"}},
              std::tuple{"ini2", "p1", std::vector<std::string>{"g1", "g2"}},
              std::tuple{"ini3", "p1", std::vector<std::string>{}},
              std::tuple{"ini4", "p2", std::vector<std::string>{"g3"}}}) {
            ini.id = id;
            ini.product_id = product;
            ini.goal_ids = goals;
            TL_TRY(tx.InsertInitiative(ini));
        }
        struct Row {
            const char* id;
            const char* product;
            const char* parent;
            const char* goal;
            const char* initiative;
            std::optional<double> points;
            bool done;
        };
        const std::vector<Row> rows = {
            // ini1: e1 > f1 > s1 > t1 > u1 > v1 (v1 is five levels below e1).
            {"e1", "p1", "", "", "ini1", 2, false},
            {"f1", "p1", "e1", "", "", std::nullopt, false},
            {"s1", "p1", "f1", "", "", 5, true},
            {"t1", "p1", "s1", "", "", 1, false},
            {"u1", "p1", "t1", "", "", 3, true},
            {"v1", "p1", "u1", "", "", 8, false},
            {"s2", "p1", "f1", "", "", 2, false},
            // Below ini1, naming a goal of its own: counted for g2 only, with its child.
            {"s3", "p1", "f1", "g2", "", 13, false},
            {"t3", "p1", "s3", "", "", 1, true},
            // Below ini1, naming another initiative: counted for ini2, with its child.
            {"f4", "p1", "e1", "", "ini2", std::nullopt, false},
            {"s4", "p1", "f4", "", "", 3, true},
            // ini2 and goal g2 both: g2's by goal, ini2's, not g1's.
            {"e5", "p1", "", "g2", "ini2", 1, false},
            {"s5", "p1", "e5", "", "", 5, false},
            // Aligned to g1 directly.
            {"s6", "p1", "", "g1", "", 2, true},
            // Unaligned.
            {"s7", "p1", "", "", "", 8, false},
            {"s8", "p1", "s7", "", "", 1, false},
            // ini4 of the second product.
            {"e9", "p2", "", "", "ini4", std::nullopt, false},
            {"s9", "p2", "e9", "", "", 5, true},
        };
        std::int64_t n = 0;
        for (const auto& r : rows) {
            ++n;
            auto item = Item(r.id, n, std::string(1, static_cast<char>('a' + n)));
            item.product_id = r.product;
            item.parent_id = r.parent;
            item.goal_id = r.goal;
            item.initiative_id = r.initiative;
            item.points = r.points;
            item.category = r.done ? domain::StatusCategory::kDone : domain::StatusCategory::kToDo;
            TL_TRY(tx.InsertItem(item));
        }
        // The same tree shape in another workspace: never counted.
        auto other = Item("x1", 1, "b");
        other.workspace_id = "ws2";
        other.product_id = "p3";
        other.parent_id = "e1";
        other.points = 40;
        TL_TRY(tx.InsertItem(other));
        return {};
    }));
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto totals, tx.InitiativeWorkTotals("ws1", {"p1", "p2"}));
        TL_ASSIGN_OR_RETURN(auto one, tx.InitiativeWorkTotals("ws1", {"p1"}));
        TL_ASSIGN_OR_RETURN(auto items,
                            tx.GetItems("ws1",
                                        {"e1",
                                         "f1",
                                         "s1",
                                         "t1",
                                         "u1",
                                         "v1",
                                         "s2",
                                         "s3",
                                         "t3",
                                         "f4",
                                         "s4",
                                         "e5",
                                         "s5",
                                         "s6",
                                         "s7",
                                         "s8",
                                         "e9",
                                         "s9"}));
        std::map<std::string, domain::Item> by_id;
        for (const auto& i : items) {
            by_id[i.id] = i;
        }
        for (const auto& [ini, product] : {std::pair{"ini1", "p1"},
                                           std::pair{"ini2", "p1"},
                                           std::pair{"ini3", "p1"},
                                           std::pair{"ini4", "p2"}}) {
            const std::string id = ini;
            TL_ASSIGN_OR_RETURN(auto walked, WalkWork(tx, product, [&](const domain::Item& i) {
                                    return i.initiative_id == id ? std::string("initiative")
                                                                 : std::string();
                                }));
            WorkTotals expected;
            for (const auto& [item_id, via] : walked) {
                const auto& i = by_id.at(item_id);
                ++expected.items;
                expected.points += i.points.value_or(0);
                if (i.category == domain::StatusCategory::kDone) {
                    ++expected.done_items;
                    expected.done_points += i.points.value_or(0);
                }
            }
            const WorkTotals got = totals.count(id) > 0 ? totals.at(id) : WorkTotals{};
            EXPECT_EQ(got.items, expected.items) << id;
            EXPECT_DOUBLE_EQ(got.points, expected.points) << id;
            EXPECT_EQ(got.done_items, expected.done_items) << id;
            EXPECT_DOUBLE_EQ(got.done_points, expected.done_points) << id;
            EXPECT_EQ(one.count(id), product == std::string("p1") && id != "ini3" ? 1u : 0u) << id;

            TL_ASSIGN_OR_RETURN(auto work, tx.ListWork("ws1", product, WorkScope{"", {id}}));
            EXPECT_EQ(Sorted(work), walked) << id;
        }
        // The figures the walk gives, written out: ini1 is e1, f1, s1, t1, u1 and s2 (v1 is too
        // deep; s3 and f4 are aligned by themselves).
        EXPECT_EQ(totals.at("ini1").items, 6);
        EXPECT_DOUBLE_EQ(totals.at("ini1").points, 13);
        EXPECT_EQ(totals.at("ini1").done_items, 2);
        EXPECT_DOUBLE_EQ(totals.at("ini1").done_points, 8);
        EXPECT_EQ(totals.at("ini2").items, 4);  // f4, s4, e5, s5
        EXPECT_EQ(totals.at("ini4").items, 2);
        EXPECT_EQ(totals.count("ini3"), 0u);

        // A goal's work: the items naming it, and those naming no goal and one of its initiatives.
        TL_ASSIGN_OR_RETURN(auto initiatives, tx.ListInitiatives("ws1", "p1"));
        for (const std::string goal : {"g1", "g2"}) {
            WorkScope scope{goal, {}};
            for (const auto& i : initiatives) {
                if (std::find(i.goal_ids.begin(), i.goal_ids.end(), goal) != i.goal_ids.end()) {
                    scope.initiative_ids.push_back(i.id);
                }
            }
            TL_ASSIGN_OR_RETURN(auto walked, WalkWork(tx, "p1", [&](const domain::Item& i) {
                                    if (!i.goal_id.empty()) {
                                        return i.goal_id == goal ? std::string("goal")
                                                                 : std::string();
                                    }
                                    return std::find(scope.initiative_ids.begin(),
                                                     scope.initiative_ids.end(),
                                                     i.initiative_id) != scope.initiative_ids.end()
                                               ? std::string("initiative")
                                               : std::string();
                                }));
            TL_ASSIGN_OR_RETURN(auto work, tx.ListWork("ws1", "p1", scope));
            EXPECT_EQ(Sorted(work), walked) << goal;
            // In rank order, with the items' columns.
            for (std::size_t k = 1; k < work.size(); ++k) {
                EXPECT_LT(work[k - 1].item.rank, work[k].item.rank);
            }
            if (goal == "g2") {
                const std::vector<std::pair<std::string, std::string>> expected = {
                    {"e5", "goal"},
                    {"f4", "initiative"},
                    {"s3", "goal"},
                    {"s4", "initiative"},
                    {"s5", "goal"},
                    {"t3", "goal"}};
                EXPECT_EQ(Sorted(work), expected);
            }
        }
        TL_ASSIGN_OR_RETURN(auto none, tx.ListWork("ws1", "p1", WorkScope{}));
        EXPECT_TRUE(none.empty());
        TL_ASSIGN_OR_RETURN(auto elsewhere, tx.ListWork("ws1", "p2", WorkScope{"", {"ini1"}}));
        EXPECT_TRUE(elsewhere.empty());
        return {};
    }));
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         StrategyStore,
                         ::testing::Values(std::string(test::kSuiteBackend)),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tl::storage
