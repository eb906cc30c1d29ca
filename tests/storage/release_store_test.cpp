// The Store's releases and test planning against a real database: a version unique per
// product, revisions, the release order, the items of a release through its index, test cases
// with their criteria, plans with their cases, runs in both orders, and what deleting a case, a
// plan or an item takes with it. Compiled into both storage suites; the backend is the suite's.
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "storage/store.hpp"
#include "support/suite_database.hpp"

namespace tl::storage {
namespace {

class ReleaseStore : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        database_ = std::make_unique<test::SuiteDatabase>("release-store");
        auto store = database_->OpenStore();
        ASSERT_TRUE(store) << store.error().message;
        store_ = std::move(*store);
        ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
            TL_TRY(tx.InsertWorkspace({"ws1", "One", 1}));
            TL_TRY(tx.InsertWorkspace({"ws2", "Two", 2}));
            TL_TRY(tx.InsertProduct(Product("p1", "ws1", "DRN")));
            TL_TRY(tx.InsertProduct(Product("p2", "ws1", "OTH")));
            TL_TRY(tx.InsertProduct(Product("p3", "ws2", "DRN")));
            // Rank order: i3, i1, i2.
            TL_TRY(tx.InsertItem(Item("i1", "p1", 1, "b")));
            TL_TRY(tx.InsertItem(Item("i2", "p1", 2, "c")));
            TL_TRY(tx.InsertItem(Item("i3", "p1", 3, "a")));
            return {};
        }));
    }
    void TearDown() override {
        store_.reset();
        database_.reset();
    }

    static domain::Product Product(std::string id, std::string ws, std::string key) {
        domain::Product p;
        p.id = std::move(id);
        p.workspace_id = std::move(ws);
        p.key = std::move(key);
        p.name = "Product " + p.key;
        p.created_at = p.updated_at = 10;
        return p;
    }
    static domain::Item Item(std::string id,
                             std::string product,
                             std::int64_t n,
                             std::string rank) {
        domain::Item i;
        i.id = std::move(id);
        i.workspace_id = "ws1";
        i.product_id = std::move(product);
        i.number = n;
        i.title = "Item " + std::to_string(n);
        i.status = "new";
        i.rank = std::move(rank);
        i.criteria = {{"acc_" + i.id + "_1", "first", false},
                      {"acc_" + i.id + "_2", "second", false}};
        i.created_at = i.updated_at = 10;
        return i;
    }
    static domain::Release Release(std::string id,
                                   std::string product,
                                   std::string version,
                                   std::string target = "") {
        domain::Release r;
        r.id = std::move(id);
        r.workspace_id = "ws1";
        r.product_id = std::move(product);
        r.version = std::move(version);
        r.target_date = std::move(target);
        r.created_at = r.updated_at = 10;
        return r;
    }
    static domain::TestCase Case(std::string id,
                                 std::string item,
                                 std::vector<std::string> criteria) {
        domain::TestCase c;
        c.id = std::move(id);
        c.workspace_id = "ws1";
        c.product_id = "p1";
        c.item_id = std::move(item);
        c.title = "Case " + c.id;
        c.criteria = std::move(criteria);
        c.created_at = c.updated_at = 10;
        return c;
    }
    static domain::TestRun Run(std::string id,
                               std::string plan,
                               std::string test_case,
                               domain::TestResult result,
                               std::int64_t at) {
        domain::TestRun r;
        r.id = std::move(id);
        r.workspace_id = "ws1";
        r.product_id = "p1";
        r.plan_id = std::move(plan);
        r.case_id = std::move(test_case);
        r.result = result;
        r.run_by = "u1";
        r.run_at = at;
        return r;
    }

    std::unique_ptr<test::SuiteDatabase> database_;
    std::unique_ptr<Store> store_;
};

