#include "domain/test_plan.hpp"

#include <algorithm>
#include <set>

namespace tl::domain {

std::string_view ToString(TestResult result) {
    switch (result) {
        case TestResult::kPass:
            return "pass";
        case TestResult::kFail:
            return "fail";
        case TestResult::kBlocked:
            return "blocked";
    }
    return "pass";
}

std::optional<TestResult> ParseTestResult(std::string_view text) {
    for (auto r : kAllTestResults) {
        if (ToString(r) == text) {
            return r;
        }
    }
    return std::nullopt;
}

Issues ValidateTestCase(const TestCase& c) {
    Issues issues;
    CheckLine(issues, "title", c.title, 1, kMaxTestTitleLength);
    CheckText(issues, "preconditions", c.preconditions, kMaxTestTextLength);
    CheckText(issues, "steps", c.steps, kMaxTestTextLength);
    CheckText(issues, "expected_result", c.expected_result, kMaxTestTextLength);
    if (c.criteria.size() > kMaxCaseCriteria) {
        issues.push_back(
            {"criteria", "must name at most " + std::to_string(kMaxCaseCriteria) + " criteria"});
    }
    std::set<std::string> seen;
    for (std::size_t i = 0; i < c.criteria.size(); ++i) {
        if (!seen.insert(c.criteria[i]).second) {
            issues.push_back({"criteria." + std::to_string(i), "is named twice"});
        }
    }
    return issues;
}

Issues ValidateTestPlan(const TestPlan& p) {
    Issues issues;
    CheckLine(issues, "name", p.name, 1, kMaxTestPlanNameLength);
    if (p.case_ids.size() > kMaxPlanCases) {
        issues.push_back(
            {"case_ids", "must name at most " + std::to_string(kMaxPlanCases) + " cases"});
    }
    std::set<std::string> seen;
    for (std::size_t i = 0; i < p.case_ids.size(); ++i) {
        if (!seen.insert(p.case_ids[i]).second) {
            issues.push_back({"case_ids." + std::to_string(i), "is named twice"});
        }
    }
    return issues;
}

bool RunsAfter(const TestRun& later, const TestRun& earlier) {
    if (later.run_at != earlier.run_at) {
        return later.run_at > earlier.run_at;
    }
    return later.id > earlier.id;
}

std::map<std::string, TestRun> LatestRuns(const std::vector<TestRun>& runs) {
    std::map<std::string, TestRun> latest;
    for (const auto& run : runs) {
        auto it = latest.find(run.case_id);
        if (it == latest.end()) {
            latest.emplace(run.case_id, run);
        } else if (RunsAfter(run, it->second)) {
            it->second = run;
        }
    }
    return latest;
}

std::vector<CriterionCoverage> CoverageOf(const Item& item,
                                          const std::vector<TestCase>& cases,
                                          const std::map<std::string, TestRun>& latest) {
    std::vector<CriterionCoverage> out;
    out.reserve(item.criteria.size());
    for (const auto& criterion : item.criteria) {
        CriterionCoverage c;
        c.criterion_id = criterion.id;
        c.text = criterion.text;
        c.done = criterion.done;
        bool all_pass = true;
        for (const auto& tc : cases) {
            if (tc.item_id != item.id ||
                std::find(tc.criteria.begin(), tc.criteria.end(), criterion.id) ==
                    tc.criteria.end()) {
                continue;
            }
            c.case_ids.push_back(tc.id);
            auto run = latest.find(tc.id);
            all_pass = all_pass && run != latest.end() && run->second.result == TestResult::kPass;
        }
        c.covered = !c.case_ids.empty();
        c.passing = c.covered && all_pass;
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace tl::domain
