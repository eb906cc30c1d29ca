// The Store contract for sprints, on the backend this binary is built for: sprints with one
// active per team, the items of a sprint through its index, capacity, baseline and outcomes in
// their order, scope changes per scope, change requests, deletion, and workspace scoping.
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "storage/store.hpp"
#include "support/suite_database.hpp"

namespace tl::storage {
namespace {

// ASSERT_EQ for the callbacks that return a Result: fails the test and leaves the callback.
#define EXPECT_EQ_OR_LEAVE(a, b)   \
    do {                           \
        EXPECT_EQ(a, b);           \
        if (!((a) == (b))) {       \
            return Result<void>(); \
        }                          \
    } while (false)

class SprintStore : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        database_ = std::make_unique<test::SuiteDatabase>("sprint-store");
        auto store = database_->OpenStore();
        ASSERT_TRUE(store) << store.error().message;
        store_ = std::move(*store);
        ASSERT_TRUE(Write([&](Tx& tx) -> Result<void> {
            TL_TRY(tx.InsertWorkspace({"ws1", "One", 1}));
            TL_TRY(tx.InsertWorkspace({"ws2", "Two", 2}));
            domain::Product p;
            p.id = "p1";
            p.workspace_id = "ws1";
            p.key = "DRN";
            p.name = "Drone";
            TL_TRY(tx.InsertProduct(p));
            for (int n = 1; n <= 5; ++n) {
                TL_TRY(tx.InsertItem(Item(n)));
            }
            return {};
        }));
    }
    void TearDown() override {
        store_.reset();
        database_.reset();
    }

    Result<void> Write(const std::function<Result<void>(Tx&)>& fn) { return store_->Write(fn); }

    // Item n: rank keys in reverse of the numbers (item 5 first), points n (item 3 has none).
    static domain::Item Item(int n) {
        domain::Item i;
        i.id = "i" + std::to_string(n);
        i.workspace_id = "ws1";
        i.product_id = "p1";
        i.number = n;
        i.title = "Item " + std::to_string(n);
        i.status = "new";
        i.rank = std::string(1, static_cast<char>('z' - n));
        if (n != 3) {
            i.points = n;
        }
        if (n == 5) {
            i.status = "done";
            i.category = domain::StatusCategory::kDone;
            i.done_at = 500;
        }
        return i;
    }
    static domain::Sprint Sprint(std::string id, std::string team, std::string start) {
        domain::Sprint s;
        s.id = std::move(id);
        s.workspace_id = "ws1";
        s.product_id = "p1";
        s.team_id = std::move(team);
        s.name = "Sprint " + s.id;
        s.start_date = std::move(start);
        s.end_date = "2026-12-31";
        s.working_days = {1, 2, 3, 4, 5};
        s.created_at = s.updated_at = 10;
        return s;
    }

    std::unique_ptr<test::SuiteDatabase> database_;
    std::unique_ptr<Store> store_;
};

TEST_P(SprintStore, SprintsRoundTripAndAStaleVersionIsRefused) {
    ASSERT_TRUE(Write([&](Tx& tx) -> Result<void> {
        domain::Sprint s = Sprint("s1", "t1", "2026-11-02");
        s.goal = "Fly longer";
        s.working_days = {1, 3, 5};
        s.capacity_unit = domain::CapacityUnit::kHours;
        s.require_approval = true;
        s.created_by = "u1";
        return tx.InsertSprint(s);
    }));
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto s, tx.GetSprint("ws1", "s1"));
        EXPECT_EQ(s.goal, "Fly longer");
        EXPECT_EQ(s.working_days, (std::vector<int>{1, 3, 5}));
        EXPECT_EQ(s.capacity_unit, domain::CapacityUnit::kHours);
        EXPECT_TRUE(s.require_approval);
        EXPECT_EQ(s.status, domain::SprintStatus::kPlanned);
        EXPECT_EQ(s.created_by, "u1");
        auto other = tx.GetSprint("ws2", "s1");
        EXPECT_FALSE(other);
        EXPECT_EQ(other.error().code, ErrorCode::kNotFound);
        return {};
    }));
    auto stale = Write([&](Tx& tx) -> Result<void> {
        domain::Sprint s = Sprint("s1", "t1", "2026-11-02");
        s.version = 3;
        return tx.UpdateSprint(s, 2);
    });
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);
    ASSERT_TRUE(Write([&](Tx& tx) -> Result<void> {
        domain::Sprint s = Sprint("s1", "t1", "2026-11-02");
        s.status = domain::SprintStatus::kActive;
        s.started_at = 100;
        s.committed_points = 12.5;
        s.version = 2;
        return tx.UpdateSprint(s, 1);
    }));
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto s, tx.GetSprint("ws1", "s1"));
        EXPECT_EQ(s.status, domain::SprintStatus::kActive);
        EXPECT_EQ(s.committed_points, 12.5);
        EXPECT_EQ(s.version, 2);
        return {};
    }));
}