TEST_P(ReleaseStore, VersionsAreUniquePerProductAndRevisionsGuardUpdates) {
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        TL_TRY(tx.InsertRelease(Release("r1", "p1", "2.1", "2026-06-01")));
        TL_TRY(tx.InsertRelease(Release("r2", "p1", "2.0", "2026-03-01")));
        TL_TRY(tx.InsertRelease(Release("r3", "p1", "3.0")));
        TL_TRY(tx.InsertRelease(Release("r4", "p2", "2.1")));  // another product: fine
        return {};
    }));
    auto taken = store_->Write(
        [&](Tx& tx) -> Result<void> { return tx.InsertRelease(Release("r5", "p1", "2.1")); });
    ASSERT_FALSE(taken);
    EXPECT_EQ(taken.error().code, ErrorCode::kConflict);

    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto r, tx.GetRelease("ws1", "r1"));
        EXPECT_EQ(r.version, "2.1");
        EXPECT_EQ(r.target_date, "2026-06-01");
        EXPECT_EQ(r.status, domain::ReleaseStatus::kPlanned);
        r.name = "Spring";
        r.status = domain::ReleaseStatus::kReleased;
        r.released_at = 99;
        r.revision = 2;
        TL_TRY(tx.UpdateRelease(r, 1));
        auto stale = tx.UpdateRelease(r, 1);
        EXPECT_FALSE(stale);
        EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);
        auto missing = tx.UpdateRelease(Release("nope", "p1", "9"), 1);
        EXPECT_FALSE(missing);
        EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
        // By target date, undated last.
        TL_ASSIGN_OR_RETURN(auto list, tx.ListReleases("ws1", "p1"));
        std::vector<std::string> ids;
        for (const auto& x : list) {
            ids.push_back(x.id);
        }
        EXPECT_EQ(ids, (std::vector<std::string>{"r2", "r1", "r3"}));
        EXPECT_EQ(list[1].name, "Spring");
        EXPECT_EQ(list[1].released_at, 99);
        EXPECT_EQ(list[1].revision, 2);
        // Scoped to its workspace.
        auto elsewhere = tx.GetRelease("ws2", "r1");
        EXPECT_FALSE(elsewhere);
        EXPECT_EQ(elsewhere.error().code, ErrorCode::kNotFound);
        return {};
    }));
    // Renaming onto a taken version is a conflict too.
    auto renamed = store_->Write([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto r, tx.GetRelease("ws1", "r2"));
        r.version = "2.1";
        r.revision = 2;
        return tx.UpdateRelease(r, 1);
    });
    ASSERT_FALSE(renamed);
    EXPECT_EQ(renamed.error().code, ErrorCode::kConflict);
}

TEST_P(ReleaseStore, TheItemsOfAReleaseInRankOrder) {
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        TL_TRY(tx.InsertRelease(Release("r1", "p1", "1.0")));
        TL_TRY(tx.SetItemsRelease("ws1", {"i1", "i2", "i3"}, "r1", 50));
        TL_ASSIGN_OR_RETURN(auto items, tx.ListReleaseItems("ws1", "r1"));
        std::vector<std::string> ids;
        for (const auto& i : items) {
            ids.push_back(i.id);
            EXPECT_EQ(i.release_id, "r1");
            EXPECT_EQ(i.version, 2);
            EXPECT_EQ(i.updated_at, 50);
        }
        EXPECT_EQ(ids, (std::vector<std::string>{"i3", "i1", "i2"}));
        EXPECT_EQ(items[0].criteria.size(), 2u);  // read whole
        TL_TRY(tx.SetItemsRelease("ws1", {"i1"}, "", 60));
        TL_ASSIGN_OR_RETURN(auto left, tx.ListReleaseItems("ws1", "r1"));
        EXPECT_EQ(left.size(), 2u);
        TL_ASSIGN_OR_RETURN(auto i1, tx.GetItem("ws1", "i1"));
        EXPECT_EQ(i1.release_id, "");
        EXPECT_EQ(i1.version, 3);
        TL_ASSIGN_OR_RETURN(auto none, tx.ListReleaseItems("ws2", "r1"));
        EXPECT_TRUE(none.empty());
        return {};
    }));
}

