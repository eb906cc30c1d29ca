// Test cases with the criteria they cover, test plans with their cases, and test runs.
#include <algorithm>
#include <iterator>
#include <map>

#include "storage/sql/sql_lists.hpp"
#include "storage/sql/sql_tx.hpp"

namespace tl::storage {
namespace {

constexpr std::string_view kCaseColumns =
    "SELECT id, workspace_id, product_id, item_id, title, preconditions, steps, "
    "expected_result, created_by, version, created_at, updated_at FROM test_cases ";
constexpr std::string_view kInsertCase =
    "INSERT INTO test_cases (id, workspace_id, product_id, item_id, title, preconditions, "
    "steps, expected_result, created_by, version, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdateCase =
    "UPDATE test_cases SET title = ?, preconditions = ?, steps = ?, expected_result = ?, "
    "version = ?, updated_at = ? WHERE workspace_id = ? AND id = ? AND version = ?";
constexpr std::string_view kDeleteCaseCriteria =
    "DELETE FROM test_case_criteria WHERE workspace_id = ? AND case_id = ?";
constexpr std::string_view kInsertCaseCriterion =
    "INSERT INTO test_case_criteria (workspace_id, case_id, criterion_id, position) "
    "VALUES (?, ?, ?, ?)";

constexpr std::string_view kPlanColumns =
    "SELECT id, workspace_id, product_id, name, sprint_id, release_id, created_by, version, "
    "created_at, updated_at FROM test_plans ";
constexpr std::string_view kInsertPlan =
    "INSERT INTO test_plans (id, workspace_id, product_id, name, sprint_id, release_id, "
    "created_by, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdatePlan =
    "UPDATE test_plans SET name = ?, sprint_id = ?, release_id = ?, version = ?, updated_at = ? "
    "WHERE workspace_id = ? AND id = ? AND version = ?";
constexpr std::string_view kSelectPlanCases =
    "SELECT case_id FROM test_plan_cases WHERE workspace_id = ? AND plan_id = ? "
    "ORDER BY position";
constexpr std::string_view kDeletePlanCases =
    "DELETE FROM test_plan_cases WHERE workspace_id = ? AND plan_id = ?";
constexpr std::string_view kInsertPlanCase =
    "INSERT INTO test_plan_cases (workspace_id, plan_id, case_id, position) VALUES (?, ?, ?, ?)";

constexpr std::string_view kRunColumns =
    "SELECT id, workspace_id, product_id, plan_id, case_id, result, notes, run_by, run_at, "
    "bug_id FROM test_runs ";
constexpr std::string_view kInsertRun =
    "INSERT INTO test_runs (id, workspace_id, product_id, plan_id, case_id, result, notes, "
    "run_by, run_at, bug_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

domain::TestCase CaseFromRow(const SqlRow& r) {
    domain::TestCase c;
    c.id = r.Text(0);
    c.workspace_id = r.Text(1);
    c.product_id = r.Text(2);
    c.item_id = r.Text(3);
    c.title = r.Text(4);
    c.preconditions = r.Text(5);
    c.steps = r.Text(6);
    c.expected_result = r.Text(7);
    c.created_by = r.Text(8);
    c.version = r.Int(9);
    c.created_at = r.Int(10);
    c.updated_at = r.Int(11);
    return c;
}

domain::TestPlan PlanFromRow(const SqlRow& r) {
    domain::TestPlan p;
    p.id = r.Text(0);
    p.workspace_id = r.Text(1);
    p.product_id = r.Text(2);
    p.name = r.Text(3);
    p.sprint_id = r.Text(4);
    p.release_id = r.Text(5);
    p.created_by = r.Text(6);
    p.version = r.Int(7);
    p.created_at = r.Int(8);
    p.updated_at = r.Int(9);
    return p;
}

domain::TestRun RunFromRow(const SqlRow& r) {
    domain::TestRun x;
    x.id = r.Text(0);
    x.workspace_id = r.Text(1);
    x.product_id = r.Text(2);
    x.plan_id = r.Text(3);
    x.case_id = r.Text(4);
    x.result = domain::ParseTestResult(r.Text(5)).value_or(domain::TestResult::kFail);
    x.notes = r.Text(6);
    x.run_by = r.Text(7);
    x.run_at = r.Int(8);
    x.bug_id = r.Text(9);
    return x;
}

}  // namespace

Result<void> SqlTx::LoadTestCaseCriteria(const std::string& workspace_id,
                                         std::vector<domain::TestCase>& cases) {
    std::vector<std::string> ids;
    std::map<std::string, domain::TestCase*> by_id;
    for (auto& c : cases) {
        ids.push_back(c.id);
        by_id[c.id] = &c;
    }
    return ForEachIdBatch(
        workspace_id, ids, [&](const SqlParams& params, const std::string& in) -> Result<void> {
            TL_ASSIGN_OR_RETURN(auto rows,
                                conn_.Query("SELECT case_id, criterion_id FROM test_case_criteria "
                                            "WHERE workspace_id = ? AND case_id IN " +
                                                in + " ORDER BY case_id, position",
                                            params));
            for (const auto& r : rows) {
                by_id[r.Text(0)]->criteria.push_back(r.Text(1));
            }
            return {};
        });
}

Result<void> SqlTx::WriteTestCaseCriteria(const domain::TestCase& c) {
    TL_TRY(conn_.Execute(kDeleteCaseCriteria, {c.workspace_id, c.id}));
    for (std::size_t i = 0; i < c.criteria.size(); ++i) {
        TL_TRY(conn_.Execute(kInsertCaseCriterion,
                             {c.workspace_id, c.id, c.criteria[i], static_cast<std::int64_t>(i)}));
    }
    return {};
}

Result<void> SqlTx::InsertTestCase(const domain::TestCase& c) {
    TL_TRY(conn_.Execute(kInsertCase,
                         {c.id,
                          c.workspace_id,
                          c.product_id,
                          c.item_id,
                          c.title,
                          c.preconditions,
                          c.steps,
                          c.expected_result,
                          NullIfEmpty(c.created_by),
                          c.version,
                          c.created_at,
                          c.updated_at}));
    return WriteTestCaseCriteria(c);
}

Result<void> SqlTx::UpdateTestCase(const domain::TestCase& c, std::int64_t expected_version) {
    TL_ASSIGN_OR_RETURN(auto changed,
                        conn_.Execute(kUpdateCase,
                                      {c.title,
                                       c.preconditions,
                                       c.steps,
                                       c.expected_result,
                                       c.version,
                                       c.updated_at,
                                       c.workspace_id,
                                       c.id,
                                       expected_version}));
    TL_TRY(CheckVersionedUpdate(changed, true, "test case"));
    return WriteTestCaseCriteria(c);
}

Result<void> SqlTx::DeleteTestCase(const std::string& workspace_id, const std::string& id) {
    static constexpr std::string_view kDeletes[] = {
        "DELETE FROM test_runs WHERE workspace_id = ? AND case_id = ?",
        "DELETE FROM test_plan_cases WHERE workspace_id = ? AND case_id = ?",
        "DELETE FROM test_case_criteria WHERE workspace_id = ? AND case_id = ?",
        "DELETE FROM test_cases WHERE workspace_id = ? AND id = ?",
    };
    for (std::string_view sql : kDeletes) {
        TL_TRY(conn_.Execute(sql, {workspace_id, id}));
    }
    return {};
}

Result<domain::TestCase> SqlTx::GetTestCase(const std::string& workspace_id,
                                            const std::string& id) {
    TL_ASSIGN_OR_RETURN(auto rows,
                        conn_.Query(std::string(kCaseColumns) + "WHERE workspace_id = ? AND id = ?",
                                    {workspace_id, id}));
    if (rows.empty()) {
        return Fail(NotFound("test case"));
    }
    std::vector<domain::TestCase> cases{CaseFromRow(rows[0])};
    TL_TRY(LoadTestCaseCriteria(workspace_id, cases));
    return std::move(cases[0]);
}

Result<std::vector<domain::TestCase>> SqlTx::GetTestCases(const std::string& workspace_id,
                                                          const std::vector<std::string>& ids) {
    std::vector<domain::TestCase> out;
    TL_TRY(ForEachIdBatch(
        workspace_id, ids, [&](const SqlParams& params, const std::string& in) -> Result<void> {
            TL_ASSIGN_OR_RETURN(
                auto rows,
                conn_.Query(std::string(kCaseColumns) + "WHERE " +
                                WorkspaceTermForIds(conn_.Backend(), "") + " AND id IN " + in,
                            params));
            for (const auto& r : rows) {
                out.push_back(CaseFromRow(r));
            }
            return {};
        }));
    TL_TRY(LoadTestCaseCriteria(workspace_id, out));
    return out;
}

Result<std::vector<domain::TestCase>> SqlTx::ListTestCasesOfItems(
    const std::string& workspace_id, const std::vector<std::string>& item_ids) {
    std::vector<domain::TestCase> out;
    TL_TRY(ForEachIdBatch(workspace_id,
                          item_ids,
                          [&](const SqlParams& params, const std::string& in) -> Result<void> {
                              TL_ASSIGN_OR_RETURN(
                                  auto rows,
                                  conn_.Query(std::string(kCaseColumns) +
                                                  "WHERE workspace_id = ? AND item_id IN " + in,
                                              params));
                              for (const auto& r : rows) {
                                  out.push_back(CaseFromRow(r));
                              }
                              return {};
                          }));
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return a.created_at != b.created_at ? a.created_at < b.created_at : a.id < b.id;
    });
    TL_TRY(LoadTestCaseCriteria(workspace_id, out));
    return out;
}

