// Sprints with their capacity, baseline and outcomes; scope changes (of sprints and releases);
// change requests. The items of a sprint are read in items.cpp (they are item queries).
#include <algorithm>

#include "storage/sql/sql_lists.hpp"
#include "storage/sql/sql_tx.hpp"

namespace tl::storage {
namespace {

constexpr std::string_view kSprintColumns =
    "id, workspace_id, product_id, team_id, name, goal, start_date, end_date, working_days, "
    "capacity_unit, require_approval, status, started_at, completed_at, committed_points, "
    "completed_points, created_by, version, created_at, updated_at";

constexpr std::string_view kInsertSprint =
    "INSERT INTO sprints (id, workspace_id, product_id, team_id, name, goal, start_date, "
    "end_date, working_days, capacity_unit, require_approval, status, started_at, completed_at, "
    "committed_points, completed_points, created_by, version, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdateSprint =
    "UPDATE sprints SET name = ?, goal = ?, start_date = ?, end_date = ?, working_days = ?, "
    "capacity_unit = ?, require_approval = ?, status = ?, started_at = ?, completed_at = ?, "
    "committed_points = ?, completed_points = ?, version = ?, updated_at = ? "
    "WHERE workspace_id = ? AND id = ? AND version = ?";
constexpr std::string_view kSprintExists =
    "SELECT 1 FROM sprints WHERE workspace_id = ? AND id = ?";

constexpr std::string_view kDeleteCapacity =
    "DELETE FROM sprint_capacity WHERE workspace_id = ? AND sprint_id = ?";
constexpr std::string_view kInsertCapacity =
    "INSERT INTO sprint_capacity (workspace_id, sprint_id, user_id, position, capacity, "
    "days_off) VALUES (?, ?, ?, ?, ?, ?)";
constexpr std::string_view kSelectCapacity =
    "SELECT user_id, capacity, days_off FROM sprint_capacity WHERE workspace_id = ? AND "
    "sprint_id = ? ORDER BY position";

constexpr std::string_view kInsertBaseline =
    "INSERT INTO sprint_baseline (workspace_id, sprint_id, item_id, position, points) "
    "VALUES (?, ?, ?, ?, ?)";
constexpr std::string_view kSelectBaseline =
    "SELECT item_id, points FROM sprint_baseline WHERE workspace_id = ? AND sprint_id = ? "
    "ORDER BY position";

constexpr std::string_view kInsertOutcome =
    "INSERT INTO sprint_outcomes (workspace_id, sprint_id, item_id, position, outcome, points, "
    "done_at, next_sprint_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kSelectOutcomes =
    "SELECT item_id, outcome, points, done_at, next_sprint_id FROM sprint_outcomes "
    "WHERE workspace_id = ? AND sprint_id = ? ORDER BY position";

constexpr std::string_view kInsertScopeChange =
    "INSERT INTO scope_changes (id, workspace_id, product_id, scope_type, scope_id, kind, "
    "item_id, points_before, points_after, by_id, at, reason) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kSelectScopeChanges =
    "SELECT id, workspace_id, product_id, scope_type, scope_id, kind, item_id, points_before, "
    "points_after, by_id, at, reason FROM scope_changes "
    "WHERE workspace_id = ? AND scope_type = ? AND scope_id = ? ORDER BY at, id";

// Through scope_changes_by_scope.
constexpr std::string_view kLatestScopeChangeAt =
    "SELECT MAX(at) FROM scope_changes WHERE workspace_id = ? AND scope_type = ? AND "
    "scope_id = ?";

constexpr std::string_view kRequestColumns =
    "id, workspace_id, product_id, sprint_id, kind, item_id, reason, requested_by, "
    "requested_at, status, decided_by, decided_at, note, version";
constexpr std::string_view kInsertRequest =
    "INSERT INTO change_requests (id, workspace_id, product_id, sprint_id, kind, item_id, "
    "reason, requested_by, requested_at, status, decided_by, decided_at, note, version) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdateRequest =
    "UPDATE change_requests SET status = ?, decided_by = ?, decided_at = ?, note = ?, "
    "version = ? WHERE workspace_id = ? AND id = ? AND version = ?";
constexpr std::string_view kRequestExists =
    "SELECT 1 FROM change_requests WHERE workspace_id = ? AND id = ?";

std::string JoinDays(const std::vector<int>& days) {
    std::string out;
    for (int d : days) {
        out += (out.empty() ? "" : ",") + std::to_string(d);
    }
    return out;
}

std::vector<int> SplitDays(const std::string& text) {
    std::vector<int> out;
    for (char c : text) {
        if (c >= '1' && c <= '7') {
            out.push_back(c - '0');
        }
    }
    return out;
}

domain::Sprint SprintFromRow(const SqlRow& r) {
    domain::Sprint s;
    s.id = r.Text(0);
    s.workspace_id = r.Text(1);
    s.product_id = r.Text(2);
    s.team_id = r.Text(3);
    s.name = r.Text(4);
    s.goal = r.Text(5);
    s.start_date = r.Text(6);
    s.end_date = r.Text(7);
    s.working_days = SplitDays(r.Text(8));
    s.capacity_unit = domain::ParseCapacityUnit(r.Text(9)).value_or(domain::CapacityUnit::kPoints);
    s.require_approval = r.Int(10) != 0;
    s.status = domain::ParseSprintStatus(r.Text(11)).value_or(domain::SprintStatus::kPlanned);
    s.started_at = r.Int(12);
    s.completed_at = r.Int(13);
    s.committed_points = r.Real(14).value_or(0);
    s.completed_points = r.Real(15).value_or(0);
    s.created_by = r.Text(16);
    s.version = r.Int(17);
    s.created_at = r.Int(18);
    s.updated_at = r.Int(19);
    return s;
}

domain::ScopeChange ScopeChangeFromRow(const SqlRow& r) {
    domain::ScopeChange c;
    c.id = r.Text(0);
    c.workspace_id = r.Text(1);
    c.product_id = r.Text(2);
    c.scope_type = r.Text(3);
    c.scope_id = r.Text(4);
    c.kind = domain::ParseScopeKind(r.Text(5)).value_or(domain::ScopeKind::kAdded);
    c.item_id = r.Text(6);
    c.points_before = r.Real(7);
    c.points_after = r.Real(8);
    c.by = r.Text(9);
    c.at = r.Int(10);
    c.reason = r.Text(11);
    return c;
}

domain::ChangeRequest RequestFromRow(const SqlRow& r) {
    domain::ChangeRequest c;
    c.id = r.Text(0);
    c.workspace_id = r.Text(1);
    c.product_id = r.Text(2);
    c.sprint_id = r.Text(3);
    c.kind = domain::ParseChangeRequestKind(r.Text(4)).value_or(domain::ChangeRequestKind::kAdd);
    c.item_id = r.Text(5);
    c.reason = r.Text(6);
    c.requested_by = r.Text(7);
    c.requested_at = r.Int(8);
    c.status =
        domain::ParseChangeRequestStatus(r.Text(9)).value_or(domain::ChangeRequestStatus::kOpen);
    c.decided_by = r.Text(10);
    c.decided_at = r.Int(11);
    c.note = r.Text(12);
    c.version = r.Int(13);
    return c;
}

Error SprintActive() {
    Error e = Conflict("the team already has an active sprint; complete it first");
    e.specific_code = "sprint_active";
    e.details.push_back({"team_id", "has an active sprint"});
    return e;
}

}  // namespace

Result<void> SqlTx::InsertSprint(const domain::Sprint& s) {
    auto r = conn_.Execute(kInsertSprint,
                           {s.id,
                            s.workspace_id,
                            s.product_id,
                            s.team_id,
                            s.name,
                            s.goal,
                            s.start_date,
                            s.end_date,
                            JoinDays(s.working_days),
                            std::string(domain::ToString(s.capacity_unit)),
                            std::int64_t{s.require_approval ? 1 : 0},
                            std::string(domain::ToString(s.status)),
                            s.started_at,
                            s.completed_at,
                            s.committed_points,
                            s.completed_points,
                            NullIfEmpty(s.created_by),
                            s.version,
                            s.created_at,
                            s.updated_at});
    if (!r && r.error().code == ErrorCode::kConflict) {
        return Fail(SprintActive());
    }
    TL_TRY(r);
    return {};
}

Result<void> SqlTx::UpdateSprint(const domain::Sprint& s, std::int64_t expected_version) {
    auto changed = conn_.Execute(kUpdateSprint,
                                 {s.name,
                                  s.goal,
                                  s.start_date,
                                  s.end_date,
                                  JoinDays(s.working_days),
                                  std::string(domain::ToString(s.capacity_unit)),
                                  std::int64_t{s.require_approval ? 1 : 0},
                                  std::string(domain::ToString(s.status)),
                                  s.started_at,
                                  s.completed_at,
                                  s.committed_points,
                                  s.completed_points,
                                  s.version,
                                  s.updated_at,
                                  s.workspace_id,
                                  s.id,
                                  expected_version});
    if (!changed && changed.error().code == ErrorCode::kConflict) {
        return Fail(SprintActive());
    }
    TL_TRY(changed);
    if (*changed == 1) {
        return {};
    }
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kSprintExists, {s.workspace_id, s.id}));
    return CheckVersionedUpdate(*changed, !rows.empty(), "sprint");
}