TEST_P(SprintStore, ATeamHasAtMostOneActiveSprint) {
    ASSERT_TRUE(Write([&](Tx& tx) -> Result<void> {
        domain::Sprint a = Sprint("a", "t1", "2026-11-02");
        a.status = domain::SprintStatus::kActive;
        TL_TRY(tx.InsertSprint(a));
        TL_TRY(tx.InsertSprint(Sprint("b", "t1", "2026-11-16")));
        domain::Sprint other_team = Sprint("c", "t2", "2026-11-02");
        other_team.status = domain::SprintStatus::kActive;
        return tx.InsertSprint(other_team);
    }));
    auto second = Write([&](Tx& tx) -> Result<void> {
        domain::Sprint b = Sprint("b", "t1", "2026-11-16");
        b.status = domain::SprintStatus::kActive;
        b.version = 2;
        return tx.UpdateSprint(b, 1);
    });
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().code, ErrorCode::kConflict);
    EXPECT_EQ(second.error().specific_code, "sprint_active");
    // Completing the first frees the team.
    ASSERT_TRUE(Write([&](Tx& tx) -> Result<void> {
        domain::Sprint a = Sprint("a", "t1", "2026-11-02");
        a.status = domain::SprintStatus::kCompleted;
        a.completed_at = 200;
        a.completed_points = 7;
        a.version = 2;
        TL_TRY(tx.UpdateSprint(a, 1));
        domain::Sprint b = Sprint("b", "t1", "2026-11-16");
        b.status = domain::SprintStatus::kActive;
        b.version = 2;
        return tx.UpdateSprint(b, 1);
    }));
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto all, tx.ListSprints("ws1", {"p1", "", std::nullopt}));
        EXPECT_EQ(all.size(), 3u);
        TL_ASSIGN_OR_RETURN(auto t1, tx.ListSprints("ws1", {"p1", "t1", std::nullopt}));
        EXPECT_EQ_OR_LEAVE(t1.size(), 2u);
        EXPECT_EQ(t1[0].id, "a");  // by start date
        TL_ASSIGN_OR_RETURN(auto active,
                            tx.ListSprints("ws1", {"", "", domain::SprintStatus::kActive}));
        EXPECT_EQ(active.size(), 2u);
        TL_ASSIGN_OR_RETURN(auto done, tx.ListCompletedSprints("ws1", "t1", "p1", 3));
        EXPECT_EQ_OR_LEAVE(done.size(), 1u);
        EXPECT_EQ(done[0].completed_points, 7);
        TL_ASSIGN_OR_RETURN(auto none, tx.ListSprints("ws2", {"p1", "", std::nullopt}));
        EXPECT_TRUE(none.empty());
        return {};
    }));
}

TEST_P(SprintStore, CompletedSprintsComeLatestFirstUpToTheLimit) {
    ASSERT_TRUE(Write([&](Tx& tx) -> Result<void> {
        for (int k = 1; k <= 4; ++k) {
            domain::Sprint s =
                Sprint("s" + std::to_string(k), "t1", "2026-0" + std::to_string(k) + "-01");
            s.status = domain::SprintStatus::kCompleted;
            s.completed_at = 1000 * k;
            s.completed_points = k;
            TL_TRY(tx.InsertSprint(s));
        }
        return {};
    }));
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto done, tx.ListCompletedSprints("ws1", "t1", "p1", 3));
        EXPECT_EQ_OR_LEAVE(done.size(), 3u);
        EXPECT_EQ(done[0].id, "s4");
        EXPECT_EQ(done[2].id, "s2");
        TL_ASSIGN_OR_RETURN(auto other, tx.ListCompletedSprints("ws1", "t2", "p1", 3));
        EXPECT_TRUE(other.empty());
        return {};
    }));
}

