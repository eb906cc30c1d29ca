// Backlog items with their criteria, labels and custom field values; ranks; links.
#include <algorithm>
#include <iterator>
#include <map>

#include "storage/sql/item_query.hpp"
#include "storage/sql/sql_lists.hpp"
#include "storage/sql/sql_tx.hpp"

namespace tl::storage {
namespace {

constexpr std::string_view kItemColumns =
    "i.id, i.workspace_id, i.product_id, i.item_number, i.item_type, i.title, i.description, "
    "i.status, i.category, i.points, i.assignee_id, i.parent_id, i.goal_id, i.initiative_id, "
    "i.sprint_id, i.release_id, i.rank_key, i.ready_checks, i.done_checks, i.accepted_at, "
    "i.accepted_by, i.created_by, i.version, i.created_at, i.updated_at, i.priority, i.done_at";
constexpr std::size_t kItemColumnCount = 27;

// The columns an update rewrites, in this order, in both statements (ItemColumnValues).
#define TL_ITEM_MUTABLE_COLUMNS                                                            \
    "item_type, title, description, status, category, points, assignee_id, parent_id, "    \
    "goal_id, initiative_id, sprint_id, release_id, rank_key, ready_checks, done_checks, " \
    "accepted_at, accepted_by, priority, done_at"
constexpr std::string_view kInsertItem =
    "INSERT INTO items (id, workspace_id, product_id, item_number, " TL_ITEM_MUTABLE_COLUMNS
    ", created_by, version, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdateItem =
    "UPDATE items SET (" TL_ITEM_MUTABLE_COLUMNS
    ", version, updated_at) = (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "WHERE workspace_id = ? AND id = ? AND version = ?";
#undef TL_ITEM_MUTABLE_COLUMNS
constexpr std::string_view kUpdateItemRank =
    "UPDATE items SET rank_key = ?, version = ?, updated_at = ? "
    "WHERE workspace_id = ? AND id = ? AND version = ?";
constexpr std::string_view kItemExists = "SELECT 1 FROM items WHERE workspace_id = ? AND id = ?";

constexpr std::string_view kTakeNumber =
    "UPDATE item_counters SET next_number = next_number + 1 "
    "WHERE workspace_id = ? AND product_id = ? RETURNING next_number - 1";
constexpr std::string_view kStartCounter =
    "INSERT INTO item_counters (workspace_id, product_id, next_number) VALUES (?, ?, 2)";

constexpr std::string_view kDeleteCriteria =
    "DELETE FROM item_criteria WHERE workspace_id = ? AND item_id = ?";
constexpr std::string_view kInsertCriterion =
    "INSERT INTO item_criteria (workspace_id, item_id, id, position, text, done) "
    "VALUES (?, ?, ?, ?, ?, ?)";
constexpr std::string_view kDeleteLabels =
    "DELETE FROM item_labels WHERE workspace_id = ? AND item_id = ?";
constexpr std::string_view kInsertLabel =
    "INSERT INTO item_labels (workspace_id, item_id, label) VALUES (?, ?, ?)";
constexpr std::string_view kDeleteValues =
    "DELETE FROM item_field_values WHERE workspace_id = ? AND item_id = ?";
constexpr std::string_view kInsertValue =
    "INSERT INTO item_field_values (workspace_id, item_id, field_id, text_value, num_value) "
    "VALUES (?, ?, ?, ?, ?)";

// The descendants of the roots in `IN (...)`, each carrying its root and the columns summed,
// so the sums need no second pass over items (PostgreSQL would scan the table for it).
constexpr std::string_view kRollupsHead =
    "WITH RECURSIVE below(root, id, points, category) AS ("
    " SELECT parent_id, id, points, category FROM items WHERE workspace_id = ? AND parent_id IN ";
constexpr std::string_view kRollupsTail =
    " UNION ALL SELECT b.root, c.id, c.points, c.category FROM items c JOIN below b"
    " ON c.parent_id = b.id WHERE c.workspace_id = ?) "
    "SELECT root, COALESCE(SUM(points), 0), "
    "COALESCE(SUM(CASE WHEN category = 'done' THEN points ELSE 0 END), 0), COUNT(*), "
    "SUM(CASE WHEN category = 'done' THEN 1 ELSE 0 END) FROM below GROUP BY root";
constexpr std::string_view kCountInStatus =
    "SELECT COUNT(*) FROM items WHERE workspace_id = ? AND product_id = ? AND status = ?";
// Read from the items_by_product_status index alone.
constexpr std::string_view kCountByStatus =
    "SELECT status, COUNT(*) FROM items WHERE workspace_id = ? AND product_id = ? "
    "GROUP BY status";
constexpr std::string_view kCountWithField =
    "SELECT COUNT(DISTINCT v.item_id) FROM item_field_values v JOIN items i "
    "ON i.id = v.item_id AND i.workspace_id = v.workspace_id "
    "WHERE v.workspace_id = ? AND i.product_id = ? AND v.field_id = ?";

constexpr std::string_view kRankAfter =
    "SELECT rank_key FROM items WHERE workspace_id = ? AND product_id = ? AND rank_key > ? "
    "ORDER BY rank_key LIMIT 1";
constexpr std::string_view kRankBefore =
    "SELECT rank_key FROM items WHERE workspace_id = ? AND product_id = ? AND rank_key < ? "
    "ORDER BY rank_key DESC LIMIT 1";
constexpr std::string_view kFirstRank =
    "SELECT rank_key FROM items WHERE workspace_id = ? AND product_id = ? "
    "ORDER BY rank_key LIMIT 1";
constexpr std::string_view kLastRank =
    "SELECT rank_key FROM items WHERE workspace_id = ? AND product_id = ? "
    "ORDER BY rank_key DESC LIMIT 1";
constexpr std::string_view kRankOrder =
    "SELECT id, rank_key FROM items WHERE workspace_id = ? AND product_id = ? ORDER BY rank_key";
constexpr std::string_view kSetRank =
    "UPDATE items SET rank_key = ? WHERE workspace_id = ? AND product_id = ? AND id = ?";

constexpr std::string_view kInsertLink =
    "INSERT INTO item_links (id, workspace_id, product_id, kind, source_id, target_id, "
    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kDeleteLink = "DELETE FROM item_links WHERE workspace_id = ? AND id = ?";
constexpr std::string_view kLinkColumns =
    "SELECT id, workspace_id, product_id, kind, source_id, target_id, created_at FROM item_links ";
constexpr std::string_view kBlocksEdges =
    "SELECT source_id, target_id FROM item_links WHERE workspace_id = ? AND product_id = ? "
    "AND kind = 'blocks'";

// The values of TL_ITEM_MUTABLE_COLUMNS, appended to `params`.
void AppendMutableValues(const domain::Item& i, SqlParams& params) {
    params.insert(params.end(),
                  {std::string(domain::ToString(i.type)),
                   i.title,
                   i.description,
                   i.status,
                   std::string(domain::ToString(i.category)),
                   NullIfAbsent(i.points),
                   NullIfEmpty(i.assignee_id),
                   NullIfEmpty(i.parent_id),
                   NullIfEmpty(i.goal_id),
                   NullIfEmpty(i.initiative_id),
                   NullIfEmpty(i.sprint_id),
                   NullIfEmpty(i.release_id),
                   i.rank,
                   JoinList(i.ready_checks),
                   JoinList(i.done_checks),
                   i.accepted_at,
                   NullIfEmpty(i.accepted_by),
                   std::string(domain::ToString(i.priority)),
                   i.done_at});
}

domain::Item ItemFromRow(const SqlRow& r) {
    domain::Item i;
    i.id = r.Text(0);
    i.workspace_id = r.Text(1);
    i.product_id = r.Text(2);
    i.number = r.Int(3);
    i.type = domain::ParseItemType(r.Text(4)).value_or(domain::ItemType::kStory);
    i.title = r.Text(5);
    i.description = r.Text(6);
    i.status = r.Text(7);
    i.category = domain::ParseStatusCategory(r.Text(8)).value_or(domain::StatusCategory::kToDo);
    i.points = r.Real(9);
    i.assignee_id = r.Text(10);
    i.parent_id = r.Text(11);
    i.goal_id = r.Text(12);
    i.initiative_id = r.Text(13);
    i.sprint_id = r.Text(14);
    i.release_id = r.Text(15);
    i.rank = r.Text(16);
    i.ready_checks = SplitList(r.Text(17));
    i.done_checks = SplitList(r.Text(18));
    i.accepted_at = r.Int(19);
    i.accepted_by = r.Text(20);
    i.created_by = r.Text(21);
    i.version = r.Int(22);
    i.created_at = r.Int(23);
    i.updated_at = r.Int(24);
    i.priority = domain::ParsePriority(r.Text(25)).value_or(domain::Priority::kMedium);
    i.done_at = r.Int(26);
    return i;
}

domain::ItemLink LinkFromRow(const SqlRow& r) {
    domain::ItemLink l;
    l.id = r.Text(0);
    l.workspace_id = r.Text(1);
    l.product_id = r.Text(2);
    const auto kind = r.Text(3);
    l.kind = kind == "blocks"       ? domain::LinkKind::kBlocks
             : kind == "duplicates" ? domain::LinkKind::kDuplicates
                                    : domain::LinkKind::kRelates;
    l.source_id = r.Text(4);
    l.target_id = r.Text(5);
    l.created_at = r.Int(6);
    return l;
}

Error RankTaken() {
    return Conflict("another item took this position in the backlog at the same moment");
}

}  // namespace

Result<std::int64_t> SqlTx::TakeItemNumber(const std::string& workspace_id,
                                           const std::string& product_id) {
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kTakeNumber, {workspace_id, product_id}));
    if (!rows.empty()) {
        return rows[0].Int(0);
    }
    TL_TRY(conn_.Execute(kStartCounter, {workspace_id, product_id}));
    return std::int64_t{1};
}

