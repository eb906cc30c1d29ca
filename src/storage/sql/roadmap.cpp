// The roadmap: the work totals of the products' initiatives in one query, and the published
// read-only links.
#include "storage/sql/sql_lists.hpp"
#include "storage/sql/sql_tx.hpp"

namespace tl::storage {
namespace {

// The items naming an initiative of the products, then their descendants naming no goal or
// initiative of their own (the hierarchy is at most four deep), summed per initiative. The walk
// carries the points and category along, so no item is looked up twice.
//
// The plan is pinned, since SQLite plans without statistics: the seed goes from the products'
// initiatives to their items by items_by_initiative (CROSS JOIN keeps that order; the product
// term is kept off the product's indexes), and each step from the rows found to their children
// by items_by_parent. The children's "no goal, no initiative" term is a COALESCE, which no index
// serves: as `goal_id IS NULL AND initiative_id IS NULL` SQLite took items_by_initiative for
// it, reading nearly every item of the workspace at every step. PostgreSQL plans the same
// query from its statistics.
std::string WorkTotalsSql(std::string_view backend, const std::string& in) {
    const std::string plus = backend == "sqlite" ? "+" : "";
    return "WITH RECURSIVE tree (id, initiative_id, depth, points, category) AS ("
           "  SELECT i.id, i.initiative_id, 0, i.points, i.category"
           "   FROM initiatives n CROSS JOIN items i"
           "   WHERE n.workspace_id = ? AND n.product_id IN " +
           in +
           "     AND i.workspace_id = n.workspace_id AND i.initiative_id = n.id"
           "     AND " +
           plus +
           "i.product_id = n.product_id"
           "  UNION ALL"
           "  SELECT c.id, w.initiative_id, w.depth + 1, c.points, c.category"
           "   FROM tree w CROSS JOIN items c"
           "   WHERE c.workspace_id = ? AND c.parent_id = w.id"
           "     AND COALESCE(c.goal_id, c.initiative_id) IS NULL AND w.depth < 4"
           ") "
           "SELECT initiative_id, COUNT(*), SUM(COALESCE(points, 0)),"
           " SUM(CASE WHEN category = 'done' THEN 1 ELSE 0 END),"
           " SUM(CASE WHEN category = 'done' THEN COALESCE(points, 0) ELSE 0 END)"
           " FROM tree GROUP BY initiative_id";
}

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
    const std::string& workspace_id, const std::vector<std::string>& product_ids) {
    std::map<std::string, WorkTotals> out;
    TL_TRY(ForEachIdBatch(
        workspace_id, product_ids, [&](SqlParams params, const std::string& in) -> Result<void> {
            params.push_back(workspace_id);
            TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(WorkTotalsSql(conn_.Backend(), in), params));
            for (const auto& r : rows) {
                WorkTotals t;
                t.items = r.Int(1);
                t.points = r.Real(2).value_or(0);
                t.done_items = r.Int(3);
                t.done_points = r.Real(4).value_or(0);
                out.emplace(r.Text(0), t);
            }
            return {};
        }));
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