Result<void> SqlTx::LoadTestPlanCases(const std::string& workspace_id, domain::TestPlan& p) {
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kSelectPlanCases, {workspace_id, p.id}));
    p.case_ids.clear();
    for (const auto& r : rows) {
        p.case_ids.push_back(r.Text(0));
    }
    return {};
}

Result<void> SqlTx::WriteTestPlanCases(const domain::TestPlan& p) {
    TL_TRY(conn_.Execute(kDeletePlanCases, {p.workspace_id, p.id}));
    for (std::size_t i = 0; i < p.case_ids.size(); ++i) {
        TL_TRY(conn_.Execute(kInsertPlanCase,
                             {p.workspace_id, p.id, p.case_ids[i], static_cast<std::int64_t>(i)}));
    }
    return {};
}

Result<void> SqlTx::InsertTestPlan(const domain::TestPlan& p) {
    TL_TRY(conn_.Execute(kInsertPlan,
                         {p.id,
                          p.workspace_id,
                          p.product_id,
                          p.name,
                          NullIfEmpty(p.sprint_id),
                          NullIfEmpty(p.release_id),
                          NullIfEmpty(p.created_by),
                          p.version,
                          p.created_at,
                          p.updated_at}));
    return WriteTestPlanCases(p);
}

Result<void> SqlTx::UpdateTestPlan(const domain::TestPlan& p, std::int64_t expected_version) {
    TL_ASSIGN_OR_RETURN(auto changed,
                        conn_.Execute(kUpdatePlan,
                                      {p.name,
                                       NullIfEmpty(p.sprint_id),
                                       NullIfEmpty(p.release_id),
                                       p.version,
                                       p.updated_at,
                                       p.workspace_id,
                                       p.id,
                                       expected_version}));
    TL_TRY(CheckVersionedUpdate(changed, true, "test plan"));
    return WriteTestPlanCases(p);
}