Result<void> SqlTx::DeleteSprint(const std::string& workspace_id, const std::string& id) {
    static constexpr std::string_view kDeletes[] = {
        "DELETE FROM sprint_capacity WHERE workspace_id = ? AND sprint_id = ?",
        "DELETE FROM sprint_baseline WHERE workspace_id = ? AND sprint_id = ?",
        "DELETE FROM sprint_outcomes WHERE workspace_id = ? AND sprint_id = ?",
        "DELETE FROM change_requests WHERE workspace_id = ? AND sprint_id = ?",
        "DELETE FROM scope_changes WHERE workspace_id = ? AND scope_type = 'sprint' AND "
        "scope_id = ?",
        // The review and the retrospective (docs/delivery.md).
        "DELETE FROM sprint_reviews WHERE workspace_id = ? AND sprint_id = ?",
        "DELETE FROM review_feedback WHERE workspace_id = ? AND sprint_id = ?",
        "DELETE FROM retro_votes WHERE workspace_id = ? AND sprint_id = ?",
        "DELETE FROM retro_actions WHERE workspace_id = ? AND sprint_id = ?",
        "DELETE FROM retro_cards WHERE workspace_id = ? AND sprint_id = ?",
        "DELETE FROM sprints WHERE workspace_id = ? AND id = ?",
    };
    for (std::string_view sql : kDeletes) {
        TL_TRY(conn_.Execute(sql, {workspace_id, id}));
    }
    return {};
}

