// Test planning (docs/delivery.md, "Test planning"): test cases on a story or bug naming its
// acceptance criteria, test plans for a sprint or a release, test runs, a bug opened from a
// failing run, and the coverage of an item's criteria.
//
// Reading needs any role on the product; writing is `test.write` (the Product Owner and team
// members). Every write appends an event (`test_case`, `test_plan`, `test_run`) with the
// product, in the same transaction. Objects of a product the actor holds no role on are
// kNotFound.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "app/backlog/items.hpp"
#include "app/context.hpp"
#include "domain/release.hpp"
#include "domain/test_plan.hpp"

namespace tl::app {

// A run with who ran it and the bug opened from it (when it still exists).
struct TestRunView {
    domain::TestRun run;
    std::string run_by_name;
    std::optional<ItemRef> bug;
};

// A case with its item and its latest run (in one plan, or in any, as the answer says).
struct TestCaseView {
    domain::TestCase test_case;
    ItemRef item;
    std::optional<TestRunView> latest;
};

struct TestPlanView {
    domain::TestPlan plan;
    std::string release_version;      // when the plan tests a release
    std::vector<TestCaseView> cases;  // in the plan's order, each with its latest run in it
};

struct CoverageView {
    ItemRef item;
    std::vector<domain::CriterionCoverage> criteria;
    std::map<std::string, TestCaseView> cases;  // by id: every case of the item
};

// {id, plan_id, case_id, product_id, result, notes, run_by:{id,name}, run_at, bug_id,
// bug:{id,key,title,type,status}|null}.
boost::json::object ToJson(const TestRunView& view);
// {id, product_id, item:{id,key,title,type,status}, title, preconditions, steps,
// expected_result, criteria:[ids], latest: run|null, created_by, version, created_at,
// updated_at}.
boost::json::object ToJson(const TestCaseView& view);
// {id, product_id, name, sprint_id, release_id, release:{id,version}|null, case_ids, cases,
// summary:{total,pass,fail,blocked,not_run}, created_by, version, created_at, updated_at}.
boost::json::object ToJson(const TestPlanView& view);
// {item, criteria:[{id,text,done,covered,passing,cases:[{id,title,latest}]}], criteria_total,
// criteria_covered, criteria_passing}.
boost::json::object ToJson(const CoverageView& view);

struct TestCaseInput {
    std::optional<std::string> title;
    std::optional<std::string> preconditions;
    std::optional<std::string> steps;
    std::optional<std::string> expected_result;
    std::optional<std::vector<std::string>> criteria;  // ids of the item's acceptance criteria
    domain::Issues issues;
};

// On a story or bug (`item` is an id or key); title required; each criterion must be one of the
// item's (kValidationFailed naming criteria.<i> otherwise).
Result<TestCaseView> CreateTestCase(AppContext& ctx,
                                    const Actor& actor,
                                    const std::string& item,
                                    const TestCaseInput& input);
// The item's cases, oldest first, each with its latest run in any plan.
Result<std::vector<TestCaseView>> ListTestCases(AppContext& ctx,
                                                const Actor& actor,
                                                const std::string& item);
Result<TestCaseView> GetTestCase(AppContext& ctx, const Actor& actor, const std::string& id);
Result<TestCaseView> UpdateTestCase(AppContext& ctx,
                                    const Actor& actor,
                                    const std::string& id,
                                    const TestCaseInput& input,
                                    std::optional<std::int64_t> if_match);
// Removes the case, its places in plans and its runs.
Result<void> DeleteTestCase(AppContext& ctx, const Actor& actor, const std::string& id);

struct TestPlanInput {
    std::optional<std::string> name;
    std::optional<std::string> sprint_id;
    std::optional<std::string> release_id;
    std::optional<std::vector<std::string>> case_ids;
    domain::Issues issues;
};

// Exactly one of sprint_id (any id: sprints are kept elsewhere) and release_id (a release of
// the product). Without case_ids the plan takes every case of the items in its sprint or
// release; named cases must be the product's.
Result<TestPlanView> CreateTestPlan(AppContext& ctx,
                                    const Actor& actor,
                                    const std::string& product_id,
                                    const TestPlanInput& input);
// The product's plans, newest first; one release's when `release_id` is set.
Result<std::vector<TestPlanView>> ListTestPlans(AppContext& ctx,
                                                const Actor& actor,
                                                const std::string& product_id,
                                                const std::string& release_id);
Result<TestPlanView> GetTestPlan(AppContext& ctx, const Actor& actor, const std::string& id);
// name and case_ids (a case removed from the plan keeps its runs there).
Result<TestPlanView> UpdateTestPlan(AppContext& ctx,
                                    const Actor& actor,
                                    const std::string& id,
                                    const TestPlanInput& input,
                                    std::optional<std::int64_t> if_match);
// Removes the plan with its runs.
Result<void> DeleteTestPlan(AppContext& ctx, const Actor& actor, const std::string& id);

struct TestRunInput {
    std::string case_id;
    std::optional<domain::TestResult> result;
    std::string notes;
    domain::Issues issues;
};

// Records a run of one of the plan's cases, by the actor, now.
Result<TestRunView> RecordTestRun(AppContext& ctx,
                                  const Actor& actor,
                                  const std::string& plan_id,
                                  const TestRunInput& input);
// The plan's runs, newest first.
Result<std::vector<TestRunView>> ListTestRuns(AppContext& ctx,
                                              const Actor& actor,
                                              const std::string& plan_id);

struct BugFromRun {
    TestRunView run;
    ItemRef bug;
    bool created = false;  // false: the run's bug existed already
};

// A bug from a failing or blocked run (kConflict for a pass): created through the backlog's
// item creation under the tested item's parent (or without one, at the backlog's bottom),
// titled after the case, describing its steps, expected result and the run's notes, with a
// `blocks` link to the tested item. The run keeps the bug; a second call answers the same bug.
Result<BugFromRun> OpenBugFromRun(AppContext& ctx, const Actor& actor, const std::string& run_id);

// Per criterion of the item: its cases and whether each one's latest run (in any plan) passed.
Result<CoverageView> ItemCoverage(AppContext& ctx, const Actor& actor, const std::string& item);

// ---- shared with releases ----

// The views of `cases` with their items (all of one product) and their latest runs among
// `runs`; runs' people and bugs are looked up.
Result<std::vector<TestCaseView>> LoadTestCaseViews(storage::Tx& tx,
                                                    const std::string& workspace_id,
                                                    const std::string& product_key,
                                                    const std::vector<domain::TestCase>& cases,
                                                    const std::vector<domain::TestRun>& runs);
// The view of one run (its runner's name, its bug when the bug still exists).
Result<TestRunView> LoadTestRunView(storage::Tx& tx,
                                    const std::string& workspace_id,
                                    const std::string& product_key,
                                    const domain::TestRun& run);

}  // namespace tl::app