Result<void> SqlTx::WriteItemParts(const domain::Item& item) {
    const auto& ws = item.workspace_id;
    TL_TRY(conn_.Execute(kDeleteCriteria, {ws, item.id}));
    for (std::size_t p = 0; p < item.criteria.size(); ++p) {
        const auto& c = item.criteria[p];
        TL_TRY(conn_.Execute(kInsertCriterion,
                             {ws,
                              item.id,
                              c.id,
                              static_cast<std::int64_t>(p),
                              c.text,
                              std::int64_t{c.done ? 1 : 0}}));
    }
    TL_TRY(conn_.Execute(kDeleteLabels, {ws, item.id}));
    for (const auto& label : item.labels) {
        TL_TRY(conn_.Execute(kInsertLabel, {ws, item.id, label}));
    }
    TL_TRY(conn_.Execute(kDeleteValues, {ws, item.id}));
    for (const auto& [field_id, value] : item.fields) {
        if (value.number) {
            TL_TRY(conn_.Execute(kInsertValue, {ws, item.id, field_id, nullptr, *value.number}));
        }
        for (const auto& text : value.texts) {
            TL_TRY(conn_.Execute(kInsertValue, {ws, item.id, field_id, text, nullptr}));
        }
    }
    return {};
}

// What a versioned item write that changed `changed` rows means: a rank key taken by a
// concurrent writer, a missing item, or a stale version.
Result<void> SqlTx::CheckItemWrite(Result<std::int64_t> changed, const domain::Item& i) {
    if (!changed && changed.error().code == ErrorCode::kConflict) {
        return Fail(RankTaken());
    }
    TL_TRY(changed);
    if (*changed == 0) {
        TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kItemExists, {i.workspace_id, i.id}));
        return CheckVersionedUpdate(0, !rows.empty(), "item");
    }
    return {};
}

