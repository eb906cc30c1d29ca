// Strategy: vision versions, goals with key results and check-ins, initiatives, and the items
// aligned to them.
#include <limits>

#include "storage/sql/sql_lists.hpp"
#include "storage/sql/sql_tx.hpp"

namespace tl::storage {
namespace {

constexpr std::string_view kVisionColumns =
    "SELECT workspace_id, product_id, version, statement, target_customers, customer_needs, "
    "value_proposition, business_goals, updated_by, updated_at FROM visions ";
constexpr std::string_view kInsertVision =
    "INSERT INTO visions (workspace_id, product_id, version, statement, target_customers, "
    "customer_needs, value_proposition, business_goals, updated_by, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

constexpr std::string_view kGoalColumns =
    "SELECT id, workspace_id, product_id, objective, description, horizon, start_date, "
    "end_date, owner_id, state, created_by, version, created_at, updated_at FROM goals ";
constexpr std::string_view kInsertGoal =
    "INSERT INTO goals (id, workspace_id, product_id, objective, description, horizon, "
    "start_date, end_date, owner_id, state, created_by, version, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdateGoal =
    "UPDATE goals SET objective = ?, description = ?, horizon = ?, start_date = ?, "
    "end_date = ?, owner_id = ?, state = ?, version = ?, updated_at = ? "
    "WHERE workspace_id = ? AND id = ? AND version = ?";

constexpr std::string_view kKeyResultColumns =
    "SELECT id, workspace_id, product_id, goal_id, title, metric, unit, baseline, target, "
    "version, created_at, updated_at FROM key_results ";
constexpr std::string_view kInsertKeyResult =
    "INSERT INTO key_results (id, workspace_id, product_id, goal_id, title, metric, unit, "
    "baseline, target, version, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdateKeyResult =
    "UPDATE key_results SET title = ?, metric = ?, unit = ?, baseline = ?, target = ?, "
    "version = ?, updated_at = ? WHERE workspace_id = ? AND id = ? AND version = ?";

constexpr std::string_view kCheckInColumns =
    "SELECT id, workspace_id, product_id, goal_id, key_result_id, value, date, note, "
    "created_by, created_at FROM check_ins ";
constexpr std::string_view kInsertCheckIn =
    "INSERT INTO check_ins (id, workspace_id, product_id, goal_id, key_result_id, value, date, "
    "note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

constexpr std::string_view kInitiativeColumns =
    "SELECT id, workspace_id, product_id, name, description, goal_ids, owner_id, horizon, "
    "start_date, end_date, expected_outcome, status, created_by, version, created_at, "
    "updated_at, timeframe FROM initiatives ";
constexpr std::string_view kInsertInitiative =
    "INSERT INTO initiatives (id, workspace_id, product_id, name, description, goal_ids, "
    "owner_id, horizon, start_date, end_date, expected_outcome, status, created_by, version, "
    "created_at, updated_at, timeframe) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdateInitiative =
    "UPDATE initiatives SET name = ?, description = ?, goal_ids = ?, owner_id = ?, "
    "horizon = ?, start_date = ?, end_date = ?, expected_outcome = ?, status = ?, "
    "version = ?, updated_at = ?, timeframe = ? WHERE workspace_id = ? AND id = ? AND version = ?";

domain::Vision VisionFromRow(const SqlRow& r) {
    domain::Vision v;
    v.workspace_id = r.Text(0);
    v.product_id = r.Text(1);
    v.version = r.Int(2);
    v.statement = r.Text(3);
    v.target_customers = r.Text(4);
    v.customer_needs = r.Text(5);
    v.value_proposition = r.Text(6);
    v.business_goals = r.Text(7);
    v.updated_by = r.Text(8);
    v.updated_at = r.Int(9);
    return v;
}

domain::Goal GoalFromRow(const SqlRow& r) {
    domain::Goal g;
    g.id = r.Text(0);
    g.workspace_id = r.Text(1);
    g.product_id = r.Text(2);
    g.objective = r.Text(3);
    g.description = r.Text(4);
    g.horizon = domain::ParseHorizon(r.Text(5)).value_or(domain::Horizon::kQuarter);
    g.start_date = r.Text(6);
    g.end_date = r.Text(7);
    g.owner_id = r.Text(8);
    g.state = domain::ParseGoalState(r.Text(9)).value_or(domain::GoalState::kOpen);
    g.created_by = r.Text(10);
    g.version = r.Int(11);
    g.created_at = r.Int(12);
    g.updated_at = r.Int(13);
    return g;
}

domain::KeyResult KeyResultFromRow(const SqlRow& r) {
    domain::KeyResult kr;
    kr.id = r.Text(0);
    kr.workspace_id = r.Text(1);
    kr.product_id = r.Text(2);
    kr.goal_id = r.Text(3);
    kr.title = r.Text(4);
    kr.metric = r.Text(5);
    kr.unit = r.Text(6);
    kr.baseline = r.Real(7).value_or(0);
    kr.target = r.Real(8).value_or(0);
    kr.version = r.Int(9);
    kr.created_at = r.Int(10);
    kr.updated_at = r.Int(11);
    return kr;
}

domain::CheckIn CheckInFromRow(const SqlRow& r) {
    domain::CheckIn c;
    c.id = r.Text(0);
    c.workspace_id = r.Text(1);
    c.product_id = r.Text(2);
    c.goal_id = r.Text(3);
    c.key_result_id = r.Text(4);
    c.value = r.Real(5).value_or(0);
    c.date = r.Text(6);
    c.note = r.Text(7);
    c.created_by = r.Text(8);
    c.created_at = r.Int(9);
    return c;
}

domain::Initiative InitiativeFromRow(const SqlRow& r) {
    domain::Initiative i;
    i.id = r.Text(0);
    i.workspace_id = r.Text(1);
    i.product_id = r.Text(2);
    i.name = r.Text(3);
    i.description = r.Text(4);
    i.goal_ids = SplitList(r.Text(5));
    i.owner_id = r.Text(6);
    i.horizon = domain::ParseHorizon(r.Text(7));
    i.start_date = r.Text(8);
    i.end_date = r.Text(9);
    i.expected_outcome = r.Text(10);
    i.status =
        domain::ParseInitiativeStatus(r.Text(11)).value_or(domain::InitiativeStatus::kProposed);
    i.created_by = r.Text(12);
    i.version = r.Int(13);
    i.created_at = r.Int(14);
    i.updated_at = r.Int(15);
    i.timeframe = domain::ParseTimeframe(r.Text(16));
    return i;
}

SqlValue TimeframeValue(const std::optional<domain::Timeframe>& t) {
    if (!t) {
        return nullptr;
    }
    return std::string(domain::ToString(*t));
}

SqlValue HorizonValue(const std::optional<domain::Horizon>& h) {
    if (!h) {
        return nullptr;
    }
    return std::string(domain::ToString(*h));
}

template <typename T, typename FromRow>
std::vector<T> FromRows(const std::vector<SqlRow>& rows, FromRow from_row) {
    std::vector<T> out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
        out.push_back(from_row(r));
    }
    return out;
}

}  // namespace

