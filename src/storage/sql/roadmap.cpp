// The roadmap: the work totals of a product's initiatives in one query, and the published
// read-only links.
#include "storage/sql/sql_tx.hpp"

namespace tl::storage {
namespace {

// The items naming an initiative, then their descendants naming no goal or initiative of their
// own (the hierarchy is at most four deep), summed per initiative. The walk carries the points
// and category along, so no item is looked up twice.
constexpr std::string_view kWorkTotals =
    "WITH RECURSIVE tree (id, initiative_id, depth, points, category) AS ("
    "  SELECT id, initiative_id, 0, points, category FROM items"
    "   WHERE workspace_id = ? AND product_id = ? AND initiative_id IS NOT NULL"
    "  UNION ALL"
    "  SELECT c.id, w.initiative_id, w.depth + 1, c.points, c.category"
    "   FROM items c JOIN tree w ON c.parent_id = w.id"
    "   WHERE c.workspace_id = ? AND c.goal_id IS NULL AND c.initiative_id IS NULL"
    "     AND w.depth < 4"
    ") "
    "SELECT initiative_id, COUNT(*), SUM(COALESCE(points, 0)),"
    " SUM(CASE WHEN category = 'done' THEN 1 ELSE 0 END),"
    " SUM(CASE WHEN category = 'done' THEN COALESCE(points, 0) ELSE 0 END)"
    " FROM tree GROUP BY initiative_id";

constexpr std::string_view kShareColumns =
    "SELECT id, workspace_id, product_id, token_hash, created_by, created_at "
    "FROM roadmap_shares ";

domain::RoadmapShare ShareFromRow(const SqlRow& r) {
    domain::RoadmapShare s;
    s.id = r.Text(0);
    s.workspace_id = r.Text(1);
    s.product_id = r.Text(2);
    s.token_hash = r.Text(3);
    s.created_by = r.Text(4);
    s.created_at = r.Int(5);
    return s;
}

}  // namespace

Result<std::map<std::string, WorkTotals>> SqlTx::InitiativeWorkTotals(
    const std::string& workspace_id, const std::string& product_id) {
    TL_ASSIGN_OR_RETURN(auto rows,
                        conn_.Query(kWorkTotals, {workspace_id, product_id, workspace_id}));
    std::map<std::string, WorkTotals> out;
    for (const auto& r : rows) {
        WorkTotals t;
        t.items = r.Int(1);
        t.points = r.Real(2).value_or(0);
        t.done_items = r.Int(3);
        t.done_points = r.Real(4).value_or(0);
        out.emplace(r.Text(0), t);
    }
    return out;
}

Result<void> SqlTx::InsertRoadmapShare(const domain::RoadmapShare& s) {
    auto r = conn_.Execute(
        "INSERT INTO roadmap_shares (id, workspace_id, product_id, token_hash, created_by, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?)",
        {s.id,
         s.workspace_id,
         s.product_id,
         s.token_hash,
         NullIfEmpty(s.created_by),
         s.created_at});
    if (!r && r.error().code == ErrorCode::kConflict) {
        return Fail(Conflict("a roadmap link with this token exists"));
    }
    TL_TRY(r);
    return {};
}

Result<domain::RoadmapShare> SqlTx::GetRoadmapShare(const std::string& workspace_id,
                                                    const std::string& id) {
    TL_ASSIGN_OR_RETURN(
        auto rows,
        conn_.Query(std::string(kShareColumns) + "WHERE workspace_id = ? AND id = ?",
                    {workspace_id, id}));
    if (rows.empty()) {
        return Fail(NotFound("roadmap link"));
    }
    return ShareFromRow(rows[0]);
}

Result<std::optional<domain::RoadmapShare>> SqlTx::FindRoadmapShareByTokenHash(
    const std::string& token_hash) {
    TL_ASSIGN_OR_RETURN(
        auto rows, conn_.Query(std::string(kShareColumns) + "WHERE token_hash = ?", {token_hash}));
    if (rows.empty()) {
        return std::optional<domain::RoadmapShare>();
    }
    return std::optional<domain::RoadmapShare>(ShareFromRow(rows[0]));
}

Result<std::vector<domain::RoadmapShare>> SqlTx::ListRoadmapShares(const std::string& workspace_id,
                                                                   const std::string& product_id) {
    TL_ASSIGN_OR_RETURN(
        auto rows,
        conn_.Query(std::string(kShareColumns) + "WHERE workspace_id = ? AND product_id = ? "
                                                 "ORDER BY created_at, id",
                    {workspace_id, product_id}));
    std::vector<domain::RoadmapShare> out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
        out.push_back(ShareFromRow(r));
    }
    return out;
}

Result<void> SqlTx::DeleteRoadmapShare(const std::string& workspace_id, const std::string& id) {
    TL_TRY(conn_.Execute("DELETE FROM roadmap_shares WHERE workspace_id = ? AND id = ?",
                         {workspace_id, id}));
    return {};
}

}  // namespace tl::storage