Result<void> SqlTx::InsertItem(const domain::Item& i) {
    SqlParams params{i.id, i.workspace_id, i.product_id, i.number};
    AppendMutableValues(i, params);
    params.insert(params.end(), {NullIfEmpty(i.created_by), i.version, i.created_at, i.updated_at});
    TL_TRY(CheckItemWrite(conn_.Execute(kInsertItem, params), i));
    return WriteItemParts(i);
}

Result<void> SqlTx::UpdateItem(const domain::Item& i, std::int64_t expected_version) {
    SqlParams params;
    AppendMutableValues(i, params);
    params.insert(params.end(), {i.version, i.updated_at, i.workspace_id, i.id, expected_version});
    TL_TRY(CheckItemWrite(conn_.Execute(kUpdateItem, params), i));
    return WriteItemParts(i);
}

Result<void> SqlTx::UpdateItemRank(const domain::Item& i, std::int64_t expected_version) {
    return CheckItemWrite(
        conn_.Execute(kUpdateItemRank,
                      {i.rank, i.version, i.updated_at, i.workspace_id, i.id, expected_version}),
        i);
}

Result<void> SqlTx::DeleteItem(const std::string& workspace_id, const std::string& id) {
    TL_TRY(
        conn_.Execute("DELETE FROM poker_votes WHERE workspace_id = ? AND round_id IN "
                      "(SELECT id FROM poker_rounds WHERE workspace_id = ? AND item_id = ?)",
                      {workspace_id, workspace_id, id}));
    TL_TRY(conn_.Execute(
        "DELETE FROM item_links WHERE workspace_id = ? AND (source_id = ? OR target_id = ?)",
        {workspace_id, id, id}));
    // Its test cases, with their criteria links, places in test plans and runs.
    static constexpr std::string_view kCaseDeletes[] = {
        "DELETE FROM test_runs WHERE workspace_id = ? AND case_id IN "
        "(SELECT id FROM test_cases WHERE workspace_id = ? AND item_id = ?)",
        "DELETE FROM test_plan_cases WHERE workspace_id = ? AND case_id IN "
        "(SELECT id FROM test_cases WHERE workspace_id = ? AND item_id = ?)",
        "DELETE FROM test_case_criteria WHERE workspace_id = ? AND case_id IN "
        "(SELECT id FROM test_cases WHERE workspace_id = ? AND item_id = ?)",
    };
    for (std::string_view sql : kCaseDeletes) {
        TL_TRY(conn_.Execute(sql, {workspace_id, workspace_id, id}));
    }
    // Its prioritisation scores (their history stays, as the event log does).
    TL_TRY(conn_.Execute("DELETE FROM item_scores WHERE workspace_id = ? AND item_id = ?",
                         {workspace_id, id}));
    static constexpr std::string_view kDeletes[] = {
        "DELETE FROM test_cases WHERE workspace_id = ? AND item_id = ?",
        "DELETE FROM poker_rounds WHERE workspace_id = ? AND item_id = ?",
        "DELETE FROM comments WHERE workspace_id = ? AND item_id = ?",
        "DELETE FROM item_watchers WHERE workspace_id = ? AND item_id = ?",
        "DELETE FROM notifications WHERE workspace_id = ? AND item_id = ?",
        "DELETE FROM item_search WHERE workspace_id = ? AND item_id = ?",
        "DELETE FROM item_criteria WHERE workspace_id = ? AND item_id = ?",
        "DELETE FROM item_labels WHERE workspace_id = ? AND item_id = ?",
        "DELETE FROM item_field_values WHERE workspace_id = ? AND item_id = ?",
        "DELETE FROM items WHERE workspace_id = ? AND id = ?",
    };
    for (std::string_view sql : kDeletes) {
        TL_TRY(conn_.Execute(sql, {workspace_id, id}));
    }
    return {};
}