// ---- vision ----

Result<std::optional<domain::Vision>> SqlTx::GetVision(const std::string& workspace_id,
                                                       const std::string& product_id) {
    TL_ASSIGN_OR_RETURN(
        auto rows,
        conn_.Query(std::string(kVisionColumns) +
                        "WHERE workspace_id = ? AND product_id = ? ORDER BY version DESC LIMIT 1",
                    {workspace_id, product_id}));
    if (rows.empty()) {
        return std::optional<domain::Vision>{};
    }
    return std::optional<domain::Vision>(VisionFromRow(rows[0]));
}

Result<void> SqlTx::InsertVisionVersion(const domain::Vision& v) {
    TL_TRY(conn_.Execute(kInsertVision,
                         {v.workspace_id,
                          v.product_id,
                          v.version,
                          v.statement,
                          v.target_customers,
                          v.customer_needs,
                          v.value_proposition,
                          v.business_goals,
                          NullIfEmpty(v.updated_by),
                          v.updated_at}));
    return {};
}

Result<std::vector<domain::Vision>> SqlTx::ListVisionHistory(const std::string& workspace_id,
                                                             const std::string& product_id,
                                                             std::int64_t before_version,
                                                             int limit) {
    const std::int64_t before =
        before_version > 0 ? before_version : std::numeric_limits<std::int64_t>::max();
    TL_ASSIGN_OR_RETURN(
        auto rows,
        conn_.Query(std::string(kVisionColumns) +
                        "WHERE workspace_id = ? AND product_id = ? AND version < ? "
                        "ORDER BY version DESC LIMIT ?",
                    {workspace_id, product_id, before, static_cast<std::int64_t>(limit)}));
    return FromRows<domain::Vision>(rows, VisionFromRow);
}

