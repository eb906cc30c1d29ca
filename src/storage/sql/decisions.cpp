// The decision log: decisions with their options and links, written and read whole.
#include <map>

#include "storage/sql/sql_lists.hpp"
#include "storage/sql/sql_tx.hpp"

namespace tl::storage {
namespace {

constexpr std::string_view kDecisionColumns =
    "SELECT d.id, d.workspace_id, d.product_id, d.title, d.context, d.decision, d.rationale, "
    "d.owner_id, d.decided_on, d.status, d.created_by, d.version, d.created_at, d.updated_at "
    "FROM decisions d ";
constexpr std::string_view kInsertDecision =
    "INSERT INTO decisions (id, workspace_id, product_id, title, context, decision, rationale, "
    "owner_id, decided_on, status, created_by, version, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdateDecision =
    "UPDATE decisions SET title = ?, context = ?, decision = ?, rationale = ?, owner_id = ?, "
    "decided_on = ?, status = ?, version = ?, updated_at = ? "
    "WHERE workspace_id = ? AND id = ? AND version = ?";
constexpr std::string_view kDecisionExists =
    "SELECT 1 FROM decisions WHERE workspace_id = ? AND id = ?";
constexpr std::string_view kDecisionsOfProduct =
    "WHERE d.workspace_id = ? AND d.product_id = ? ORDER BY d.created_at DESC, d.id DESC";
// Through decision_links_by_target.
constexpr std::string_view kDecisionsLinkedTo =
    "WHERE d.workspace_id = ? AND d.product_id = ? AND EXISTS (SELECT 1 FROM decision_links l "
    "WHERE l.workspace_id = d.workspace_id AND l.decision_id = d.id AND l.target_type = ? "
    "AND l.target_id = ?) ORDER BY d.created_at DESC, d.id DESC";

constexpr std::string_view kInsertOption =
    "INSERT INTO decision_options (workspace_id, decision_id, position, title, pros, cons) "
    "VALUES (?, ?, ?, ?, ?, ?)";
constexpr std::string_view kInsertLink =
    "INSERT INTO decision_links (workspace_id, decision_id, position, target_type, target_id) "
    "VALUES (?, ?, ?, ?, ?)";

domain::Decision DecisionFromRow(const SqlRow& r) {
    domain::Decision d;
    d.id = r.Text(0);
    d.workspace_id = r.Text(1);
    d.product_id = r.Text(2);
    d.title = r.Text(3);
    d.context = r.Text(4);
    d.decision = r.Text(5);
    d.rationale = r.Text(6);
    d.owner_id = r.Text(7);
    d.date = r.Text(8);
    d.status = domain::ParseDecisionStatus(r.Text(9)).value_or(domain::DecisionStatus::kProposed);
    d.created_by = r.Text(10);
    d.version = r.Int(11);
    d.created_at = r.Int(12);
    d.updated_at = r.Int(13);
    return d;
}

}  // namespace

Result<void> SqlTx::WriteDecisionParts(const domain::Decision& d) {
    for (std::string_view sql : {"DELETE FROM decision_options WHERE workspace_id = ? AND "
                                 "decision_id = ?",
                                 "DELETE FROM decision_links WHERE workspace_id = ? AND "
                                 "decision_id = ?"}) {
        TL_TRY(conn_.Execute(sql, {d.workspace_id, d.id}));
    }
    for (std::size_t i = 0; i < d.options.size(); ++i) {
        const auto& o = d.options[i];
        TL_TRY(conn_.Execute(
            kInsertOption,
            {d.workspace_id, d.id, static_cast<std::int64_t>(i), o.title, o.pros, o.cons}));
    }
    for (std::size_t i = 0; i < d.links.size(); ++i) {
        const auto& l = d.links[i];
        TL_TRY(conn_.Execute(kInsertLink,
                             {d.workspace_id,
                              d.id,
                              static_cast<std::int64_t>(i),
                              std::string(domain::ToString(l.type)),
                              l.id}));
    }
    return {};
}

Result<void> SqlTx::LoadDecisionParts(const std::string& workspace_id,
                                      std::vector<domain::Decision>& decisions) {
    std::map<std::string, domain::Decision*> by_id;
    std::vector<std::string> ids;
    for (auto& d : decisions) {
        by_id.emplace(d.id, &d);
        ids.push_back(d.id);
    }
    TL_TRY(ForEachIdBatch(
        workspace_id, ids, [&](const SqlParams& params, const std::string& in) -> Result<void> {
            TL_ASSIGN_OR_RETURN(auto rows,
                                conn_.Query("SELECT decision_id, title, pros, cons FROM "
                                            "decision_options WHERE workspace_id = ? AND "
                                            "decision_id IN " +
                                                in + " ORDER BY decision_id, position",
                                            params));
            for (const auto& r : rows) {
                by_id.at(r.Text(0))->options.push_back({r.Text(1), r.Text(2), r.Text(3)});
            }
            TL_ASSIGN_OR_RETURN(auto links,
                                conn_.Query("SELECT decision_id, target_type, target_id FROM "
                                            "decision_links WHERE workspace_id = ? AND "
                                            "decision_id IN " +
                                                in + " ORDER BY decision_id, position",
                                            params));
            for (const auto& r : links) {
                const auto type = domain::ParseLinkTarget(r.Text(1));
                if (type) {
                    by_id.at(r.Text(0))->links.push_back({*type, r.Text(2)});
                }
            }
            return {};
        }));
    return {};
}

Result<void> SqlTx::InsertDecision(const domain::Decision& d) {
    TL_TRY(conn_.Execute(kInsertDecision,
                         {d.id,
                          d.workspace_id,
                          d.product_id,
                          d.title,
                          d.context,
                          d.decision,
                          d.rationale,
                          NullIfEmpty(d.owner_id),
                          d.date,
                          std::string(domain::ToString(d.status)),
                          NullIfEmpty(d.created_by),
                          d.version,
                          d.created_at,
                          d.updated_at}));
    return WriteDecisionParts(d);
}

Result<void> SqlTx::UpdateDecision(const domain::Decision& d, std::int64_t expected_version) {
    TL_ASSIGN_OR_RETURN(auto changed,
                        conn_.Execute(kUpdateDecision,
                                      {d.title,
                                       d.context,
                                       d.decision,
                                       d.rationale,
                                       NullIfEmpty(d.owner_id),
                                       d.date,
                                       std::string(domain::ToString(d.status)),
                                       d.version,
                                       d.updated_at,
                                       d.workspace_id,
                                       d.id,
                                       expected_version}));
    if (changed != 1) {
        TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kDecisionExists, {d.workspace_id, d.id}));
        return CheckVersionedUpdate(changed, !rows.empty(), "decision");
    }
    return WriteDecisionParts(d);
}