Result<void> SqlTx::DeleteTestPlan(const std::string& workspace_id, const std::string& id) {
    static constexpr std::string_view kDeletes[] = {
        "DELETE FROM test_runs WHERE workspace_id = ? AND plan_id = ?",
        "DELETE FROM test_plan_cases WHERE workspace_id = ? AND plan_id = ?",
        "DELETE FROM test_plans WHERE workspace_id = ? AND id = ?",
    };
    for (std::string_view sql : kDeletes) {
        TL_TRY(conn_.Execute(sql, {workspace_id, id}));
    }
    return {};
}

Result<domain::TestPlan> SqlTx::GetTestPlan(const std::string& workspace_id,
                                            const std::string& id) {
    TL_ASSIGN_OR_RETURN(auto rows,
                        conn_.Query(std::string(kPlanColumns) + "WHERE workspace_id = ? AND id = ?",
                                    {workspace_id, id}));
    if (rows.empty()) {
        return Fail(NotFound("test plan"));
    }
    auto plan = PlanFromRow(rows[0]);
    TL_TRY(LoadTestPlanCases(workspace_id, plan));
    return plan;
}

Result<std::vector<domain::TestPlan>> SqlTx::ListTestPlans(const std::string& workspace_id,
                                                           const std::string& product_id,
                                                           const std::string& release_id) {
    std::string sql = std::string(kPlanColumns) + "WHERE workspace_id = ? AND product_id = ?";
    SqlParams params{workspace_id, product_id};
    if (!release_id.empty()) {
        sql += " AND release_id = ?";
        params.push_back(release_id);
    }
    sql += " ORDER BY created_at DESC, id DESC";
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(sql, params));
    std::vector<domain::TestPlan> out;
    for (const auto& r : rows) {
        out.push_back(PlanFromRow(r));
        TL_TRY(LoadTestPlanCases(workspace_id, out.back()));
    }
    return out;
}