Result<domain::Sprint> SqlTx::GetSprint(const std::string& workspace_id, const std::string& id) {
    TL_ASSIGN_OR_RETURN(auto rows,
                        conn_.Query("SELECT " + std::string(kSprintColumns) +
                                        " FROM sprints WHERE workspace_id = ? AND id = ?",
                                    {workspace_id, id}));
    if (rows.empty()) {
        return Fail(NotFound("sprint"));
    }
    return SprintFromRow(rows[0]);
}

Result<std::vector<domain::Sprint>> SqlTx::ListSprints(const std::string& workspace_id,
                                                       const SprintFilter& filter) {
    std::string sql =
        "SELECT " + std::string(kSprintColumns) + " FROM sprints WHERE workspace_id = ?";
    SqlParams params{workspace_id};
    if (!filter.product_id.empty()) {
        sql += " AND product_id = ?";
        params.push_back(filter.product_id);
    }
    if (!filter.team_id.empty()) {
        sql += " AND team_id = ?";
        params.push_back(filter.team_id);
    }
    if (filter.status) {
        sql += " AND status = ?";
        params.emplace_back(std::in_place_type<std::string>, domain::ToString(*filter.status));
    }
    sql += " ORDER BY start_date, created_at, id";
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(sql, params));
    std::vector<domain::Sprint> out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
        out.push_back(SprintFromRow(r));
    }
    return out;
}