TEST_P(SprintStore, TheItemsOfASprintComeInRankOrderWithTheirTotals) {
    ASSERT_TRUE(Write([&](Tx& tx) -> Result<void> {
        TL_TRY(tx.InsertSprint(Sprint("s1", "t1", "2026-11-02")));
        TL_TRY(tx.InsertSprint(Sprint("s2", "t2", "2026-11-02")));
        TL_TRY(tx.SetItemsSprint("ws1", {"i1", "i3", "i5"}, "s1", 77));
        return tx.SetItemsSprint("ws1", {"i2"}, "s2", 77);
    }));
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto items, tx.ListSprintItems("ws1", "s1"));
        EXPECT_EQ_OR_LEAVE(items.size(), 3u);
        EXPECT_EQ(items[0].id, "i5");  // rank order: item 5's key is lowest
        EXPECT_EQ(items[2].id, "i1");
        EXPECT_EQ(items[0].done_at, 500);
        EXPECT_EQ(items[2].version, 2);
        EXPECT_EQ(items[2].updated_at, 77);
        TL_ASSIGN_OR_RETURN(auto totals, tx.SprintTotalsOf("ws1", {"s1", "s2", "s3"}));
        EXPECT_EQ(totals.size(), 2u);
        EXPECT_EQ(totals["s1"].items, 3);
        EXPECT_EQ(totals["s1"].points, 6);  // 1 + 5, item 3 unestimated
        EXPECT_EQ(totals["s1"].done_points, 5);
        EXPECT_EQ(totals["s1"].unestimated, 1);
        EXPECT_EQ(totals["s2"].points, 2);
        TL_ASSIGN_OR_RETURN(auto elsewhere, tx.ListSprintItems("ws2", "s1"));
        EXPECT_TRUE(elsewhere.empty());
        return {};
    }));
    // Clearing the sprint leaves the items where they are.
    ASSERT_TRUE(Write([&](Tx& tx) { return tx.SetItemsSprint("ws1", {"i1", "i3"}, "", 88); }));
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto items, tx.ListSprintItems("ws1", "s1"));
        EXPECT_EQ(items.size(), 1u);
        TL_ASSIGN_OR_RETURN(auto i1, tx.GetItem("ws1", "i1"));
        EXPECT_TRUE(i1.sprint_id.empty());
        EXPECT_EQ(i1.version, 3);
        return {};
    }));
}

TEST_P(SprintStore, CapacityBaselineAndOutcomesKeepTheirOrder) {
    ASSERT_TRUE(Write([&](Tx& tx) -> Result<void> {
        TL_TRY(tx.InsertSprint(Sprint("s1", "t1", "2026-11-02")));
        TL_TRY(tx.PutSprintCapacity(
            "ws1", "s1", {{"u2", 10, {"2026-11-05", "2026-11-06"}}, {"u1", 7.5, {}}}));
        TL_TRY(tx.PutSprintCapacity("ws1", "s1", {{"u3", 4, {}}, {"u2", 8, {"2026-11-05"}}}));
        TL_TRY(tx.InsertSprintBaseline("ws1", "s1", {{"i4", 4}, {"i3", std::nullopt}, {"i1", 1}}));
        return tx.InsertSprintOutcomes(
            "ws1",
            "s1",
            {{"i4", domain::ItemOutcome::kDone, 4, 300, ""},
             {"i3", domain::ItemOutcome::kCarriedOver, std::nullopt, 0, "s2"},
             {"i1", domain::ItemOutcome::kReturned, 1, 0, ""}});
    }));
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto capacity, tx.ListSprintCapacity("ws1", "s1"));
        EXPECT_EQ_OR_LEAVE(capacity.size(), 2u);  // replaced, not added to
        EXPECT_EQ(capacity[0].user_id, "u3");
        EXPECT_EQ(capacity[1].capacity, 8);
        EXPECT_EQ(capacity[1].days_off, (std::vector<std::string>{"2026-11-05"}));
        TL_ASSIGN_OR_RETURN(auto baseline, tx.ListSprintBaseline("ws1", "s1"));
        EXPECT_EQ_OR_LEAVE(baseline.size(), 3u);
        EXPECT_EQ(baseline[0].item_id, "i4");
        EXPECT_FALSE(baseline[1].points.has_value());
        TL_ASSIGN_OR_RETURN(auto outcomes, tx.ListSprintOutcomes("ws1", "s1"));
        EXPECT_EQ_OR_LEAVE(outcomes.size(), 3u);
        EXPECT_EQ(outcomes[0].done_at, 300);
        EXPECT_EQ(outcomes[1].outcome, domain::ItemOutcome::kCarriedOver);
        EXPECT_EQ(outcomes[1].next_sprint_id, "s2");
        EXPECT_EQ(outcomes[2].outcome, domain::ItemOutcome::kReturned);
        return {};
    }));
}