// ---- goals ----

Result<void> SqlTx::InsertGoal(const domain::Goal& g) {
    TL_TRY(conn_.Execute(kInsertGoal,
                         {g.id,
                          g.workspace_id,
                          g.product_id,
                          g.objective,
                          g.description,
                          std::string(domain::ToString(g.horizon)),
                          g.start_date,
                          g.end_date,
                          NullIfEmpty(g.owner_id),
                          std::string(domain::ToString(g.state)),
                          NullIfEmpty(g.created_by),
                          g.version,
                          g.created_at,
                          g.updated_at}));
    return {};
}

Result<void> SqlTx::UpdateGoal(const domain::Goal& g, std::int64_t expected_version) {
    TL_ASSIGN_OR_RETURN(auto changed,
                        conn_.Execute(kUpdateGoal,
                                      {g.objective,
                                       g.description,
                                       std::string(domain::ToString(g.horizon)),
                                       g.start_date,
                                       g.end_date,
                                       NullIfEmpty(g.owner_id),
                                       std::string(domain::ToString(g.state)),
                                       g.version,
                                       g.updated_at,
                                       g.workspace_id,
                                       g.id,
                                       expected_version}));
    if (changed == 1) {
        return {};
    }
    TL_ASSIGN_OR_RETURN(auto rows,
                        conn_.Query("SELECT 1 FROM goals WHERE workspace_id = ? AND id = ?",
                                    {g.workspace_id, g.id}));
    return CheckVersionedUpdate(changed, !rows.empty(), "goal");
}

Result<void> SqlTx::DeleteGoal(const std::string& workspace_id,
                               const std::string& id,
                               std::int64_t now) {
    TL_TRY(
        conn_.Execute("UPDATE items SET goal_id = NULL, version = version + 1, updated_at = ? "
                      "WHERE workspace_id = ? AND goal_id = ?",
                      {now, workspace_id, id}));
    static constexpr std::string_view kDeletes[] = {
        "DELETE FROM check_ins WHERE workspace_id = ? AND goal_id = ?",
        "DELETE FROM key_results WHERE workspace_id = ? AND goal_id = ?",
        "DELETE FROM goals WHERE workspace_id = ? AND id = ?",
    };
    for (std::string_view sql : kDeletes) {
        TL_TRY(conn_.Execute(sql, {workspace_id, id}));
    }
    return {};
}

Result<domain::Goal> SqlTx::GetGoal(const std::string& workspace_id, const std::string& id) {
    TL_ASSIGN_OR_RETURN(auto rows,
                        conn_.Query(std::string(kGoalColumns) + "WHERE workspace_id = ? AND id = ?",
                                    {workspace_id, id}));
    if (rows.empty()) {
        return Fail(NotFound("goal"));
    }
    return GoalFromRow(rows[0]);
}

Result<std::vector<domain::Goal>> SqlTx::ListGoals(const std::string& workspace_id,
                                                   const std::string& product_id) {
    TL_ASSIGN_OR_RETURN(
        auto rows,
        conn_.Query(std::string(kGoalColumns) + "WHERE workspace_id = ? AND product_id = ? "
                                                "ORDER BY start_date, created_at, id",
                    {workspace_id, product_id}));
    return FromRows<domain::Goal>(rows, GoalFromRow);
}