TEST_P(ReleaseStore, CasesPlansAndRunsWithWhatDeletingTakesAlong) {
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        TL_TRY(tx.InsertRelease(Release("r1", "p1", "1.0")));
        TL_TRY(tx.InsertTestCase(Case("c1", "i1", {"acc_i1_2", "acc_i1_1"})));
        TL_TRY(tx.InsertTestCase(Case("c2", "i1", {})));
        TL_TRY(tx.InsertTestCase(Case("c3", "i2", {"acc_i2_1"})));
        domain::TestPlan plan;
        plan.id = "pl1";
        plan.workspace_id = "ws1";
        plan.product_id = "p1";
        plan.name = "Release plan";
        plan.release_id = "r1";
        plan.case_ids = {"c3", "c1", "c2"};
        plan.created_at = plan.updated_at = 20;
        TL_TRY(tx.InsertTestPlan(plan));
        domain::TestPlan sprint_plan = plan;
        sprint_plan.id = "pl2";
        sprint_plan.release_id.clear();
        sprint_plan.sprint_id = "spr_1";
        sprint_plan.case_ids = {"c1"};
        sprint_plan.created_at = 30;
        TL_TRY(tx.InsertTestPlan(sprint_plan));
        TL_TRY(tx.InsertTestRun(Run("t1", "pl1", "c1", domain::TestResult::kFail, 100)));
        TL_TRY(tx.InsertTestRun(Run("t2", "pl1", "c1", domain::TestResult::kPass, 200)));
        TL_TRY(tx.InsertTestRun(Run("t3", "pl2", "c1", domain::TestResult::kBlocked, 150)));
        TL_TRY(tx.InsertTestRun(Run("t4", "pl1", "c3", domain::TestResult::kPass, 120)));
        return {};
    }));
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto c1, tx.GetTestCase("ws1", "c1"));
        EXPECT_EQ(c1.criteria, (std::vector<std::string>{"acc_i1_2", "acc_i1_1"}));
        c1.criteria = {"acc_i1_1"};
        c1.title = "Renamed";
        c1.version = 2;
        TL_TRY(tx.UpdateTestCase(c1, 1));
        auto stale = tx.UpdateTestCase(c1, 1);
        EXPECT_FALSE(stale);
        EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);
        TL_ASSIGN_OR_RETURN(auto of_items, tx.ListTestCasesOfItems("ws1", {"i1", "i2"}));
        EXPECT_EQ(of_items.size(), 3u);
        if (of_items.size() != 3u) {
            return {};
        }
        EXPECT_EQ(of_items[0].title, "Renamed");
        EXPECT_EQ(of_items[0].criteria, (std::vector<std::string>{"acc_i1_1"}));
        TL_ASSIGN_OR_RETURN(auto some, tx.GetTestCases("ws1", {"c3", "missing"}));
        EXPECT_EQ(some.size(), 1u);
        if (some.size() != 1u) {
            return {};
        }
        EXPECT_EQ(some[0].criteria, (std::vector<std::string>{"acc_i2_1"}));

        TL_ASSIGN_OR_RETURN(auto plan, tx.GetTestPlan("ws1", "pl1"));
        EXPECT_EQ(plan.case_ids, (std::vector<std::string>{"c3", "c1", "c2"}));
        EXPECT_EQ(plan.release_id, "r1");
        TL_ASSIGN_OR_RETURN(auto all_plans, tx.ListTestPlans("ws1", "p1", ""));
        EXPECT_EQ(all_plans.size(), 2u);
        if (all_plans.size() != 2u) {
            return {};
        }
        EXPECT_EQ(all_plans[0].id, "pl2");  // newest first
        EXPECT_EQ(all_plans[0].sprint_id, "spr_1");
        TL_ASSIGN_OR_RETURN(auto release_plans, tx.ListTestPlans("ws1", "p1", "r1"));
        EXPECT_EQ(release_plans.size(), 1u);
        if (release_plans.size() != 1u) {
            return {};
        }
        plan.case_ids = {"c1"};
        plan.name = "Smaller";
        plan.version = 2;
        TL_TRY(tx.UpdateTestPlan(plan, 1));
        TL_ASSIGN_OR_RETURN(auto smaller, tx.GetTestPlan("ws1", "pl1"));
        EXPECT_EQ(smaller.case_ids, (std::vector<std::string>{"c1"}));
        EXPECT_EQ(smaller.name, "Smaller");

        TL_ASSIGN_OR_RETURN(auto newest_first, tx.ListTestRunsOfPlan("ws1", "pl1"));
        std::vector<std::string> ids;
        for (const auto& r : newest_first) {
            ids.push_back(r.id);
        }
        EXPECT_EQ(ids, (std::vector<std::string>{"t2", "t4", "t1"}));
        TL_ASSIGN_OR_RETURN(auto oldest_first, tx.ListTestRunsOfCases("ws1", {"c1"}));
        ids.clear();
        for (const auto& r : oldest_first) {
            ids.push_back(r.id);
        }
        EXPECT_EQ(ids, (std::vector<std::string>{"t1", "t3", "t2"}));
        TL_TRY(tx.SetTestRunBug("ws1", "t1", "i3"));
        TL_ASSIGN_OR_RETURN(auto t1, tx.GetTestRun("ws1", "t1"));
        EXPECT_EQ(t1.bug_id, "i3");
        EXPECT_EQ(t1.result, domain::TestResult::kFail);
        auto missing = tx.SetTestRunBug("ws1", "nope", "i3");
        EXPECT_FALSE(missing);
        EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
        return {};
    }));
    // Deleting a plan takes its runs; deleting a case its runs and plan places; deleting an
    // item its cases.
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        TL_TRY(tx.DeleteTestPlan("ws1", "pl2"));
        TL_ASSIGN_OR_RETURN(auto runs, tx.ListTestRunsOfCases("ws1", {"c1"}));
        EXPECT_EQ(runs.size(), 2u);
        TL_TRY(tx.DeleteTestCase("ws1", "c1"));
        TL_ASSIGN_OR_RETURN(auto plan, tx.GetTestPlan("ws1", "pl1"));
        EXPECT_TRUE(plan.case_ids.empty());
        TL_ASSIGN_OR_RETURN(auto left, tx.ListTestRunsOfPlan("ws1", "pl1"));
        EXPECT_EQ(left.size(), 1u);  // c3's
        TL_TRY(tx.DeleteItem("ws1", "i2"));
        auto gone = tx.GetTestCase("ws1", "c3");
        EXPECT_FALSE(gone);
        TL_ASSIGN_OR_RETURN(auto none, tx.ListTestRunsOfPlan("ws1", "pl1"));
        EXPECT_TRUE(none.empty());
        TL_ASSIGN_OR_RETURN(auto remaining, tx.ListTestCasesOfItems("ws1", {"i1", "i2"}));
        EXPECT_EQ(remaining.size(), 1u);  // c2
        return {};
    }));
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         ReleaseStore,
                         ::testing::Values(std::string(test::kSuiteBackend)),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tl::storage