Result<std::vector<domain::Item>> SqlTx::QueryItems(std::string_view sql, const SqlParams& params) {
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(sql, params));
    std::vector<domain::Item> items;
    items.reserve(rows.size());
    for (const auto& r : rows) {
        items.push_back(ItemFromRow(r));
    }
    if (!items.empty()) {
        TL_TRY(LoadItemParts(items[0].workspace_id, items));
    }
    return items;
}

Result<void> SqlTx::LoadItemParts(const std::string& workspace_id,
                                  std::vector<domain::Item>& items) {
    std::map<std::string, domain::Item*, std::less<>> by_id;
    std::vector<std::string> ids;
    for (auto& item : items) {
        by_id[item.id] = &item;
        ids.push_back(item.id);
    }
    // Three queries per batch of ids, whatever the page holds.
    return ForEachIdBatch(
        workspace_id, ids, [&](const SqlParams& params, const std::string& in) -> Result<void> {
            TL_ASSIGN_OR_RETURN(
                auto criteria,
                conn_.Query(
                    "SELECT item_id, id, text, done FROM item_criteria WHERE workspace_id = ? "
                    "AND item_id IN " +
                        in + " ORDER BY item_id, position",
                    params));
            for (const auto& r : criteria) {
                by_id[r.Text(0)]->criteria.push_back({r.Text(1), r.Text(2), r.Int(3) != 0});
            }
            TL_ASSIGN_OR_RETURN(
                auto labels,
                conn_.Query("SELECT item_id, label FROM item_labels WHERE workspace_id = ? "
                            "AND item_id IN " +
                                in + " ORDER BY item_id, label",
                            params));
            for (const auto& r : labels) {
                by_id[r.Text(0)]->labels.push_back(r.Text(1));
            }
            TL_ASSIGN_OR_RETURN(
                auto values,
                conn_.Query("SELECT item_id, field_id, text_value, num_value FROM "
                            "item_field_values WHERE workspace_id = ? AND item_id IN " +
                                in + " ORDER BY item_id, field_id, text_value",
                            params));
            for (const auto& r : values) {
                auto& value = by_id[r.Text(0)]->fields[r.Text(1)];
                if (!r.IsNull(2)) {
                    value.texts.push_back(r.Text(2));
                } else {
                    value.number = r.Real(3);
                }
            }
            return {};
        });
}