// ---- key results ----

Result<void> SqlTx::InsertKeyResult(const domain::KeyResult& kr) {
    TL_TRY(conn_.Execute(kInsertKeyResult,
                         {kr.id,
                          kr.workspace_id,
                          kr.product_id,
                          kr.goal_id,
                          kr.title,
                          kr.metric,
                          kr.unit,
                          kr.baseline,
                          kr.target,
                          kr.version,
                          kr.created_at,
                          kr.updated_at}));
    return {};
}

Result<void> SqlTx::UpdateKeyResult(const domain::KeyResult& kr, std::int64_t expected_version) {
    TL_ASSIGN_OR_RETURN(auto changed,
                        conn_.Execute(kUpdateKeyResult,
                                      {kr.title,
                                       kr.metric,
                                       kr.unit,
                                       kr.baseline,
                                       kr.target,
                                       kr.version,
                                       kr.updated_at,
                                       kr.workspace_id,
                                       kr.id,
                                       expected_version}));
    if (changed == 1) {
        return {};
    }
    TL_ASSIGN_OR_RETURN(auto rows,
                        conn_.Query("SELECT 1 FROM key_results WHERE workspace_id = ? AND id = ?",
                                    {kr.workspace_id, kr.id}));
    return CheckVersionedUpdate(changed, !rows.empty(), "key result");
}

Result<void> SqlTx::DeleteKeyResult(const std::string& workspace_id, const std::string& id) {
    TL_TRY(conn_.Execute("DELETE FROM check_ins WHERE workspace_id = ? AND key_result_id = ?",
                         {workspace_id, id}));
    TL_TRY(conn_.Execute("DELETE FROM key_results WHERE workspace_id = ? AND id = ?",
                         {workspace_id, id}));
    return {};
}

Result<domain::KeyResult> SqlTx::GetKeyResult(const std::string& workspace_id,
                                              const std::string& id) {
    TL_ASSIGN_OR_RETURN(
        auto rows,
        conn_.Query(std::string(kKeyResultColumns) + "WHERE workspace_id = ? AND id = ?",
                    {workspace_id, id}));
    if (rows.empty()) {
        return Fail(NotFound("key result"));
    }
    return KeyResultFromRow(rows[0]);
}

Result<std::vector<domain::KeyResult>> SqlTx::ListKeyResults(const std::string& workspace_id,
                                                             const std::string& product_id,
                                                             const std::string& goal_id) {
    std::string sql = std::string(kKeyResultColumns) + "WHERE workspace_id = ? AND product_id = ?";
    SqlParams params{workspace_id, product_id};
    if (!goal_id.empty()) {
        sql += " AND goal_id = ?";
        params.push_back(goal_id);
    }
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(sql + " ORDER BY created_at, id", params));
    return FromRows<domain::KeyResult>(rows, KeyResultFromRow);
}

// ---- check-ins ----

Result<void> SqlTx::InsertCheckIn(const domain::CheckIn& c) {
    TL_TRY(conn_.Execute(kInsertCheckIn,
                         {c.id,
                          c.workspace_id,
                          c.product_id,
                          c.goal_id,
                          c.key_result_id,
                          c.value,
                          c.date,
                          c.note,
                          NullIfEmpty(c.created_by),
                          c.created_at}));
    return {};
}

Result<void> SqlTx::DeleteCheckIn(const std::string& workspace_id, const std::string& id) {
    TL_TRY(conn_.Execute("DELETE FROM check_ins WHERE workspace_id = ? AND id = ?",
                         {workspace_id, id}));
    return {};
}

Result<domain::CheckIn> SqlTx::GetCheckIn(const std::string& workspace_id, const std::string& id) {
    TL_ASSIGN_OR_RETURN(
        auto rows,
        conn_.Query(std::string(kCheckInColumns) + "WHERE workspace_id = ? AND id = ?",
                    {workspace_id, id}));
    if (rows.empty()) {
        return Fail(NotFound("check-in"));
    }
    return CheckInFromRow(rows[0]);
}

