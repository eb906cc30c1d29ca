// Test planning: test cases written against a story's (or bug's) acceptance criteria, test plans
// gathering cases for a sprint or a release, and test runs recording each execution; and the
// rules read from them: the latest run of a case, and the coverage of each criterion.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/item.hpp"
#include "domain/validation.hpp"

namespace tl::domain {

enum class TestResult { kPass, kFail, kBlocked };

inline constexpr std::array<TestResult, 3> kAllTestResults = {
    TestResult::kPass, TestResult::kFail, TestResult::kBlocked};

std::string_view ToString(TestResult result);  // "pass", "fail", "blocked"
std::optional<TestResult> ParseTestResult(std::string_view text);

struct TestCase {
    std::string id;  // "tcs_…"
    std::string workspace_id;
    std::string product_id;
    std::string item_id;  // a story or a bug
    std::string title;
    std::string preconditions;
    std::string steps;
    std::string expected_result;
    std::vector<std::string> criteria;  // ids of the item's acceptance criteria, in order
    std::string created_by;
    std::int64_t version = 1;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

struct TestPlan {
    std::string id;  // "tpl_…"
    std::string workspace_id;
    std::string product_id;
    std::string name;
    std::string sprint_id;  // exactly one of sprint_id and release_id is set
    std::string release_id;
    std::vector<std::string> case_ids;  // in order
    std::string created_by;
    std::int64_t version = 1;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

// One execution of a case in a plan. Never edited, except that a bug opened from it is kept.
struct TestRun {
    std::string id;  // "trn_…", sortable by creation time
    std::string workspace_id;
    std::string product_id;
    std::string plan_id;
    std::string case_id;
    TestResult result = TestResult::kPass;
    std::string notes;
    std::string run_by;
    std::int64_t run_at = 0;
    std::string bug_id;  // "" until a bug is opened from the run
};

inline constexpr std::size_t kMaxTestTitleLength = 200;
inline constexpr std::size_t kMaxTestTextLength = 10'000;  // preconditions, steps, expected
inline constexpr std::size_t kMaxTestPlanNameLength = 200;
inline constexpr std::size_t kMaxTestRunNotesLength = 5'000;
inline constexpr std::size_t kMaxCaseCriteria = 50;
inline constexpr std::size_t kMaxPlanCases = 1'000;

// Field checks: title (1–200, one line), preconditions, steps and expected result (up to
// 10,000 each), at most 50 criteria, each named once.
Issues ValidateTestCase(const TestCase& test_case);
// The name (1–200, one line) and at most 1,000 cases, each once.
Issues ValidateTestPlan(const TestPlan& plan);

// Whether `later` happened after `earlier`: by run_at, then by id (ids grow with time).
bool RunsAfter(const TestRun& later, const TestRun& earlier);

// The latest run of each case among `runs`, by case id.
std::map<std::string, TestRun> LatestRuns(const std::vector<TestRun>& runs);

// One acceptance criterion and the cases that test it.
struct CriterionCoverage {
    std::string criterion_id;
    std::string text;
    bool done = false;
    std::vector<std::string> case_ids;  // the cases linked to it, in the order given
    bool covered = false;               // at least one case
    bool passing = false;               // covered, and the latest run of every case is a pass
};

// The coverage of each of the item's criteria, in the item's order, by `cases` (those of the
// item; links to criteria the item no longer has are ignored) and `latest` (LatestRuns of the
// runs that count).
std::vector<CriterionCoverage> CoverageOf(const Item& item,
                                          const std::vector<TestCase>& cases,
                                          const std::map<std::string, TestRun>& latest);

}  // namespace tl::domain