Result<domain::Item> SqlTx::GetItem(const std::string& workspace_id, const std::string& id) {
    TL_ASSIGN_OR_RETURN(auto items,
                        QueryItems("SELECT " + std::string(kItemColumns) +
                                       " FROM items i WHERE i.workspace_id = ? AND i.id = ?",
                                   {workspace_id, id}));
    if (items.empty()) {
        return Fail(NotFound("item"));
    }
    return std::move(items[0]);
}

Result<std::optional<domain::Item>> SqlTx::FindItemByKey(const std::string& workspace_id,
                                                         const std::string& product_key,
                                                         std::int64_t number) {
    TL_ASSIGN_OR_RETURN(auto items,
                        QueryItems("SELECT " + std::string(kItemColumns) +
                                       " FROM items i JOIN products p ON p.id = i.product_id "
                                       "AND p.workspace_id = i.workspace_id WHERE "
                                       "i.workspace_id = ? AND p.product_key = ? AND "
                                       "i.item_number = ?",
                                   {workspace_id, product_key, number}));
    if (items.empty()) {
        return std::optional<domain::Item>{};
    }
    return std::optional<domain::Item>(std::move(items[0]));
}

Result<std::vector<domain::Item>> SqlTx::GetItems(const std::string& workspace_id,
                                                  const std::vector<std::string>& ids) {
    std::vector<domain::Item> out;
    TL_TRY(ForEachIdBatch(
        workspace_id, ids, [&](const SqlParams& params, const std::string& in) -> Result<void> {
            TL_ASSIGN_OR_RETURN(
                auto items,
                QueryItems("SELECT " + std::string(kItemColumns) + " FROM items i WHERE " +
                               WorkspaceTermForIds(conn_.Backend(), "i.") + " AND i.id IN " + in,
                           params));
            std::move(items.begin(), items.end(), std::back_inserter(out));
            return {};
        }));
    return out;
}

Result<std::vector<domain::Item>> SqlTx::ListChildren(const std::string& workspace_id,
                                                      const std::string& parent_id) {
    return QueryItems("SELECT " + std::string(kItemColumns) +
                          " FROM items i WHERE i.workspace_id = ? AND i.parent_id = ? "
                          "ORDER BY i.rank_key",
                      {workspace_id, parent_id});
}

Result<std::vector<domain::Item>> SqlTx::ListAlignedItems(const std::string& workspace_id,
                                                          const std::string& product_id) {
    return QueryItems("SELECT " + std::string(kItemColumns) +
                          " FROM items i WHERE i.workspace_id = ? AND i.product_id = ? AND "
                          "(i.goal_id IS NOT NULL OR i.initiative_id IS NOT NULL) "
                          "ORDER BY i.rank_key",
                      {workspace_id, product_id});
}