Result<std::vector<domain::CheckIn>> SqlTx::ListCheckIns(const std::string& workspace_id,
                                                         const std::string& product_id,
                                                         const std::string& goal_id) {
    std::string sql = std::string(kCheckInColumns) + "WHERE workspace_id = ? AND product_id = ?";
    SqlParams params{workspace_id, product_id};
    if (!goal_id.empty()) {
        sql += " AND goal_id = ?";
        params.push_back(goal_id);
    }
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(sql + " ORDER BY date, created_at, id", params));
    return FromRows<domain::CheckIn>(rows, CheckInFromRow);
}

// ---- initiatives ----

Result<void> SqlTx::InsertInitiative(const domain::Initiative& i) {
    TL_TRY(conn_.Execute(kInsertInitiative,
                         {i.id,
                          i.workspace_id,
                          i.product_id,
                          i.name,
                          i.description,
                          JoinList(i.goal_ids),
                          NullIfEmpty(i.owner_id),
                          HorizonValue(i.horizon),
                          NullIfEmpty(i.start_date),
                          NullIfEmpty(i.end_date),
                          i.expected_outcome,
                          std::string(domain::ToString(i.status)),
                          NullIfEmpty(i.created_by),
                          i.version,
                          i.created_at,
                          i.updated_at,
                          TimeframeValue(i.timeframe)}));
    return {};
}

Result<void> SqlTx::UpdateInitiative(const domain::Initiative& i, std::int64_t expected_version) {
    TL_ASSIGN_OR_RETURN(auto changed,
                        conn_.Execute(kUpdateInitiative,
                                      {i.name,
                                       i.description,
                                       JoinList(i.goal_ids),
                                       NullIfEmpty(i.owner_id),
                                       HorizonValue(i.horizon),
                                       NullIfEmpty(i.start_date),
                                       NullIfEmpty(i.end_date),
                                       i.expected_outcome,
                                       std::string(domain::ToString(i.status)),
                                       i.version,
                                       i.updated_at,
                                       TimeframeValue(i.timeframe),
                                       i.workspace_id,
                                       i.id,
                                       expected_version}));
    if (changed == 1) {
        return {};
    }
    TL_ASSIGN_OR_RETURN(auto rows,
                        conn_.Query("SELECT 1 FROM initiatives WHERE workspace_id = ? AND id = ?",
                                    {i.workspace_id, i.id}));
    return CheckVersionedUpdate(changed, !rows.empty(), "initiative");
}

Result<void> SqlTx::DeleteInitiative(const std::string& workspace_id,
                                     const std::string& id,
                                     std::int64_t now) {
    TL_TRY(conn_.Execute(
        "UPDATE items SET initiative_id = NULL, version = version + 1, updated_at = ? "
        "WHERE workspace_id = ? AND initiative_id = ?",
        {now, workspace_id, id}));
    TL_TRY(conn_.Execute("DELETE FROM initiatives WHERE workspace_id = ? AND id = ?",
                         {workspace_id, id}));
    return {};
}

Result<domain::Initiative> SqlTx::GetInitiative(const std::string& workspace_id,
                                                const std::string& id) {
    TL_ASSIGN_OR_RETURN(
        auto rows,
        conn_.Query(std::string(kInitiativeColumns) + "WHERE workspace_id = ? AND id = ?",
                    {workspace_id, id}));
    if (rows.empty()) {
        return Fail(NotFound("initiative"));
    }
    return InitiativeFromRow(rows[0]);
}

Result<std::vector<domain::Initiative>> SqlTx::ListInitiatives(const std::string& workspace_id,
                                                               const std::string& product_id) {
    TL_ASSIGN_OR_RETURN(
        auto rows,
        conn_.Query(std::string(kInitiativeColumns) + "WHERE workspace_id = ? AND product_id = ? "
                                                      "ORDER BY created_at, id",
                    {workspace_id, product_id}));
    return FromRows<domain::Initiative>(rows, InitiativeFromRow);
}

}  // namespace tl::storage