Result<std::vector<domain::Sprint>> SqlTx::ListCompletedSprints(const std::string& workspace_id,
                                                                const std::string& team_id,
                                                                const std::string& product_id,
                                                                int limit) {
    TL_ASSIGN_OR_RETURN(auto rows,
                        conn_.Query("SELECT " + std::string(kSprintColumns) +
                                        " FROM sprints WHERE workspace_id = ? AND team_id = ? AND "
                                        "status = 'completed' AND product_id = ? "
                                        "ORDER BY completed_at DESC, id DESC LIMIT ?",
                                    {workspace_id, team_id, product_id, std::int64_t{limit}}));
    std::vector<domain::Sprint> out;
    for (const auto& r : rows) {
        out.push_back(SprintFromRow(r));
    }
    return out;
}

Result<void> SqlTx::PutSprintCapacity(const std::string& workspace_id,
                                      const std::string& sprint_id,
                                      const std::vector<domain::MemberCapacity>& members) {
    TL_TRY(conn_.Execute(kDeleteCapacity, {workspace_id, sprint_id}));
    for (std::size_t k = 0; k < members.size(); ++k) {
        const auto& m = members[k];
        TL_TRY(conn_.Execute(kInsertCapacity,
                             {workspace_id,
                              sprint_id,
                              m.user_id,
                              static_cast<std::int64_t>(k),
                              m.capacity,
                              JoinList(m.days_off)}));
    }
    return {};
}

Result<std::vector<domain::MemberCapacity>> SqlTx::ListSprintCapacity(
    const std::string& workspace_id, const std::string& sprint_id) {
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kSelectCapacity, {workspace_id, sprint_id}));
    std::vector<domain::MemberCapacity> out;
    for (const auto& r : rows) {
        out.push_back({r.Text(0), r.Real(1).value_or(0), SplitList(r.Text(2))});
    }
    return out;
}

Result<void> SqlTx::InsertSprintBaseline(const std::string& workspace_id,
                                         const std::string& sprint_id,
                                         const std::vector<domain::BaselineEntry>& items) {
    for (std::size_t k = 0; k < items.size(); ++k) {
        TL_TRY(conn_.Execute(kInsertBaseline,
                             {workspace_id,
                              sprint_id,
                              items[k].item_id,
                              static_cast<std::int64_t>(k),
                              NullIfAbsent(items[k].points)}));
    }
    return {};
}

Result<std::vector<domain::BaselineEntry>> SqlTx::ListSprintBaseline(
    const std::string& workspace_id, const std::string& sprint_id) {
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kSelectBaseline, {workspace_id, sprint_id}));
    std::vector<domain::BaselineEntry> out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
        out.push_back({r.Text(0), r.Real(1)});
    }
    return out;
}

Result<void> SqlTx::InsertSprintOutcomes(const std::string& workspace_id,
                                         const std::string& sprint_id,
                                         const std::vector<domain::SprintOutcome>& outcomes) {
    for (std::size_t k = 0; k < outcomes.size(); ++k) {
        const auto& o = outcomes[k];
        TL_TRY(conn_.Execute(kInsertOutcome,
                             {workspace_id,
                              sprint_id,
                              o.item_id,
                              static_cast<std::int64_t>(k),
                              std::string(domain::ToString(o.outcome)),
                              NullIfAbsent(o.points),
                              o.done_at,
                              NullIfEmpty(o.next_sprint_id)}));
    }
    return {};
}

Result<std::vector<domain::SprintOutcome>> SqlTx::ListSprintOutcomes(
    const std::string& workspace_id, const std::string& sprint_id) {
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kSelectOutcomes, {workspace_id, sprint_id}));
    std::vector<domain::SprintOutcome> out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
        domain::SprintOutcome o;
        o.item_id = r.Text(0);
        o.outcome = domain::ParseItemOutcome(r.Text(1)).value_or(domain::ItemOutcome::kReturned);
        o.points = r.Real(2);
        o.done_at = r.Int(3);
        o.next_sprint_id = r.Text(4);
        out.push_back(std::move(o));
    }
    return out;
}