// The seed is the scope's aligning items, read by items_by_goal and items_by_initiative; each
// step goes from the rows found to their children by items_by_parent; the plan is pinned as in
// InitiativeWorkTotals (storage/sql/roadmap.cpp): SQLite's unary plus keeps the other terms off
// the indexes they would otherwise pick without statistics, and the children's "no goal, no
// initiative" term is a COALESCE, which no index serves.
Result<std::vector<WorkEntry>> SqlTx::ListWork(const std::string& workspace_id,
                                               const std::string& product_id,
                                               const WorkScope& scope) {
    std::vector<WorkEntry> out;
    if (scope.goal_id.empty() && scope.initiative_ids.empty()) {
        return out;
    }
    const std::string plus = conn_.Backend() == "sqlite" ? "+" : "";
    std::vector<std::string> seeds;
    SqlParams params;
    if (!scope.goal_id.empty()) {
        seeds.push_back(
            "SELECT s.id, 'goal' AS via FROM items s WHERE s.workspace_id = ? AND "
            "s.goal_id = ? AND " +
            plus + "s.product_id = ?");
        params.insert(params.end(), {workspace_id, scope.goal_id, product_id});
    }
    if (!scope.initiative_ids.empty()) {
        // A goal's initiatives count for it only with items naming no other goal.
        seeds.push_back(
            "SELECT s.id, 'initiative' AS via FROM items s WHERE s.workspace_id = ? "
            "AND s.initiative_id IN (" +
            Placeholders(scope.initiative_ids.size()) + ") AND " + plus + "s.product_id = ?" +
            (scope.goal_id.empty() ? "" : " AND " + plus + "s.goal_id IS NULL"));
        params.push_back(workspace_id);
        params.insert(params.end(), scope.initiative_ids.begin(), scope.initiative_ids.end());
        params.push_back(product_id);
    }
    std::string seed = seeds[0];
    for (std::size_t k = 1; k < seeds.size(); ++k) {
        seed += " UNION ALL " + seeds[k];
    }
    params.insert(params.end(), {workspace_id, workspace_id});
    const std::string sql =
        "WITH RECURSIVE tree (id, via, depth) AS ("
        "  SELECT a.id, a.via, 0 FROM (" +
        seed +
        ") a"
        "  UNION ALL"
        "  SELECT c.id, w.via, w.depth + 1 FROM tree w CROSS JOIN items c"
        "   WHERE c.workspace_id = ? AND c.parent_id = w.id"
        "     AND COALESCE(c.goal_id, c.initiative_id) IS NULL AND w.depth < 4"
        ") "
        "SELECT " +
        std::string(kItemColumns) +
        ", t.via FROM tree t CROSS JOIN items i WHERE i.id = t.id AND " +
        WorkspaceTermForIds(conn_.Backend(), "i.") + " ORDER BY i.rank_key, i.id";
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(sql, params));
    out.reserve(rows.size());
    for (const auto& r : rows) {
        out.push_back({ItemFromRow(r), r.Text(kItemColumnCount)});
    }
    return out;
}

Result<std::map<std::string, domain::Rollup>> SqlTx::RollupsOf(
    const std::string& workspace_id, const std::vector<std::string>& item_ids) {
    std::map<std::string, domain::Rollup> out;
    TL_TRY(ForEachIdBatch(
        workspace_id, item_ids, [&](SqlParams params, const std::string& in) -> Result<void> {
            params.push_back(workspace_id);
            TL_ASSIGN_OR_RETURN(
                auto rows,
                conn_.Query(std::string(kRollupsHead) + in + std::string(kRollupsTail), params));
            for (const auto& r : rows) {
                out[r.Text(0)] = {r.Real(1).value_or(0), r.Real(2).value_or(0), r.Int(3), r.Int(4)};
            }
            return {};
        }));
    return out;
}

Result<std::int64_t> SqlTx::CountItemsInStatus(const std::string& workspace_id,
                                               const std::string& product_id,
                                               const std::string& status) {
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kCountInStatus, {workspace_id, product_id, status}));
    return rows.empty() ? 0 : rows[0].Int(0);
}

Result<void> SqlTx::DeleteFieldValues(const std::string& workspace_id,
                                      const std::string& field_id) {
    TL_TRY(conn_.Execute("DELETE FROM item_field_values WHERE workspace_id = ? AND field_id = ?",
                         {workspace_id, field_id}));
    return {};
}

Result<std::int64_t> SqlTx::CountItemsWithField(const std::string& workspace_id,
                                                const std::string& product_id,
                                                const std::string& field) {
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kCountWithField, {workspace_id, product_id, field}));
    return rows.empty() ? 0 : rows[0].Int(0);
}

Result<std::string> SqlTx::NeighbourRank(const std::string& workspace_id,
                                         const std::string& product_id,
                                         const std::string& rank,
                                         bool after) {
    TL_ASSIGN_OR_RETURN(
        auto rows, conn_.Query(after ? kRankAfter : kRankBefore, {workspace_id, product_id, rank}));
    return rows.empty() ? std::string() : rows[0].Text(0);
}

Result<std::string> SqlTx::EdgeRank(const std::string& workspace_id,
                                    const std::string& product_id,
                                    bool last) {
    TL_ASSIGN_OR_RETURN(auto rows,
                        conn_.Query(last ? kLastRank : kFirstRank, {workspace_id, product_id}));
    return rows.empty() ? std::string() : rows[0].Text(0);
}

Result<std::vector<RankedId>> SqlTx::ListRankOrder(const std::string& workspace_id,
                                                   const std::string& product_id) {
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kRankOrder, {workspace_id, product_id}));
    std::vector<RankedId> ids;
    ids.reserve(rows.size());
    for (const auto& r : rows) {
        ids.push_back({r.Text(0), r.Text(1)});
    }
    return ids;
}