Result<void> SqlTx::DeleteDecision(const std::string& workspace_id, const std::string& id) {
    static constexpr std::string_view kDeletes[] = {
        "DELETE FROM decision_options WHERE workspace_id = ? AND decision_id = ?",
        "DELETE FROM decision_links WHERE workspace_id = ? AND decision_id = ?",
        "DELETE FROM decisions WHERE workspace_id = ? AND id = ?",
    };
    for (std::string_view sql : kDeletes) {
        TL_TRY(conn_.Execute(sql, {workspace_id, id}));
    }
    return {};
}

Result<domain::Decision> SqlTx::GetDecision(const std::string& workspace_id,
                                            const std::string& id) {
    TL_ASSIGN_OR_RETURN(
        auto rows,
        conn_.Query(std::string(kDecisionColumns) + "WHERE d.workspace_id = ? AND d.id = ?",
                    {workspace_id, id}));
    if (rows.empty()) {
        return Fail(NotFound("decision"));
    }
    std::vector<domain::Decision> one{DecisionFromRow(rows[0])};
    TL_TRY(LoadDecisionParts(workspace_id, one));
    return std::move(one[0]);
}

Result<std::vector<domain::Decision>> SqlTx::ListDecisions(
    const std::string& workspace_id,
    const std::string& product_id,
    const std::optional<domain::DecisionLink>& linked) {
    std::vector<SqlRow> rows;
    if (linked) {
        TL_ASSIGN_OR_RETURN(
            rows,
            conn_.Query(std::string(kDecisionColumns) + std::string(kDecisionsLinkedTo),
                        {workspace_id,
                         product_id,
                         std::string(domain::ToString(linked->type)),
                         linked->id}));
    } else {
        TL_ASSIGN_OR_RETURN(
            rows,
            conn_.Query(std::string(kDecisionColumns) + std::string(kDecisionsOfProduct),
                        {workspace_id, product_id}));
    }
    std::vector<domain::Decision> out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
        out.push_back(DecisionFromRow(r));
    }
    TL_TRY(LoadDecisionParts(workspace_id, out));
    return out;
}

}  // namespace tl::storage