TEST_P(SprintStore, ScopeChangesArePerScopeAndChangeRequestsPerStatus) {
    ASSERT_TRUE(Write([&](Tx& tx) -> Result<void> {
        TL_TRY(tx.InsertSprint(Sprint("s1", "t1", "2026-11-02")));
        auto change = [](std::string id, std::string type, std::string scope, std::int64_t at) {
            domain::ScopeChange c;
            c.id = std::move(id);
            c.workspace_id = "ws1";
            c.product_id = "p1";
            c.scope_type = std::move(type);
            c.scope_id = std::move(scope);
            c.kind = domain::ScopeKind::kReEstimated;
            c.item_id = "i1";
            c.points_before = 1;
            c.points_after = 3;
            c.by = "u1";
            c.at = at;
            c.reason = "why";
            return c;
        };
        TL_TRY(tx.InsertScopeChange(change("c2", "sprint", "s1", 20)));
        TL_TRY(tx.InsertScopeChange(change("c1", "sprint", "s1", 10)));
        TL_TRY(tx.InsertScopeChange(change("c3", "release", "s1", 5)));
        domain::ChangeRequest r;
        r.id = "r1";
        r.workspace_id = "ws1";
        r.product_id = "p1";
        r.sprint_id = "s1";
        r.item_id = "i2";
        r.reason = "asked";
        r.requested_by = "u2";
        r.requested_at = 30;
        TL_TRY(tx.InsertChangeRequest(r));
        r.id = "r2";
        r.kind = domain::ChangeRequestKind::kRemove;
        r.requested_at = 40;
        return tx.InsertChangeRequest(r);
    }));
    ASSERT_TRUE(Write([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto r, tx.GetChangeRequest("ws1", "r1"));
        r.status = domain::ChangeRequestStatus::kAccepted;
        r.decided_by = "u1";
        r.decided_at = 50;
        r.note = "ok";
        r.version = 2;
        TL_TRY(tx.UpdateChangeRequest(r, 1));
        auto stale = tx.UpdateChangeRequest(r, 1);
        EXPECT_FALSE(stale);
        EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);
        return {};
    }));
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto changes, tx.ListScopeChanges("ws1", "sprint", "s1"));
        EXPECT_EQ_OR_LEAVE(changes.size(), 2u);
        EXPECT_EQ(changes[0].id, "c1");  // oldest first
        EXPECT_EQ(changes[0].points_after, 3);
        EXPECT_EQ(changes[0].reason, "why");
        TL_ASSIGN_OR_RETURN(auto release, tx.ListScopeChanges("ws1", "release", "s1"));
        EXPECT_EQ(release.size(), 1u);
        TL_ASSIGN_OR_RETURN(auto all, tx.ListChangeRequests("ws1", "s1", std::nullopt));
        EXPECT_EQ_OR_LEAVE(all.size(), 2u);
        EXPECT_EQ(all[1].kind, domain::ChangeRequestKind::kRemove);
        TL_ASSIGN_OR_RETURN(auto open,
                            tx.ListChangeRequests("ws1", "s1", domain::ChangeRequestStatus::kOpen));
        EXPECT_EQ_OR_LEAVE(open.size(), 1u);
        EXPECT_EQ(open[0].id, "r2");
        TL_ASSIGN_OR_RETURN(auto accepted, tx.GetChangeRequest("ws1", "r1"));
        EXPECT_EQ(accepted.note, "ok");
        EXPECT_EQ(accepted.decided_at, 50);
        return {};
    }));
    // Deleting the sprint takes its records with it (a release's stay).
    ASSERT_TRUE(Write([&](Tx& tx) { return tx.DeleteSprint("ws1", "s1"); }));
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        EXPECT_FALSE(tx.GetSprint("ws1", "s1"));
        TL_ASSIGN_OR_RETURN(auto changes, tx.ListScopeChanges("ws1", "sprint", "s1"));
        EXPECT_TRUE(changes.empty());
        TL_ASSIGN_OR_RETURN(auto release, tx.ListScopeChanges("ws1", "release", "s1"));
        EXPECT_EQ(release.size(), 1u);
        TL_ASSIGN_OR_RETURN(auto requests, tx.ListChangeRequests("ws1", "s1", std::nullopt));
        EXPECT_TRUE(requests.empty());
        return {};
    }));
}

TEST_P(SprintStore, DoneAtIsStoredWithTheItem) {
    ASSERT_TRUE(Write([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto i, tx.GetItem("ws1", "i1"));
        i.done_at = 1234;
        i.version = 2;
        return tx.UpdateItem(i, 1);
    }));
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto i, tx.GetItem("ws1", "i1"));
        EXPECT_EQ(i.done_at, 1234);
        return {};
    }));
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         SprintStore,
                         ::testing::Values(std::string(test::kSuiteBackend)),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tl::storage