Result<void> SqlTx::RewriteRanks(const std::string& workspace_id,
                                 const std::string& product_id,
                                 const std::vector<std::string>& ids,
                                 const std::vector<std::string>& ranks) {
    // Two passes, so no intermediate state collides with the unique key: first a temporary
    // key outside the alphabet of rank keys ('~' sorts after it), then the final one.
    for (std::size_t k = 0; k < ids.size(); ++k) {
        TL_TRY(conn_.Execute(kSetRank, {"~" + ranks[k], workspace_id, product_id, ids[k]}));
    }
    for (std::size_t k = 0; k < ids.size(); ++k) {
        TL_TRY(conn_.Execute(kSetRank, {ranks[k], workspace_id, product_id, ids[k]}));
    }
    return {};
}

Result<void> SqlTx::InsertLink(const domain::ItemLink& l) {
    auto r = conn_.Execute(kInsertLink,
                           {l.id,
                            l.workspace_id,
                            l.product_id,
                            std::string(domain::ToString(l.kind)),
                            l.source_id,
                            l.target_id,
                            l.created_at});
    if (!r && r.error().code == ErrorCode::kConflict) {
        return Fail(Conflict("these items are already linked this way"));
    }
    TL_TRY(r);
    return {};
}

Result<void> SqlTx::DeleteLink(const std::string& workspace_id, const std::string& id) {
    TL_TRY(conn_.Execute(kDeleteLink, {workspace_id, id}));
    return {};
}

Result<domain::ItemLink> SqlTx::GetLink(const std::string& workspace_id, const std::string& id) {
    TL_ASSIGN_OR_RETURN(auto rows,
                        conn_.Query(std::string(kLinkColumns) + "WHERE workspace_id = ? AND id = ?",
                                    {workspace_id, id}));
    if (rows.empty()) {
        return Fail(NotFound("link"));
    }
    return LinkFromRow(rows[0]);
}

Result<std::vector<domain::ItemLink>> SqlTx::ListLinksOf(const std::string& workspace_id,
                                                         const std::string& item_id) {
    TL_ASSIGN_OR_RETURN(
        auto rows,
        conn_.Query(std::string(kLinkColumns) +
                        "WHERE workspace_id = ? AND (source_id = ? OR target_id = ?) "
                        "ORDER BY created_at, id",
                    {workspace_id, item_id, item_id}));
    std::vector<domain::ItemLink> links;
    for (const auto& r : rows) {
        links.push_back(LinkFromRow(r));
    }
    return links;
}

Result<std::vector<std::pair<std::string, std::string>>> SqlTx::ListBlocksEdges(
    const std::string& workspace_id, const std::string& product_id) {
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kBlocksEdges, {workspace_id, product_id}));
    std::vector<std::pair<std::string, std::string>> edges;
    for (const auto& r : rows) {
        edges.emplace_back(r.Text(0), r.Text(1));
    }
    return edges;
}

// ---- the items of a sprint, through the items_by_sprint index ----

Result<std::vector<domain::Item>> SqlTx::ListSprintItems(const std::string& workspace_id,
                                                         const std::string& sprint_id) {
    return QueryItems("SELECT " + std::string(kItemColumns) +
                          " FROM items i WHERE i.workspace_id = ? AND i.sprint_id = ? "
                          "ORDER BY i.rank_key",
                      {workspace_id, sprint_id});
}

Result<void> SqlTx::SetItemsSprint(const std::string& workspace_id,
                                   const std::vector<std::string>& item_ids,
                                   const std::string& sprint_id,
                                   std::int64_t now) {
    return SetItemsReference(workspace_id, item_ids, "sprint_id", sprint_id, now);
}

Result<void> SqlTx::SetItemsReference(const std::string& workspace_id,
                                      const std::vector<std::string>& item_ids,
                                      std::string_view column,
                                      const std::string& value,
                                      std::int64_t now) {
    const std::string head = "UPDATE items SET " + std::string(column) +
                             " = ?, version = version + 1, updated_at = ? WHERE " +
                             WorkspaceTermForIds(conn_.Backend(), "") + " AND id IN ";
    return ForEachIdBatch(
        workspace_id, item_ids, [&](const SqlParams& ids, const std::string& in) -> Result<void> {
            SqlParams params{NullIfEmpty(value), now};
            params.insert(params.end(), ids.begin(), ids.end());
            TL_TRY(conn_.Execute(head + in, params));
            return {};
        });
}