Result<void> SqlTx::InsertTestRun(const domain::TestRun& r) {
    TL_TRY(conn_.Execute(kInsertRun,
                         {r.id,
                          r.workspace_id,
                          r.product_id,
                          r.plan_id,
                          r.case_id,
                          std::string(domain::ToString(r.result)),
                          r.notes,
                          r.run_by,
                          r.run_at,
                          NullIfEmpty(r.bug_id)}));
    return {};
}

Result<domain::TestRun> SqlTx::GetTestRun(const std::string& workspace_id, const std::string& id) {
    TL_ASSIGN_OR_RETURN(auto rows,
                        conn_.Query(std::string(kRunColumns) + "WHERE workspace_id = ? AND id = ?",
                                    {workspace_id, id}));
    if (rows.empty()) {
        return Fail(NotFound("test run"));
    }
    return RunFromRow(rows[0]);
}

Result<std::vector<domain::TestRun>> SqlTx::ListTestRunsOfPlan(const std::string& workspace_id,
                                                               const std::string& plan_id) {
    TL_ASSIGN_OR_RETURN(
        auto rows,
        conn_.Query(std::string(kRunColumns) + "WHERE workspace_id = ? AND plan_id = ? "
                                               "ORDER BY run_at DESC, id DESC",
                    {workspace_id, plan_id}));
    std::vector<domain::TestRun> out;
    for (const auto& r : rows) {
        out.push_back(RunFromRow(r));
    }
    return out;
}

Result<std::vector<domain::TestRun>> SqlTx::ListTestRunsOfCases(
    const std::string& workspace_id, const std::vector<std::string>& case_ids) {
    std::vector<domain::TestRun> out;
    TL_TRY(ForEachIdBatch(workspace_id,
                          case_ids,
                          [&](const SqlParams& params, const std::string& in) -> Result<void> {
                              TL_ASSIGN_OR_RETURN(
                                  auto rows,
                                  conn_.Query(std::string(kRunColumns) +
                                                  "WHERE workspace_id = ? AND case_id IN " + in,
                                              params));
                              for (const auto& r : rows) {
                                  out.push_back(RunFromRow(r));
                              }
                              return {};
                          }));
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return a.run_at != b.run_at ? a.run_at < b.run_at : a.id < b.id;
    });
    return out;
}

Result<void> SqlTx::SetTestRunBug(const std::string& workspace_id,
                                  const std::string& run_id,
                                  const std::string& bug_id) {
    TL_ASSIGN_OR_RETURN(
        auto changed,
        conn_.Execute("UPDATE test_runs SET bug_id = ? WHERE workspace_id = ? AND id = ?",
                      {NullIfEmpty(bug_id), workspace_id, run_id}));
    if (changed == 0) {
        return Fail(NotFound("test run"));
    }
    return {};
}

}  // namespace tl::storage