Result<std::int64_t> SqlTx::LatestScopeChangeAt(const std::string& workspace_id,
                                                const std::string& scope_type,
                                                const std::string& scope_id) {
    TL_ASSIGN_OR_RETURN(auto rows,
                        conn_.Query(kLatestScopeChangeAt, {workspace_id, scope_type, scope_id}));
    return rows.empty() ? std::int64_t{0} : rows[0].Int(0);
}

Result<void> SqlTx::InsertScopeChange(const domain::ScopeChange& c) {
    TL_TRY(conn_.Execute(kInsertScopeChange,
                         {c.id,
                          c.workspace_id,
                          c.product_id,
                          c.scope_type,
                          c.scope_id,
                          std::string(domain::ToString(c.kind)),
                          c.item_id,
                          NullIfAbsent(c.points_before),
                          NullIfAbsent(c.points_after),
                          NullIfEmpty(c.by),
                          c.at,
                          c.reason}));
    return {};
}

Result<std::vector<domain::ScopeChange>> SqlTx::ListScopeChanges(const std::string& workspace_id,
                                                                 const std::string& scope_type,
                                                                 const std::string& scope_id) {
    TL_ASSIGN_OR_RETURN(auto rows,
                        conn_.Query(kSelectScopeChanges, {workspace_id, scope_type, scope_id}));
    std::vector<domain::ScopeChange> out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
        out.push_back(ScopeChangeFromRow(r));
    }
    return out;
}

Result<void> SqlTx::InsertChangeRequest(const domain::ChangeRequest& c) {
    TL_TRY(conn_.Execute(kInsertRequest,
                         {c.id,
                          c.workspace_id,
                          c.product_id,
                          c.sprint_id,
                          std::string(domain::ToString(c.kind)),
                          c.item_id,
                          c.reason,
                          c.requested_by,
                          c.requested_at,
                          std::string(domain::ToString(c.status)),
                          NullIfEmpty(c.decided_by),
                          c.decided_at,
                          c.note,
                          c.version}));
    return {};
}

Result<void> SqlTx::UpdateChangeRequest(const domain::ChangeRequest& c,
                                        std::int64_t expected_version) {
    TL_ASSIGN_OR_RETURN(auto changed,
                        conn_.Execute(kUpdateRequest,
                                      {std::string(domain::ToString(c.status)),
                                       NullIfEmpty(c.decided_by),
                                       c.decided_at,
                                       c.note,
                                       c.version,
                                       c.workspace_id,
                                       c.id,
                                       expected_version}));
    if (changed == 1) {
        return {};
    }
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kRequestExists, {c.workspace_id, c.id}));
    return CheckVersionedUpdate(changed, !rows.empty(), "change request");
}

Result<domain::ChangeRequest> SqlTx::GetChangeRequest(const std::string& workspace_id,
                                                      const std::string& id) {
    TL_ASSIGN_OR_RETURN(auto rows,
                        conn_.Query("SELECT " + std::string(kRequestColumns) +
                                        " FROM change_requests WHERE workspace_id = ? AND id = ?",
                                    {workspace_id, id}));
    if (rows.empty()) {
        return Fail(NotFound("change request"));
    }
    return RequestFromRow(rows[0]);
}

Result<std::vector<domain::ChangeRequest>> SqlTx::ListChangeRequests(
    const std::string& workspace_id,
    const std::string& sprint_id,
    std::optional<domain::ChangeRequestStatus> status) {
    std::string sql = "SELECT " + std::string(kRequestColumns) +
                      " FROM change_requests WHERE workspace_id = ? AND sprint_id = ?";
    SqlParams params{workspace_id, sprint_id};
    if (status) {
        sql += " AND status = ?";
        params.emplace_back(std::in_place_type<std::string>, domain::ToString(*status));
    }
    sql += " ORDER BY requested_at, id";
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(sql, params));
    std::vector<domain::ChangeRequest> out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
        out.push_back(RequestFromRow(r));
    }
    return out;
}

}  // namespace tl::storage