Result<std::map<std::string, SprintTotals>> SqlTx::SprintTotalsOf(
    const std::string& workspace_id, const std::vector<std::string>& sprint_ids) {
    std::map<std::string, SprintTotals> out;
    TL_TRY(ForEachIdBatch(
        workspace_id,
        sprint_ids,
        [&](const SqlParams& params, const std::string& in) -> Result<void> {
            TL_ASSIGN_OR_RETURN(
                auto rows,
                conn_.Query("SELECT sprint_id, COUNT(*), COALESCE(SUM(points), 0), "
                            "COALESCE(SUM(CASE WHEN category = 'done' THEN points ELSE 0 END), "
                            "0), SUM(CASE WHEN points IS NULL THEN 1 ELSE 0 END) FROM items "
                            "WHERE workspace_id = ? AND sprint_id IN " +
                                in + " GROUP BY sprint_id",
                            params));
            for (const auto& r : rows) {
                out[r.Text(0)] = {r.Int(1), r.Real(2).value_or(0), r.Real(3).value_or(0), r.Int(4)};
            }
            return {};
        }));
    return out;
}

}  // namespace tl::storage

namespace tl::storage {

Result<ItemPage> SqlTx::ListItems(const std::string& workspace_id, const ItemQuery& query) {
    auto parsed = domain::query::ParseItemQuery(query.filter);
    if (!parsed.ok()) {
        return Fail(QueryValidationError(*parsed.error));
    }
    ItemQueryContext context;
    static_cast<domain::ItemQueryContext&>(context) = query.context;
    context.workspace_id = workspace_id;
    context.product_id = query.product_id;
    context.backend = conn_.Backend();
    TL_ASSIGN_OR_RETURN(auto compiled, CompileItemQuery(parsed.query, context));
    std::string sql = "SELECT " + std::string(kItemColumns) +
                      " FROM items i WHERE i.workspace_id = ? AND i.product_id = ? AND (" +
                      compiled.where + ")";
    SqlParams params{workspace_id, query.product_id};
    for (auto& p : compiled.params) {
        params.push_back(std::move(p));
    }
    if (!query.types.empty()) {
        sql += " AND i.item_type IN (" + Placeholders(query.types.size()) + ")";
        for (auto t : query.types) {
            params.emplace_back(std::string(domain::ToString(t)));
        }
    }
    if (!query.sprint_id.empty()) {
        sql += " AND i.sprint_id = ?";
        params.push_back(query.sprint_id);
    }
    // Rank order pages by the rank key (unique per product): the cursor is the last key.
    // Any other order pages by position ("@<offset>").
    std::int64_t offset = 0;
    if (compiled.ranked_order) {
        if (!query.cursor.empty()) {
            sql += " AND i.rank_key > ?";
            params.push_back(query.cursor);
        }
    } else if (!query.cursor.empty()) {
        if (query.cursor[0] != '@' || query.cursor.size() > 12 ||
            query.cursor.find_first_not_of("0123456789", 1) != std::string::npos ||
            query.cursor.size() < 2) {
            return Fail(ValidationFailed({{"cursor", "is not a cursor of this query"}}));
        }
        offset = std::stoll(query.cursor.substr(1));
    }
    sql += " ORDER BY " + compiled.order_by + " LIMIT ? OFFSET ?";
    for (auto& p : compiled.order_params) {
        params.push_back(std::move(p));
    }
    params.push_back(std::int64_t{query.limit + 1});
    params.push_back(offset);
    ItemPage page;
    TL_ASSIGN_OR_RETURN(page.items, QueryItems(sql, params));
    if (static_cast<int>(page.items.size()) > query.limit) {
        page.items.resize(query.limit);
        page.next_cursor = compiled.ranked_order ? page.items.back().rank
                                                 : "@" + std::to_string(offset + query.limit);
    }
    return page;
}

}  // namespace tl::storage

namespace tl::storage {

Result<std::map<std::string, std::int64_t>> SqlTx::CountItemsByStatus(
    const std::string& workspace_id, const std::string& product_id) {
    TL_ASSIGN_OR_RETURN(auto rows, conn_.Query(kCountByStatus, {workspace_id, product_id}));
    std::map<std::string, std::int64_t> counts;
    for (const auto& r : rows) {
        counts[r.Text(0)] = r.Int(1);
    }
    return counts;
}

}  // namespace tl::storage
